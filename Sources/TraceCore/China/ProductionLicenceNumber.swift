/// An industrial product production licence number (工业产品生产许可证编号): `XK` + 2-digit industry + `-` + 3-digit
/// product + `-` + 5-digit enterprise number, e.g. `XK05-005-00123`; a provincially issued one starts with the province
/// abbreviation in brackets, e.g. `(浙)XK06-001-00123`.
public struct ProductionLicenceNumber: Hashable, Sendable, CustomStringConvertible {
    /// The province abbreviation for a provincially issued licence, e.g. `浙`.
    public let province: Character?
    /// `05` in `XK05-005-00123`.
    public let industry: String
    /// `005`.
    public let product: String
    /// `00123`.
    public let enterprise: String

    /// Mainland province-level abbreviations (with the alternative forms 黔/贵, 滇/云, 蜀/川, 秦/陕, 陇/甘).
    public static let provinces: Set<Character> = Set("京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀贵黔云滇藏陕秦甘陇青宁新")

    /// Normalises (full-width forms, brackets 【】（）, dashes, spaces, lower-case `xk`) and validates.
    public init(_ text: String) throws(IdentifierError) {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            var v = scalar.value
            if scalar.properties.isWhitespace || v == 0x3000 { continue }
            if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 }
            switch v {
            case 0x3010, 0x3014: v = 0x28  // 【 〔
            case 0x3011, 0x3015: v = 0x29  // 】 〕
            case 0x2010...0x2015, 0x2212: v = 0x2D  // hyphens and dashes
            case 0x61...0x7A: v -= 0x20
            default: break
            }
            scalars.append(Unicode.Scalar(v) ?? scalar)
        }
        let s = String(scalars)
        func refuse(_ id: String, _ rule: String) -> IdentifierError {
            IdentifierError(id: id, what: "production licence number", value: text, rule: rule)
        }
        var rest = Substring(s)
        var province: Character?
        if rest.first == "(" {
            let chars = Array(rest.prefix(3))
            guard chars.count == 3, chars[2] == ")" else {
                throw refuse("LICENCE-PROVINCE", "a province abbreviation in brackets, e.g. (浙)XK06-001-00123")
            }
            guard Self.provinces.contains(chars[1]) else {
                throw refuse("LICENCE-PROVINCE", "a mainland province abbreviation such as 浙 or 粤 in the brackets; found '\(chars[1])'")
            }
            province = chars[1]
            rest = rest.dropFirst(3)
        }
        guard rest.hasPrefix("XK") else { throw refuse("LICENCE-PREFIX", "'XK' followed by the industry code, e.g. XK05-005-00123") }
        let parts = rest.dropFirst(2).split(separator: "-", omittingEmptySubsequences: false)
        let lengths = [2, 3, 5]
        guard parts.count == 3, zip(parts, lengths).allSatisfy({ $0.count == $1 && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
            throw refuse("LICENCE-FORMAT", "XK + 2 digits - 3 digits - 5 digits, e.g. XK05-005-00123")
        }
        self.province = province
        industry = String(parts[0])
        product = String(parts[1])
        enterprise = String(parts[2])
    }

    /// True when issued by a province.
    public var isProvincial: Bool { province != nil }

    /// Canonical form: `(浙)XK06-001-00123` or `XK05-005-00123`.
    public var description: String { (province.map { "(\($0))" } ?? "") + "XK\(industry)-\(product)-\(enterprise)" }
}
