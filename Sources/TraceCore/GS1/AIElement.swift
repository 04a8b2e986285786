/// One Application Identifier with its value, e.g. `(21) 0000000001`.
///
/// Codes are held as these pairs; element strings, HRI text and Digital Link URIs are derived forms.
public struct AIElement: Hashable, Sendable, Codable {
    /// The AI digits, e.g. `"01"`.
    public let ai: String
    /// The value as it appears after the AI, without separators or escaping.
    public let value: String

    public init(_ ai: String, _ value: String) {
        self.ai = ai
        self.value = value
    }
}
