/// Parsing element strings back into AI/value pairs: bracketed HRI, raw carrier data with GS separators, and scanner
/// output with an AIM symbology identifier. Every parse validates the values and the association rules.
extension ElementString {
    /// Parses bracketed HRI such as `(01)09520123456788(10)ABC\(1\)`.
    ///
    /// A `(` or `)` inside a value is written `\(` / `\)`; spaces right after `)` or before `(` are ignored (printed HRI
    /// often has them, and a space is never valid inside a value).
    /// - Parameter checkingAssociations: false for the data of one carrier when the item's other AIs are on another.
    public init(hri text: String, checkingAssociations: Bool = true) throws(GS1Error) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else {
            throw GS1Error(.badSyntax, ai: nil, found: "empty text", expected: "bracketed AIs such as (01)09520123456788")
        }
        var elements: [AIElement] = []
        var starts: [Int] = []
        var i = 0
        while i < bytes.count {
            guard bytes[i] == 0x28 else {
                throw GS1Error(.badSyntax, ai: nil, found: "\(AIValidation.shown(bytes[i], in: text)) where an AI should start",
                               expected: "'(' opening an AI", inputPosition: Self.characterPosition(bytes, i))
            }
            var j = i + 1
            while j < bytes.count, bytes[j] != 0x29 { j += 1 }
            guard j < bytes.count else {
                throw GS1Error(.badSyntax, ai: nil, found: "'(' without ')'", expected: "an AI closed by ')'",
                               inputPosition: Self.characterPosition(bytes, i))
            }
            let ai = String(decoding: bytes[(i + 1)..<j], as: UTF8.self)
            guard ApplicationIdentifierTable.definition(forBytes: bytes[(i + 1)..<j]) != nil else {
                throw GS1Error(.unknownAI, ai: ai, found: "AI '\(ai)'", expected: "an AI from the GS1 Syntax Dictionary",
                               inputPosition: Self.characterPosition(bytes, i + 1))
            }
            j += 1
            while j < bytes.count, bytes[j] == 0x20 { j += 1 }
            let valueStart = j
            var value: [UInt8] = []
            while j < bytes.count, bytes[j] != 0x28 {
                if bytes[j] == 0x5C, j + 1 < bytes.count, bytes[j + 1] == 0x28 || bytes[j + 1] == 0x29 {
                    value.append(bytes[j + 1])
                    j += 2
                } else {
                    value.append(bytes[j])
                    j += 1
                }
            }
            while value.last == 0x20 { value.removeLast() }
            elements.append(AIElement(ai, String(decoding: value, as: UTF8.self)))
            starts.append(Self.characterPosition(bytes, valueStart))
            i = j
        }
        try self.init(parsed: elements, valueStarts: starts, checkingAssociations: checkingAssociations)
    }

    /// Parses carrier data: AIs and values with GS (0x1D) after every element outside the predefined-length table.
    /// A leading GS (some readers send the FNC1 in first position as GS) and a trailing GS are tolerated.
    /// - Parameter checkingAssociations: false for the data of one carrier when the item's other AIs are on another.
    public init(data text: String, checkingAssociations: Bool = true) throws(GS1Error) {
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count, bytes[i] == 0x1D { i += 1 }
        guard i < bytes.count else {
            throw GS1Error(.badSyntax, ai: nil, found: "no data", expected: "AI digits followed by a value")
        }
        var elements: [AIElement] = []
        var starts: [Int] = []
        while i < bytes.count {
            var found: (length: Int, definition: AIDefinition)?
            for length in 2...4 where i + length <= bytes.count {
                if let d = ApplicationIdentifierTable.definition(forBytes: bytes[i..<(i + length)]) { found = (length, d); break }
            }
            guard let (aiLength, definition) = found else {
                let shown = String(decoding: bytes[i..<min(bytes.count, i + 4)], as: UTF8.self)
                throw GS1Error(.unknownAI, ai: nil, found: "'\(shown)' where an AI should start",
                               expected: "an AI from the GS1 Syntax Dictionary", inputPosition: Self.characterPosition(bytes, i))
            }
            let valueStart = i + aiLength
            var end: Int
            if let fixed = PredefinedLength.dataLength(forAI: definition.ai) {
                end = valueStart + fixed
                guard end <= bytes.count else {
                    throw GS1Error(.tooShort, ai: definition.ai, found: "\(bytes.count - valueStart) character(s) after (\(definition.ai))",
                                   expected: "\(fixed) (predefined length)", inputPosition: Self.characterPosition(bytes, valueStart))
                }
                if let gs = bytes[valueStart..<end].firstIndex(of: 0x1D) {
                    throw GS1Error(.tooShort, ai: definition.ai, position: gs - valueStart + 1, found: "a GS separator inside the value",
                                   expected: "\(fixed) characters (predefined length)", inputPosition: Self.characterPosition(bytes, gs))
                }
            } else {
                end = valueStart
                while end < bytes.count, bytes[end] != 0x1D { end += 1 }
            }
            elements.append(AIElement(definition.ai, String(decoding: bytes[valueStart..<end], as: UTF8.self)))
            starts.append(Self.characterPosition(bytes, valueStart))
            i = end
            while i < bytes.count, bytes[i] == 0x1D { i += 1 }
        }
        try self.init(parsed: elements, valueStarts: starts, checkingAssociations: checkingAssociations)
    }

    /// Parses what a scanner sends: an AIM symbology identifier, then the data.
    ///
    /// GS1 data: `]C1` (GS1-128), `]e0` (GS1 DataBar), `]d2` (GS1 DataMatrix), `]Q3` (GS1 QR), `]J1` (GS1 DotCode);
    /// `]E0` (EAN-13/UPC) and `]E4` (EAN-8) give the GTIN as AI 01. Plain `]Q1`/`]d1` is not GS1 element string data:
    /// it is accepted only when it holds a GS1 Digital Link URI.
    public init(scan text: String) throws(GS1Error) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 3, bytes[0] == 0x5D else {
            throw GS1Error(.notGS1, ai: nil, found: "no AIM symbology identifier at the start of '\(text.prefix(12))'",
                           expected: "]Q3, ]d2, ]C1, ]e0 or ]J1 followed by GS1 data", inputPosition: 1)
        }
        let id = String(decoding: bytes[0..<3], as: UTF8.self)
        let rest = String(decoding: bytes[3...], as: UTF8.self)
        do throws(GS1Error) {
            switch id {
            case "]C1", "]e0", "]d2", "]Q3", "]J1":
                try self.init(data: rest)
            case "]E0", "]E4":
                let gtin: GTIN
                do throws(GTINError) { gtin = try GTIN(rest) } catch {
                    throw GS1Error(.badSyntax, ai: "01", found: "'\(rest)' after \(id)", expected: "a GTIN (\(error.description))")
                }
                try self.init([AIElement("01", gtin.digits14)])
            case "]Q1", "]d1":
                let lower = rest.prefix(8).lowercased()
                guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else {
                    throw GS1Error(.notGS1, ai: nil, found: "\(id) (plain text, not GS1 element string data)",
                                   expected: "]Q3, ]d2, ]C1, ]e0 or ]J1, or a GS1 Digital Link URI")
                }
                try self.init(DigitalLink.parse(rest).elements)
            default:
                throw GS1Error(.notGS1, ai: nil, found: "symbology identifier \(id)",
                               expected: "]Q3, ]d2, ]C1, ]e0 or ]J1 for GS1 data")
            }
        } catch {
            throw error.inputPosition.map { error.located(at: $0 + 3) } ?? error
        }
    }

    /// Validates parsed pairs, locating a value fault in the input.
    init(parsed elements: [AIElement], valueStarts: [Int], checkingAssociations: Bool) throws(GS1Error) {
        for (index, element) in elements.enumerated() {
            do throws(GS1Error) { try AIValidation.validate(element) } catch {
                throw error.located(at: valueStarts[index] + (error.position ?? 1) - 1)
            }
        }
        if checkingAssociations { try AIAssociations.validate(elements) }
        self.elements = elements
    }

    /// 1-based character position of byte offset `i`.
    static func characterPosition(_ bytes: [UInt8], _ i: Int) -> Int {
        var n = 0
        for b in bytes[..<min(i, bytes.count)] where b & 0xC0 != 0x80 { n += 1 }
        return n + 1
    }
}
