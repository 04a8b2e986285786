/// A service configuration that cannot be used, naming the field, the value and the rule it breaks.
public struct ServiceConfigError: Error, CustomStringConvertible, Sendable {
    /// The configuration file.
    public let file: String
    /// Dotted field path, e.g. `listen.port`.
    public let field: String
    public let value: String
    public let rule: String

    public init(file: String, field: String, value: String, rule: String) {
        self.file = file
        self.field = field
        self.value = value
        self.rule = rule
    }

    public var description: String { "\(file): \(field): '\(value)': \(rule)" }
}
