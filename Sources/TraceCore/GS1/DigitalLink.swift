/// Builds GS1 Digital Link URIs (uncompressed, canonical path order) on a resolver stem.
public enum DigitalLink {
    /// GS1's own resolver, used when a product names none.
    public static let defaultStem = "https://id.gs1.org"

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

    /// Builds the URI for a validated element string on `stem`.
    public static func uri(for elementString: ElementString, stem: String = defaultStem) throws(GS1Error) -> String {
        try uri(for: elementString.elements, stem: stem)
    }

    /// Builds the URI for `elements` on `stem`.
    ///
    /// The first primary key (a `dlpkey` AI of the Syntax Dictionary) becomes the path's key; its qualifiers follow in
    /// the standard order (01 → 22 → 10 → 21, or 235; 414 → 254 or 7040; …), and every other AI goes to the query in
    /// input order. An AI that cannot be a query attribute is refused.
    public static func uri(for elements: [AIElement], stem: String = defaultStem) throws(GS1Error) -> String {
        let base = try normalisedStem(stem)
        var keyIndex = -1
        var keyDefinition: AIDefinition?
        for (i, e) in elements.enumerated() {
            if let d = ApplicationIdentifierTable.definition(for: e.ai), d.isDigitalLinkPrimaryKey { keyIndex = i; keyDefinition = d; break }
        }
        guard let keyDefinition, let sequences = keyDefinition.digitalLinkQualifiers else {
            throw GS1Error(.noPrimaryKey, ai: nil, found: "no primary key among " + elements.map { "(\($0.ai))" }.joined(),
                           expected: "a primary key such as (01) GTIN or (00) SSCC")
        }
        let key = elements[keyIndex]
        // The qualifier sequence that carries most of the qualifiers present.
        var chosen: [String] = []
        var best = 0
        for sequence in sequences {
            var n = 0
            for q in sequence where elements.contains(where: { $0.ai == q }) { n += 1 }
            if n > best { best = n; chosen = sequence }
        }
        var uri = base
        uri.reserveCapacity(base.utf8.count + 80)
        uri += "/"
        uri += key.ai
        uri += "/"
        percentEncode(key.value, into: &uri)
        for q in chosen {
            if let element = elements.first(where: { $0.ai == q }) {
                uri += "/"
                uri += q
                uri += "/"
                percentEncode(element.value, into: &uri)
            }
        }
        var first = true
        for (index, element) in elements.enumerated() where index != keyIndex && !chosen.contains(element.ai) {
            guard ApplicationIdentifierTable.definition(for: element.ai)?.isDigitalLinkAttribute == true,
                  !sequences.contains(where: { $0.contains(element.ai) }) else {
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
        var clean = true
        for byte in value.utf8 where !isUnreserved(byte) { clean = false; break }
        if clean { out += value; return }
        let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
        for byte in value.utf8 {
            if isUnreserved(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0xF)]))
            }
        }
    }

    @inline(__always)
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E: true
        default: false
        }
    }
}
