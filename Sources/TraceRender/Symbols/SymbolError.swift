/// Why a symbol could not be made.
public enum SymbolError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptyPayload
    case encoderFailed(library: String, payload: String, reason: String)

    public var description: String {
        switch self {
        case .emptyPayload: "nothing to encode: the symbol payload is empty"
        case .encoderFailed(let lib, let payload, let reason): "\(lib) could not encode '\(payload)': \(reason)"
        }
    }
}
