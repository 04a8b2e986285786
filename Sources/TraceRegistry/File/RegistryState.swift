/// What a writer knows about the registry after reading it under the lock.
public struct RegistryState: Sendable {
    /// Reserved counters of a job that has not closed.
    public struct OpenReservation: Sendable, Equatable {
        public var ns: String
        public var gtin: String?
        public var first: UInt64
        public var last: UInt64
        /// The highest counter issued from it so far.
        public var highestIssued: UInt64?
    }

    /// A job with a `job-open` and no `job-close`: running (its ``JobLease`` is held) or dead (the next writer closes it).
    public struct OpenJob: Sendable {
        public var job: String
        public var reservations: [OpenReservation] = []
    }

    /// Number of complete records.
    public var recordCount: Int = 0
    /// SHA-256 (hex bytes) of the last record line, or 64 zeros for an empty file.
    public var lastHashBytes: [UInt8] = ChainHash.genesis
    /// Byte length of the complete records.
    public var size: UInt64 = 0
    /// The highest reserved counter per namespace (`item:<GTIN>`, `ff1:<GTIN>:<key id>`, `lot:<GTIN>:<scope>` …).
    public var highestReserved: [String: UInt64] = [:]
    /// Item-serial namespaces per GTIN, to refuse mixing serial sources.
    public var serialNamespaces: [String: Set<String>] = [:]
    /// Jobs opened and not closed.
    public var openJobs: [String: OpenJob] = [:]

    /// SHA-256 (hex) of the last record line.
    public var lastHash: String { String(decoding: lastHashBytes, as: UTF8.self) }

    /// The first counter not yet reserved in `ns` (counters start at 1).
    public func nextCounter(in ns: String) -> UInt64 { (highestReserved[ns] ?? 0) + 1 }

    /// Takes a record into account (the writer calls this for every line it reads or appends).
    mutating func apply(_ r: RegistryRecord) {
        switch r.kind {
        case .jobOpen:
            if let job = r.job { openJobs[job] = OpenJob(job: job) }
        case .reserve:
            guard let ns = r.namespace, let first = r.first, let last = r.last else { return }
            highestReserved[ns] = max(highestReserved[ns] ?? 0, last)
            if let gtin = r.gtin, !ns.hasPrefix("lot:") { serialNamespaces[gtin, default: []].insert(ns) }
            if let job = r.job, openJobs[job] != nil {
                openJobs[job]!.reservations.append(OpenReservation(ns: ns, gtin: r.gtin, first: first, last: last))
            }
        case .issue:
            if let job = r.job, let counter = r.counter { noteIssued(job: job, counter: counter) }
            // A shared (batch) code uses the job's lot reservation.
            if let job = r.job, r.counter == nil, var open = openJobs[job] {
                for i in open.reservations.indices where RegistryRecord.isSharedCodeNamespace(open.reservations[i].ns) {
                    open.reservations[i].highestIssued = open.reservations[i].last
                }
                openJobs[job] = open
            }
        case .jobClose:
            if let job = r.job { openJobs[job] = nil }
        case .release, .void, .reprint, .recovery, .party, .flow, .recall, .retention:
            break
        }
    }

    mutating func noteIssued(job: String, counter: UInt64) {
        guard var open = openJobs[job] else { return }
        for i in open.reservations.indices where open.reservations[i].first <= counter && counter <= open.reservations[i].last {
            open.reservations[i].highestIssued = max(open.reservations[i].highestIssued ?? 0, counter)
        }
        openJobs[job] = open
    }
}
