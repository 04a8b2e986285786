/// An Ecode (物联网标识 Ecode, GB/T 31866): version + numbering system identifier (NSI) + master data (MD).
///
/// TraceLabel never mints Ecodes: a code comes from the issuer (中国物品编码中心 platform) and is checked for shape
/// against `EcodeVersionTable` only. Version 0 is the GS1-compatible case: the code is a GS1 element string.
public struct Ecode: Hashable, Sendable, CustomStringConvertible {
    /// The default human resolver, `https://www.iotroot.com`.
    public static let defaultResolver = "https://www.iotroot.com"

    /// 0-3.
    public let version: Int
    /// The NSI digits or characters (empty for V0).
    public let nsi: String
    /// The master data code (for V0, the GS1 element string in HRI form).
    public let masterData: String
    /// For V0: the GS1 data the Ecode wraps.
    public let gs1: ElementString?

    /// Parses an issuer-assigned Ecode in text form (V1-V3), or `ecode:v0:gs1:` followed by a GS1 HRI element string.
    /// Spaces are removed and letters upper-cased; a resolver URL (`…/E=<code>` or `?E=<code>`) is accepted and stripped.
    public init(_ text: String) throws(EcodeError) {
        var s = String(text.unicodeScalars.filter { !$0.properties.isWhitespace })
        if s.lowercased().hasPrefix("ecode:v0:gs1:") {
            let hri = String(s.dropFirst("ecode:v0:gs1:".count))
            do throws(GS1Error) { self.init(wrapping: try ElementString(hri: hri)) } catch { throw .gs1(text, error) }
            return
        }
        // A resolver URL or query form: keep what follows the last "E=".
        let u = Array(s.utf8)
        if let at = (0..<max(0, u.count - 1)).last(where: { (u[$0] == 0x45 || u[$0] == 0x65) && u[$0 + 1] == 0x3D }) {
            s = String(decoding: u[(at + 2)...], as: UTF8.self)
        }
        s = s.uppercased()
        let bytes = Array(s.utf8)
        guard let first = bytes.first else { throw .empty }
        guard first >= 0x31, first <= 0x39, let rule = EcodeVersionTable.rule(for: Int(first - 0x30)) else {
            throw .version(text, String(UnicodeScalar(first)))
        }
        for (i, b) in bytes.enumerated().dropFirst() {
            let digit = b >= 0x30 && b <= 0x39, letter = b >= 0x41 && b <= 0x5A
            if !(digit || (letter && !rule.digitsOnly)) {
                throw .character(text, position: i + 1, allowed: rule.digitsOnly ? "digits 0-9 (version \(rule.version))" : "digits 0-9 and A-Z")
            }
        }
        guard bytes.count >= 1 + rule.nsiLength + 1 else {
            throw .length(text, bytes.count, "at least \(rule.nsiLength + 2) characters (version, \(rule.nsiLength)-character NSI, master data)")
        }
        guard bytes.count <= rule.maxTotalLength else {
            throw .length(text, bytes.count, "at most \(rule.maxTotalLength) characters for version \(rule.version)")
        }
        self.init(version: rule.version, nsi: String(decoding: bytes[1...rule.nsiLength], as: UTF8.self),
                  masterData: String(decoding: bytes[(1 + rule.nsiLength)...], as: UTF8.self), gs1: nil)
    }

    /// The V0 Ecode that wraps GS1 data (GB/T 31866-2023): in carriers the GS1 key is encoded as GS1 syntax.
    public init(wrapping elementString: ElementString) {
        self.init(version: 0, nsi: "", masterData: elementString.hri, gs1: elementString)
    }

    init(version: Int, nsi: String, masterData: String, gs1: ElementString?) {
        self.version = version
        self.nsi = nsi
        self.masterData = masterData
        self.gs1 = gs1
    }

    /// The text form: `1009600000000000000000123`, or `ecode:v0:gs1:(01)…` for V0.
    public var description: String { version == 0 ? "ecode:v0:gs1:" + masterData : "\(version)\(nsi)\(masterData)" }

    /// The resolver URL: `https://www.iotroot.com/E=<code>` (any resolver host may be given). For V0 this is the GS1
    /// Digital Link URI on the given resolver instead (`DigitalLink.defaultStem` when none is given).
    public func resolverURL(resolver: String? = nil) throws(GS1Error) -> String {
        if let gs1 { return try DigitalLink.uri(for: gs1, stem: resolver ?? DigitalLink.defaultStem) }
        var base = resolver ?? Self.defaultResolver
        while base.hasSuffix("/") { base.removeLast() }
        return "\(base)/E=\(description)"
    }
}

/// Why an Ecode was refused.
public enum EcodeError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case version(String, String)
    case character(String, position: Int, allowed: String)
    case length(String, Int, String)
    case gs1(String, GS1Error)

    /// A stable identifier for machines and logs.
    public var id: String {
        switch self {
        case .empty: "ECODE-EMPTY"
        case .version: "ECODE-VERSION"
        case .character: "ECODE-CHARSET"
        case .length: "ECODE-LENGTH"
        case .gs1: "ECODE-V0-GS1"
        }
    }

    /// The message for a line engineer: the code and the rule it breaks.
    public var description: String {
        switch self {
        case .empty: "Ecode is empty"
        case .version(let v, let c):
            "Ecode '\(v)' starts with '\(c)': expected version 1, 2 or 3 (or ecode:v0:gs1: followed by GS1 HRI for version 0)"
        case .character(let v, let p, let allowed): "Ecode '\(v)' has a character at position \(p) outside \(allowed)"
        case .length(let v, let n, let rule): "Ecode '\(v)' has \(n) characters: expected \(rule) (table unconfirmed)"
        case .gs1(let v, let e): "Ecode V0 '\(v)' does not wrap valid GS1 data: \(e)"
        }
    }
}
