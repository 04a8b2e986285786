import Foundation
import TraceCore

/// The verifier's rules for the trace data records (`party`, `flow`, `recall`), checked in the same single pass as
/// the rest: every record carries its required fields; a flow's or a recall's scope parses and names codes issued
/// before its line (a `code:`/`range:` end is matched byte for byte with its `issue` line, as the writers spell it);
/// a flow of a code voided before its line fails (ranges: by counter; lots and jobs: any void of their codes); a
/// seller flow's party was registered as a seller before the line; a producer sale's party is the producer
/// (`producer.uscc` of the job-open snapshot) of the scope's jobs (for a range: the jobs of its two ends).
///
/// State is small (parties, voided counters); nothing is rebuilt per line. An issue line is re-read (`pread`) only
/// for a `code:`/`range:` end or a void.
struct TraceDataRules {
    /// USCC → role of its latest registration so far.
    var parties: [String: String] = [:]
    /// Namespace → counters of voided item codes so far.
    var voidedCounters: [String: Set<UInt64>] = [:]
    /// After a checkpoint (`verify --since`) the codes issued before it are not known: a scope naming one is not a
    /// finding, only counted in ``unresolvedEarlierCodes``.
    var earlierCodesUnknown = false
    var unresolvedEarlierCodes = 0
    let iso = ISO8601DateFormatter()

    /// What an issue line says about its code.
    struct Issue {
        let job: Int
        let counter: UInt64?
        let ns: String?
    }

    /// A void: remembers the code's counter (for ranges) and counts it against its job (for lots and jobs).
    mutating func noteVoid(_ code: String, codes: IssuedCodeSet, replay: inout RegistryReplay) {
        guard let issue = TraceDataRules.issue(of: code, codes: codes, replay: replay) else { return }
        replay.noteVoid(job: issue.job)
        if let counter = issue.counter, let ns = issue.ns { voidedCounters[ns, default: []].insert(counter) }
    }

