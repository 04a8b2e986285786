/// Why a set of AI values, an element string or a Digital Link URI was refused, with a stable id and the position of
/// the fault.
public struct GS1Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// What rule was broken. The raw value is the stable id.
    public enum Kind: String, Sendable, CaseIterable {
        case unknownAI = "GS1-UNKNOWN-AI"
        case tooShort = "GS1-TOO-SHORT"
        case tooLong = "GS1-TOO-LONG"
        case badCharacter = "GS1-CHARSET"
        case badCheckDigit = "GS1-CHECK"
        case badCheckPair = "GS1-CHECK-PAIR"
        case badCompanyPrefix = "GS1-GCP"
        case badDate = "GS1-DATE"
        case badTime = "GS1-TIME"
        /// Another value linter failed (piece of total, yes/no, latitude, IBAN, …).
        case badValue = "GS1-VALUE"
        case missingRequisite = "GS1-REQUIRES"
        case mutuallyExclusive = "GS1-EXCLUDES"
        case repeatedDiffers = "GS1-REPEAT"
        /// Input that is not an element string at all (bad brackets, empty, missing AI).
        case badSyntax = "GS1-SYNTAX"
        /// Scanner output whose symbology identifier does not announce GS1 data.
        case notGS1 = "GS1-NOT-GS1"
        case noPrimaryKey = "GS1-NO-KEY"
        case notDigitalLinkAttribute = "GS1-DL-ATTRIBUTE"
        case badStem = "GS1-DL-STEM"
        case digitalLinkSyntax = "GS1-DL-SYNTAX"
        case zeroSuppressedGTIN = "GS1-DL-GTIN-PADDING"
        case qualifierOrder = "GS1-DL-QUALIFIER-ORDER"
        case qualifierInQuery = "GS1-DL-PATH-ONLY"
        case duplicateAttribute = "GS1-DL-DUPLICATE"
        case badPercentEncoding = "GS1-DL-PERCENT"
    }

    /// The rule broken.
    public let kind: Kind
    /// The AI concerned, when there is one.
    public let ai: String?
    /// 1-based character position inside the value (or inside the input, for faults outside any value).
    public let position: Int?
    /// What was found.
    public let found: String
    /// What was expected, in words.
    public let expected: String
    /// 1-based character position in the parsed input (element string, HRI, scan data or URI), set by the parsers.
    public let inputPosition: Int?

    /// An error; parsers add `inputPosition` with `located(at:)`.
    public init(_ kind: Kind, ai: String?, position: Int? = nil, found: String, expected: String, inputPosition: Int? = nil) {
        self.kind = kind
        self.ai = ai
        self.position = position
        self.found = found
        self.expected = expected
        self.inputPosition = inputPosition
    }

    /// The same error, located at `inputPosition` of the parsed input.
    public func located(at inputPosition: Int) -> GS1Error {
        GS1Error(kind, ai: ai, position: position, found: found, expected: expected, inputPosition: inputPosition)
    }

    /// The stable id, e.g. `GS1-CHECK`.
    public var id: String { kind.rawValue }

    /// `[GS1-DATE] AI (17) position 3 (character 25 of the input): found …, expected …`.
    public var description: String {
        var text = "[\(id)]"
        if let ai { text += " AI (\(ai))" }
        if let position { text += " position \(position)" }
        if let inputPosition { text += " (character \(inputPosition) of the input)" }
        text += ": found \(found), expected \(expected)"
        return text
    }
}
