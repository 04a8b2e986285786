import TraceCore

/// The registry's records replayed in order — the one place that rebuilds jobs and reservations from them, for
/// every reader that needs them: the writer (``RegistryState``), the verifier (``RegistryVerifier``) and QA
/// (``RegistryLedger``).
///
/// It owns the rules those readers share: the hash chain (`seq` counts lines from 0, `prev` is the SHA-256 of the
/// line before); a job is opened once and closed at most once; reservations increase per namespace; an item counter
/// lies inside a reservation of its own job and is used once; a batch or category job's one shared code uses up its
/// lot or Ecode reservation; a release covers only unused counters; and at job-close every counter is issued or
/// released and the counts agree with the job's status. A broken rule becomes a ``VerificationFinding``: the
/// verifier reports them, the writer refuses a broken chain and tolerates the rest (it never rewrites history).
///
/// Fed one record at a time: ``chain(_:seq:prev:)`` for the line's place in the chain, then
/// ``issueItem(job:counter:name:)`` for the bulk of the file (item issues, read without building a record) or
/// ``apply(_:)`` for any other record. Codes themselves (duplicates, voids, trace data) are the verifier's and the
/// ledger's concern: the replay keeps jobs and counters only, so its memory grows with jobs, not with codes.
public struct RegistryReplay: Sendable {
    /// A block of counters a job reserved, and what became of it so far.
    public struct Reservation: Sendable, Equatable, Codable {
        /// The namespace counted in (``RegistryRecord/namespace``).
        public let ns: String
        public let gtin: String?
        public let first: UInt64
        public let last: UInt64
        /// The `reserve` record's line (1-based).
        public let line: Int
        /// Counters issued from it.
        public internal(set) var issued: UInt64 = 0
        /// Counters released (never to be issued).
        public internal(set) var released: UInt64 = 0
        /// Counters below it were issued or released: the next one a job may issue.
        public internal(set) var nextFree: UInt64

        /// Counters reserved.
        public var size: UInt64 { last - first + 1 }
        /// Reserved, neither issued nor released (0 when more were used than reserved: a duplicate, found elsewhere).
        public var pending: UInt64 { size > issued + released ? size - issued - released : 0 }
        /// Every counter issued or released, each once.
        public var isSettled: Bool { issued + released == size }
    }

    /// A job, from its `job-open`.
    public struct Job: Sendable, Equatable, Codable {
        public let id: String
        /// The `job-open` record's line (1-based).
        public let line: Int
        public let mode: AllocationMode?
        /// Labels asked for.
        public let count: Int
        public let gtin: String?
        /// The lot printed (from the job-open, or from the lot reservation that chose it).
        public internal(set) var lot: String?
        public internal(set) var closed = false
        public internal(set) var reservations: [Reservation] = []
        /// Item codes issued.
        public internal(set) var itemsIssued = 0
        /// Shared (batch, category) codes issued.
        public internal(set) var sharedIssued = 0
        /// Codes of the job voided so far (noted by the reader that resolves codes: ``noteVoid(job:)``).
        public internal(set) var voided = 0
    }

    /// What a record resolved to.
    public struct Applied: Sendable {
        /// Index in ``jobs`` of the record's job, if it names one that was opened.
        public var job: Int?
        /// Index in that job's reservations of the reservation the record made or used, if any.
        public var reservation: Int?
    }

    /// Lines taken into the chain so far (well-formed or not).
    public internal(set) var lineCount = 0
    /// SHA-256 (hex bytes) of the last line, or 64 zeros before the first.
    public internal(set) var head: [UInt8] = ChainHash.genesis
    /// Jobs in the order they were opened.
    public private(set) var jobs: [Job] = []
    /// Index in ``jobs`` by job id.
    public private(set) var jobIndex: [String: Int] = [:]
    /// Jobs opened and not yet closed (indices in ``jobs``).
    public private(set) var openJobs: Set<Int> = []
    /// The highest reserved counter per namespace (`item:<GTIN>`, `ff1:<GTIN>:<key id>`, `lot:<GTIN>:<scope>` …).
    public private(set) var highestReserved: [String: UInt64] = [:]
    /// The line of the reservation that set ``highestReserved``, for the overlap finding.
    private var highestReservedLine: [String: Int] = [:]
    /// Item-serial namespaces per GTIN, to refuse mixing serial sources.
    public private(set) var serialNamespaces: [String: Set<String>] = [:]
    /// The first broken rules, in line order (at most ``findingLimit``).
    public private(set) var findings: [VerificationFinding] = []

