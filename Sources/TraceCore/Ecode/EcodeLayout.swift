/// How a company that holds its own NSI builds master data (MD) for the Ecodes it mints: literal characters and
/// placeholders, written in the product file as `code.ecode.md`, e.g. `"{gtin}{serial:10}"` or `"8800{serial:12}"`.
///
/// Placeholders: `{gtin}` (the product's GTIN-14), `{lot}` (`batch.lot`), `{date}` (production date `YYMMDD`),
/// `{serial:N}` (the allocation counter, zero-padded to N digits, 1 ≤ N ≤ 18). Anything else is literal.
/// The layout is checked for its width against ``EcodeVersionTable`` with the product's values, before anything is
/// allocated: a layout whose largest counter would make an MD longer than the version allows is refused up front.
public struct EcodeLayout: Sendable, Hashable {
    /// One piece of the layout.
    public enum Part: Sendable, Hashable {
        case literal(String)
        case gtin
        case lot
        case date
        case serial(width: Int)
    }

    /// The Ecode version (1-3) of minted codes.
    public let version: Int
    /// The company's numbering system identifier.
    public let nsi: String
    /// The layout as written.
    public let text: String
    public let parts: [Part]

    /// Parses `md`. Throws with the rule broken (unclosed brace, unknown placeholder, two counters, bad width).
    public init(version: Int, nsi: String, md: String) throws(EcodeLayoutError) {
        self.version = version
        self.nsi = nsi
        text = md
        var parts: [Part] = []
        var rest = Substring(md)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { parts.append(.literal(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw .syntax(md, "a '{' at character \(md.distance(from: md.startIndex, to: open) + 1) is never closed")
            }
            let name = String(rest[rest.index(after: open)..<close])
            switch name {
            case "gtin": parts.append(.gtin)
            case "lot": parts.append(.lot)
            case "date": parts.append(.date)
            default:
                guard name.hasPrefix("serial:"), let width = Int(name.dropFirst("serial:".count)) else {
                    throw .syntax(md, "'{\(name)}' is not a placeholder (known: {gtin}, {lot}, {date}, {serial:N})")
                }
                guard (1...18).contains(width) else { throw .syntax(md, "{serial:\(width)}: the counter width must be 1 to 18 digits") }
                parts.append(.serial(width: width))
            }
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.literal(String(rest))) }
        if rest.contains("}") { throw .syntax(md, "a '}' has no '{' before it") }
        guard parts.filter({ if case .serial = $0 { true } else { false } }).count <= 1 else {
            throw .syntax(md, "holds two {serial:N} counters; one counter per code")
        }
        guard !parts.isEmpty else { throw .syntax(md, "is empty: the master data needs at least one character") }
        self.parts = parts
    }

    /// The counter's width, if the layout has a counter.
    public var serialWidth: Int? {
        for p in parts { if case .serial(let w) = p { return w } }
        return nil
    }

    /// The largest counter the layout can write (10^N − 1), or 0 for a layout without a counter (one fixed code).
    public var maxCounter: UInt64 {
        guard let w = serialWidth else { return 0 }
        var m: UInt64 = 1
        for _ in 0..<w { m *= 10 }
        return m - 1
    }

    /// The code text around the counter, with the product's values: `before` + counter (`serialWidth` digits) + `after`
    /// (all of the code in `before` for a layout without a counter).
    public func frame(gtin: String?, lot: String, date: CalendarDate) -> (before: String, after: String) {
        var before = "\(version)\(nsi)", after = ""
        var seenCounter = false
        for p in parts {
            let text: String
            switch p {
            case .literal(let s): text = s
            case .gtin: text = gtin ?? ""
            case .lot: text = lot
            case .date: text = date.gs1
            case .serial: seenCounter = true; continue
            }
            if seenCounter { after += text } else { before += text }
        }
        return (before, after)
    }

    /// The Ecode text for `counter` (ignored without a counter) with the product's values.
    public func code(counter: UInt64, gtin: String?, lot: String, date: CalendarDate) -> String {
        let (before, after) = frame(gtin: gtin, lot: lot, date: date)
        guard let w = serialWidth else { return before }
        let digits = String(counter)
        return before + String(repeating: "0", count: max(0, w - digits.count)) + digits + after
    }

    /// The counter a code of this layout carries, or nil if `code` is not one of its codes for these values.
    public func counter(of code: String, gtin: String?, lot: String, date: CalendarDate) -> UInt64? {
        let (before, after) = frame(gtin: gtin, lot: lot, date: date)
        guard let w = serialWidth else { return code == before ? 0 : nil }
        guard code.utf8.count == before.utf8.count + w + after.utf8.count, code.hasPrefix(before), code.hasSuffix(after) else { return nil }
        let digits = code.utf8.dropFirst(before.utf8.count).prefix(w)
        guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return UInt64(String(decoding: digits, as: UTF8.self))
    }
}

/// Why an Ecode MD layout was refused.
public enum EcodeLayoutError: Error, Equatable, Sendable, CustomStringConvertible {
    case syntax(String, String)

    public var description: String {
        switch self {
        case .syntax(let md, let rule): "MD layout '\(md)' \(rule)"
        }
    }
}
