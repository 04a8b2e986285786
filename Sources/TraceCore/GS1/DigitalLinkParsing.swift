/// A GS1 Digital Link URI taken apart: the stem, the AI pairs of the path and the query, and the other parameters.
public struct DigitalLinkURI: Sendable, Equatable {
    /// Scheme, host and any path before the primary key, e.g. `https://id.gs1.org`.
    public let stem: String
    /// Primary key and qualifiers, in path order.
    public let pathElements: [AIElement]
    /// Data attributes, in query order.
    public let queryElements: [AIElement]
    /// Query parameters that are not AIs (`linkType=gs1:pip`, tracking parameters): kept, not interpreted.
    public let otherParameters: [String]

    /// Path pairs followed by query pairs.
    public var elements: [AIElement] { pathElements + queryElements }
}

extension DigitalLink {
    /// Parses an uncompressed GS1 Digital Link URI back into AI pairs and validates them.
    ///
    /// Refused: a scheme other than http/https in all lower or all upper case; a trailing `/`; no primary key; a
    /// zero-suppressed GTIN; qualifiers out of order or mixed from two sequences; a qualifier (10, 21, 22, 235, …) in
    /// the query; an AI that is not a data attribute in the query (8200 anywhere); duplicate AIs; bad or `%00`
    /// percent-encoding; and every value or association fault an element string would have. `+` in the query is a
    /// space (so it fails CSET 82); in the path it is a literal `+`. The fragment is ignored.
    public static func parse(_ uri: String) throws(GS1Error) -> DigitalLinkURI {
        let all = Array(uri.utf8)
        var end = all.firstIndex(of: 0x23) ?? all.count
        let bytes = all[..<end]
        func position(_ i: Int) -> Int { ElementString.characterPosition(all, i) }
        func syntax(_ found: String, _ expected: String, at i: Int) -> GS1Error {
            GS1Error(.digitalLinkSyntax, ai: nil, found: found, expected: expected, inputPosition: position(i))
        }
        let schemeLength: Int
        let head = String(decoding: bytes.prefix(8), as: UTF8.self)
        if head.hasPrefix("https://") || head.hasPrefix("HTTPS://") { schemeLength = 8 } else if head.hasPrefix("http://") || head.hasPrefix("HTTP://") {
            schemeLength = 7
        } else {
            throw syntax("'\(uri.prefix(12))'", "a URI starting with https:// or http:// (all lower or all upper case)", at: 0)
        }
        let queryStart = bytes.firstIndex(of: 0x3F) ?? end
        end = queryStart
        guard let hostEnd = bytes[schemeLength..<end].firstIndex(of: 0x2F), hostEnd > schemeLength else {
            throw GS1Error(.noPrimaryKey, ai: nil, found: "no path in '\(uri)'", expected: "a path with a primary key such as /01/<GTIN>")
        }
        if bytes[end - 1] == 0x2F {
            throw syntax("a trailing '/' in the path", "the path to end with a value", at: end - 1)
        }
        // Path segments after the host, with their byte offsets.
        var segments: [(start: Int, end: Int)] = []
        var s = hostEnd + 1
        for i in (hostEnd + 1)...end where i == end || bytes[i] == 0x2F {
            if i == s { throw syntax("an empty path segment '//'", "one '/' between path segments", at: i) }
            segments.append((s, i))
            s = i + 1
        }
        func text(_ seg: (start: Int, end: Int)) -> String { String(decoding: bytes[seg.start..<seg.end], as: UTF8.self) }
        // Walk back over AI/value pairs to the right-most primary key.
        var keyAt = -1
        var j = segments.count - 2
        while j >= 0 {
            guard let d = ApplicationIdentifierTable.definition(forBytes: bytes[segments[j].start..<segments[j].end]) else { break }
            if d.isDigitalLinkPrimaryKey { keyAt = j; break }
            j -= 2
        }
        guard keyAt >= 0, let keyDefinition = ApplicationIdentifierTable.definition(for: text(segments[keyAt])),
              let sequences = keyDefinition.digitalLinkQualifiers else {
            throw GS1Error(.noPrimaryKey, ai: nil, found: "no primary key in the path of '\(uri)'",
                           expected: "a path /<key AI>/<value>[/<qualifier AI>/<value>…] such as /01/09520123456788/21/A1")
        }
        // The stem (host and any path prefix) is part of the URI too: a space, a control character or anything
        // else a URI cannot hold unencoded makes it no URI, and no resolver stem TraceLabel could write.
        if let bad = bytes[schemeLength..<(segments[keyAt].start - 1)].firstIndex(where: { !ASCIISet.uriPath.contains($0) }) {
            throw syntax("\(AIValidation.shown(bytes[bad], in: "")) in the host or path prefix",
                         "only characters a URI path may hold (letters, digits, -._~!$&'()*+,;=:@/ and %-escapes)", at: bad)
        }
        let key = keyDefinition.ai
        var pathElements: [AIElement] = []
        var valueStarts: [Int] = []
        var k = keyAt
        while k < segments.count {
            let ai = text(segments[k])
            let value = try decode(bytes[segments[k + 1].start..<segments[k + 1].end], plusIsSpace: false, ai: ai, all: all)
            pathElements.append(AIElement(ai, value))
            valueStarts.append(position(segments[k + 1].start))
            k += 2
        }
        // Qualifiers: an in-order subsequence of one of the key's sequences.
        let qualifiers = pathElements.dropFirst().map(\.ai)
        let fits = (sequences.isEmpty && qualifiers.isEmpty) || sequences.contains { sequence in
            var index = 0
            for q in qualifiers {
                guard let at = sequence[index...].firstIndex(of: q) else { return false }
                index = at + 1
            }
            return true
        }
        if !fits {
            let allowed = sequences.isEmpty ? "no qualifiers" : sequences.map { $0.joined(separator: " → ") }.joined(separator: " or ")
            throw GS1Error(.qualifierOrder, ai: key, found: "path /\(key)/…/" + qualifiers.joined(separator: "/…/"),
                           expected: "qualifiers of (\(key)) in the order \(allowed)", inputPosition: position(segments[keyAt].start))
        }
        if key == "01", let gtin = pathElements.first?.value, gtin.utf8.count != 14, [8, 12, 13].contains(gtin.utf8.count) {
            throw GS1Error(.zeroSuppressedGTIN, ai: "01", found: "GTIN '\(gtin)' (\(gtin.utf8.count) digits)",
                           expected: "the GTIN padded with zeros to 14 digits", inputPosition: valueStarts[0])
        }
        // Query attributes.
        var queryElements: [AIElement] = []
        var other: [String] = []
        var q = queryStart + 1
        let queryEnd = bytes.count
        while q <= queryEnd {
            var e = q
            while e < queryEnd, bytes[e] != 0x26 { e += 1 }
            defer { q = e + 1 }
            if e == q { continue }
            let param = bytes[q..<e]
            let eq = param.firstIndex(of: 0x3D) ?? e
            let name = bytes[q..<eq]
            guard !name.isEmpty, name.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                other.append(String(decoding: param, as: UTF8.self))
                continue
            }
            let ai = String(decoding: name, as: UTF8.self)
            guard let d = ApplicationIdentifierTable.definition(for: ai) else {
                throw GS1Error(.unknownAI, ai: ai, found: "query parameter '\(ai)'", expected: "an AI from the GS1 Syntax Dictionary",
                               inputPosition: position(q))
            }
            if sequences.contains(where: { $0.contains(ai) }) {
                throw GS1Error(.qualifierInQuery, ai: ai, found: "(\(ai)) in the query",
                               expected: "(\(ai)) in the path after (\(key)), as a key qualifier", inputPosition: position(q))
            }
            if !d.isDigitalLinkAttribute {
                throw GS1Error(.notDigitalLinkAttribute, ai: ai, found: "(\(ai)) in the query",
                               expected: "only AIs allowed as Digital Link data attributes", inputPosition: position(q))
            }
            if pathElements.contains(where: { $0.ai == ai }) || queryElements.contains(where: { $0.ai == ai }) {
                throw GS1Error(.duplicateAttribute, ai: ai, found: "(\(ai)) a second time", expected: "each AI once in a URI",
                               inputPosition: position(q))
            }
            guard eq < e else {
                throw GS1Error(.tooShort, ai: ai, found: "'\(ai)' without '=' and a value", expected: "\(ai)=<value>", inputPosition: position(q))
            }
            let value = try decode(bytes[(eq + 1)..<e], plusIsSpace: true, ai: ai, all: all)
            queryElements.append(AIElement(ai, value))
            valueStarts.append(position(eq + 1))
        }
        let elements = pathElements + queryElements
        for (index, element) in elements.enumerated() {
            do throws(GS1Error) { try AIValidation.validate(element) } catch {
                throw error.located(at: valueStarts[index])
            }
        }
        try AIAssociations.validate(elements)
        return DigitalLinkURI(stem: String(decoding: bytes[..<(segments[keyAt].start - 1)], as: UTF8.self),
                              pathElements: pathElements, queryElements: queryElements, otherParameters: other)
    }

    /// Percent-decodes a path segment or query value.
    static func decode(_ raw: ArraySlice<UInt8>, plusIsSpace: Bool, ai: String, all: [UInt8]) throws(GS1Error) -> String {
        if !raw.contains(0x25) && !(plusIsSpace && raw.contains(0x2B)) { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        var i = raw.startIndex
        while i < raw.endIndex {
            let b = raw[i]
            if b == 0x25 {
                guard i + 2 < raw.endIndex, let hi = hexValue(raw[i + 1]), let lo = hexValue(raw[i + 2]) else {
                    throw GS1Error(.badPercentEncoding, ai: ai, found: "'%' not followed by two hex digits",
                                   expected: "%XX percent-encoding", inputPosition: ElementString.characterPosition(all, i))
                }
                let v = hi << 4 | lo
                if v == 0 {
                    throw GS1Error(.badPercentEncoding, ai: ai, found: "'%00'", expected: "no NUL character",
                                   inputPosition: ElementString.characterPosition(all, i))
                }
                out.append(v)
                i += 3
            } else {
                out.append(plusIsSpace && b == 0x2B ? 0x20 : b)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b - 0x30
        case 0x41...0x46: b - 0x41 + 10
        case 0x61...0x66: b - 0x61 + 10
        default: nil
        }
    }
}

extension ElementString {
    /// Parses a GS1 Digital Link URI into a validated element string (path pairs, then query pairs).
    public init(digitalLink uri: String) throws(GS1Error) {
        self.elements = try DigitalLink.parse(uri).elements
    }
}