    /// Checks a party, flow or recall record at line `n`; findings go to `replay`, counts to `report`.
    mutating func check(_ r: RegistryRecord, line n: Int, codes: IssuedCodeSet, voided: Set<String>,
                        replay: inout RegistryReplay, producers: [String?], report: inout VerificationReport) {
        let jobs = replay.jobs
        func fail(_ rule: VerificationFinding.Rule) { replay.fail(n, rule) }
        func blank(_ s: String?) -> Bool { (s ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
        var missing = [("time", r.time), ("operator", r.operatorName)].filter { blank($0.1) }.map(\.0)
        switch r.kind {
        case .party:
            missing += [("party", r.party), ("snapshot", r.snapshot)].filter { blank($0.1) }.map(\.0)
            guard missing.isEmpty else { return fail(.missingFields(kind: .party, fields: missing)) }
            if (try? UnifiedSocialCreditCode(r.party!)) == nil { return fail(.partyNotUSCC(party: r.party!)) }
            let values = SnapshotFields.values(r.snapshot) ?? [:]
            guard values["uscc"] == r.party else { return fail(.partySnapshotUSCC(party: r.party!, found: values["uscc"] ?? "")) }
            guard let role = values["role"], role == "producer" || role == "seller" else {
                return fail(.partyRole(party: r.party!, role: values["role"] ?? ""))
            }
            parties[r.party!] = role
            report.parties += 1
        case .flow:
            missing += [("job", r.job), ("party", r.party), ("flow", r.flow), ("at", r.at), ("counterparty", r.counterparty), ("scope", r.scope)]
                .filter { blank($0.1) }.map(\.0)
            if (r.count ?? 0) < 1 { missing.append("count ≥ 1") }
            guard missing.isEmpty else { return fail(.missingFields(kind: .flow, fields: missing)) }
            report.flows += 1
            guard let flow = FlowKind(rawValue: r.flow!) else {
                return fail(.unknownFlow(flow: r.flow!))
            }
            if (try? UnifiedSocialCreditCode(r.party!)) == nil { return fail(.flowPartyNotUSCC(job: r.job!, party: r.party!)) }
            let producer = flow == .producerSale
            if producer, blank(r.address) || blank(r.contact) { return fail(.producerSaleWithoutBuyer) }
            if !producer, !blank(r.address) || !blank(r.contact) { return fail(.sellerFlowWithBuyer(flow: flow.rawValue)) }
            if let time = iso.date(from: r.time!) {
                do { try FlowTime.validate(r.at!, now: time) } catch { return fail(.flowTime(job: r.job!, reason: "\(error)", time: r.time!)) }
            } else {
                return fail(.flowTimeNotISO(job: r.job!, time: r.time!))
            }
            if !producer, parties[r.party!] != "seller" {
                return fail(.sellerNotRegistered(flow: flow.rawValue, party: r.party!))
            }
            guard let scope = scope(r.scope!, fail: fail),
                  let found = resolve(scope, codes: codes, voided: voided, replay: replay, fail: fail) else { return }
            if let code = found.voided { return fail(.flowOfVoided(job: r.job!, what: code)) }
            if producer, let j = found.jobs.first(where: { producers[$0] != r.party }) {
                fail(.producerMismatch(party: r.party!, job: jobs[j].id, producer: producers[j]))
            }
        case .recall:
            missing += [("job", r.job), ("reason", r.reason), ("scope", r.scope)].filter { blank($0.1) }.map(\.0)
            if (r.count ?? 0) < 1 { missing.append("count ≥ 1") }
            guard missing.isEmpty else { return fail(.missingFields(kind: .recall, fields: missing)) }
            report.recalls += 1
            guard let scope = scope(r.scope!, fail: fail) else { return }
            _ = resolve(scope, codes: codes, voided: voided, replay: replay, fail: fail)
        default:
            break
        }
    }

    private func scope(_ text: String, fail: (VerificationFinding.Rule) -> Void) -> CodeScope? {
        do { return try CodeScope(text) } catch {
            fail(.scopeInvalid(reason: "\(error)"))
            return nil
        }
    }

    /// The jobs whose codes `scope` names, and a voided code in it (if any); nil after reporting a scope that names
    /// nothing issued before the line.
    private mutating func resolve(_ scope: CodeScope, codes: IssuedCodeSet, voided: Set<String>, replay: RegistryReplay,
                         fail: (VerificationFinding.Rule) -> Void) -> (jobs: [Int], voided: String?)? {
        let jobs = replay.jobs
        func issue(_ code: String) -> Issue? {
            guard let found = TraceDataRules.issue(of: code, codes: codes, replay: replay) else {
                if earlierCodesUnknown {
                    unresolvedEarlierCodes += 1
                    return nil
                }
                fail(.scopeCodeNeverIssued(scope: scope.description, code: code))
                return nil
            }
            return found
        }
        switch scope {
        case .code(let code):
            guard let found = issue(code) else { return nil }
            return ([found.job], voided.contains(code) ? code : nil)
        case .range(let a, let b):
            guard let first = issue(a), let last = issue(b) else { return nil }
            guard let ns = first.ns, ns == last.ns, let lo = first.counter, let hi = last.counter, lo <= hi else {
                fail(.scopeRangeEnds(scope: scope.description))
                return nil
            }
            let hit = voidedCounters[ns]?.first { lo <= $0 && $0 <= hi }
            return ([first.job, last.job], hit.map { "counter \($0) of \(ns)" })
        case .lot(let lot, let gtin):
            let matching = jobs.indices.filter { jobs[$0].lot == lot && (gtin == nil || jobs[$0].gtin == gtin) }
            guard !matching.isEmpty else {
                fail(.scopeLotUnknown(scope: scope.description, lot: lot))
                return nil
            }
            return (matching, matching.first { jobs[$0].voided > 0 }.map { "a code of job \(jobs[$0].id)" })
        case .job(let id):
            guard let j = replay.jobIndex[id] else {
                fail(.scopeJobUnknown(scope: scope.description, job: id))
                return nil
            }
            return ([j], jobs[j].voided > 0 ? "a code of job \(id)" : nil)
        }
    }

    /// The issue line of `code` (as written in issue records), found through the verifier's code hashes.
    static func issue(of code: String, codes: IssuedCodeSet, replay: RegistryReplay) -> Issue? {
        let escaped = RecordLine.escaped(code)
        guard let offset = escaped.withUnsafeBytes({ codes.offset(of: $0) }), let line = codes.line(at: offset) else { return nil }
        var scanner = RecordScanner()
        return line.withUnsafeBytes { bytes -> Issue? in
            guard (try? scanner.parse(bytes)) != nil, let raw = scanner.raw(.code, in: bytes), raw.elementsEqual(escaped),
                  let name = scanner.string(.job, in: bytes), let j = replay.jobIndex[name] else { return nil }
            let counter = scanner.integer(.counter)
            let ns = counter.flatMap { c in replay.jobs[j].reservations.last { $0.first <= c && c <= $0.last }?.ns }
            return Issue(job: j, counter: counter, ns: ns)
        }
    }
}
