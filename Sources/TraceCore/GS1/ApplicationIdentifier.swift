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

/// A check a component value must pass beyond its character set and length, named as in the GS1 Syntax Dictionary.
public enum GS1Linter: String, Sendable, CaseIterable {
    /// GS1 mod-10 check digit on the last digit.
    case csum
    /// The alphanumeric check-character pair (GMN, MUDI).
    case csumalpha
    /// Starts with a GS1 Company Prefix: the first 4 characters are digits.
    case gcppos1
    /// A GS1 Company Prefix from the second character: characters 2-5 are digits.
    case gcppos2
    /// YYMMDD where DD may be 00 (meaning the last day of the month).
    case yymmd0
    /// YYMMDD with a real day.
    case yymmdd
    /// YYYYMMDD with a real day.
    case yyyymmdd
    /// Hour 00-23.
    case hh
    /// Minute 00-59.
    case mi
    /// Second 00-59.
    case ss
    /// HHMI: hour 00-23 and minute 00-59.
    case hhmi
    /// ISO 3166-1 numeric country code.
    case iso3166
    /// ISO 3166-1 numeric country code or 999.
    case iso3166999
    /// ISO 3166-1 alpha-2 country code.
    case iso3166alpha2
    /// ISO 4217 numeric currency code.
    case iso4217
    /// ISO/IEC 5218 sex code: 0, 1, 2 or 9.
    case iso5218
    /// IBAN: two letters, two check digits, alphanumerics; ISO 7064 mod 97-10.
    case iban
    /// AIDC media type: 01-10 or 80-99.
    case mediatype
    /// UN/ECE Recommendation 21 package type (not checked: code list not held).
    case packagetype
    /// Latitude in ten digits, 0 to 1800000000.
    case latitude
    /// Longitude in ten digits, 0 to 3600000000.
    case longitude
    /// Piece number and total (NNTT): both non-zero, piece not above total.
    case pieceoftotal
    /// Percent-encoding: `%` followed by two hexadecimal digits.
    case pcenc
    /// Not all zeros.
    case nonzero
    /// Exactly zero.
    case zero
    /// No leading zero unless the value is `0`.
    case nozeroprefix
    /// At least one non-digit character.
    case hasnondigit
    /// 0 (no) or 1 (yes).
    case yesno
    /// A single hyphen `-`.
    case hyphen
    /// Winding direction: 0, 1 or 9.
    case winding
    /// Importer index: one of `-0-9A-Z_a-z`.
    case importeridx
    /// Position in sequence `n/m` with 0 < n <= m.
    case posinseqslash
    /// North American coupon code (not checked).
    case couponcode
    /// Positive offer file coupon code (not checked).
    case couponposoffer

    /// False for the linters TraceCore does not evaluate (code lists it does not hold, coupon structures).
    public var isImplemented: Bool {
        switch self {
        case .packagetype, .couponcode, .couponposoffer: false
        default: true
        }
    }
}

/// One component of an AI's value: a run of characters from one set, with its length bounds and linters.
public struct AIComponent: Sendable, Equatable {
    /// N, X, Y or Z.
    public let characterSet: GS1CharacterSet
    /// Shortest and longest run of characters.
    public let minLength: Int
    /// Longest run of characters.
    public let maxLength: Int
    /// The linters applied to the component, in dictionary order.
    public let linters: [GS1Linter]
    /// True for a `[...]` component that may be left out when the data ends before it.
    public let isOptional: Bool

    /// A component, e.g. `AIComponent(.numeric, 14, 14, [.csum, .gcppos2])` for `N14,csum,gcppos2`.
    public init(_ characterSet: GS1CharacterSet, _ minLength: Int, _ maxLength: Int, _ linters: [GS1Linter] = [],
                optional: Bool = false) {
        self.characterSet = characterSet
        self.minLength = minLength
        self.maxLength = maxLength
        self.linters = linters
        self.isOptional = optional
    }
}

