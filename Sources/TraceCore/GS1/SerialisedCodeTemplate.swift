/// The codes of one job differ only in one value (usually the serial, AI 21): this template validates everything
/// else once (the fixed values, the association rules, the Digital Link structure) and then builds each code's
/// element string, HRI and Digital Link by validating only the varying value and filling it into precomputed text.
///
/// The result is the same as `ElementString(_:)`, `.data`, `.hri` and `DigitalLink.uri(for:stem:)` on the full set
/// (a test proves it); it is the fast path for issuing millions of codes.
public struct SerialisedCodeTemplate: Sendable {
    /// One issued code in all its forms.
    public struct Code: Hashable, Sendable {
        /// The validated pairs.
        public let elementString: ElementString
        /// Carrier data with GS separators, no leading FNC1.
        public let data: String
        /// `(01)…(21)…`.
        public let hri: String
        /// The GS1 Digital Link URI on the template's stem.
        public let digitalLink: String
    }

    let fixed: [AIElement]
    let varyingAI: String
    let definition: AIDefinition
    /// Position of the varying element among the elements.
    let index: Int
    let data: (prefix: String, suffix: String)
    let hri: (prefix: String, suffix: String)
    let link: (prefix: String, suffix: String)

    /// - Parameters:
    ///   - elements: the elements of every code, in carrier order, with any valid sample value for `varyingAI`.
    ///   - varyingAI: the AI whose value changes per code.
    ///   - stem: the Digital Link resolver stem.
    /// - Throws: `GS1Error` when the sample set is not valid or has no Digital Link form.
    public init(_ elements: [AIElement], varying varyingAI: String = "21", stem: String = DigitalLink.defaultStem) throws(GS1Error) {
        let sample = try ElementString(elements)
        guard let index = elements.firstIndex(where: { $0.ai == varyingAI }),
              elements.filter({ $0.ai == varyingAI }).count == 1,
              let definition = ApplicationIdentifierTable.definition(for: varyingAI) else {
            throw GS1Error(.badSyntax, ai: varyingAI, found: "(\(varyingAI)) not exactly once in the template",
                           expected: "the varying AI once among the elements")
        }
        // Build each form with a marker value (NUL never passes validation, so it appears nowhere else) and split.
        var marked = sample.elements
        marked[index] = AIElement(varyingAI, "\u{0}")
        let markedString = ElementString(unchecked: marked)
        let link = try DigitalLink.uri(for: marked, stem: stem)
        func split(_ text: String, at marker: String) throws(GS1Error) -> (String, String) {
            let parts = text.split(separator: marker, omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw GS1Error(.badSyntax, ai: varyingAI, found: "a template that cannot be split", expected: "one varying value")
            }
            return (String(parts[0]), String(parts[1]))
        }
        self.fixed = sample.elements
        self.varyingAI = varyingAI
        self.definition = definition
        self.index = index
        self.data = try split(markedString.data, at: "\u{0}")
        self.hri = try split(markedString.hri, at: "\u{0}")
        self.link = try split(link, at: "%00")
    }

    /// The code whose varying value is `value`: validates `value` against its AI, then fills it in.
    public func code(_ value: String) throws(GS1Error) -> Code {
        let element = AIElement(varyingAI, value)
        try AIValidation.validate(element, against: definition)
        var elements = fixed
        elements[index] = element
        let n = value.utf8.count
        let data = UTF8Writer.string(capacity: self.data.prefix.utf8.count + n + self.data.suffix.utf8.count) { w in
            w.write(self.data.prefix); w.write(value); w.write(self.data.suffix)
        }
        let hri = UTF8Writer.string(capacity: self.hri.prefix.utf8.count + 2 * n + self.hri.suffix.utf8.count) { w in
            w.write(self.hri.prefix); w.writeEscapingParentheses(value); w.write(self.hri.suffix)
        }
        let link = UTF8Writer.string(capacity: self.link.prefix.utf8.count + 3 * n + self.link.suffix.utf8.count) { w in
            w.write(self.link.prefix); w.writePercentEncoded(value); w.write(self.link.suffix)
        }
        return Code(elementString: ElementString(unchecked: elements), data: data, hri: hri, digitalLink: link)
    }
}

extension ElementString {
    /// Elements already validated by the caller.
    init(unchecked elements: [AIElement]) { self.elements = elements }
}
