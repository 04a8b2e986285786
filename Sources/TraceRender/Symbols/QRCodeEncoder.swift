import CQRencode
#if canImport(Glibc)
import Glibc
#endif

/// Plain (non-GS1) QR codes through libqrencode, for URL payloads such as GS1 Digital Link and Ecode URLs.
///
/// libqrencode cannot make GS1 (FNC1-first) QR codes: those go through ``ZintEncoder``.
public enum QRCodeEncoder {
    /// QR error-correction level.
    public enum ErrorCorrection: String, Sendable, CaseIterable, Codable {
        case L, M, Q, H
        var c: QRecLevel {
            switch self {
            case .L: QR_ECLEVEL_L
            case .M: QR_ECLEVEL_M
            case .Q: QR_ECLEVEL_Q
            case .H: QR_ECLEVEL_H
            }
        }
    }

    /// Encodes `text` as 8-bit byte data (case-sensitive, as URLs need).
    /// - Parameter minimumVersion: 1…40; libqrencode picks a larger one when the data needs it.
    public static func encode(_ text: String, errorCorrection: ErrorCorrection = .M, minimumVersion: Int = 1) throws(SymbolError) -> SymbolMatrix {
        guard !text.isEmpty else { throw SymbolError.emptyPayload }
        let bytes = Array(text.utf8)
        errno = 0
        guard let code = bytes.withUnsafeBufferPointer({ QRcode_encodeData(Int32($0.count), $0.baseAddress, Int32(minimumVersion), errorCorrection.c) }) else {
            let reason = errno == ERANGE ? "the data is too long for any QR version at level \(errorCorrection.rawValue)" : String(cString: strerror(errno))
            throw SymbolError.encoderFailed(library: "libqrencode", payload: text, reason: reason)
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        var modules = [Bool](repeating: false, count: width * width)
        let data = code.pointee.data!
        for i in 0..<(width * width) { modules[i] = data[i] & 1 == 1 }
        return SymbolMatrix(width: width, height: width, modules: modules, quietZone: 4, symbologyIdentifier: "]Q1")
    }
}
