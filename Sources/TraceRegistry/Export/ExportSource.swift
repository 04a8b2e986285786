import Foundation
import TraceCore

/// The registry as exports read it: one pass builds the ledger (jobs, code states, flows, recalls, parties) and
/// keeps what the ledger drops (each job's product file, each void's time); a second pass streams every selected
/// job's issued codes, job by job, so a million-code registry never becomes one document in memory.
public struct ExportSource: Sendable {
    /// One `void` record.
    public struct VoidRecord: Sendable {
        public let time: String?
        public let code: String
        public let reason: String
        public let operatorName: String?
    }

    /// One `issue` record of a selected job.
    public struct IssuedCode: Sendable {
        /// The code as registered (GS1 HRI or bare Ecode).
        public let code: String
        /// Its Digital Link URI or Ecode URL.
        public let dl: String?
        /// Batch and category codes: labels printed with it.
        public let copies: Int?
        /// Item codes: the counter.
        public let counter: UInt64?
        /// `01=…|10=…|21=…` for GS1 codes, `E=…` for Ecodes (``ScannedCode/identity(of:)``); the code itself when
        /// streamed without identities.
        public let identity: String
        /// The code's state in the ledger.
        public let entry: RegistryLedger.Code?
    }

    public let path: String
    public let ledger: RegistryLedger
    /// Job id → job-open `product` (the product file the job used).
    public let productSources: [String: String]
    /// Voids in registry order.
    public let voids: [VoidRecord]
    /// The selected jobs, in registry order.
    public let jobs: [RegistryLedger.Job]
    let selected: Set<String>
    /// Flow index (into `ledger.flows`) → the selected jobs whose codes it covers.
    let flowJobs: [[String]]

    /// Void reasons by code identity.
    let voidReasons: [String: String]
    /// Item-code reservations by job, to give a streamed code its namespace.
    let reservations: [String: [RegistryLedger.Reservation]]

    /// Reads the registry and applies `filter`.
    ///
    /// The ledger is built without its per-code table, which for a million codes costs a gigabyte and most of the
    /// time: codes are streamed in the second pass, and only the codes flows and recalls name (`code:` scopes, the
    /// ends of `range:` scopes) are looked up, in one extra pass when there are any.
    /// - Throws: ``ExportError`` for a filter that matches nothing, `RegistryError` when the file cannot be read.
    public init(path: String, filter: ExportFilter) throws {
        var ledger = RegistryLedger()
        var sources: [String: String] = [:]
        var voids: [VoidRecord] = []
        let file = RegistryFile(path: path)
        try file.forEachRecord { r in
            switch r.kind {
            case .issue:
                return
            case .jobOpen:
                if let id = r.job, let product = r.product { sources[id] = product }
            case .void:
                if let code = r.code { voids.append(VoidRecord(time: r.time, code: code, reason: r.reason ?? "", operatorName: r.operatorName)) }
            default:
                break
            }
            ledger.add(r)
        }
        var reasons: [String: String] = [:]
        for v in voids {
            // By identity, and by the spelling the void recorded (the code as registered), which needs no parsing.
            reasons[ScannedCode.identity(of: v.code) ?? v.code] = v.reason.isEmpty ? "voided" : v.reason
            reasons[v.code] = v.reason.isEmpty ? "voided" : v.reason
        }
        var reservations: [String: [RegistryLedger.Reservation]] = [:]
        for r in ledger.reservations { reservations[r.job, default: []].append(r) }
        // The codes flows and recalls name, found by the tail of their registered spelling (serial, lot or Ecode).
        var wanted: [String: Set<String>] = [:]
        for scope in ledger.flows.map(\.scope) + ledger.recalls.map(\.scope) {
            let raws: [String]
            switch scope {
            case .code(let raw): raws = [raw]
            case .range(let a, let b): raws = [a, b]
            case .lot, .job: raws = []
            }
            for raw in raws {
                guard let identity = ScannedCode.identity(of: raw), let tail = identity.split(separator: "=").last else { continue }
                wanted[String(tail), default: []].insert(identity)
            }
        }
        if !wanted.isEmpty {
            let lengths = Set(wanted.keys.map(\.utf8.count))
            try file.forEachRecord { r in
                guard r.kind == .issue, let code = r.code, let job = r.job else { return }
                let utf8 = code.utf8
                for n in lengths where utf8.count >= n {
                    guard wanted[String(code.suffix(n))] != nil, let identity = ScannedCode.identity(of: code),
                          wanted[String(code.suffix(n))]!.contains(identity), ledger.codes[identity] == nil else { continue }
                    ledger.codes[identity] = Self.entry(code: code, identity: identity, job: job, counter: r.counter,
                                                        reservations: reservations[job] ?? [], voidReasons: reasons)
                }
            }
        }
        self.path = path
        self.ledger = ledger
        productSources = sources
        self.voids = voids
        voidReasons = reasons
        self.reservations = reservations
        jobs = try filter.validated().select(from: ledger.jobs, sources: sources)
        let selected = Set(jobs.map(\.id))
        self.selected = selected
        flowJobs = ledger.flows.map { flow in Self.jobs(of: flow.scope, in: ledger).filter { selected.contains($0) } }
    }

    /// A code's ledger entry: its namespace (the job's reservation holding its counter) and its void reason.
    static func entry(code: String, identity: String, job: String, counter: UInt64?, reservations: [RegistryLedger.Reservation],
                      voidReasons: [String: String]) -> RegistryLedger.Code {
        let ns: String?
        if let counter {
            ns = reservations.last { $0.first <= counter && counter <= $0.last }?.ns
        } else {
            let shared = reservations.last { $0.first == $0.last && $0.ns.hasPrefix("ecode") }
            return RegistryLedger.Code(code: code, job: job, counter: shared?.first, ns: shared?.ns, voided: voidReasons[identity] ?? voidReasons[code])
        }
        return RegistryLedger.Code(code: code, job: job, counter: counter, ns: ns, voided: voidReasons[identity] ?? voidReasons[code])
    }

