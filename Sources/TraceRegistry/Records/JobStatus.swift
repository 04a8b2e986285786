/// How a job ended, as its `job-close` record says.
public enum JobStatus: String, Sendable, Codable, CaseIterable {
    /// Every label asked for was rendered and delivered.
    case delivered
    /// Codes issued, no label made (the job had no `--pdf` and no `--spool`).
    case registered
    /// The job failed after issuing some codes; `error` says why, and unissued counters were released.
    case partlyDelivered = "partly-delivered"
    /// The job's process died; the next writer closed it and released its unissued counters.
    case interrupted

    /// Whether the job finished what it was asked (delivered, or registered with no output asked for).
    public var isComplete: Bool { self == .delivered || self == .registered }

    /// The statuses, as a person reads them in a message.
    static let spelled = allCases.map(\.rawValue).joined(separator: ", ")
}
