import CZint

/// GS1-mode symbols (GS1 QR, GS1 DataMatrix, GS1-128) through libzint, which signals FNC1 properly.
///
/// zint's warnings (for example a bad check digit, `ZINT_WARN_NONCOMPLIANT`) are treated as errors: a
/// non-compliant trace code must never be printed.
public enum ZintEncoder {
    /// The GS1 carriers TraceLabel prints.
    public enum GS1Symbology: String, Sendable, CaseIterable, Codable {
        case gs1QR = "gs1-qr"
        case gs1DataMatrix = "gs1-datamatrix"
        case gs1_128 = "gs1-128"

        var zintID: Int32 {
            switch self {
            case .gs1QR: Int32(BARCODE_QRCODE)
            case .gs1DataMatrix: Int32(BARCODE_DATAMATRIX)
            case .gs1_128: Int32(BARCODE_GS1_128)
            }
        }

        var quietZone: Int {
            switch self {
            case .gs1QR: 4
            case .gs1DataMatrix: 1
            case .gs1_128: 10
            }
        }

        var aim: String {
            switch self {
            case .gs1QR: "]Q3"
            case .gs1DataMatrix: "]d2"
            case .gs1_128: "]C1"
            }
        }
    }

    /// Encodes a bracketed GS1 element string, `[01]09520123456788[21]ABC`, in GS1 mode.
    public static func encode(bracketed: String, as symbology: GS1Symbology) throws(SymbolError) -> SymbolMatrix {
        guard let symbol = ZBarcode_Create() else {
            throw SymbolError.encoderFailed(library: "libzint", payload: bracketed, reason: "out of memory")
        }
        defer { ZBarcode_Delete(symbol) }
        symbol.pointee.symbology = symbology.zintID
        symbol.pointee.input_mode = Int32(GS1_MODE)
        if symbology == .gs1DataMatrix { symbol.pointee.option_3 = Int32(DM_SQUARE) }
        if symbology == .gs1QR { symbol.pointee.option_1 = 2 } // ECC level M
        let bytes = Array(bracketed.utf8)
        let status = bytes.withUnsafeBufferPointer { ZBarcode_Encode(symbol, $0.baseAddress, Int32($0.count)) }
        if status != 0 {
            throw SymbolError.encoderFailed(library: "libzint", payload: bracketed,
                                            reason: "status \(status): " + String(cString: CZint_errorText(symbol)))
        }
        let rows = Int(CZint_rows(symbol)), width = Int(CZint_width(symbol))
        var modules = [Bool](repeating: false, count: rows * width)
        for r in 0..<rows { for c in 0..<width { modules[r * width + c] = CZint_moduleIsSet(symbol, Int32(r), Int32(c)) != 0 } }
        return SymbolMatrix(width: width, height: rows, modules: modules, quietZone: symbology.quietZone, symbologyIdentifier: symbology.aim)
    }
}
