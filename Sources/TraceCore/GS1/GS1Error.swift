/// Why a set of AI values was refused, with a stable id and the position of the fault.
public struct GS1Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// What rule was broken.
    public enum Kind: String, Sendable {
        case unknownAI = "GS1-UNKNOWN-AI"
        case tooShort = "GS1-TOO-SHORT"
        case tooLong = "GS1-TOO-LONG"
        case badCharacter = "GS1-CHARSET"
        case badCheckDigit = "GS1-CHECK"
        case badDate = "GS1-DATE"
        case noPrimaryKey = "GS1-NO-KEY"
        case notDigitalLinkAttribute = "GS1-DL-ATTRIBUTE"
        case badStem = "GS1-DL-STEM"
    }

    public let kind: Kind
    /// The AI concerned, when there is one.
    public let ai: String?
    /// 1-based character position inside the value, when the fault has one.
    public let position: Int?
    /// What was found.
    public let found: String
    /// What was expected, in words.
    public let expected: String

    public init(_ kind: Kind, ai: String?, position: Int? = nil, found: String, expected: String) {
        self.kind = kind
        self.ai = ai
        self.position = position
        self.found = found
        self.expected = expected
    }

    /// The stable id, e.g. `GS1-CHECK`.
    public var id: String { kind.rawValue }

    public var description: String {
        var text = "[\(id)]"
        if let ai { text += " AI (\(ai))" }
        if let position { text += " position \(position)" }
        text += ": found \(found), expected \(expected)"
        return text
    }
}
