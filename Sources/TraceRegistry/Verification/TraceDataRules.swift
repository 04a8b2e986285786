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
    let iso = ISO8601DateFormatter()

    /// What an issue line says about its code.
    struct Issue {
        let job: Int
        let counter: UInt64?
        let ns: String?
    }

    /// A void: remembers the code's counter (for ranges) and counts it against its job (for lots and jobs).
    mutating func noteVoid(_ code: String, codes: IssuedCodeSet, fd: Int32, jobs: inout [RegistryVerifier.Job], jobIndex: [String: Int]) {
        guard let issue = TraceDataRules.issue(of: code, codes: codes, fd: fd, jobs: jobs, jobIndex: jobIndex) else { return }
        jobs[issue.job].voided += 1
        if let counter = issue.counter, let ns = issue.ns { voidedCounters[ns, default: []].insert(counter) }
    }

    mutating func check(_ r: RegistryRecord, line n: Int, codes: IssuedCodeSet, voided: Set<String>, fd: Int32,
                        jobs: [RegistryVerifier.Job], jobIndex: [String: Int], report: inout VerificationReport) {
        let kind = r.kind.rawValue
        func blank(_ s: String?) -> Bool { (s ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
        var missing = [("time", r.time), ("operator", r.operatorName)].filter { blank($0.1) }.map(\.0)
        switch r.kind {
        case .party:
            missing += [("party", r.party), ("snapshot", r.snapshot)].filter { blank($0.1) }.map(\.0)
            guard missing.isEmpty else { return report.fail(n, "party record without \(missing.joined(separator: ", "))") }
            if (try? UnifiedSocialCreditCode(r.party!)) == nil { return report.fail(n, "party '\(r.party!)' is not a valid USCC (GB 32100)") }
            let values = SnapshotFields.values(r.snapshot) ?? [:]
            guard values["uscc"] == r.party else { return report.fail(n, "party \(r.party!): its snapshot's uscc is '\(values["uscc"] ?? "")'") }
            guard let role = values["role"], role == "producer" || role == "seller" else {
                return report.fail(n, "party \(r.party!): role '\(values["role"] ?? "")' is not producer or seller")
            }
            parties[r.party!] = role
            report.parties += 1
        case .flow:
            missing += [("job", r.job), ("party", r.party), ("flow", r.flow), ("at", r.at), ("counterparty", r.counterparty), ("scope", r.scope)]
                .filter { blank($0.1) }.map(\.0)
            if (r.count ?? 0) < 1 { missing.append("count ≥ 1") }
            guard missing.isEmpty else { return report.fail(n, "flow record without \(missing.joined(separator: ", "))") }
            report.flows += 1
            guard let flow = FlowKind(rawValue: r.flow!) else {
                return report.fail(n, "flow '\(r.flow!)' is not producer-sale, seller-purchase or seller-sale")
            }
            if (try? UnifiedSocialCreditCode(r.party!)) == nil { return report.fail(n, "flow \(r.job!): party '\(r.party!)' is not a valid USCC (GB 32100)") }
            let producer = flow == .producerSale
            if producer, blank(r.address) || blank(r.contact) { return report.fail(n, "producer-sale without the buyer's address and contact") }
            if !producer, !blank(r.address) || !blank(r.contact) { return report.fail(n, "\(flow.rawValue) carries address or contact (producer sales only)") }
            if let time = iso.date(from: r.time!) {
                do { try FlowTime.validate(r.at!, now: time) } catch { return report.fail(n, "flow \(r.job!): \(error) (the record's time is \(r.time!))") }
            } else {
                return report.fail(n, "flow \(r.job!): time '\(r.time!)' is not an ISO 8601 UTC time")
            }
            if !producer, parties[r.party!] != "seller" {
                return report.fail(n, "\(flow.rawValue) by party \(r.party!), which was not registered as a seller before this line")
            }
            guard let scope = scope(r.scope!, line: n, report: &report),
                  let found = resolve(scope, codes: codes, voided: voided, fd: fd, jobs: jobs, jobIndex: jobIndex, line: n, report: &report) else { return }
            if let code = found.voided { return report.fail(n, "flow \(r.job!) of \(code), voided before this line") }
            if producer, let j = found.jobs.first(where: { jobs[$0].producer != r.party }) {
                report.fail(n, "producer-sale by \(r.party!) of codes of job \(jobs[j].id), whose producer is \(jobs[j].producer ?? "not recorded")")
            }
        case .recall:
            missing += [("job", r.job), ("reason", r.reason), ("scope", r.scope)].filter { blank($0.1) }.map(\.0)
            if (r.count ?? 0) < 1 { missing.append("count ≥ 1") }
            guard missing.isEmpty else { return report.fail(n, "recall record without \(missing.joined(separator: ", "))") }
            report.recalls += 1
            guard let scope = scope(r.scope!, line: n, report: &report) else { return }
            _ = resolve(scope, codes: codes, voided: voided, fd: fd, jobs: jobs, jobIndex: jobIndex, line: n, report: &report)
        default:
            break
        }
    }

    private func scope(_ text: String, line n: Int, report: inout VerificationReport) -> CodeScope? {
        do { return try CodeScope(text) } catch {
            report.fail(n, "\(error)")
            return nil
        }
    }

    /// The jobs whose codes `scope` names, and a voided code in it (if any); nil after reporting a scope that names
    /// nothing issued before the line.
    private func resolve(_ scope: CodeScope, codes: IssuedCodeSet, voided: Set<String>, fd: Int32, jobs: [RegistryVerifier.Job],
                         jobIndex: [String: Int], line n: Int, report: inout VerificationReport) -> (jobs: [Int], voided: String?)? {
        func issue(_ code: String) -> Issue? {
            guard let found = TraceDataRules.issue(of: code, codes: codes, fd: fd, jobs: jobs, jobIndex: jobIndex) else {
                report.fail(n, "scope \(scope) names code \(code), which was never issued before this line")
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
                report.fail(n, "scope \(scope): the ends must be item codes of one namespace, the first not after the last")
                return nil
            }
            let hit = voidedCounters[ns]?.first { lo <= $0 && $0 <= hi }
            return ([first.job, last.job], hit.map { "counter \($0) of \(ns)" })
        case .lot(let lot, let gtin):
            let matching = jobs.indices.filter { jobs[$0].lot == lot && (gtin == nil || jobs[$0].gtin == gtin) }
            guard !matching.isEmpty else {
                report.fail(n, "scope \(scope): no job before this line printed lot \(lot)")
                return nil
            }
            return (matching, matching.first { jobs[$0].voided > 0 }.map { "a code of job \(jobs[$0].id)" })
        case .job(let id):
            guard let j = jobIndex[id] else {
                report.fail(n, "scope \(scope): job \(id) was not opened before this line")
                return nil
            }
            return ([j], jobs[j].voided > 0 ? "a code of job \(id)" : nil)
        }
    }

    /// The issue line of `code` (as written in issue records), found through the verifier's code hashes.
    static func issue(of code: String, codes: IssuedCodeSet, fd: Int32, jobs: [RegistryVerifier.Job], jobIndex: [String: Int]) -> Issue? {
        let escaped = RecordLine.escaped(code)
        guard let offset = escaped.withUnsafeBytes({ codes.offset(of: $0) }), let line = try? IssuedCodeSet.line(at: offset, fd: fd) else { return nil }
        var scanner = RecordScanner()
        return line.withUnsafeBytes { bytes -> Issue? in
            guard (try? scanner.parse(bytes)) != nil, let raw = scanner.raw(.code, in: bytes), raw.elementsEqual(escaped),
                  let name = scanner.string(.job, in: bytes), let j = jobIndex[name] else { return nil }
            let counter = scanner.integer(.counter)
            let ns = counter.flatMap { c in jobs[j].reservations.last { $0.first <= c && c <= $0.last }?.ns }
            return Issue(job: j, counter: counter, ns: ns)
        }
    }
}
