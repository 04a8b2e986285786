import Foundation

/// A CCC (China Compulsory Certification) certificate number: 16 digits, the first four the year of first issue.
public struct CCCCertificateNumber: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    /// The scheme started in 2002; a certificate cannot come from the future.
    public init(_ text: String, currentYear: Int) throws(IdentifierError) {
        let v = text.filter { !$0.isWhitespace }
        guard v.utf8.count == 16, v.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw IdentifierError(id: "CCC-FORMAT", what: "CCC certificate number", value: text, rule: "16 digits (YYYY + body + category + serial)")
        }
        let year = Int(v.prefix(4))!
        guard (2002...currentYear).contains(year) else {
            throw IdentifierError(id: "CCC-YEAR", what: "CCC certificate number", value: text,
                                  rule: "the first four digits are the year of issue, 2002-\(currentYear); found \(year)")
        }
        value = v
    }

    public var description: String { value }
}

/// A Chinese standard identifier such as `GB 43854-2024` or `GB/T 5023.3-2008`, stored with a hyphen.
public struct StandardNumber: Hashable, Sendable, CustomStringConvertible {
    /// `GB`, `GB/T` or `GB/Z`.
    public let prefix: String
    public let number: String
    public let part: String?
    public let year: String

    /// True for `GB` (mandatory), false for `GB/T` and `GB/Z`.
    public var isMandatory: Bool { prefix == "GB" }

    /// Accepts a hyphen, en dash or em dash before the year and any spacing.
    public init(_ text: String) throws(IdentifierError) {
        var s = text.uppercased()
        for dash in ["—", "–", "－", "‑"] { s = s.replacingOccurrences(of: dash, with: "-") }
        s = s.replacingOccurrences(of: "／", with: "/")
        let compact = s.filter { !$0.isWhitespace }
        let prefixes = ["GB/T", "GB/Z", "GB"]
        guard let prefix = prefixes.first(where: { compact.hasPrefix($0) }) else {
            throw IdentifierError(id: "STD-PREFIX", what: "standard", value: text, rule: "starts with GB, GB/T or GB/Z")
        }
        let rest = compact.dropFirst(prefix.count)
        let pieces = rest.split(separator: "-", omittingEmptySubsequences: false)
        guard pieces.count == 2, pieces[1].count == 4, pieces[1].allSatisfy(\.isASCII), pieces[1].allSatisfy(\.isNumber) else {
            throw IdentifierError(id: "STD-YEAR", what: "standard", value: text, rule: "number followed by '-' and a four-digit year, e.g. GB 43854-2024")
        }
        let numberPart = pieces[0].split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(numberPart.count),
              numberPart.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
            throw IdentifierError(id: "STD-NUMBER", what: "standard", value: text, rule: "a number with an optional .part, e.g. 5023.3")
        }
        self.prefix = prefix
        self.number = String(numberPart[0])
        self.part = numberPart.count == 2 ? String(numberPart[1]) : nil
        self.year = String(pieces[1])
    }

    /// Canonical form: `GB/T 5023.3-2008`.
    public var description: String { "\(prefix) \(number)\(part.map { ".\($0)" } ?? "")-\(year)" }
}

/// A refused Chinese identifier (CCC number, licence, standard): what it is, the value and the rule.
public struct IdentifierError: Error, Equatable, Sendable, CustomStringConvertible {
    public let id: String
    public let what: String
    public let value: String
    public let rule: String

    public var description: String { "\(what) '\(value)' is not valid: expected \(rule)" }
}