    /// Stop collecting after this many findings: the first one is what matters.
    public static let findingLimit = 50

    /// The raw job id of the last item issue and its index, so the bulk of a file resolves its job without a string.
    private var cachedJobBytes: [UInt8] = []
    private var cachedJob = -1

    public init() {}

    /// What the replay knows at one line, to resume from there (``CheckpointState``, `verify --since`): the chain
    /// head, every job with its reservations and counts, the highest counter per namespace. Grows with jobs and
    /// namespaces, not with codes.
    public struct Saved: Sendable, Equatable, Codable {
        public var lineCount: Int
        /// SHA-256 (hex) of line ``lineCount``.
        public var head: String
        public var jobs: [Job]
        public var highestReserved: [String: UInt64]
        public var highestReservedLine: [String: Int]
        public var serialNamespaces: [String: [String]]
    }

    /// The state to resume from after the last line replayed.
    public var saved: Saved {
        Saved(lineCount: lineCount, head: String(decoding: head, as: UTF8.self), jobs: jobs, highestReserved: highestReserved,
              highestReservedLine: highestReservedLine, serialNamespaces: serialNamespaces.mapValues { $0.sorted() })
    }

    /// A replay that carries on from `saved`: the next line fed is line `saved.lineCount + 1`.
    public init(resuming saved: Saved) {
        lineCount = saved.lineCount
        head = Array(saved.head.utf8)
        jobs = saved.jobs
        for (j, job) in jobs.enumerated() {
            jobIndex[job.id] = j
            if !job.closed { openJobs.insert(j) }
        }
        highestReserved = saved.highestReserved
        highestReservedLine = saved.highestReservedLine
        serialNamespaces = saved.serialNamespaces.mapValues { Set($0) }
    }

    /// Records a broken rule at line `line` (1-based; 0 for the registry as a whole).
    public mutating func fail(_ line: Int, _ rule: VerificationFinding.Rule) {
        if findings.count < RegistryReplay.findingLimit { findings.append(VerificationFinding(line: line, rule: rule)) }
    }

    // MARK: The chain

    /// Checks that `line` continues the chain — its `seq` is its 0-based position, its `prev` (the raw field, from
    /// ``RecordScanner``) the hash of the line before — and advances the chain over it.
    /// - Returns: the first rule the line broke (also recorded as a finding), or nil.
    /// Values, not the scanner, are passed: a scanner held by a caller's closure would be copied (retained) per line.
    @discardableResult
    public mutating func chain(_ line: UnsafeRawBufferPointer, seq: UInt64?, prev: UnsafeRawBufferPointer?) -> VerificationFinding.Rule? {
        let n = lineCount + 1
        var broken: VerificationFinding.Rule?
        if seq != UInt64(lineCount) {
            broken = .seq(found: seq, expected: lineCount)
            fail(n, broken!)
        }
        if !(prev?.elementsEqual(head) ?? false) {
            let rule: VerificationFinding.Rule = n == 1 ? .firstPrev : .prev(previousLine: n - 1)
            fail(n, rule)
            broken = broken ?? rule
        }
        advance(over: line)
        return broken
    }

    /// Takes a line into the chain without checking it (a line that is not a record still links the next one).
    public mutating func advance(over line: UnsafeRawBufferPointer) {
        ChainHash.hex(of: line, into: &head)
        lineCount += 1
    }

    // MARK: Records

