import Foundation
import TraceCore

/// Records flows (流向): checks each against the registry under its lock and appends them all in one write, or none.
///
/// Rules, each refusing the flow with the field, the value and the rule:
/// - `party` is a valid USCC; `at` passes ``FlowTime``; `counterparty` is not blank; `address` and `contact` are
///   required for a producer sale and refused for seller flows (Annex 2 asks them of the producer's buyer only).
/// - The scope names codes this registry issued (``RegistryLedger/codes(in:)``), none of them voided.
/// - A sale (producer or seller) of a recalled code is refused; a seller's purchase of one is accepted, since it
///   tells where recalled units are.
/// - A producer sale's `party` is the producer (`producer.uscc` of the job-open snapshot) of every job whose codes
///   the scope covers; a seller flow's `party` is registered (`party` record) with role `seller`.
///
/// The scope is written with codes as registered (HRI or bare Ecode), so the verifier can match them byte for byte.
public enum FlowRecording {
    /// At most this many codes are named in a refusal; the rest are counted.
    static let namedCodes = 5

    /// Checks `entry` against `ledger` as of `now`; returns the scope as it will be written and how many codes it covers.
    /// The party's USCC is returned as normalised by ``UnifiedSocialCreditCode``.
    /// - Parameter recalled: ``recalledCodes(in:)`` of `ledger`, when checking many entries against one ledger.
    public static func check(_ entry: FlowEntry, in ledger: RegistryLedger, recalled: Set<String>? = nil,
                             now: Date) throws(FlowError) -> (party: String, scope: CodeScope, count: Int) {
        let party: String
        do { party = try UnifiedSocialCreditCode(entry.party).value } catch {
            throw FlowError(field: "party", value: entry.party, rule: "is not a unified social credit code (GB 32100): \(error)")
        }
        try FlowTime.validate(entry.at, now: now)
        if entry.counterparty.trimmingCharacters(in: .whitespaces).isEmpty {
            throw FlowError(field: "counterparty", value: "", rule: "the \(entry.flow.counterpartyRole)'s name is required (Annex 2)")
        }
        for (field, value) in [("address", entry.address), ("contact", entry.contact)] {
            let given = !(value ?? "").trimmingCharacters(in: .whitespaces).isEmpty
            if entry.flow == .producerSale, !given {
                throw FlowError(field: field, value: "", rule: "the buyer's \(field) is required for a producer-sale (Annex 2)")
            }
            if entry.flow != .producerSale, given {
                throw FlowError(field: field, value: value ?? "", rule: "is recorded for a producer-sale only; a \(entry.flow.rawValue) records the \(entry.flow.counterpartyRole)'s name")
            }
        }
        let scopeText = entry.scope.description
        let codes: [RegistryLedger.Code]
        do { codes = try ledger.codes(in: entry.scope) } catch {
            throw FlowError(field: "scope", value: scopeText, rule: "\((error as? RegistryLedger.ScopeError)?.rule ?? "\(error)")")
        }
        guard !codes.isEmpty else { throw FlowError(field: "scope", value: scopeText, rule: "covers no issued code") }
        let voided = codes.filter { $0.voided != nil }
        if !voided.isEmpty {
            throw FlowError(field: "scope", value: scopeText, rule: "covers \(voided.count) voided code(s): \(named(voided)); a voided code's label was destroyed and never reaches a buyer")
        }
        if entry.flow.isSale, !ledger.recalls.isEmpty {
            let recalledCodes = recalled ?? recalledCodes(in: ledger)
            let recalled = codes.filter { recalledCodes.contains($0.code) }
            if !recalled.isEmpty {
                throw FlowError(field: "scope", value: scopeText, rule: "covers \(recalled.count) recalled code(s): \(named(recalled)); recalled units are not sold on")
            }
        }
        switch entry.flow {
        case .producerSale:
            for id in Set(codes.map(\.job)).sorted() {
                guard let producer = ledger.job(id)?.producerUSCC else {
                    throw FlowError(field: "party", value: entry.party, rule: "job \(id) recorded no producer data (job-open snapshot), so its producer cannot be confirmed")
                }
                guard producer == party else {
                    throw FlowError(field: "party", value: entry.party, rule: "is not the producer of job \(id) (its labels name producer \(producer)): only the producer records a producer-sale")
                }
            }
        case .sellerPurchase, .sellerSale:
            guard let registered = ledger.parties[party] else {
                throw FlowError(field: "party", value: entry.party, rule: "is not registered in this registry: a seller registers once (tracelabel party register) before recording flows")
            }
            guard registered.role == "seller" else {
                throw FlowError(field: "party", value: entry.party, rule: "is registered as \(registered.role ?? "an unknown role"), not as a seller")
            }
        }
        return (party, canonical(entry.scope, codes: codes, ledger: ledger), codes.count)
    }