/// What one Application Identifier is: its value format, associations and Digital Link role.
///
/// A class so that table lookups on the hot path hand out one reference instead of copying every field.
public final class AIDefinition: Sendable {
    /// The AI digits, e.g. `"01"`.
    public let ai: String
    /// Short title from the GS1 Syntax Dictionary.
    public let title: String
    /// The value format, component by component.
    public let components: [AIComponent]
    /// Allowed as a Digital Link query attribute (`?` flag).
    public let isDigitalLinkAttribute: Bool
    /// `req=` groups: every group must be met; a group is met by any one alternative; an alternative lists AI patterns
    /// (`nn`/`n` match digits) that must all be present.
    public let requires: [[[String]]]
    /// `ex=` patterns: AIs that must not appear together with this one.
    public let excludes: [String]
    /// Digital Link primary-key qualifier sequences (`dlpkey=22,10,21|235` gives two), or `nil` when not a primary key.
    public let digitalLinkQualifiers: [[String]]?

    /// A definition; the table builds these from `ApplicationIdentifierDictionary`.
    public init(_ ai: String, _ title: String, _ components: [AIComponent], dlAttribute: Bool,
                requires: [[[String]]] = [], excludes: [String] = [], dlPrimaryKey: [[String]]? = nil) {
        self.ai = ai
        self.title = title
        self.components = components
        self.isDigitalLinkAttribute = dlAttribute
        self.requires = requires
        self.excludes = excludes
        self.digitalLinkQualifiers = dlPrimaryKey
        self.excludedSlots = excludes.map(AIDefinition.slotRange)
        self.qualifierSlots = (dlPrimaryKey ?? []).map { $0.map { ApplicationIdentifierTable.slot(for: $0) ?? -1 } }
        self.allQualifierSlots = Array(self.qualifierSlots.joined())
        var ranges: [ClosedRange<Int>] = [], altEnds: [Int] = [], groupEnds: [Int] = []
        for group in requires {
            for alternative in group {
                ranges += alternative.map(AIDefinition.slotRange)
                altEnds.append(ranges.count)
            }
            groupEnds.append(altEnds.count)
        }
        self.requiredRanges = ranges
        self.requiredAlternativeEnds = altEnds
        self.requiredGroupEnds = groupEnds
        self.minLength = components.reduce(0) { $0 + ($1.isOptional ? 0 : $1.minLength) }
        self.maxLength = components.reduce(0) { $0 + $1.maxLength }
        self.quickFormat = QuickFormat(components)
    }

    /// The value format as plain data when `AIValidation` can accept a value in one pass (see `QuickFormat`).
    let quickFormat: QuickFormat?

    /// `excludes` and `requires` as ranges of table slots (a pattern's `n` are trailing digits, so it is one range).
    let excludedSlots: [ClosedRange<Int>]
    /// `requires` flattened: the ranges of all alternatives in order, where each alternative ends in `ranges`, and
    /// where each group ends in the alternatives.
    let requiredRanges: [ClosedRange<Int>]
    let requiredAlternativeEnds: [Int]
    let requiredGroupEnds: [Int]
    /// `digitalLinkQualifiers` as table slots.
    let qualifierSlots: [[Int]]
    let allQualifierSlots: [Int]

    static func slotRange(_ pattern: String) -> ClosedRange<Int> {
        let lo = ApplicationIdentifierTable.slot(for: String(pattern.map { $0 == "n" ? "0" : $0 })) ?? -1
        let hi = ApplicationIdentifierTable.slot(for: String(pattern.map { $0 == "n" ? "9" : $0 })) ?? -1
        return lo...hi
    }

    /// Total value length bounds (optional components count towards the maximum only).
    public let minLength: Int
    /// Longest value, optional components included.
    public let maxLength: Int

    /// True when the AI's first two digits are in GS1's frozen predefined-length table, so no
    /// FNC1 separator follows it in an element string.
    public var hasPredefinedLength: Bool { PredefinedLength.dataLength(forAI: ai) != nil }

    /// True when the AI can be the primary key of a Digital Link URI.
    public var isDigitalLinkPrimaryKey: Bool { digitalLinkQualifiers != nil }

    /// The Digital Link role: primary key, qualifier of some key, attribute, or none.
    public var digitalLinkRole: DigitalLinkRole {
        if isDigitalLinkPrimaryKey { return .primaryKey }
        if ApplicationIdentifierTable.qualifierAIs.contains(ai) { return .qualifier }
        return isDigitalLinkAttribute ? .attribute : .none
    }
}

