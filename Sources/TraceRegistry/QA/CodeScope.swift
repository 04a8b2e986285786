/// Which issued codes a flow, a recall or a retention decision is about, written in the record's `scope` field.
///
/// Text forms (chosen so no GS1 lot or serial can contain the separators: `@` and `|` are outside the GS1 AI
/// character set 82):
/// - `code:<code>`: one code (as its HRI, Digital Link or Ecode);
/// - `range:<first>|<last>`: item codes of one namespace whose counters lie from `first`'s to `last`'s;
/// - `lot:<lot>` or `lot:<lot>@<gtin-14>`: every code of every job that printed the lot (of that GTIN);
/// - `job:<id>`: every code the job issued.
public enum CodeScope: Sendable, Equatable, CustomStringConvertible {
    case code(String)
    case range(first: String, last: String)
    case lot(String, gtin: String?)
    case job(String)

    /// Why a scope's text could not be read.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public let text: String
        public var description: String {
            "scope '\(text)' must be code:<code>, range:<first code>|<last code>, lot:<lot> (or lot:<lot>@<GTIN-14>) or job:<job id>"
        }
    }

    /// Reads the text form.
    public init(_ text: String) throws {
        guard let colon = text.firstIndex(of: ":") else { throw ParseError(text: text) }
        let kind = text[..<colon], rest = String(text[text.index(after: colon)...])
        guard !rest.isEmpty else { throw ParseError(text: text) }
        switch kind {
        case "code": self = .code(rest)
        case "job": self = .job(rest)
        case "range":
            let parts = rest.split(separator: "|", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { throw ParseError(text: text) }
            self = .range(first: String(parts[0]), last: String(parts[1]))
        case "lot":
            let parts = rest.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count <= 2, !parts[0].isEmpty, parts.count == 1 || parts[1].count == 14 else { throw ParseError(text: text) }
            self = .lot(String(parts[0]), gtin: parts.count == 2 ? String(parts[1]) : nil)
        default: throw ParseError(text: text)
        }
    }

    public var description: String {
        switch self {
        case .code(let c): "code:\(c)"
        case .range(let a, let b): "range:\(a)|\(b)"
        case .lot(let lot, let gtin): gtin.map { "lot:\(lot)@\($0)" } ?? "lot:\(lot)"
        case .job(let id): "job:\(id)"
        }
    }
}
