/// One broken rule at one registry line, as data: tests and tools compare findings, and the prose a person reads
/// (``description``) is derived from them, so the wording can change without any check changing.
public struct VerificationFinding: Sendable, Equatable, CustomStringConvertible {
    /// 1-based line number in the registry (0 for the registry as a whole: a checkpoint that no longer matches).
    public let line: Int
    /// The rule and the values that broke it.
    public let rule: Rule

    public init(line: Int, rule: Rule) {
        self.line = line
        self.rule = rule
    }

    public var description: String { line > 0 ? "line \(line): \(rule)" : "\(rule)" }

    /// Every rule `verify` checks, with the values a person needs to find and judge the break.
    public enum Rule: Sendable, Equatable, CustomStringConvertible {
        // The line and the chain.
        /// The line is not a canonical record (``LineFormatError``'s text).
        case malformed(reason: String)
        /// The record parses but cannot be read as a record (an unknown kind, mode or status).
        case unreadable(reason: String)
        /// `seq` is not the line's 0-based position.
        case seq(found: UInt64?, expected: Int)
        /// The first line's `prev` is not 64 zeros.
        case firstPrev
        /// `prev` is not the SHA-256 of the line before (`previousLine`, 1-based).
        case prev(previousLine: Int)
        /// `digest` is not the SHA-256 of `snapshot`.
        case digest(kind: RegistryRecord.Kind)

        // Jobs and reservations.
        /// A job-open without a job id.
        case jobOpenWithoutJob
        case jobOpenedTwice(job: String)
        /// A record of `kind` names a job (`job`, if it names one) with no earlier job-open.
        case noJobOpen(kind: RegistryRecord.Kind, job: String?)
        /// A record of `kind` for a job after that job's job-close.
        case afterJobClose(kind: RegistryRecord.Kind, job: String)
        case reserveMalformed
        /// A reservation that does not start after every earlier one of its namespace.
        case reservationOverlap(ns: String, first: UInt64, last: UInt64, priorLast: UInt64, priorLine: Int)
        /// An item counter outside every reservation of its job.
        case counterOutsideReservations(job: String, counter: UInt64)
        /// An item counter at or below one already issued or released.
        case counterReused(job: String, counter: UInt64)
        /// An issue with no `code`.
        case issueWithoutCode
        /// A batch or category issue without `copies ≥ 1`.
        case sharedIssueWithoutCopies
        case releaseOutsideReservation(job: String)
        case releaseOfUsedCounters(job: String, first: UInt64, last: UInt64)
        case jobClosedTwice(job: String)
        case jobCloseWithoutStatus
        case registeredWithLabels(job: String, labels: Int)
        /// A job closed with counters of a reservation neither all issued nor released.
        case unexplainedGap(job: String, ns: String, first: UInt64, last: UInt64, reservedLine: Int)
        case itemCountMismatch(job: String, status: JobStatus, issued: Int, count: Int)
        case deliveredLabelMismatch(job: String, labels: Int, count: Int)

        // Codes.
        /// The same code issued on two lines (`firstPosition`: where the first issue is, a byte offset in a file).
        case codeIssuedTwice(code: String, firstPosition: UInt64)
        /// A void or reprint without a code.
        case withoutCode(kind: RegistryRecord.Kind)
        /// A void or reprint of a code never issued before the line.
        case neverIssued(kind: RegistryRecord.Kind, code: String)
        case voidedTwice(code: String)
        case reprintOfVoided(code: String)

        // Trace data (parties, flows, recalls: ``TraceDataRules``).
        case missingFields(kind: RegistryRecord.Kind, fields: [String])
        case partyNotUSCC(party: String)
        case partySnapshotUSCC(party: String, found: String)
        case partyRole(party: String, role: String)
        case unknownFlow(flow: String)
        case flowPartyNotUSCC(job: String, party: String)
        case producerSaleWithoutBuyer
        case sellerFlowWithBuyer(flow: String)
        case flowTime(job: String, reason: String, time: String)
        case flowTimeNotISO(job: String, time: String)
        case sellerNotRegistered(flow: String, party: String)
        /// A flow of voided codes (`what`: the code, a counter, or a job's code).
        case flowOfVoided(job: String, what: String)
        case producerMismatch(party: String, job: String, producer: String?)
        /// A scope that does not parse (``CodeScope``'s error).
        case scopeInvalid(reason: String)
        case scopeCodeNeverIssued(scope: String, code: String)
        case scopeRangeEnds(scope: String)
        case scopeLotUnknown(scope: String, lot: String)
        case scopeJobUnknown(scope: String, job: String)

        // Checkpoints.
        /// The registry has fewer records than a checkpoint signed.
        case checkpointRollback(records: Int, signed: UInt64)
        /// The first records no longer hash to the checkpoint's root.
        case checkpointRewritten(signed: UInt64)
        /// `verify --since`: the record just before the new ones is not the one the checkpoint's state names.
        case checkpointHead(signed: UInt64)