/// A value format that one pass over the bytes can accept: a single mandatory component (so the value is that
/// component), not CSET 64 (whose padding rule needs its own pass), with only linters `GS1Linters.passesQuickly` can
/// decide. Plain data, so the per-value check touches no reference counts.
///
/// It only ever accepts: a value it does not accept goes through the full component-by-component check, which finds
/// the first fault and words the error. So it must accept exactly what the full check accepts, never more.
struct QuickFormat: Sendable {
    let characterSet: GS1CharacterSet
    let minLength: Int
    let maxLength: Int
    /// Up to two linters (no single-component AI of the dictionary has more with quick checks); `nil` for none.
    let linters: (GS1Linter?, GS1Linter?)

    /// `nil` when the components are not one of these formats.
    init?(_ components: [AIComponent]) {
        guard components.count == 1, let c = components.first, !c.isOptional, c.characterSet != .cset64,
              c.linters.count <= 2, c.linters.allSatisfy(GS1Linters.hasQuickCheck) else { return nil }
        characterSet = c.characterSet
        minLength = c.minLength
        maxLength = c.maxLength
        linters = (c.linters.first, c.linters.count > 1 ? c.linters[1] : nil)
    }
}

/// How an AI may appear in a GS1 Digital Link URI.
public enum DigitalLinkRole: String, Sendable {
    case primaryKey = "primary key"
    case qualifier = "key qualifier"
    case attribute = "attribute"
    case none = "not allowed"
}

/// One line of the GS1 Syntax Dictionary: a single AI or a range sharing one definition.
public struct AIDictionaryEntry: Sendable, Equatable {
    /// First and last AI of the range (equal for a single AI).
    public let first: String
    public let last: String
    /// The flags column, e.g. `*?`.
    public let flags: String
    /// The specification column, component by component.
    public let components: [AIComponent]
    /// Each `req=` attribute: alternatives, each a list of patterns that must all be present.
    public let requires: [[[String]]]
    /// All `ex=` patterns.
    public let excludes: [String]
    /// `nil` when the entry has no `dlpkey`; `[]` for a `dlpkey` without qualifiers.
    public let dlPrimaryKey: [[String]]?
    /// The title after `#`.
    public let title: String

    /// One dictionary line as data.
    public init(_ first: String, _ last: String, flags: String, _ components: [AIComponent], requires: [[[String]]],
                excludes: [String], dlPrimaryKey: [[String]]?, title: String) {
        self.first = first
        self.last = last
        self.flags = flags
        self.components = components
        self.requires = requires
        self.excludes = excludes
        self.dlPrimaryKey = dlPrimaryKey
        self.title = title
    }

    /// Every AI the entry covers, e.g. `3100`…`3105`.
    public var ais: [String] {
        guard first != last, let a = Int(first), let b = Int(last) else { return [first] }
        return (a...b).map { n in
            let s = String(n)
            return String(repeating: "0", count: max(0, first.count - s.count)) + s
        }
    }

    /// `*`: predefined length, no FNC1 separator after it.
    public var isPredefinedLength: Bool { flags.contains("*") }
    /// `?`: allowed as a Digital Link attribute.
    public var isDigitalLinkAttribute: Bool { flags.contains("?") }
}

/// GS1's frozen predefined-length table (GenSpecs 7.8.5), keyed by an AI's first two digits.
///
/// It is not the same as "fixed length": 8006, 7003 or 422 never vary in length but are not in this table,
/// so they still need a separator when another element follows.
public enum PredefinedLength {
    /// Data length (without the AI) for AIs whose first two digits are in the table.
    @inlinable
    public static func dataLength(forAI ai: String) -> Int? {
        var it = ai.utf8.makeIterator()
        guard let a = it.next(), let b = it.next() else { return nil }
        return dataLength(first: a, second: b)
    }

    /// The same lookup on the first two digits as bytes.
    @inlinable
    public static func dataLength(first: UInt8, second: UInt8) -> Int? {
        switch (first, second) {
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
