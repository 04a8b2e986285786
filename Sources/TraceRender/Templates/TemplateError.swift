/// Why a template, sheet or printer profile file cannot be used. Names the file, the field, the value and the rule.
public struct TemplateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file (or template name) concerned.
    public let file: String
    /// Dotted path of the field, e.g. `texts[2].min_size`; empty for the whole file.
    public let field: String
    public let value: String
    public let rule: String

    public init(file: String, field: String, value: String, rule: String) {
        self.file = file
        self.field = field
        self.value = value
        self.rule = rule
    }

    public var description: String {
        let location = field.isEmpty ? file : "\(file): \(field)"
        return value.isEmpty ? "\(location): \(rule)" : "\(location): '\(value)': \(rule)"
    }
}