        public var description: String {
            switch self {
            case .malformed(let reason): "not a well-formed registry record: \(reason)"
            case .unreadable(let reason): reason
            case .seq(let found, let expected):
                "seq is \(found.map(String.init) ?? "missing"), expected \(expected): a line was removed, inserted, moved or duplicated here"
            case .firstPrev: "prev must be 64 zeros on the first line: the start of the file was removed or altered"
            case .prev(let p): "prev is not the SHA-256 of line \(p): line \(p) was altered, or lines were removed, swapped or inserted"
            case .digest(let kind): "\(kind.rawValue)'s digest is not the SHA-256 of its snapshot: the recorded data was altered"
            case .jobOpenWithoutJob: "job-open without job"
            case .jobOpenedTwice(let job): "job \(job) is opened a second time"
            case .noJobOpen(let kind, let job):
                job.map { "\(kind.rawValue) for job '\($0)' that has no earlier job-open" } ?? "\(kind.rawValue) for a job with no earlier job-open"
            case .afterJobClose(let kind, let job): "\(kind.rawValue) for job \(job) after its job-close"
            case .reserveMalformed: "reserve needs ns (or gtin), first ≥ 1 and last ≥ first"
            case .reservationOverlap(let ns, let first, let last, let priorLast, let priorLine):
                "reservation \(first)-\(last) in \(ns) overlaps or precedes the one ending at \(priorLast) (line \(priorLine)): counters would repeat"
            case .counterOutsideReservations(let job, let counter):
                "counter \(counter) of job \(job) is outside every reservation of that job: a code issued without a durable reserve"
            case .counterReused(let job, let counter): "counter \(counter) of job \(job) was already issued or released: a duplicate"
            case .issueWithoutCode: "issue without code"
            case .sharedIssueWithoutCopies: "a batch or category issue needs copies ≥ 1 (an item issue needs a counter)"
            case .releaseOutsideReservation(let job): "release must lie inside a reservation of job \(job) in the same namespace"
            case .releaseOfUsedCounters(let job, let first, let last): "release \(first)-\(last) of job \(job) covers counters already issued or released"
            case .jobClosedTwice(let job): "job \(job) is closed a second time"
            case .jobCloseWithoutStatus: "job-close without status (one of \(JobStatus.spelled))"
            case .registeredWithLabels(let job, let labels): "job \(job) says registered (no output) but reports \(labels) label(s) made"
            case .unexplainedGap(let job, let ns, let first, let last, let line):
                "job \(job) closed with counters \(first)-\(last) (\(ns), reserved line \(line)) neither all issued nor released: an unexplained gap"
            case .itemCountMismatch(let job, let status, let issued, let count):
                "job \(job) says \(status.rawValue) but issued \(issued) item code(s) for a count of \(count)"
            case .deliveredLabelMismatch(let job, let labels, let count): "job \(job) says delivered but \(labels) label(s) for a count of \(count)"
            case .codeIssuedTwice(let code, let position): "code \(code) is issued twice (first at byte offset \(position))"
            case .withoutCode(let kind): "\(kind.rawValue) without code"
            case .neverIssued(let kind, let code): "\(kind.rawValue) of code \(code), which was never issued before this line"
            case .voidedTwice(let code): "code \(code) is voided a second time"
            case .reprintOfVoided(let code): "reprint of code \(code), which was voided"
            case .missingFields(let kind, let fields): "\(kind.rawValue) record without \(fields.joined(separator: ", "))"
            case .partyNotUSCC(let party): "party '\(party)' is not a valid USCC (GB 32100)"
            case .partySnapshotUSCC(let party, let found): "party \(party): its snapshot's uscc is '\(found)'"
            case .partyRole(let party, let role): "party \(party): role '\(role)' is not producer or seller"
            case .unknownFlow(let flow): "flow '\(flow)' is not producer-sale, seller-purchase or seller-sale"
            case .flowPartyNotUSCC(let job, let party): "flow \(job): party '\(party)' is not a valid USCC (GB 32100)"
            case .producerSaleWithoutBuyer: "producer-sale without the buyer's address and contact"
            case .sellerFlowWithBuyer(let flow): "\(flow) carries address or contact (producer sales only)"
            case .flowTime(let job, let reason, let time): "flow \(job): \(reason) (the record's time is \(time))"
            case .flowTimeNotISO(let job, let time): "flow \(job): time '\(time)' is not an ISO 8601 UTC time"
            case .sellerNotRegistered(let flow, let party): "\(flow) by party \(party), which was not registered as a seller before this line"
            case .flowOfVoided(let job, let what): "flow \(job) of \(what), voided before this line"
            case .producerMismatch(let party, let job, let producer):
                "producer-sale by \(party) of codes of job \(job), whose producer is \(producer ?? "not recorded")"
            case .scopeInvalid(let reason): reason
            case .scopeCodeNeverIssued(let scope, let code): "scope \(scope) names code \(code), which was never issued before this line"
            case .scopeRangeEnds(let scope): "scope \(scope): the ends must be item codes of one namespace, the first not after the last"
            case .scopeLotUnknown(let scope, let lot): "scope \(scope): no job before this line printed lot \(lot)"
            case .scopeJobUnknown(let scope, let job): "scope \(scope): job \(job) was not opened before this line"
            case .checkpointRollback(let records, let signed):
                "the file has \(records) record(s) but the checkpoint signed \(signed): records were removed from the end, or an older copy was restored (rollback)"
            case .checkpointRewritten(let signed): "the first \(signed) record(s) no longer hash to the checkpoint's Merkle root: history was rewritten"
            case .checkpointHead(let signed):
                "record \(signed) is not the one the checkpoint's saved state ends with: the saved state belongs to another registry or another checkpoint"
            }
        }
    }
}
