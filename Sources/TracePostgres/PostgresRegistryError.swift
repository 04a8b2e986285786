import TraceCore

/// A PostgreSQL registry that cannot be reached, set up or written.
public enum PostgresRegistryError: Error, CustomStringConvertible, Sendable {
    /// The registry URL is not one TraceLabel can use.
    case badURL(String, String)
    /// The server refused or dropped the connection, or a statement failed.
    case database(url: String, operation: String, detail: String)
    /// The schema is older than this program (run `tracelabel registry migrate`) or newer (upgrade TraceLabel).
    case schema(url: String, found: Int, expected: Int)
    /// A counter space that cannot hold the reservation.
    case counterExhausted(namespace: String, next: UInt64, needed: UInt64, max: UInt64)

    public var description: String {
        switch self {
        case .badURL(let url, let rule): "registry '\(url)': \(rule)"
        case .database(let url, let operation, let detail): "registry '\(url)': \(operation) failed: \(detail)"
        case .schema(let url, let found, let expected):
            found < expected
                ? "registry '\(url)': its schema is version \(found), this program needs \(expected): migrate it (tracelabel registry migrate) as its owner"
                : "registry '\(url)': its schema is version \(found), newer than this program knows (\(expected)): upgrade TraceLabel"
        case .counterExhausted(let ns, let next, let needed, let max):
            "\(ns): \(needed) more serials needed from counter \(next) but the serial space ends at \(max): widen code.serial_width (or import a larger pool)"
        }
    }
}

extension PostgresRegistryError: TraceError {
    public var id: String {
        switch self {
        case .badURL: "REGISTRY-URL"
        case .database: "REGISTRY-DATABASE"
        case .schema: "REGISTRY-SCHEMA"
        case .counterExhausted: "COUNTER-EXHAUSTED"
        }
    }
    public var field: String { "registry" }
    public var value: String {
        switch self {
        case .badURL(let url, _), .database(let url, _, _), .schema(let url, _, _): url
        case .counterExhausted(let ns, _, _, _): ns
        }
    }
    public var rule: String { description }
    public var category: ErrorCategory {
        switch self {
        case .badURL: .usage
        case .database: .unavailable
        case .schema: .configuration
        case .counterExhausted: .invalidData
        }
    }
    public func message(naming: (String) -> String) -> String { description }
}
