import Foundation
import TraceCore

/// Which jobs are past their retention time: closed before the cutoff (now minus the kept period) with no flow,
/// recall, reprint or void about their codes after it. It reports and, on request, logs the decision as one
/// `retention` record; it never deletes: the registry is append-only and hash-chained, so disposal means archiving
/// the whole file under its signed checkpoint, never editing lines out of it.
public struct RetentionReview: Sendable {
    /// One job and what the review found about it.
    public struct JobFinding: Sendable, Codable {
        public let job: String
        public let opened: String?
        public let closed: String?
        /// Codes the job issued.
        public let codes: Int
        /// Registry records about the job: its own (job-open, reserve, issue, release, job-close) and the voids,
        /// reprints, flows and recalls about its codes.
        public let records: Int
        /// The latest void, reprint, flow or recall about its codes, if any.
        public let lastActivity: String?
        /// nil when eligible; else why it is kept.
        public let kept: String?
    }

    public let period: RetentionPeriod
    /// ISO 8601 UTC.
    public let cutoff: String
    public let jobs: [JobFinding]
    /// When the review was made (the cutoff counts back from it).
    public let reviewedAt: Date
    public var eligible: [JobFinding] { jobs.filter { $0.kept == nil } }

    /// Reviews the registry at `path` (read only).
    public init(path: String, period: RetentionPeriod, now: Date = Date()) throws {
        let cutoff = ISO8601DateFormatter().string(from: period.cutoff(from: now))
        var ledger = RegistryLedger()
        var closed: [String: String] = [:], records: [String: Int] = [:], activity: [String: String] = [:]
        func touch(_ job: String, _ time: String?) {
            records[job, default: 0] += 1
            if let time, time > (activity[job] ?? "") { activity[job] = time }
        }
        try RegistryFile(path: path).forEachRecord { r in
            ledger.add(r)
            switch r.kind {
            case .jobOpen, .reserve, .issue, .release:
                if let id = r.job { records[id, default: 0] += 1 }
            case .jobClose:
                if let id = r.job { records[id, default: 0] += 1; closed[id] = r.time ?? "" }
            case .void, .reprint:
                if let code = r.code, let key = ScannedCode.identity(of: code), let id = ledger.codes[key]?.job { touch(id, r.time) }
            case .flow, .recall:
                if let text = r.scope, let scope = try? CodeScope(text) {
                    for id in ExportSource.jobs(of: scope, in: ledger) { touch(id, r.time) }
                }
            case .party, .retention, .recovery:
                break
            }
        }
        self.period = period
        self.cutoff = cutoff
        reviewedAt = now
        jobs = ledger.jobs.map { j in
            let close = closed[j.id], last = activity[j.id]
            let kept: String? =
                if close == nil { "not closed" }
                else if let close, close >= cutoff { "closed \(close), after the cutoff" }
                else if let last, last >= cutoff { "a void, reprint, flow or recall at \(last), after the cutoff" }
                else { nil }
            return JobFinding(job: j.id, opened: j.time, closed: close, codes: j.itemCodes + j.sharedCodes,
                              records: records[j.id] ?? 0, lastActivity: last, kept: kept)
        }
    }

    /// Appends one `retention` record logging the decision (scope: the eligible jobs as `job:<id>`, separated by
    /// spaces; count: their codes; reason: `reason` with the period and cutoff). Deletes nothing.
    @discardableResult
    public func record(operatorName: String, reason: String, registry: RegistryFile, now: Date = Date()) throws -> RegistryRecord {
        guard !operatorName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw RetentionError.badOption(option: "operator", value: operatorName, rule: "a retention record names who decided")
        }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw RetentionError.badOption(option: "reason", value: reason, rule: "a retention record says why")
        }
        return try registry.withExclusiveAccess { writer in
            // Reviewed again under the writer's lock: a flow or void appended since the report keeps its job.
            let eligible = try RetentionReview(path: registry.path, period: period, now: reviewedAt).eligible
            guard !eligible.isEmpty else {
                throw RetentionError.nothingEligible("no job is eligible (none closed before \(cutoff) without later activity): nothing to record")
            }
            var r = RegistryRecord(kind: .retention, job: nil)
            r.time = ISO8601DateFormatter().string(from: now)
            r.operatorName = operatorName
            r.reason = "\(reason) (keep \(period): jobs closed before \(cutoff); nothing deleted)"
            r.scope = eligible.map { "job:\($0.job)" }.joined(separator: " ")
            r.count = eligible.reduce(0) { $0 + $1.codes }
            try writer.append([r])
            return r
        }
    }
}