    /// An item `issue` line (one with a counter), read without building a record: the bulk of a registry.
    /// `job` is the raw (escaped) job field; `name` unescapes it, asked only when the job differs from the last one.
    /// Call after ``chain(_:seq:prev:)`` (the line's number is ``lineCount``).
    /// - Returns: the job and the reservation the counter was issued from; nil with a finding if the job was never
    ///   opened; a nil reservation (with a finding) if the counter lies outside the job's reservations.
    public mutating func issueItem(job raw: UnsafeRawBufferPointer?, counter: UInt64, name: () -> String?) -> Applied? {
        let j: Int
        if let raw, cachedJob >= 0, raw.elementsEqual(cachedJobBytes) {
            j = cachedJob
        } else {
            let name = name() ?? ""
            guard let found = jobIndex[name] else {
                fail(lineCount, .noJobOpen(kind: .issue, job: name))
                return nil
            }
            cachedJobBytes = raw.map { Array($0) } ?? []
            cachedJob = found
            j = found
        }
        return Applied(job: j, reservation: use(counter, job: j, line: lineCount))
    }

    /// Takes any record into account; `line` is its 1-based line number (defaults to the chain's last line).
    @discardableResult
    public mutating func apply(_ r: RegistryRecord, line: Int? = nil) -> Applied {
        let n = line ?? lineCount
        switch r.kind {
        case .jobOpen:
            guard let id = r.job else { fail(n, .jobOpenWithoutJob); return Applied() }
            if jobIndex[id] != nil { fail(n, .jobOpenedTwice(job: id)); return Applied() }
            jobIndex[id] = jobs.count
            openJobs.insert(jobs.count)
            jobs.append(Job(id: id, line: n, mode: r.mode, count: r.count ?? 0, gtin: r.gtin, lot: r.lot))
            return Applied(job: jobs.count - 1)
        case .reserve:
            return reserve(r, line: n)
        case .issue:
            guard let id = r.job, let j = jobIndex[id] else { fail(n, .noJobOpen(kind: .issue, job: nil)); return Applied() }
            if let counter = r.counter {
                return Applied(job: j, reservation: use(counter, job: j, line: n))
            }
            guard r.code != nil else { fail(n, .issueWithoutCode); return Applied() }
            if jobs[j].closed { fail(n, .afterJobClose(kind: .issue, job: id)) }
            guard let copies = r.copies, copies >= 1 else { fail(n, .sharedIssueWithoutCopies); return Applied() }
            jobs[j].sharedIssued += 1
            return Applied(job: j, reservation: useSharedReservation(job: j))
        case .release:
            return release(r, line: n)
        case .jobClose:
            return close(r, line: n)
        case .void, .reprint, .recovery, .party, .flow, .recall, .retention:
            return Applied(job: r.job.flatMap { jobIndex[$0] })
        }
    }

    /// Counts a void of one of job `j`'s codes (the reader that knows which job issued a code calls it).
    public mutating func noteVoid(job j: Int) { jobs[j].voided += 1 }

    /// Counts item codes the writer just appended for `job` (counters it issued in order, from its reservations).
    mutating func noteIssued(job id: String, counters: ClosedRange<UInt64>) {
        guard let j = jobIndex[id] else { return }
        for i in jobs[j].reservations.indices {
            let res = jobs[j].reservations[i]
            let lo = max(res.first, counters.lowerBound), hi = min(res.last, counters.upperBound)
            guard lo <= hi else { continue }
            jobs[j].reservations[i].issued += hi - lo + 1
            jobs[j].reservations[i].nextFree = max(res.nextFree, hi + 1)
            jobs[j].itemsIssued += Int(hi - lo + 1)
        }
    }

    // MARK: The rules

    /// An item counter issued by job `j`: inside one of its reservations and above every counter used before.
    private mutating func use(_ counter: UInt64, job j: Int, line n: Int) -> Int? {
        if jobs[j].closed { fail(n, .afterJobClose(kind: .issue, job: jobs[j].id)) }
        guard let r = jobs[j].reservations.lastIndex(where: { $0.first <= counter && counter <= $0.last }) else {
            fail(n, .counterOutsideReservations(job: jobs[j].id, counter: counter))
            return nil
        }
        if counter < jobs[j].reservations[r].nextFree { fail(n, .counterReused(job: jobs[j].id, counter: counter)) }
        jobs[j].reservations[r].nextFree = max(jobs[j].reservations[r].nextFree, counter + 1)
        jobs[j].reservations[r].issued += 1
        jobs[j].itemsIssued += 1
        return r
    }

