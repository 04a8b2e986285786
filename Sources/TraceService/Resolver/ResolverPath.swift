/// A resolver request path: a GS1 Digital Link (`/01/{gtin}` with `/10/{lot}`, `/21/{serial}` and other qualifiers)
/// or an Ecode (`/E={ecode}`), under any path prefix.
struct ResolverPath: Sendable, Equatable {
    /// The GS1 or Ecode part of the path, from its key on, e.g. `/01/09520123456788/21/0000000001`.
    let keyPath: String
    /// The code in a form ``ScannedCode/identity(of:)`` reads: a Digital Link URI or an Ecode URL.
    let code: String

    /// Query parameters the resolver itself reads, not part of the code.
    static let resolverParameters: Set<String> = ["lang", "linkType", "context"]

    /// Parses `path` and `query` (raw, without `?`); nil if the path holds neither form.
    init?(path: String, query: String?) {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if let i = segments.firstIndex(where: { $0 == "01" }), i + 1 < segments.count {
            let gtin = segments[i + 1]
            guard (8...14).contains(gtin.count), gtin.allSatisfy(\.isASCIIDigit) else { return nil }
            let key = Array(segments[i...])
            guard key.count % 2 == 0 else { return nil }
            keyPath = "/" + key.joined(separator: "/")
            let kept = (query ?? "").split(separator: "&").filter { item in
                let name = item.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
                return !Self.resolverParameters.contains(name) && name.allSatisfy(\.isASCIIDigit) && !name.isEmpty
            }
            code = "https://resolver" + keyPath + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
        } else if let e = segments.last(where: { $0.hasPrefix("E=") }), e.count > 2 {
            keyPath = "/" + e
            code = "https://resolver/" + e.dropFirst(2)
        } else {
            return nil
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
