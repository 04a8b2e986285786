/// One problem found in a product or party file: which field, the value, and the rule it breaks.
public struct ProductFinding: Equatable, Sendable, CustomStringConvertible {
    /// Stable id, e.g. `GS1-CHECK`, `FIELD-MISSING`.
    public let id: String
    /// Dotted field path, e.g. `product.gtin`.
    public let field: String
    /// The offending value, or `nil` when the field is missing.
    public let value: String?
    /// The rule, in words for the person at the line.
    public let rule: String

    public init(id: String, field: String, value: String?, rule: String) {
        self.id = id
        self.field = field
        self.value = value
        self.rule = rule
    }

    public var description: String {
        if let value { return "\(field): '\(value)': \(rule) [\(id)]" }
        return "\(field): \(rule) [\(id)]"
    }
}

/// A product file that cannot be used, with every finding (not only the first).
public struct ProductValidationError: Error, Equatable, Sendable, CustomStringConvertible {
    public let findings: [ProductFinding]

    public init(findings: [ProductFinding]) { self.findings = findings }

    public var description: String {
        "product file has \(findings.count) problem\(findings.count == 1 ? "" : "s"):\n"
            + findings.map { "  " + $0.description }.joined(separator: "\n")
    }
}
