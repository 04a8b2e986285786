/// A template text parsed once into literals and `{placeholder}`s, so filling it per label is concatenation.
///
/// The one parser of template text. ``TemplateLibrary`` parses every text when it loads a template, so a malformed
/// text is refused before a job validates anything else, naming the file and the field:
///
/// ```swift
/// let text = try TemplateText("批号：{batch.lot}", file: "my.yaml", field: "texts[2].text")
/// text.placeholders                          // ["batch.lot"]
/// text.filled(with: ["batch.lot": "A1"])     // "批号：A1"
/// ```
///
/// Rules: a placeholder is `{name}` with a non-empty name and no braces inside it; a `{` must be closed before the
/// next `{`, and a `}` must close one.
public struct TemplateText: Sendable, Hashable, CustomStringConvertible {
    /// A piece of a text: written as it is, or replaced by the value of a name.
    public enum Segment: Sendable, Equatable {
        /// Text written as it is (never empty).
        case literal(String)
        /// A `{name}`, by its name without the braces.
        case placeholder(String)
    }

    /// Placeholders with this prefix (`{code.hri}`, `{code.serial}`…) take their value from the label's own code, so a
    /// text using one differs from label to label. Everything else is the same on every label of a job.
    public static let perLabelPrefix = "code."

    /// The text as written in the template.
    public let source: String
    /// The text in order.
    public let segments: [Segment]
    /// True when the text uses a ``perLabelPrefix`` placeholder, so it must be laid out for every label.
    public let isPerLabel: Bool

    /// Parses `source`.
    /// - Parameters:
    ///   - file: the template file (or name), for the error.
    ///   - field: the field holding the text, e.g. `texts[2].text`, for the error.
    /// - Throws: `TemplateError` for an unclosed `{`, an empty `{}` or a `}` with no `{`, naming the character.
    public init(_ source: String, file: String, field: String) throws(TemplateError) {
        func fail(_ rule: String) -> TemplateError { TemplateError(file: file, field: field, value: source, rule: rule) }
        var segments: [Segment] = []
        var literal = ""
        var name: String?
        var opened = 0
        for (offset, character) in source.enumerated() {
            // Positions are counted from 1, in characters, as an editor shows them.
            let position = offset + 1
            switch (character, name) {
            case ("{", nil):
                if !literal.isEmpty { segments.append(.literal(literal)) }
                literal = ""
                name = ""
                opened = position
            case ("{", _?):
                throw fail("the '{' at character \(opened) is not closed before the '{' at character \(position) "
                           + "(a placeholder is {name}, e.g. {product.name}, and cannot hold braces)")
            case ("}", let open?):
                guard !open.isEmpty else {
                    throw fail("has an empty placeholder '{}' at character \(opened): name a value, e.g. {product.name}")
                }
                segments.append(.placeholder(open))
                name = nil
            case ("}", nil):
                throw fail("the '}' at character \(position) closes no '{' (a placeholder is {name}, e.g. {product.name})")
            case (_, let open?):
                name = open + String(character)
            case (_, nil):
                literal.append(character)
            }
        }
        if name != nil {
            throw fail("the '{' at character \(opened) is never closed by a '}' (a placeholder is {name}, e.g. {product.name})")
        }
        if !literal.isEmpty { segments.append(.literal(literal)) }
        self.init(source: source, segments: segments)
    }

    private init(source: String, segments: [Segment]) {
        self.source = source
        self.segments = segments
        isPerLabel = segments.contains { segment in
            if case .placeholder(let name) = segment { return name.hasPrefix(Self.perLabelPrefix) }
            return false
        }
    }

    /// No text: what a box that only measures the font holds.
    static let empty = TemplateText(source: "", segments: [])

    /// The placeholder names, in order of first use, each once.
    public var placeholders: [String] {
        var names: [String] = []
        for case .placeholder(let name) in segments where !names.contains(name) { names.append(name) }
        return names
    }

    /// The text with each placeholder replaced by its value in `values`. A name without a value stays as `{name}`;
    /// jobs and previews check ``LabelTemplate/placeholders`` first and refuse names they have no value for.
    public func filled(with values: [String: String]) -> String {
        var text = ""
        for segment in segments {
            switch segment {
            case .literal(let s): text += s
            case .placeholder(let name): text += values[name] ?? "{\(name)}"
            }
        }
        return text
    }

    /// The text as written.
    public var description: String { source }

    // The segments follow from the source: comparing and hashing the source is enough, and as cheap as before the
    // text was parsed (text boxes are dictionary keys on the per-label path).
    /// Equal when written the same.
    public static func == (a: TemplateText, b: TemplateText) -> Bool { a.source == b.source }
    /// Hashes the text as written.
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }
}