    /// A batch or category job's one shared code uses the whole of a lot reservation (`code.lot_format`) or an
    /// Ecode counter not used yet.
    private mutating func useSharedReservation(job j: Int) -> Int? {
        var used: Int?
        for r in jobs[j].reservations.indices where RegistryRecord.isSharedCodeNamespace(jobs[j].reservations[r].ns) && jobs[j].reservations[r].issued == 0 {
            jobs[j].reservations[r].issued = jobs[j].reservations[r].last - jobs[j].reservations[r].first + 1
            jobs[j].reservations[r].nextFree = jobs[j].reservations[r].last + 1
            used = used ?? r
        }
        return used
    }

    private mutating func reserve(_ r: RegistryRecord, line n: Int) -> Applied {
        let j = r.job.flatMap { jobIndex[$0] }
        guard let j, let ns = r.namespace, let first = r.first, let last = r.last, first <= last, first >= 1 else {
            // Counted even when the record breaks a rule: a writer must never hand out a counter the file names.
            if let ns = r.namespace, let last = r.last { raiseHighestReserved(ns, to: last, line: n) }
            if let j { fail(n, .reserveMalformed); return Applied(job: j) }
            fail(n, .noJobOpen(kind: .reserve, job: nil))
            return Applied()
        }
        if jobs[j].closed { fail(n, .afterJobClose(kind: .reserve, job: jobs[j].id)) }
        if let prior = highestReserved[ns], first <= prior {
            fail(n, .reservationOverlap(ns: ns, first: first, last: last, priorLast: prior, priorLine: highestReservedLine[ns] ?? 0))
        }
        raiseHighestReserved(ns, to: last, line: n)
        if let gtin = r.gtin, !ns.hasPrefix("lot:") { serialNamespaces[gtin, default: []].insert(ns) }
        jobs[j].reservations.append(Reservation(ns: ns, gtin: r.gtin, first: first, last: last, line: n, nextFree: first))
        if let lot = r.lot { jobs[j].lot = lot }
        return Applied(job: j, reservation: jobs[j].reservations.count - 1)
    }

    private mutating func raiseHighestReserved(_ ns: String, to last: UInt64, line n: Int) {
        guard last > highestReserved[ns] ?? 0 else { return }
        highestReserved[ns] = last
        highestReservedLine[ns] = n
    }

    private mutating func release(_ r: RegistryRecord, line n: Int) -> Applied {
        guard let id = r.job, let j = jobIndex[id] else { fail(n, .noJobOpen(kind: .release, job: nil)); return Applied() }
        guard let ns = r.namespace, let first = r.first, let last = r.last, first <= last,
              let k = jobs[j].reservations.lastIndex(where: { $0.ns == ns && $0.first <= first && last <= $0.last }) else {
            fail(n, .releaseOutsideReservation(job: id))
            return Applied(job: j)
        }
        if first < jobs[j].reservations[k].nextFree { fail(n, .releaseOfUsedCounters(job: id, first: first, last: last)) }
        jobs[j].reservations[k].nextFree = last + 1
        jobs[j].reservations[k].released += last - first + 1
        return Applied(job: j, reservation: k)
    }

    private mutating func close(_ r: RegistryRecord, line n: Int) -> Applied {
        guard let id = r.job, let j = jobIndex[id] else { fail(n, .noJobOpen(kind: .jobClose, job: nil)); return Applied() }
        if jobs[j].closed { fail(n, .jobClosedTwice(job: id)); return Applied(job: j) }
        jobs[j].closed = true
        openJobs.remove(j)
        guard let status = r.status else { fail(n, .jobCloseWithoutStatus); return Applied(job: j) }
        if status == .registered, let labels = r.labels, labels != 0 { fail(n, .registeredWithLabels(job: id, labels: labels)) }
        for res in jobs[j].reservations where !res.isSettled {
            fail(n, .unexplainedGap(job: id, ns: res.ns, first: res.first, last: res.last, reservedLine: res.line))
        }
        if status.isComplete {
            let job = jobs[j]
            if job.mode == .item, job.itemsIssued != job.count {
                fail(n, .itemCountMismatch(job: id, status: status, issued: job.itemsIssued, count: job.count))
            }
            if status == .delivered, let labels = r.labels, labels != job.count {
                fail(n, .deliveredLabelMismatch(job: id, labels: labels, count: job.count))
            }
        }
        return Applied(job: j)
    }
}
