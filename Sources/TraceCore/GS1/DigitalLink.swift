/// Builds GS1 Digital Link URIs (uncompressed, canonical path order) on a resolver stem.
public enum DigitalLink {
    /// GS1's own resolver, used when a product names none.
    public static let defaultStem = "https://id.gs1.org"

    /// Key qualifiers per primary key, in the order they must appear in the path.
    static let qualifiers: [String: [String]] = [
        "01": ["22", "10", "21"],
        "8006": ["22", "10", "21"],
        "00": [],
    ]

    /// Checks and normalises a resolver stem: http(s) scheme, a host, an optional path, no trailing slash.
    public static func normalisedStem(_ stem: String) throws(GS1Error) -> String {
        var s = stem
        while s.hasSuffix("/") { s.removeLast() }
        let lower = s.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") { rest = s.dropFirst(8) } else if lower.hasPrefix("http://") { rest = s.dropFirst(7) } else {
            throw GS1Error(.badStem, ai: nil, found: "'\(stem)'", expected: "a URL starting with https:// or http://")
        }
        let host = rest.prefix { $0 != "/" }
        if host.isEmpty || rest.contains(where: { $0 == "?" || $0 == "#" || $0 == " " }) {
            throw GS1Error(.badStem, ai: nil, found: "'\(stem)'", expected: "scheme://host[/path] with no query, fragment or spaces")
        }
        return s
    }

    /// Builds the URI for `elements` on `stem`.
    ///
    /// The first key becomes the path's primary key, its qualifiers follow in the standard order, and every
    /// other AI goes to the query in input order; an AI that cannot be a query attribute is refused.
    public static func uri(for elements: [AIElement], stem: String = defaultStem) throws(GS1Error) -> String {
        let base = try normalisedStem(stem)
        guard let keyIndex = elements.firstIndex(where: { qualifiers[$0.ai] != nil }) else {
            throw GS1Error(.noPrimaryKey, ai: nil, found: "no primary key among " + elements.map { "(\($0.ai))" }.joined(),
                           expected: "a primary key such as (01) GTIN or (00) SSCC")
        }
        let key = elements[keyIndex]
        var uri = base
        uri.reserveCapacity(base.utf8.count + 64)
        uri += "/"
        uri += key.ai
        uri += "/"
        percentEncode(key.value, into: &uri)
        let keyQualifiers = qualifiers[key.ai] ?? []
        for q in keyQualifiers {
            if let element = elements.first(where: { $0.ai == q }) {
                uri += "/"
                uri += q
                uri += "/"
                percentEncode(element.value, into: &uri)
            }
        }
        var first = true
        for (index, element) in elements.enumerated() where index != keyIndex && !keyQualifiers.contains(element.ai) {
            guard ApplicationIdentifierTable.definition(for: element.ai)?.isDigitalLinkAttribute == true else {
                throw GS1Error(.notDigitalLinkAttribute, ai: element.ai, found: "(\(element.ai)) outside the path",
                               expected: "a key qualifier of (\(key.ai)) or an AI allowed as a Digital Link attribute")
            }
            uri += first ? "?" : "&"
            first = false
            uri += element.ai
            uri += "="
            percentEncode(element.value, into: &uri)
        }
        return uri
    }

    /// Percent-encodes per GS1 Digital Link: only `A-Z a-z 0-9 - . _ ~` pass; the rest as `%XX` upper case.
    public static func percentEncode(_ value: String, into out: inout String) {
        let hex: [Character] = Array("0123456789ABCDEF")
        for byte in value.utf8 {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E:
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out.append("%")
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            }
        }
    }
}