    /// The jobs whose codes `scope` covers.
    static func jobs(of scope: CodeScope, in ledger: RegistryLedger) -> [String] {
        switch scope {
        case .job(let id): return [id]
        case .lot(let lot, let gtin): return ledger.jobs.filter { $0.lot == lot && (gtin == nil || $0.gtin == gtin) }.map(\.id)
        case .code(let raw): return ScannedCode.identity(of: raw).flatMap { ledger.codes[$0]?.job }.map { [$0] } ?? []
        case .range(let a, let b):
            // The jobs holding reservations that overlap the counters between the two ends.
            guard let ka = ScannedCode.identity(of: a), let kb = ScannedCode.identity(of: b), let ca = ledger.codes[ka],
                  let cb = ledger.codes[kb], let ns = ca.ns, ns == cb.ns, let first = ca.counter, let last = cb.counter else { return [] }
            var seen: [String] = []
            for r in ledger.reservations where r.ns == ns && r.first <= last && first <= r.last && !seen.contains(r.job) { seen.append(r.job) }
            return seen
        }
    }

    /// The job's product data (its job-open snapshot), or an empty dictionary for a job that recorded none.
    public func snapshot(of job: RegistryLedger.Job) -> [String: String] {
        SnapshotFields.values(job.snapshot) ?? [:]
    }

    /// A party's registered data, or nil when the party never registered.
    public func party(_ uscc: String) -> [String: String]? {
        SnapshotFields.values(ledger.parties[uscc]?.snapshot)
    }

    /// The flows (registry order) that cover at least one code of a selected job.
    public var flows: [RegistryLedger.Flow] {
        ledger.flows.indices.filter { !flowJobs[$0].isEmpty }.map { ledger.flows[$0] }
    }

    /// The flows that cover at least one code of `job`, in registry order.
    public func flows(ofJob job: String) -> [RegistryLedger.Flow] {
        ledger.flows.indices.filter { flowJobs[$0].contains(job) }.map { ledger.flows[$0] }
    }

    /// The selected jobs a flow covers.
    public func jobs(of flow: RegistryLedger.Flow) -> [String] {
        guard let i = ledger.flows.firstIndex(where: { $0.seq == flow.seq && $0.id == flow.id }) else { return [] }
        return flowJobs[i]
    }

    /// `valid`, `voided` or `recalled` (a voided code stays voided even if its lot was recalled later).
    public func status(of code: IssuedCode) -> String {
        guard let entry = code.entry else { return "valid" }
        if entry.voided != nil { return "voided" }
        return ledger.recall(of: entry) != nil ? "recalled" : "valid"
    }

    /// Streams the selected jobs' codes one by one, in registry order, without holding them.
    /// - Parameter identities: compute each code's ``IssuedCode/identity`` (EPCIS needs it); without, `identity` is
    ///   the code as registered, which saves parsing every code (voids are found by the spelling they recorded).
    public func forEachCode(identities: Bool = true, _ body: (RegistryLedger.Job, IssuedCode) throws -> Void) throws {
        var current: RegistryLedger.Job?
        try RegistryFile(path: path).forEachRecord { r in
            guard r.kind == .issue, let id = r.job, selected.contains(id), let code = issued(r, identity: identities) else { return }
            if current?.id != id { current = ledger.job(id) }
            if let job = current { try body(job, code) }
        }
    }

    func issued(_ r: RegistryRecord, identity parse: Bool = true) -> IssuedCode? {
        guard let code = r.code, let job = r.job else { return nil }
        let identity = parse ? ScannedCode.identity(of: code) ?? code : code
        let entry = Self.entry(code: code, identity: identity, job: job, counter: r.counter, reservations: reservations[job] ?? [],
                               voidReasons: voidReasons)
        return IssuedCode(code: code, dl: r.dl, copies: r.copies, counter: r.counter, identity: identity, entry: entry)
    }

    /// Streams the selected jobs' codes job by job: `body` gets each job with all its issued codes, once, when its
    /// `job-close` is read (jobs never closed: at the end, in registry order). One job's codes are held at a time.
    public func forEachJob(_ body: (RegistryLedger.Job, [IssuedCode]) throws -> Void) throws {
        var pending: [String: [IssuedCode]] = [:]
        var done = Set<String>()
        try RegistryFile(path: path).forEachRecord { r in
            guard let id = r.job, selected.contains(id) else { return }
            switch r.kind {
            case .issue:
                if let code = issued(r) { pending[id, default: []].append(code) }
            case .jobClose:
                guard !done.contains(id), let job = ledger.job(id) else { return }
                done.insert(id)
                try body(job, pending.removeValue(forKey: id) ?? [])
            default:
                return
            }
        }
        for job in jobs where !done.contains(job.id) { try body(job, pending.removeValue(forKey: job.id) ?? []) }
    }

    /// Who may see a flow (Annex 2: flows are private unless their owner publishes them): a seller's flow is public
    /// when its party registration sets `visibility.flows: public`; a producer's sale when the product data of every
    /// job it covers does.
    public func visibility(of flow: RegistryLedger.Flow) -> Visibility {
        let key = SAMRFieldMap.flowVisibility
        if flow.flow != "producer-sale" { return party(flow.party)?[key] == "public" ? .public : .private }
        let jobs = jobs(of: flow).compactMap { ledger.job($0) }
        return !jobs.isEmpty && jobs.allSatisfy({ snapshot(of: $0)[key] == "public" }) ? .public : .private
    }
}
