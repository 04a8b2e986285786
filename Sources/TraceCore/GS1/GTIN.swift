/// A Global Trade Item Number, held in its 14-digit form (the form AI 01 and Digital Link use).
public struct GTIN: Hashable, Sendable, CustomStringConvertible {
    /// The 14 digits, zero-padded on the left.
    public let digits14: String

    /// What the GS1 prefix says about where this GTIN may circulate.
    public enum PrefixClass: Equatable, Sendable {
        /// An ordinary GTIN from a GS1 member organisation.
        case global
        /// 690–699: issued by GS1 China.
        case china
        /// 952: the GS1 demonstration prefix. Fine in tests and samples, never on goods.
        case demo
        /// 020–029, 040–049, 200–299: restricted circulation, never a trade item GTIN.
        case restricted
        /// 977–979 (ISSN/ISBN) and 980–984/99x (refunds, coupons).
        case nonTrade
    }

    /// Parses a GTIN-8, -12, -13 or -14 and checks its check digit.
    /// - Throws: `GTINError` naming the value and the rule it breaks.
    public init(_ text: String) throws(GTINError) {
        let trimmed = text
        guard !trimmed.isEmpty else { throw .empty }
        guard trimmed.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { throw .notDigits(trimmed) }
        guard [8, 12, 13, 14].contains(trimmed.utf8.count) else { throw .wrongLength(trimmed, trimmed.utf8.count) }
        guard let expected = GS1CheckDigit.compute(trimmed.dropLast()) else { throw .notDigits(trimmed) }
        let found = Int(trimmed.utf8.last! - 0x30)
        guard expected == found else { throw .checkDigit(trimmed, found: found, expected: expected) }
        digits14 = String(repeating: "0", count: 14 - trimmed.utf8.count) + trimmed
    }

    /// The first three digits of the GTIN-13 inside (the GS1 prefix that says which member organisation issued it).
    public var gs1Prefix: String {
        let d = Array(digits14.utf8)
        // GTIN-8 (six leading zeros) carries its prefix in the GS1-8 range; GTIN-12 (two zeros) is a UPC: prefix 0xx.
        if digits14.hasPrefix("000000") { return String(decoding: d[6..<9], as: UTF8.self) }
        return String(decoding: d[1..<4], as: UTF8.self)
    }

    /// Classifies the GS1 prefix.
    public var prefixClass: PrefixClass {
        if digits14.hasPrefix("000000") {
            // GS1-8 prefixes 0xx and 2xx are restricted (velocity codes).
            let p = gs1Prefix
            return (p.hasPrefix("0") || p.hasPrefix("2")) ? .restricted : .global
        }
        guard let p = Int(gs1Prefix) else { return .global }
        switch p {
        case 20...29, 40...49, 200...299: return .restricted
        case 952: return .demo
        case 690...699: return .china
        case 977...984, 990...999: return .nonTrade
        default: return .global
        }
    }

    public var description: String { digits14 }
}

/// Why a GTIN was refused.
public enum GTINError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case notDigits(String)
    case wrongLength(String, Int)
    case checkDigit(String, found: Int, expected: Int)

    /// A stable identifier for machines and logs.
    public var id: String {
        switch self {
        case .empty: "GTIN-EMPTY"
        case .notDigits: "GTIN-DIGITS"
        case .wrongLength: "GTIN-LENGTH"
        case .checkDigit: "GTIN-CHECK"
        }
    }

    public var description: String {
        switch self {
        case .empty: "GTIN is empty: give 8, 12, 13 or 14 digits"
        case .notDigits(let v): "GTIN '\(v)' contains a character that is not a digit 0-9"
        case .wrongLength(let v, let n): "GTIN '\(v)' has \(n) digits: a GTIN has 8, 12, 13 or 14"
        case .checkDigit(let v, let found, let expected):
            "GTIN '\(v)' has check digit \(found), expected \(expected) (GS1 mod-10)"
        }
    }
}
