/// Where item-mode serials come from, as the product file sets it (`code.serial_source`).
public enum SerialSource: Hashable, Sendable {
    /// The counter, zero-padded to ``SerialFormat/width`` digits after the prefix: `C000000042`.
    case sequential
    /// A keyed permutation of the counter (NIST SP 800-38G FF1): unique by construction, not guessable, and
    /// decryptable back to the counter with the key. The key lives in `keyFile`, never in the registry.
    case ff1(alphabet: SerialAlphabet, keyFile: String, plannedVolume: UInt64)
    /// Serials issued by an external platform, one per line in `file`, each used exactly once, in file order.
    case pool(file: String)

    /// The product-file spelling.
    public var name: String {
        switch self {
        case .sequential: "sequential"
        case .ff1: "ff1"
        case .pool: "pool"
        }
    }
}

/// The characters a non-guessable serial is written with.
public enum SerialAlphabet: String, Hashable, Sendable, CaseIterable {
    /// `0-9`.
    case digits
    /// Crockford base 32: `0-9 A-Z` without `I L O U`, so no character reads as another (1/I/L, 0/O).
    case alphanumeric

    /// The characters in numeral order.
    public var characters: [UInt8] {
        switch self {
        case .digits: Array("0123456789".utf8)
        case .alphanumeric: Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
        }
    }

    public var radix: Int { characters.count }
}

/// Why the serial space is too small for the planned volume.
public struct SerialSpaceCheck: Sendable {
    /// Regulators (EU FMD, tobacco UI) ask that a guessed serial be valid with probability below 1 in 10,000.
    public static let maximumGuessProbability = 1.0 / 10_000
    /// NIST SP 800-38G Rev. 1 requires radix^length ≥ 1,000,000 for FF1.
    public static let minimumDomain = 1_000_000.0

    /// radix^width as a Double (exact enough for a ratio check).
    public static func domain(radix: Int, width: Int) -> Double {
        var d = 1.0
        for _ in 0..<width { d *= Double(radix) }
        return d
    }

    /// The probability that a random serial of this shape is one of `volume` issued ones.
    public static func guessProbability(radix: Int, width: Int, volume: UInt64) -> Double {
        Double(volume) / domain(radix: radix, width: width)
    }
}
