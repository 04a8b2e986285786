import TraceCore

/// A job request that cannot run, refused before anything was written.
public struct IssueError: Error, CustomStringConvertible, Sendable {
    /// The option or field in neutral terms, e.g. `count` (the CLI shows it as `--count`).
    public let field: String
    public let value: String
    public let rule: String
    /// Stable rule id, e.g. `COUNT-RANGE`; `<FIELD>-INVALID` unless a more precise one is given.
    public let id: String
    /// What kind of refusal: a request option that breaks its rule (usage) unless said otherwise, e.g. an input
    /// file named by the request that is not there (missing input).
    public let category: ErrorCategory

    public init(field: String, value: String, rule: String, id: String? = nil, category: ErrorCategory = .usage) {
        self.category = category
        self.field = field
        self.value = value
        self.rule = rule
        self.id = id ?? field.uppercased().replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: ".", with: "-") + "-INVALID"
    }

    public var description: String { message(naming: { $0 }) }
}

/// A job that failed after codes were registered. The registry holds a `job-close` record saying how far it got.
public struct IssueFailure: Error, CustomStringConvertible {
    public let job: String
    public let issued: Int
    public let delivered: Int
    public let underlying: any Error

    public var description: String {
        "job \(job) failed after registering \(issued) code(s) and delivering \(delivered) label(s): \(underlying)\n"
            + "  the registry records this job as not fully delivered; the registered codes must be reprinted, never reissued"
    }
}
