/// How a product on the Ecode scheme gets its codes and what its labels carry (`code.ecode.*` in the product file).
public struct EcodeSettings: Sendable, Hashable {
    /// Where codes come from.
    public enum Source: Sendable, Hashable {
        /// Codes the platform issued, imported from a file (one per line, a CSV with an `ecode` column, or a `.zip`
        /// of such files), each used once, in file order.
        case pool(file: String)
        /// Codes minted from the company's own NSI with an MD layout and a counter.
        case mint(EcodeLayout)

        /// The product-file spelling.
        public var name: String {
            switch self {
            case .pool: "pool"
            case .mint: "mint"
            }
        }
    }

    /// What a plain QR symbol carries.
    public enum Payload: String, Sendable, Hashable, CaseIterable {
        /// The resolver URL (a phone opens it).
        case url
        /// The bare Ecode (for readers of the Ecode platform's own apps).
        case plain
    }

    /// The default URL pattern: the Ecode platform's resolver form.
    public static let defaultURLPattern = "{resolver}/E={ecode}"

    public let source: Source
    /// The URL pattern, with `{resolver}` and `{ecode}`.
    public let urlPattern: String
    /// The resolver base URL, without a trailing slash (default ``Ecode/defaultResolver``).
    public let resolver: String
    public let payload: Payload

    /// Settings; `urlPattern` must hold `{ecode}` once and give an http(s) URL (see ``validatedURLPattern(_:resolver:)``).
    public init(source: Source, urlPattern: String = EcodeSettings.defaultURLPattern, resolver: String = Ecode.defaultResolver,
                payload: Payload = .url) {
        self.source = source
        self.urlPattern = urlPattern
        var base = resolver
        while base.hasSuffix("/") { base.removeLast() }
        self.resolver = base
        self.payload = payload
    }

    /// The URL for `ecode`.
    public func url(for ecode: Ecode) -> String {
        urlPattern.replacingOccurrences(of: "{resolver}", with: resolver).replacingOccurrences(of: "{ecode}", with: ecode.description)
    }

    /// Checks a URL pattern: `{ecode}` exactly once, only `{resolver}` and `{ecode}` as placeholders, and an http or
    /// https URL of characters a URI allows unescaped. Returns the rule broken, or nil.
    public static func patternProblem(_ pattern: String, resolver: String) -> String? {
        guard pattern.components(separatedBy: "{ecode}").count == 2 else { return "must contain {ecode} exactly once" }
        let filled = pattern.replacingOccurrences(of: "{resolver}", with: resolver).replacingOccurrences(of: "{ecode}", with: "1")
        if filled.contains("{") || filled.contains("}") { return "may use only the placeholders {resolver} and {ecode}" }
        let lower = filled.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return "must give an http:// or https:// URL" }
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%".utf8)
        if let bad = filled.utf8.first(where: { !allowed.contains($0) }) {
            return "holds '\(String(decoding: [bad], as: UTF8.self))', which a URL must escape: write the URL without spaces or non-ASCII characters"
        }
        guard let host = filled.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first, !host.isEmpty else {
            return "has no host"
        }
        return nil
    }
}
