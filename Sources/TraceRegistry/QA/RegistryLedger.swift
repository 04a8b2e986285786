import Foundation
import TraceCore

/// Everything QA asks of a registry, gathered in one pass over its records: jobs with their counts, every code
/// with its state, every reservation and release. Derived from the log, never stored; rebuild it at will.
///
/// Jobs and reservations come from the one ``RegistryReplay`` (the writer's and the verifier's rules); the ledger
/// adds what QA shows: each job's data, every code by identity, parties, flows and recalls.
public struct RegistryLedger: Sendable {
    /// One job, from its `job-open` to its `job-close`.
    public struct Job: Sendable, Codable {
        public var id: String
        public var time: String?
        public var mode: String?
        public var line: String?
        public var shift: String?
        public var operatorName: String?
        public var gtin: String?
        /// Ecode jobs: the code source (`ecode-pool:…`, `ecode:…`), from the job-open's `ns`.
        public var source: String?
        /// The product data the job printed (job-open `snapshot`), for jobs that recorded it.
        public var snapshot: String?
        public var lot: String?
        public var count: Int = 0
        public var status: JobStatus?
        /// Labels the job reported delivered (`job-close` labels).
        public var labels: Int?
        public var itemCodes = 0
        public var sharedCodes = 0
        public var copies = 0
        public var released: UInt64 = 0
        public var voided = 0
        public var reprinted = 0
    }

    /// One issued code.
    public struct Code: Sendable {
        public let code: String
        public let job: String
        /// Item codes: the counter; batch and category codes: nil.
        public let counter: UInt64?
        public let ns: String?
        public var voided: String?
        public var reprints = 0
    }

    /// A block of counters and what became of it.
    public struct Reservation: Sendable {
        public let ns: String
        public let job: String
        public let first: UInt64
        public let last: UInt64
    }

    /// A producer or seller as last registered (`party` record).
    public struct Party: Sendable {
        /// Unified social credit code.
        public let uscc: String
        /// The party's data (canonical JSON, see `PartySpec`), as registered.
        public let snapshot: String
        public let time: String?
        /// Line of the record that registered this version.
        public let seq: Int?
    }

    /// A flow record: a producer's sale or a seller's purchase or sale of the codes in ``scope``.
    public struct Flow: Sendable {
        public let id: String
        public let time: String?
        public let operatorName: String?
        /// USCC of the party that recorded it.
        public let party: String
        /// `producer-sale`, `seller-purchase` or `seller-sale`.
        public let flow: String
        public let at: String
        public let counterparty: String
        public let address: String?
        public let contact: String?
        public let scope: CodeScope
        public let count: Int
        public let seq: Int?
    }

    /// A recall record.
    public struct Recall: Sendable {
        public let id: String
        public let time: String?
        public let operatorName: String?
        public let reason: String
        public let scope: CodeScope
        public let count: Int
        public let seq: Int?
    }

    public var jobs: [Job] = []
    /// By USCC, the latest registration.
    public var parties: [String: Party] = [:]
    /// In registry order.
    public var flows: [Flow] = []
    /// In registry order.
    public var recalls: [Recall] = []
    /// The records replayed: jobs (in ``jobs``' order) and their reservations.
    var replay = RegistryReplay()
    /// Index in ``jobs`` by job id.
    var jobIndex: [String: Int] { replay.jobIndex }
    /// By identity (``ScannedCode/identity(of:)``).
    public var codes: [String: Code] = [:]
    /// Code identities by the job that first issued them, in issue order: a job's or a lot's codes without a scan of
    /// every code.
    var jobCodes: [String: [String]] = [:]
    /// Item codes by namespace and counter.
    public var counters: [String: [UInt64: String]] = [:]
    public var reservations: [Reservation] = []
    /// Released counter ranges per namespace, with the reason.
    public var releases: [String: [(first: UInt64, last: UInt64, reason: String)]] = [:]

    /// Reads the registry file at `path` (complete records only).
    public init(path: String) throws {
        try self.init(source: RegistryFile(path: path))
    }

    /// Reads `source` (complete records only).
    public init(source: any RegistrySource) throws {
        try source.forEachRecord { add($0) }
    }

