import TraceCore

/// The symbologies a label template may choose, and which form of the trace code each carries.
///
/// Plain QR carries the code's payload (the GS1 Digital Link URI, the Ecode URL or the bare Ecode) through
/// libqrencode; the GS1 symbologies carry the GS1 element string in GS1 mode (FNC1 first) through libzint, and
/// refuse an Ecode.
public enum Symbology: String, Sendable, CaseIterable, Codable {
    case qr
    case gs1QR = "gs1-qr"
    case gs1DataMatrix = "gs1-datamatrix"
    case gs1_128 = "gs1-128"

    /// The AIM symbology identifier a reader reports: `]Q1` for a plain QR URL, `]Q3`, `]d2`, `]C1` for GS1.
    public var symbologyIdentifier: String {
        switch self {
        case .qr: "]Q1"
        case .gs1QR: "]Q3"
        case .gs1DataMatrix: "]d2"
        case .gs1_128: "]C1"
        }
    }

    /// True for a one-row (linear) symbol.
    public var isLinear: Bool { self == .gs1_128 }

    /// The text a reader shows for `code` in this symbology: the plain QR payload (Digital Link URI, Ecode URL or
    /// bare Ecode), or the element string in HRI form (`(01)…(21)…`) for GS1 symbols.
    public func readerText(for code: TraceCode) -> String {
        self == .qr ? code.payload : code.hri
    }

    /// Encodes `code` for a template's symbol box.
    /// - Throws: `SymbolError` when the encoder refuses the data (zint warnings count as errors).
    public func encode(_ code: TraceCode, box: LabelTemplate.SymbolBox) throws(SymbolError) -> SymbolMatrix {
        switch self {
        case .qr:
            return try QRCodeEncoder.encode(code.payload, errorCorrection: box.errorCorrection, minimumVersion: box.minimumVersion)
        case .gs1QR, .gs1DataMatrix, .gs1_128:
            if let ecode = code.ecode { throw .notGS1(symbology: rawValue, code: ecode.description) }
            // Bracketed AIs are zint's input syntax; GS1 values (CSET 82/39) never contain brackets.
            let bracketed = code.elements.map { "[\($0.ai)]\($0.value)" }.joined()
            let gs1: ZintEncoder.GS1Symbology = self == .gs1QR ? .gs1QR : self == .gs1DataMatrix ? .gs1DataMatrix : .gs1_128
            return try ZintEncoder.encode(bracketed: bracketed, as: gs1, errorCorrection: box.errorCorrection, minimumVersion: box.minimumVersion)
        }
    }
}
