/// A unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters with a mod-31 check character.
public struct UnifiedSocialCreditCode: Hashable, Sendable, CustomStringConvertible {
    /// The canonical upper-case form.
    public let value: String
    /// False when characters 9-17 fail the GB 11714 organisation-code check. Real registered codes with this
    /// inconsistency exist, so it is a warning, not a refusal.
    public let organisationCodeCheckPasses: Bool

    /// The 31 characters GB 32100 uses, in value order (no I, O, S, V, Z).
    static let alphabet: [UInt8] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// Normalises (full-width to ASCII, spaces removed, upper case) and validates.
    public init(_ text: String) throws(USCCError) {
        let normalised = Self.normalise(text)
        let bytes = Array(normalised.utf8)
        guard bytes.count == 18 else { throw .wrongLength(text, bytes.count) }
        var values: [Int] = []
        for (i, b) in bytes.enumerated() {
            guard let v = Self.alphabet.firstIndex(of: b) else {
                throw .badCharacter(text, position: i + 1, character: String(UnicodeScalar(b)))
            }
            values.append(v)
        }
        for i in 2..<8 where values[i] > 9 {
            throw .badCharacter(text, position: i + 1, character: String(UnicodeScalar(bytes[i])))
        }
        var sum = 0
        for i in 0..<17 { sum += values[i] * Self.weights[i] }
        let check = (31 - sum % 31) % 31
        guard values[17] == check else {
            throw .checkCharacter(text, found: String(UnicodeScalar(bytes[17])), expected: String(UnicodeScalar(Self.alphabet[check])))
        }
        value = normalised
        organisationCodeCheckPasses = Self.organisationCheck(Array(bytes[8..<17]))
    }

    /// GB 11714: weights 3,7,9,10,5,8,4,2 over the 8 body characters (A=10 … Z=35), check 11 - sum mod 11.
    static func organisationCheck(_ chars: [UInt8]) -> Bool {
        let weights = [3, 7, 9, 10, 5, 8, 4, 2]
        var sum = 0
        for i in 0..<8 {
            let c = chars[i]
            let v: Int
            if c >= 0x30 && c <= 0x39 { v = Int(c - 0x30) } else if c >= 0x41 && c <= 0x5A { v = Int(c - 0x41) + 10 } else { return false }
            sum += v * weights[i]
        }
        let c = 11 - sum % 11
        let expected: UInt8 = c == 10 ? 0x58 : (c == 11 ? 0x30 : UInt8(0x30 + c))
        return chars[8] == expected
    }

    /// Full-width forms to ASCII, whitespace removed, letters upper-cased.
    static func normalise(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            var v = scalar.value
            if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 }
            if v == 0x3000 || scalar.properties.isWhitespace { continue }
            if v >= 0x61 && v <= 0x7A { v -= 0x20 }
            out.append(Unicode.Scalar(v) ?? scalar)
        }
        return String(out)
    }

    public var description: String { value }
}

/// Why a unified social credit code was refused.
public enum USCCError: Error, Equatable, Sendable, CustomStringConvertible {
    case wrongLength(String, Int)
    case badCharacter(String, position: Int, character: String)
    case checkCharacter(String, found: String, expected: String)

    public var id: String {
        switch self {
        case .wrongLength: "USCC-LENGTH"
        case .badCharacter: "USCC-CHARSET"
        case .checkCharacter: "USCC-CHECK"
        }
    }

    public var description: String {
        switch self {
        case .wrongLength(let v, let n): "unified social credit code '\(v)' has \(n) characters, expected 18"
        case .badCharacter(let v, let p, let c):
            "unified social credit code '\(v)' has '\(c)' at position \(p): allowed are 0-9 and A-Z without I, O, S, V, Z (positions 3-8 digits only)"
        case .checkCharacter(let v, let found, let expected):
            "unified social credit code '\(v)' has check character '\(found)', expected '\(expected)' (GB 32100 mod 31)"
        }
    }
}
