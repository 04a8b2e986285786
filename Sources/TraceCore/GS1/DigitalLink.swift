/// Builds GS1 Digital Link URIs (uncompressed, canonical path order) on a resolver stem.
public enum DigitalLink {
    /// GS1's own resolver, used when a product names none.
    public static let defaultStem = "https://id.gs1.org"

    /// Checks and normalises a resolver stem: http(s) scheme, a host, an optional path, no trailing slash.
    public static func normalisedStem(_ stem: String) throws(GS1Error) -> String {
        if isPlainStem(stem) { return stem }
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

    /// Fast path: `https://` or `http://` in lower case, a host, ASCII letters, digits and `-._~/:` only, no trailing `/`.
    static func isPlainStem(_ stem: String) -> Bool {
        UTF8Writer.withBytes(of: stem) { b in
            let n = b.count
            var i: Int
            if n > 8, b[0] == 0x68, b[1] == 0x74, b[2] == 0x74, b[3] == 0x70, b[4] == 0x73, b[5] == 0x3A, b[6] == 0x2F, b[7] == 0x2F {
                i = 8
            } else if n > 7, b[0] == 0x68, b[1] == 0x74, b[2] == 0x74, b[3] == 0x70, b[4] == 0x3A, b[5] == 0x2F, b[6] == 0x2F {
                i = 7
            } else {
                return false
            }
            if b[i] == 0x2F || b[n - 1] == 0x2F { return false }
            while i < n {
                if !ASCIISet.plainStem.contains(b[i]) { return false }
                i += 1
            }
            return true
        }
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
        return try withUnsafeTemporaryAllocation(of: Int.self, capacity: max(elements.count, 1)) { slots throws(GS1Error) in
            for i in elements.indices { slots[i] = ApplicationIdentifierTable.slot(for: elements[i].ai) ?? -1 }
            return try uri(for: elements, slots: UnsafeBufferPointer(slots), base: base)
        }
    }

    static func uri(for elements: [AIElement], slots: UnsafeBufferPointer<Int>, base: String) throws(GS1Error) -> String {
        // Flags come from the plain-data `info` table; only the key's definition (for its qualifier sequences) is
        // read from `slots`, once.
        let info = ApplicationIdentifierTable.info
        var keyIndex = -1
        for i in 0..<slots.count where slots[i] >= 0 && info[slots[i]].isDigitalLinkPrimaryKey { keyIndex = i; break }
        guard keyIndex >= 0, let keyDefinition = ApplicationIdentifierTable.slots[slots[keyIndex]] else {
            throw GS1Error(.noPrimaryKey, ai: nil, found: "no primary key among " + elements.map { "(\($0.ai))" }.joined(),
                           expected: "a primary key such as (01) GTIN or (00) SSCC")
        }
        // The qualifier sequence that carries most of the qualifiers present (the first of equals; none if none is).
        let sequences = keyDefinition.qualifierSlots
        var chosenIndex = -1
        var best = 0
        for k in 0..<sequences.count {
            var n = 0
            for q in sequences[k] where slots.contains(q) { n += 1 }
            if n > best { best = n; chosenIndex = k }
        }
        let chosen = chosenIndex >= 0 ? sequences[chosenIndex] : []
        // Every element other than the key and the chosen qualifiers must be a data attribute.
        for i in 0..<elements.count where i != keyIndex && !chosen.contains(slots[i]) {
            let slot = slots[i]
            guard slot >= 0, info[slot].isDigitalLinkAttribute, !keyDefinition.allQualifierSlots.contains(slot) else {
                let ai = elements[i].ai
                throw GS1Error(.notDigitalLinkAttribute, ai: ai, found: "(\(ai)) outside the path",
                               expected: "a key qualifier of (\(elements[keyIndex].ai)) or an AI allowed as a Digital Link attribute")
            }
        }
        var capacity = base.utf8.count
        for i in elements.indices { capacity += elements[i].ai.utf8.count + 3 * elements[i].value.utf8.count + 2 }
        return UTF8Writer.string(capacity: capacity) { w in
            w.write(base)
            w.byte(0x2F)
            w.write(elements[keyIndex].ai)
            w.byte(0x2F)
            w.writePercentEncoded(elements[keyIndex].value)
            for q in chosen {
                if let j = slots.firstIndex(of: q) {
                    w.byte(0x2F)
                    w.write(elements[j].ai)
                    w.byte(0x2F)
                    w.writePercentEncoded(elements[j].value)
                }
            }
            var first = true
            for i in 0..<elements.count where i != keyIndex && !chosen.contains(slots[i]) {
                w.byte(first ? 0x3F : 0x26)
                first = false
                w.write(elements[i].ai)
                w.byte(0x3D)
                w.writePercentEncoded(elements[i].value)
            }
        }
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

    /// True for `A-Z a-z 0-9 - . _ ~`, which percent-encoding leaves as they are.
    @inline(__always)
    static func isUnreserved(_ byte: UInt8) -> Bool { ASCIISet.unreserved.contains(byte) }
}
