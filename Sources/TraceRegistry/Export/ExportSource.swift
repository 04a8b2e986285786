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
        /// `01=…|10=…|21=…` for GS1 codes, `E=…` for Ecodes (``ScannedCode/identity(of:)``).
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

    /// Reads the registry and applies `filter`.
    /// - Throws: ``ExportError`` for a filter that matches nothing, `RegistryError` when the file cannot be read.
    public init(path: String, filter: ExportFilter) throws {
        var ledger = RegistryLedger()
        var sources: [String: String] = [:]
        var voids: [VoidRecord] = []
        try RegistryFile(path: path).forEachRecord { r in
            ledger.add(r)
            if r.kind == .jobOpen, let id = r.job, let product = r.product { sources[id] = product }
            if r.kind == .void, let code = r.code {
                voids.append(VoidRecord(time: r.time, code: code, reason: r.reason ?? "", operatorName: r.operatorName))
            }
        }
        self.path = path
        self.ledger = ledger
        productSources = sources
        self.voids = voids
        jobs = try filter.validated().select(from: ledger.jobs, sources: sources)
        let selected = Set(jobs.map(\.id))
        self.selected = selected
        flowJobs = ledger.flows.map { flow in Self.jobs(of: flow.scope, in: ledger).filter { selected.contains($0) } }
    }

    /// The jobs whose codes `scope` covers.
    static func jobs(of scope: CodeScope, in ledger: RegistryLedger) -> [String] {
        switch scope {
        case .job(let id): return [id]
        case .lot(let lot, let gtin): return ledger.jobs.filter { $0.lot == lot && (gtin == nil || $0.gtin == gtin) }.map(\.id)
        case .code(let raw): return ScannedCode.identity(of: raw).flatMap { ledger.codes[$0]?.job }.map { [$0] } ?? []
        case .range:
            var seen: [String] = []
            for code in (try? ledger.codes(in: scope)) ?? [] where !seen.contains(code.job) { seen.append(code.job) }
            return seen
        }
    }

    /// The job's product data (its job-open snapshot), or an empty dictionary for a job that recorded none.
    public func snapshot(of job: RegistryLedger.Job) -> [String: String] {
        guard let text = job.snapshot,
              let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String] else { return [:] }
        return object
    }

    /// A party's registered data, or nil when the party never registered.
    public func party(_ uscc: String) -> [String: String]? {
        guard let text = ledger.parties[uscc]?.snapshot,
              let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String] else { return nil }
        return object
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

    /// Streams the selected jobs' codes: `body` gets each job with all its issued codes, once, when its
    /// `job-close` is read (jobs never closed: at the end, in registry order).
    public func forEachJob(_ body: (RegistryLedger.Job, [IssuedCode]) throws -> Void) throws {
        var pending: [String: [IssuedCode]] = [:]
        var done = Set<String>()
        let ledger = self.ledger
        let selected = self.selected
        try RegistryFile(path: path).forEachRecord { r in
            guard let id = r.job, selected.contains(id) else { return }
            switch r.kind {
            case .issue:
                guard let code = r.code else { return }
                let identity = ScannedCode.identity(of: code) ?? code
                pending[id, default: []].append(IssuedCode(code: code, dl: r.dl, copies: r.copies, counter: r.counter,
                                                           identity: identity, entry: ledger.codes[identity]))
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
    public func visibility(of flow: RegistryLedger.Flow) -> FieldVisibility {
        let key = SAMRFieldMap.flowVisibility
        if flow.flow != "producer-sale" { return party(flow.party)?[key] == "public" ? .public : .private }
        let jobs = jobs(of: flow).compactMap { ledger.job($0) }
        return !jobs.isEmpty && jobs.allSatisfy({ snapshot(of: $0)[key] == "public" }) ? .public : .private
    }
}
