/// What `verify` found: the rules broken (with the line) and the facts an auditor wants to see.
public struct VerificationReport: Sendable {
    /// One broken rule at one line.
    public typealias Problem = VerificationFinding

    public let path: String
    public var records = 0
    public var jobs = 0
    public var openJobs = 0
    public var reservations = 0
    /// Item codes issued (one per counter).
    public var itemCodes = 0
    /// Batch and category codes issued, and the labels (copies) they cover.
    public var sharedCodes = 0
    public var sharedCopies = 0
    public var releasedCounters: UInt64 = 0
    /// Reserved, not issued, not yet released (their job has no job-close yet).
    public var pendingCounters: UInt64 = 0
    public var voids = 0
    public var reprints = 0
    public var recoveries = 0
    /// Trace data records: party registrations, flows, recalls.
    public var parties = 0
    public var flows = 0
    public var recalls = 0
    /// Bytes after the last newline (a torn write the next writer cuts).
    public var tornTailBytes = 0
    /// SHA-256 of the last complete line (the chain head).
    public var head = String(repeating: "0", count: 64)
    /// Set when a checkpoint was given and matched.
    public var checkpointSize: UInt64?
    /// `verify --since`: the records the checkpoint covered, which this report did not re-read (its counts are of the
    /// records after them).
    public var since: UInt64?
    /// `verify --since`: voids, reprints, flows and recalls naming a code issued before the checkpoint, taken as
    /// issued without matching their issue line.
    public var uncheckedEarlierCodes = 0
    /// The broken rules, in line order (at most ``RegistryReplay/findingLimit``).
    public var problems: [VerificationFinding] = []
    public var notes: [String] = []

    /// All rules hold.
    public var isIntact: Bool { problems.isEmpty }

    /// Text for the terminal: verdict first, then the first problems or the facts.
    public var summary: String {
        var out: [String] = []
        if isIntact {
            out.append("verify: OK  \(path)")
        } else {
            out.append("verify: FAILED  \(path)")
            out.append("first problem: \(problems[0])")
            for p in problems.dropFirst().prefix(9) { out.append("  also: \(p)") }
        }
        out.append("records \(records), jobs \(jobs) (\(openJobs) without job-close), reservations \(reservations)")
        out.append("item codes issued \(itemCodes), batch/category codes \(sharedCodes) covering \(sharedCopies) label(s)")
        out.append("gaps: released \(releasedCounters) counter(s), awaiting release \(pendingCounters); voided \(voids), reprints \(reprints), recoveries \(recoveries)")
        out.append("trace data: parties \(parties), flows \(flows), recalls \(recalls)")
        if let size = checkpointSize { out.append("checkpoint: the first \(size) record(s) match the signed checkpoint") }
        if let since {
            out.append("since checkpoint: checked the \(records) record(s) after the \(since) it signed, chained on from its last record; the counts above are of those only")
            out.append("  not re-read: the \(since) covered record(s) (a full `verify --checkpoint` does); \(uncheckedEarlierCodes) reference(s) to codes issued before the checkpoint taken as issued")
        }
        out.append("chain head \(head)")
        for n in notes { out.append("note: \(n)") }
        return out.joined(separator: "\n")
    }
}
