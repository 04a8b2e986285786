/// One issued trace code: a GS1 element string or an Ecode, and every form derived from it.
public struct TraceCode: Hashable, Sendable {
    /// What the code is, in the scheme it was issued under.
    public enum Form: Hashable, Sendable {
        /// AI/value pairs in carrier order.
        case gs1(ElementString)
        /// An Ecode (GB/T 31866) V1-V3 code.
        case ecode(Ecode)
    }

    public let form: Form
    /// The URL a consumer's phone opens: the GS1 Digital Link URI on the product's resolver stem, or the Ecode
    /// resolver URL (`{resolver}/E={ecode}` unless the product file sets another pattern).
    public let digitalLink: String
    /// What a plain QR symbol carries: the URL, or for an Ecode product with `code.ecode.payload: plain` the bare Ecode.
    public let payload: String

    /// Builds and validates the GS1 forms for `elements`.
    public init(elements: [AIElement], resolver: String) throws(GS1Error) {
        let elementString = try ElementString(elements)
        form = .gs1(elementString)
        digitalLink = try DigitalLink.uri(for: elements, stem: resolver)
        payload = digitalLink
    }

    /// An Ecode trace code, with its URL and QR payload as `settings` say.
    public init(ecode: Ecode, settings: EcodeSettings) {
        form = .ecode(ecode)
        digitalLink = settings.url(for: ecode)
        payload = settings.payload == .plain ? ecode.description : digitalLink
    }

    /// The GS1 element string, for a GS1 code.
    public var elementString: ElementString? { if case .gs1(let e) = form { e } else { nil } }
    /// The Ecode, for an Ecode code.
    public var ecode: Ecode? { if case .ecode(let e) = form { e } else { nil } }
    /// GS1 AI/value pairs (empty for an Ecode).
    public var elements: [AIElement] { elementString?.elements ?? [] }
    /// The code as the registry records it: `(01)…(21)…` for GS1, the Ecode text for an Ecode.
    public var hri: String {
        switch form {
        case .gs1(let e): e.hri
        case .ecode(let e): e.description
        }
    }
    /// The line printed under the symbol: the GS1 HRI, or `Ecode: <code>`.
    public var humanReadable: String {
        switch form {
        case .gs1(let e): e.hri
        case .ecode(let e): "Ecode: \(e.description)"
        }
    }
    /// Element string with GS separators, without the leading FNC1 (empty for an Ecode).
    public var data: String { elementString?.data ?? "" }
    /// The serial (AI 21), if this code has one.
    public var serial: String? { elementString?.value(of: "21") }
    /// The GTIN (AI 01).
    public var gtin: String? { elementString?.value(of: "01") }
    /// The identity the registry keeps unique: GS1 key + qualifiers (the Digital Link path without resolver), or
    /// `E=<ecode>`.
    public var identity: String {
        switch form {
        case .gs1(let e): e.elements.filter { ["01", "10", "21", "22", "00"].contains($0.ai) }.map { "(\($0.ai))\($0.value)" }.joined()
        case .ecode(let e): "E=\(e.description)"
        }
    }

    /// The GS1 code for one unit of `product` in `mode`; `serial` is required in item mode only.
    /// - Parameter lot: the lot (AI 10) when it is not the product file's `batch.lot` (a lot from `code.lot_format`).
    public static func make(for product: ProductSpec, mode: AllocationMode, serial: String?, lot: String? = nil) throws(GS1Error) -> TraceCode {
        guard let gtin = product.gtin else {
            throw GS1Error(.noPrimaryKey, ai: "01", found: "no product.gtin for '\(product.name)'", expected: "a GTIN: GS1 codes are built on it")
        }
        var elements = [AIElement("01", gtin.digits14)]
        switch mode {
        case .item:
            elements.append(AIElement("11", product.productionDate.gs1))
            elements.append(AIElement("10", lot ?? product.lot))
            elements.append(AIElement("21", serial ?? ""))
        case .batch:
            elements.append(AIElement("11", product.productionDate.gs1))
            elements.append(AIElement("10", lot ?? product.lot))
        case .category:
            break
        }
        return try TraceCode(elements: elements, resolver: product.resolver)
    }
}
