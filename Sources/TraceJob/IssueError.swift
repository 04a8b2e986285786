/// A job request that cannot run, refused before anything was written.
public struct IssueError: Error, CustomStringConvertible, Sendable {
    /// The option or field, e.g. `--count`.
    public let field: String
    public let value: String
    public let rule: String

    public init(field: String, value: String, rule: String) {
        self.field = field
        self.value = value
        self.rule = rule
    }

    public var description: String { "\(field): '\(value)': \(rule)" }
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
