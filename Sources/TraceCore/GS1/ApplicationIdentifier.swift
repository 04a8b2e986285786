/// The character set an AI component may use.
public enum GS1CharacterSet: String, Sendable {
    /// Digits 0-9.
    case numeric = "N"
    /// CSET 82: the GS1 invariant subset of ISO 646.
    case cset82 = "X"
    /// CSET 39: `#-/0-9A-Z`.
    case cset39 = "Y"
    /// CSET 64: base64url (`A-Za-z0-9-_`, `=` padding).
    case cset64 = "Z"

    /// True when `byte` belongs to the set (padding rules of CSET 64 are checked elsewhere).
    @inlinable
    public func contains(_ byte: UInt8) -> Bool {
        switch self {
        case .numeric: return byte >= 0x30 && byte <= 0x39
        case .cset82: return GS1CharacterSet.cset82Table[Int(byte)]
        case .cset39:
            return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x23 || byte == 0x2D || byte == 0x2F
        case .cset64:
            return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F || byte == 0x3D
        }
    }

    /// CSET 82 membership for every byte value: `!"%&'()*+,-./0-9:;<=>?A-Z_a-z`.
    public static let cset82Table: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for scalar in "!\"%&'()*+,-./:;<=>?_".unicodeScalars { table[Int(scalar.value)] = true }
        for b in 0x30...0x39 { table[b] = true }
        for b in 0x41...0x5A { table[b] = true }
        for b in 0x61...0x7A { table[b] = true }
        return table
    }()
}

/// A check a component value must pass beyond its character set and length.
public enum GS1Linter: String, Sendable {
    /// GS1 mod-10 check digit on the last digit.
    case csum
    /// YYMMDD where DD may be 00 (meaning the last day of the month).
    case yymmd0
    /// YYMMDD with a real day.
    case yymmdd
}

/// One component of an AI's value: a run of characters from one set, with its length bounds and linters.
public struct AIComponent: Sendable {
    public let characterSet: GS1CharacterSet
    public let minLength: Int
    public let maxLength: Int
    public let linters: [GS1Linter]

    public init(_ characterSet: GS1CharacterSet, _ minLength: Int, _ maxLength: Int, _ linters: [GS1Linter] = []) {
        self.characterSet = characterSet
        self.minLength = minLength
        self.maxLength = maxLength
        self.linters = linters
    }
}

/// What one Application Identifier is: its value format and how it may appear in a Digital Link URI.
public struct AIDefinition: Sendable {
    /// The AI digits, e.g. `"01"`.
    public let ai: String
    /// Short title from the GS1 Syntax Dictionary.
    public let title: String
    /// The value format, component by component.
    public let components: [AIComponent]
    /// Allowed as a Digital Link query attribute.
    public let isDigitalLinkAttribute: Bool

    public init(_ ai: String, _ title: String, _ components: [AIComponent], dlAttribute: Bool) {
        self.ai = ai
        self.title = title
        self.components = components
        self.isDigitalLinkAttribute = dlAttribute
    }

    /// Total value length bounds.
    public var minLength: Int { components.reduce(0) { $0 + $1.minLength } }
    public var maxLength: Int { components.reduce(0) { $0 + $1.maxLength } }

    /// True when the AI's first two digits are in GS1's frozen predefined-length table, so no
    /// FNC1 separator follows it in an element string.
    public var hasPredefinedLength: Bool { PredefinedLength.dataLength(forAI: ai) != nil }
}

/// GS1's frozen predefined-length table (GenSpecs 7.8.5), keyed by an AI's first two digits.
///
/// It is not the same as "fixed length": 8006, 7003 or 422 never vary in length but are not in this table,
/// so they still need a separator when another element follows.
public enum PredefinedLength {
    /// Data length (without the AI) for AIs whose first two digits are in the table.
    public static func dataLength(forAI ai: String) -> Int? {
        let u = Array(ai.utf8)
        guard u.count >= 2 else { return nil }
        switch (u[0], u[1]) {
        case (0x30, 0x30): return 18
        case (0x30, 0x31), (0x30, 0x32), (0x30, 0x33): return 14
        case (0x30, 0x34): return 16
        case (0x31, 0x31), (0x31, 0x32), (0x31, 0x33), (0x31, 0x34), (0x31, 0x35), (0x31, 0x36), (0x31, 0x37),
            (0x31, 0x38), (0x31, 0x39):
            return 6
        case (0x32, 0x30): return 2
        case (0x33, 0x31), (0x33, 0x32), (0x33, 0x33), (0x33, 0x34), (0x33, 0x35), (0x33, 0x36): return 6
        case (0x34, 0x31): return 13
        default: return nil
        }
    }
}
