/// A lot-number pattern for one-batch mode (`code.lot_format`), e.g. `{yyMMdd}{line}{seq:3}` → `261127L1001`.
///
/// Fields: `{yyyy}` `{yy}` `{MM}` `{dd}` `{yyMMdd}` `{yyyyMMdd}` (the batch's production date), `{line}` (the
/// production line), and exactly one `{seq:N}`: a per-day-and-line sequence of N digits that the registry
/// reserves, so two batches never get the same lot. Anything else is copied literally.
public struct LotFormat: Hashable, Sendable, CustomStringConvertible {
    enum Part: Hashable, Sendable {
        case literal(String)
        case date(String)
        case line
        case sequence(width: Int)
    }

    let parts: [Part]
    /// The text as written in the product file.
    public let description: String
    /// Digits of `{seq:N}`.
    public let sequenceWidth: Int

    /// A pattern that cannot be used, with the rule it breaks.
    public struct FormatError: Error, Sendable, CustomStringConvertible {
        public let value: String
        public let rule: String
        public var description: String { "code.lot_format '\(value)': \(rule)" }
    }

    static let dateFields: Set<String> = ["yyyy", "yy", "MM", "dd", "yyMMdd", "yyyyMMdd"]

    /// Parses `text`; refuses unknown fields, a missing or repeated `{seq:N}` and N outside 1-9.
    public init(_ text: String) throws(FormatError) {
        var parts: [Part] = []
        var literal = ""
        var seqWidth: Int?
        var rest = Substring(text)
        while let ch = rest.first {
            if ch == "{" {
                guard let close = rest.firstIndex(of: "}") else { throw FormatError(value: text, rule: "a '{' is never closed by '}'") }
                let name = String(rest[rest.index(after: rest.startIndex)..<close])
                if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
                if LotFormat.dateFields.contains(name) {
                    parts.append(.date(name))
                } else if name == "line" {
                    parts.append(.line)
                } else if name.hasPrefix("seq:"), let w = Int(name.dropFirst(4)), (1...9).contains(w) {
                    guard seqWidth == nil else { throw FormatError(value: text, rule: "{seq:N} may appear only once") }
                    seqWidth = w
                    parts.append(.sequence(width: w))
                } else {
                    throw FormatError(value: text, rule: "unknown field {\(name)} (known: {yyyy} {yy} {MM} {dd} {yyMMdd} {yyyyMMdd} {line} {seq:N} with N 1-9)")
                }
                rest = rest[rest.index(after: close)...]
            } else {
                literal.append(ch)
                rest = rest.dropFirst()
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        guard let seqWidth else { throw FormatError(value: text, rule: "must contain one {seq:N} so that batches on one day and line differ") }
        self.parts = parts
        self.sequenceWidth = seqWidth
        description = text
    }

    /// The largest sequence number N digits can print.
    public var maxSequence: UInt64 {
        var m: UInt64 = 1
        for _ in 0..<sequenceWidth { m *= 10 }
        return m - 1
    }

    /// The lot text with `{seq:N}` left out: the scope within which sequence numbers count up.
    public func scope(date: CalendarDate, line: String) -> String { render(date: date, line: line, sequence: nil) }

    /// The lot for `sequence` (1-based).
    public func lot(date: CalendarDate, line: String, sequence: UInt64) -> String { render(date: date, line: line, sequence: sequence) }

    func render(date: CalendarDate, line: String, sequence: UInt64?) -> String {
        func pad(_ n: Int, _ w: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, w - s.count)) + s }
        var out = ""
        for part in parts {
            switch part {
            case .literal(let s): out += s
            case .line: out += line
            case .sequence(let w):
                if let sequence { let s = String(sequence); out += String(repeating: "0", count: max(0, w - s.count)) + s } else { out += "{seq}" }
            case .date(let f):
                switch f {
                case "yyyy": out += pad(date.year, 4)
                case "yy": out += pad(date.year % 100, 2)
                case "MM": out += pad(date.month, 2)
                case "dd": out += pad(date.day, 2)
                case "yyMMdd": out += pad(date.year % 100, 2) + pad(date.month, 2) + pad(date.day, 2)
                default: out += pad(date.year, 4) + pad(date.month, 2) + pad(date.day, 2)
                }
            }
        }
        return out
    }
}