    /// The job with `id`.
    public func job(_ id: String) -> Job? { jobIndex[id].map { jobs[$0] } }

    mutating func add(_ r: RegistryRecord) {
        let applied = replay.apply(r, line: r.seq.map { $0 + 1 } ?? replay.lineCount)
        switch r.kind {
        case .jobOpen:
            guard let id = r.job, applied.job == jobs.count else { return }
            jobs.append(Job(id: id, time: r.time, mode: r.mode?.rawValue, line: r.line, shift: r.shift, operatorName: r.operatorName,
                            gtin: r.gtin, source: r.ns, snapshot: r.snapshot, lot: r.lot, count: r.count ?? 0))
        case .reserve:
            guard let id = r.job, let j = applied.job, let k = applied.reservation else { return }
            let res = replay.jobs[j].reservations[k]
            reservations.append(Reservation(ns: res.ns, job: id, first: res.first, last: res.last))
            if let lot = r.lot { jobs[j].lot = lot }
        case .issue:
            guard let id = r.job, let code = r.code, let j = applied.job else { return }
            let key = ScannedCode.identity(of: code) ?? code
            if let counter = r.counter {
                let ns = applied.reservation.map { replay.jobs[j].reservations[$0].ns }
                if codes.updateValue(Code(code: code, job: id, counter: counter, ns: ns), forKey: key) == nil { jobCodes[id, default: []].append(key) }
                if let ns { counters[ns, default: [:]][counter] = key }
                jobs[j].itemCodes += 1
            } else {
                // An Ecode batch or category code used one counter of its source: QA finds it by that counter too.
                let res = replay.jobs[j].reservations.last { $0.first == $0.last && $0.ns.hasPrefix("ecode") }
                if codes[key] == nil {
                    codes[key] = Code(code: code, job: id, counter: res?.first, ns: res?.ns)
                    jobCodes[id, default: []].append(key)
                }
                if let res { counters[res.ns, default: [:]][res.first] = key }
                jobs[j].sharedCodes += 1
                jobs[j].copies += r.copies ?? 0
            }
        case .release:
            guard let ns = r.namespace, let first = r.first, let last = r.last else { return }
            releases[ns, default: []].append((first, last, r.reason ?? ""))
            if let j = applied.job { jobs[j].released += last - first + 1 }
        case .jobClose:
            guard let j = applied.job else { return }
            jobs[j].status = r.status
            jobs[j].labels = r.labels
        case .void:
            guard let code = r.code else { return }
            let key = ScannedCode.identity(of: code) ?? code
            codes[key]?.voided = r.reason ?? "voided"
            if let id = codes[key]?.job, let j = jobIndex[id] {
                jobs[j].voided += 1
                replay.noteVoid(job: j)
            }
        case .reprint:
            guard let code = r.code else { return }
            let key = ScannedCode.identity(of: code) ?? code
            codes[key]?.reprints += r.count ?? 1
            if let id = codes[key]?.job, let j = jobIndex[id] { jobs[j].reprinted += r.count ?? 1 }
        case .party:
            guard let uscc = r.party, let snapshot = r.snapshot else { return }
            parties[uscc] = Party(uscc: uscc, snapshot: snapshot, time: r.time, seq: r.seq)
        case .flow:
            guard let id = r.job, let party = r.party, let flow = r.flow, let at = r.at, let counterparty = r.counterparty,
                  let text = r.scope, let scope = try? CodeScope(text) else { return }
            flows.append(Flow(id: id, time: r.time, operatorName: r.operatorName, party: party, flow: flow, at: at,
                              counterparty: counterparty, address: r.address, contact: r.contact, scope: scope,
                              count: r.count ?? 0, seq: r.seq))
        case .recall:
            guard let id = r.job, let text = r.scope, let scope = try? CodeScope(text) else { return }
            recalls.append(Recall(id: id, time: r.time, operatorName: r.operatorName, reason: r.reason ?? "",
                                  scope: scope, count: r.count ?? 0, seq: r.seq))
        case .recovery, .retention:
            break
        }
    }
}
