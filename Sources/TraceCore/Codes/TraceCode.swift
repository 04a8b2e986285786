/// One issued trace code: its AI/value pairs and every form derived from them.
public struct TraceCode: Hashable, Sendable {
    /// The pairs, in carrier order.
    public let elementString: ElementString
    /// GS1 Digital Link URI on the product's resolver stem.
    public let digitalLink: String

    /// Builds and validates the forms for `elements`.
    public init(elements: [AIElement], resolver: String) throws(GS1Error) {
        elementString = try ElementString(elements)
        digitalLink = try DigitalLink.uri(for: elements, stem: resolver)
    }

    public var elements: [AIElement] { elementString.elements }
    /// `(01)…(21)…`.
    public var hri: String { elementString.hri }
    /// Element string with GS separators, without the leading FNC1.
    public var data: String { elementString.data }
    /// The serial (AI 21), if this code has one.
    public var serial: String? { elementString.value(of: "21") }
    /// The GTIN (AI 01).
    public var gtin: String? { elementString.value(of: "01") }
    /// The identity the registry keeps unique: the Digital Link path without resolver, which names key + qualifiers.
    public var identity: String {
        elements.filter { ["01", "10", "21", "22", "00"].contains($0.ai) }.map { "(\($0.ai))\($0.value)" }.joined()
    }

    /// The code for one unit of `product` in `mode`; `serial` is required in item mode only.
    /// - Parameter lot: the lot (AI 10) when it is not the product file's `batch.lot` (a lot from `code.lot_format`).
    public static func make(for product: ProductSpec, mode: AllocationMode, serial: String?, lot: String? = nil) throws(GS1Error) -> TraceCode {
        var elements = [AIElement("01", product.gtin.digits14)]
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
