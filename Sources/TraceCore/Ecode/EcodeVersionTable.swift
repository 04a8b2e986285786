/// The Ecode (GB/T 31866) version table that drives `Ecode`'s shape check.
///
/// UNCONFIRMED: reconstructed from secondary sources (china-codes.md §1.3), not from the official GB/T 31866-2023
/// text. It is kept here, in one place, so it can be corrected without touching the checking code.
public struct EcodeVersionRule: Sendable, Equatable {
    /// The version digit (first character).
    public let version: Int
    /// Characters of the numbering system identifier (NSI) after the version.
    public let nsiLength: Int
    /// Longest master data (MD) code.
    public let maxMasterDataLength: Int
    /// Longest whole code (V + NSI + MD).
    public let maxTotalLength: Int
    /// True when the NSI and MD are digits only; false when upper-case letters are allowed too.
    public let digitsOnly: Bool
}

/// The rules per version, in one place (see `EcodeVersionRule`).
public enum EcodeVersionTable {
    /// V1-V3 in text form. V0 (GS1 compatibility) has no text form of its own: it wraps a GS1 key.
    public static let rules: [EcodeVersionRule] = [
        EcodeVersionRule(version: 1, nsiLength: 4, maxMasterDataLength: 20, maxTotalLength: 25, digitsOnly: true),
        EcodeVersionRule(version: 2, nsiLength: 4, maxMasterDataLength: 28, maxTotalLength: 33, digitsOnly: true),
        EcodeVersionRule(version: 3, nsiLength: 5, maxMasterDataLength: 39, maxTotalLength: 45, digitsOnly: false),
    ]

    /// The rule for a version digit, if the table has one.
    public static func rule(for version: Int) -> EcodeVersionRule? { rules.first { $0.version == version } }
}
