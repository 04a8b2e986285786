/// Why a symbol could not be made.
public enum SymbolError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptyPayload
    case encoderFailed(library: String, payload: String, reason: String)
    /// A GS1 symbology was asked to carry a code that is not GS1 data (an Ecode).
    case notGS1(symbology: String, code: String)

    public var description: String {
        switch self {
        case .emptyPayload: "nothing to encode: the symbol payload is empty"
        case .encoderFailed(let lib, let payload, let reason): "\(lib) could not encode '\(payload)': \(reason)"
        case .notGS1(let symbology, let code):
            "\(symbology) carries GS1 data only, and '\(code)' is an Ecode: use the qr symbology (the Ecode URL or the bare Ecode)"
        }
    }
}
