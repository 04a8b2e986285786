/// What a token may do.
public enum Role: String, Sendable, CaseIterable, Codable {
    /// A production line or MES: issue jobs, reprint and void its own codes, read codes and jobs.
    case line
    /// Quality assurance: verify, report, verify ranges, reconcile, void, reprint, read everything.
    case qa
    /// A seller: look codes up and reconcile scans of goods received.
    case seller
    /// Everything.
    case admin
}
