import Foundation
import TraceCore

/// Turns whatever a scanner or a person typed into the identity of a trace code, so codes compare whatever
/// form they came in: HRI `(01)…(21)…`, a GS1 element string (with or without an AIM symbology identifier such
/// as `]Q3`, `]d2`, `]C1`, and GS separators), a GS1 Digital Link URI, or an Ecode (bare, or its resolver URL
/// `…/E=<code>`).
///
/// A GS1 identity is the key and its qualifiers only — AIs 00, 01, 10, 21, 22 as `01=…|10=…|21=…` in AI order — so
/// attributes such as the production date (11) do not make two spellings of one code differ. An Ecode's identity
/// is `E=<code>` (upper case, spaces removed).
public enum ScannedCode {
    static let identityAIs: Set<String> = ["00", "01", "10", "21", "22"]

    /// The identity of `raw`, or `nil` if it is none of the forms above.
    public static func identity(of raw: String) -> String? {
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        var gs1Symbology = false
        if text.hasPrefix("]"), text.count >= 3 { // AIM symbology identifier: ]C1 ]d2 ]Q3 ]e0 ]J1 announce GS1 data
            gs1Symbology = ["]C1", "]d2", "]Q3", "]e0", "]J1"].contains(String(text.prefix(3)))
            text = String(text.dropFirst(3))
        }
        guard !text.isEmpty else { return nil }
        let pairs: [(String, String)]?
        if text.hasPrefix("(") {
            pairs = hri(text)
        } else if text.lowercased().hasPrefix("http://") || text.lowercased().hasPrefix("https://") {
            pairs = digitalLink(text)
            if pairs == nil || !(pairs!.contains { $0.0 == "01" || $0.0 == "00" }) { return ecode(text) }
        } else if !gs1Symbology, let first = text.utf8.first, first >= 0x31, first <= 0x39, let e = ecode(text) {
            // A bare code starting 1-9 outside a GS1 symbol is an Ecode (GS1 element strings start with their key, 00 or 01).
            return e
        } else {
            pairs = elementString(text)
        }
        guard let pairs else { return nil }
        let kept = pairs.filter { identityAIs.contains($0.0) }.sorted { $0.0 < $1.0 }
        guard kept.contains(where: { $0.0 == "01" || $0.0 == "00" }) else { return nil }
        // The identity's values must be values of their AIs (length, characters, check digit): a scan whose key or
        // serial is not even well-formed names no code, and its identity could not be written back as the same code.
        for (ai, value) in kept {
            do throws(GS1Error) { try AIValidation.validate(AIElement(ai, value)) } catch { return nil }
        }
        return kept.map { "\($0.0)=\($0.1)" }.joined(separator: "|")
    }

    /// `E=<code>` for an Ecode V1-V3, bare, as a resolver URL (`…/E=<code>`), or inside a URL of a product's own
    /// pattern (`code.ecode.url`, e.g. `https://trace.example.cn/ecode/<code>?src=label`): the last path segment or
    /// query value that is an Ecode.
    static func ecode(_ text: String) -> String? {
        if let e = try? Ecode(text), e.version != 0 { return "E=\(e.description)" }
        guard let url = URLComponents(string: text), url.scheme != nil else { return nil }
        let candidates = url.path.split(separator: "/").reversed().map(String.init) + (url.queryItems ?? []).compactMap(\.value)
        for candidate in candidates {
            if let e = try? Ecode(candidate), e.version != 0 { return "E=\(e.description)" }
        }
        return nil
    }

    static func hri(_ text: String) -> [(String, String)]? {
        var out: [(String, String)] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            guard rest.first == "(", let close = rest.firstIndex(of: ")") else { return nil }
            let ai = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = rest[rest.index(after: close)...]
            let end = rest.firstIndex(of: "(") ?? rest.endIndex
            out.append((ai, String(rest[..<end])))
            rest = rest[end...]
        }
        return out
    }

    static func digitalLink(_ text: String) -> [(String, String)]? {
        guard let url = URLComponents(string: text) else { return nil }
        let segments = url.percentEncodedPath.split(separator: "/").map(String.init)
        guard let start = segments.firstIndex(where: { $0 == "01" || $0 == "00" }) else { return nil }
        var out: [(String, String)] = []
        var i = start
        while i + 1 < segments.count {
            out.append((segments[i], segments[i + 1].removingPercentEncoding ?? segments[i + 1]))
            i += 2
        }
        for item in url.queryItems ?? [] { if let v = item.value { out.append((item.name, v)) } }
        return out
    }

    static func elementString(_ text: String) -> [(String, String)]? {
        let gs = Character("\u{1D}")
        var chars = Array(text)
        if chars.first == gs { chars.removeFirst() }
        var out: [(String, String)] = []
        var i = 0
        while i < chars.count {
            var found: AIDefinition?
            for length in 2...4 where i + length <= chars.count {
                if let d = ApplicationIdentifierTable.definition(for: String(chars[i..<(i + length)])) { found = d; break }
            }
            guard let def = found else { return nil }
            i += def.ai.count
            let end: Int
            if let fixed = PredefinedLength.dataLength(forAI: def.ai) {
                end = min(chars.count, i + fixed)
            } else {
                end = chars[i...].firstIndex(of: gs) ?? chars.count
            }
            out.append((def.ai, String(chars[i..<end])))
            i = end
            if i < chars.count, chars[i] == gs { i += 1 }
        }
        return out
    }
}
