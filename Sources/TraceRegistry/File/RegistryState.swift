/// What a writer knows about the registry after reading it under the lock: the ``RegistryReplay`` of its records,
/// seen through what allocation needs (the next counter, the chain head, the jobs left open by a dead process).
public struct RegistryState: Sendable {
    /// Reserved counters of a job that has not closed.
    public struct OpenReservation: Sendable, Equatable {
        public var ns: String
        public var gtin: String?
        public var first: UInt64
        public var last: UInt64
        /// The highest counter issued (or released) from it so far.
        public var highestIssued: UInt64?
    }

    /// A job with a `job-open` and no `job-close`: running (its ``JobLease`` is held) or dead (the next writer closes it).
    public struct OpenJob: Sendable {
        public var job: String
        public var reservations: [OpenReservation] = []
    }

    /// The records replayed: chain, jobs and reservations.
    public private(set) var replay = RegistryReplay()

    /// Number of complete records.
    public internal(set) var recordCount: Int {
        get { replay.lineCount }
        set { replay.lineCount = newValue }
    }
    /// SHA-256 (hex bytes) of the last record line, or 64 zeros for an empty file.
    public internal(set) var lastHashBytes: [UInt8] {
        get { replay.head }
        set { replay.head = newValue }
    }
    /// Byte length of the complete records.
    public var size: UInt64 = 0
    /// The highest reserved counter per namespace (`item:<GTIN>`, `ff1:<GTIN>:<key id>`, `lot:<GTIN>:<scope>` …).
    public var highestReserved: [String: UInt64] { replay.highestReserved }
    /// Item-serial namespaces per GTIN, to refuse mixing serial sources.
    public var serialNamespaces: [String: Set<String>] { replay.serialNamespaces }

    /// Jobs opened and not closed, by id.
    public var openJobs: [String: OpenJob] {
        var open: [String: OpenJob] = [:]
        for j in replay.openJobs {
            let job = replay.jobs[j]
            open[job.id] = OpenJob(job: job.id, reservations: job.reservations.map {
                OpenReservation(ns: $0.ns, gtin: $0.gtin, first: $0.first, last: $0.last,
                                highestIssued: $0.nextFree > $0.first ? $0.nextFree - 1 : nil)
            })
        }
        return open
    }

    /// SHA-256 (hex) of the last record line.
    public var lastHash: String { String(decoding: lastHashBytes, as: UTF8.self) }

    /// The first counter not yet reserved in `ns` (counters start at 1).
    public func nextCounter(in ns: String) -> UInt64 { (highestReserved[ns] ?? 0) + 1 }

    init() {}

    /// Checks a line read from the file continues the chain (`seq` and the raw `prev`), and advances it.
    /// - Returns: the rule it broke, or nil.
    mutating func chain(_ line: UnsafeRawBufferPointer, seq: UInt64?, prev: UnsafeRawBufferPointer?) -> VerificationFinding.Rule? {
        replay.chain(line, seq: seq, prev: prev)
    }

    /// Takes an item issue read from the file into account (``RegistryReplay/issueItem(job:counter:name:)``).
    mutating func issueItem(job: UnsafeRawBufferPointer?, counter: UInt64, name: () -> String?) {
        _ = replay.issueItem(job: job, counter: counter, name: name)
    }

    /// Takes a line into the chain unchecked (the writer checked it already).
    mutating func advance(over line: UnsafeRawBufferPointer) {
        replay.advance(over: line)
    }

    /// Takes a record the writer appended into account (its place in the chain is already counted).
    mutating func apply(_ r: RegistryRecord) {
        replay.apply(r)
    }

    /// Counts item codes the writer appended for `job`.
    mutating func noteIssued(job: String, counters: ClosedRange<UInt64>) {
        replay.noteIssued(job: job, counters: counters)
    }
}