    /// Checks every entry, then appends one `flow` record per entry in one write, all under one new `F…` id.
    /// Any refused entry refuses them all (``FlowBatchError``, every refusal with its entry's index): nothing is
    /// appended.
    public static func record(_ entries: [FlowEntry], operatorName: String, registry: RegistryFile,
                              now: Date = Date()) throws -> (job: String, records: [RegistryRecord]) {
        guard !operatorName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw FlowError(field: "operator", value: "", rule: "who records the flow is required")
        }
        guard !entries.isEmpty else { throw FlowError(field: "file", value: "", rule: "has no flow rows") }
        return try registry.withExclusiveAccess(creating: false) { writer in
            let ledger = try RegistryLedger(path: registry.path)
            let job = TraceRecordID.make(prefix: "F", now: now)
            let recalled = recalledCodes(in: ledger)
            let time = ISO8601DateFormatter().string(from: now)
            var records: [RegistryRecord] = []
            var rejections: [(index: Int, error: FlowError)] = []
            for (i, entry) in entries.enumerated() {
                do throws(FlowError) {
                    let (party, scope, count) = try check(entry, in: ledger, recalled: recalled, now: now)
                    var r = RegistryRecord(kind: .flow, job: job)
                    r.time = time
                    r.operatorName = operatorName
                    r.party = party
                    r.flow = entry.flow.rawValue
                    r.at = entry.at
                    r.counterparty = entry.counterparty
                    r.address = entry.flow == .producerSale ? entry.address : nil
                    r.contact = entry.flow == .producerSale ? entry.contact : nil
                    r.scope = scope.description
                    r.count = count
                    records.append(r)
                } catch {
                    rejections.append((i, error))
                }
            }
            guard rejections.isEmpty else { throw FlowBatchError(rejections: rejections) }
            try writer.append(records)
            return (job, records)
        }
    }

    /// Every recalled code (as registered), each recall's scope resolved once.
    public static func recalledCodes(in ledger: RegistryLedger) -> Set<String> {
        Set(ledger.recalls.flatMap { (try? ledger.codes(in: $0.scope)) ?? [] }.map(\.code))
    }

    /// The scope with its codes as registered: `code:` and `range:` ends in the registry's spelling.
    static func canonical(_ scope: CodeScope, codes: [RegistryLedger.Code], ledger: RegistryLedger) -> CodeScope {
        switch scope {
        case .code: return .code(codes[0].code)
        case .range(let a, let b):
            let ends = [a, b].map { raw in ScannedCode.identity(of: raw).flatMap { ledger.codes[$0]?.code } ?? raw }
            return .range(first: ends[0], last: ends[1])
        case .lot, .job: return scope
        }
    }

    static func named(_ codes: [RegistryLedger.Code]) -> String {
        let shown = codes.prefix(namedCodes).map(\.code).joined(separator: ", ")
        return codes.count > namedCodes ? "\(shown) and \(codes.count - namedCodes) more" : shown
    }
}
