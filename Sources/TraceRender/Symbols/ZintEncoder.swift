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
    /// - Parameters:
    ///   - errorCorrection: QR error-correction level (GS1 QR only).
    ///   - minimumVersion: smallest QR version (GS1 QR only); zint picks the smallest that fits, then this is enforced.
    public static func encode(bracketed: String, as symbology: GS1Symbology,
                              errorCorrection: QRCodeEncoder.ErrorCorrection = .M, minimumVersion: Int = 1) throws(SymbolError) -> SymbolMatrix {
        let first = try encodeOnce(bracketed: bracketed, as: symbology, errorCorrection: errorCorrection, version: 0)
        if symbology == .gs1QR, minimumVersion > 1, first.width < 17 + 4 * minimumVersion {
            return try encodeOnce(bracketed: bracketed, as: symbology, errorCorrection: errorCorrection, version: minimumVersion)
        }
        return first
    }

    private static func encodeOnce(bracketed: String, as symbology: GS1Symbology,
                                   errorCorrection: QRCodeEncoder.ErrorCorrection, version: Int) throws(SymbolError) -> SymbolMatrix {
        guard let symbol = ZBarcode_Create() else {
            throw SymbolError.encoderFailed(library: "libzint", payload: bracketed, reason: "out of memory")
        }
        defer { ZBarcode_Delete(symbol) }
        symbol.pointee.symbology = symbology.zintID
        symbol.pointee.input_mode = Int32(GS1_MODE)
        if symbology == .gs1DataMatrix { symbol.pointee.option_3 = Int32(DM_SQUARE) }
        if symbology == .gs1QR {
            // zint numbers QR levels 1 (L) to 4 (H); option_2 fixes the version.
            symbol.pointee.option_1 = Int32(QRCodeEncoder.ErrorCorrection.allCases.firstIndex(of: errorCorrection)! + 1)
            if version > 0 { symbol.pointee.option_2 = Int32(version) }
        }
        let bytes = Array(bracketed.utf8)
        // Warnings (status 1-4, e.g. ZINT_WARN_NONCOMPLIANT for a bad check digit) are errors here.
        symbol.pointee.warn_level = Int32(WARN_FAIL_ALL)
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
