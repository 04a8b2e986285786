import TraceCore

/// The EPCIS identifiers of registered codes: canonical GS1 Digital Link URIs on `https://id.gs1.org` (EPCIS 2.0's
/// preferred form) or, given the GS1 Company Prefix length, EPC pure-identity URNs built by TraceCore's
/// ``SGTIN96/pureIdentityURI(gtin:serial:companyPrefixLength:)``. An Ecode has no EPC: its resolver URL (a URI, which
/// EPCIS allows in `epcList`) stands for it.
public struct EPCISIdentifiers: Sendable {
    /// nil: Digital Link URIs; else EPC URNs with this company prefix length (6-12 digits).
    public let companyPrefixLength: Int?

    public init(companyPrefixLength: Int?) throws(ExportError) {
        if let n = companyPrefixLength, !(6...12).contains(n) {
            throw .badOption(option: "gcp_length", value: String(n), rule: "a GS1 Company Prefix has 6 to 12 digits")
        }
        self.companyPrefixLength = companyPrefixLength
    }

    /// The AI values of a GS1 identity (`01=…|10=…|21=…`); empty for an Ecode identity.
    static func parts(_ identity: String) -> [String: String] {
        guard identity.hasPrefix("0") else { return [:] }
        var out: [String: String] = [:]
        for pair in identity.split(separator: "|") {
            guard let eq = pair.firstIndex(of: "=") else { continue }
            out[String(pair[..<eq])] = String(pair[pair.index(after: eq)...])
        }
        return out
    }

    static func digitalLink(_ gtin: String, _ ai: String? = nil, _ value: String? = nil) -> String {
        var out = "\(DigitalLink.defaultStem)/01/\(gtin)"
        if let ai, let value {
            out += "/\(ai)/"
            DigitalLink.percentEncode(value, into: &out)
        }
        return out
    }

    func urn(_ gtin: String, _ value: String, replacing prefix: String = "urn:epc:id:sgtin:", with newPrefix: String) throws(ExportError) -> String {
        do {
            let uri = try SGTIN96.pureIdentityURI(gtin: GTIN(gtin), serial: value, companyPrefixLength: companyPrefixLength ?? 0)
            return newPrefix + uri.dropFirst(prefix.count)
        } catch {
            throw .badOption(option: "gcp_length", value: String(companyPrefixLength ?? 0), rule: "GTIN \(gtin): \(error)")
        }
    }

    /// An item code's instance identifier (SGTIN), or an Ecode's URL.
    public func instance(_ code: ExportSource.IssuedCode) throws(ExportError) -> String {
        if companyPrefixLength == nil, let link = Self.itemLink(fromDigitalLink: code.dl) { return link }
        let p = Self.parts(Self.identity(code))
        guard let gtin = p["01"] else { return ecodeURI(code) }
        guard let serial = p["21"] else { return try productClass(code) }
        guard companyPrefixLength != nil else { return Self.digitalLink(gtin, "21", serial) }
        return try urn(gtin, serial, with: "urn:epc:id:sgtin:")
    }

    /// A batch or category code's class: the lot (LGTIN) when the code carries one, else the GTIN; an Ecode's URL.
    public func productClass(_ code: ExportSource.IssuedCode) throws(ExportError) -> String {
        let p = Self.parts(Self.identity(code))
        guard let gtin = p["01"] else { return ecodeURI(code) }
        if let lot = p["10"] {
            return companyPrefixLength == nil ? Self.digitalLink(gtin, "10", lot) : try urn(gtin, lot, with: "urn:epc:class:lgtin:")
        }
        return companyPrefixLength == nil ? Self.digitalLink(gtin) : try urn(gtin, "*", with: "urn:epc:idpat:sgtin:")
    }

    /// The code's identity, parsed now if it was streamed without one.
    static func identity(_ code: ExportSource.IssuedCode) -> String {
        code.identity.contains("=") ? code.identity : ScannedCode.identity(of: code.code) ?? code.code
    }

    /// The canonical item link `https://id.gs1.org/01/<GTIN>/21/<serial>` read straight from a registered Digital
    /// Link URI (any stem, path `…/01/<GTIN>/…/21/<serial>`, query ignored), or nil if it is not one: the fast path
    /// of the EPCIS export, which saves parsing every code (values in a Digital Link are percent-encoded, so a `/`
    /// only ever separates segments; the serial stays encoded as the registry wrote it, by the same
    /// ``DigitalLink/percentEncode(_:into:)``).
    static func itemLink(fromDigitalLink dl: String?) -> String? {
        guard let dl, let path = dl.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first,
              let s21 = path.range(of: "/21/", options: .backwards) else { return nil }
        let serial = path[s21.upperBound...]
        guard !serial.isEmpty, !serial.contains("/"), let s01 = path[..<s21.lowerBound].range(of: "/01/", options: .backwards) else { return nil }
        let afterKey = path[s01.upperBound..<s21.lowerBound]
        let gtin = afterKey.prefix(14)
        guard gtin.utf8.count == 14, gtin.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              afterKey.count == 14 || afterKey.dropFirst(14).hasPrefix("/") else { return nil }
        return "\(DigitalLink.defaultStem)/01/\(gtin)/21/\(serial)"
    }

    func ecodeURI(_ code: ExportSource.IssuedCode) -> String {
        if let dl = code.dl, dl.hasPrefix("http") { return dl }
        var out = "urn:tracelabel:ecode:"
        DigitalLink.percentEncode(code.code, into: &out)
        return out
    }

    /// `urn:tracelabel:<kind>:<value percent-encoded>`: locations and parties that have no GLN.
    public static func urn(_ kind: String, _ value: String) -> String {
        var out = "urn:tracelabel:\(kind):"
        DigitalLink.percentEncode(value, into: &out)
        return out
    }
}
