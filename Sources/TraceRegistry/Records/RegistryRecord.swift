import TraceCore

/// One line of the registry file. Every record names its kind; the fields that apply to it are set.
///
/// The file is JSON Lines. Each line also carries `seq` (0-based line number) and `prev` (SHA-256, hex, of the
/// previous line's bytes without its newline; 64 zeros on the first line), added by ``RegistryFile`` when it
/// appends, so an auditor can check the chain with `sha256sum` alone. Keys are written in the fixed order of
/// ``RecordField`` (see ``RecordLine``), so the same record always has the same bytes.
public struct RegistryRecord: Sendable, Equatable {
    /// What a record says happened.
    public enum Kind: String, Sendable, CaseIterable {
        /// A job starts: who, where, what, for how many. Fields: time job mode line shift operator product gtin
        /// lot count template pdf spool host pid.
        case jobOpen = "job-open"
        /// A block of counters is taken in a namespace before any code from it exists elsewhere.
        /// Fields: job ns gtin first last.
        case reserve
        /// A code is issued (item mode: with its counter; batch and category modes: once, with the number of copies).
        /// Fields: job counter code dl copies.
        case issue
        /// Reserved counters that will never be issued (the job that held them died): a gap, explained.
        /// Fields: job ns first last reason.
        case release
        /// A job ends: what was delivered, and the error if it failed. Fields: time job status labels spooled pdf error.
        case jobClose = "job-close"
        /// An issued code's label was damaged or destroyed; the code must never be used again. Fields: time code reason operator.
        case void
        /// Labels for an issued code were rendered again (never a new code). Fields: time job code count reason operator.
        case reprint
        /// The writer repaired the file's tail after a crash (a torn last line cut off). Fields: time reason.
        case recovery
        /// A producer or seller registered (Annex 2: registered once; a changed party is registered again, the
        /// latest record wins). Fields: time operator party snapshot (the party's data as canonical JSON).
        case party
        /// A flow (流向) of codes: a producer's sale, or a seller's purchase or sale. Fields: time job operator party
        /// flow at counterparty address contact scope count.
        case flow
        /// Codes recalled: a lot, a job or a code range. Fields: time job operator reason scope count.
        case recall
        /// An explicit retention decision (what became eligible for disposal, who decided). Fields: time operator
        /// reason scope count.
        case retention
    }

    /// 0-based line number; set by the writer.
    public var seq: Int?
    /// SHA-256 (hex) of the previous line; set by the writer.
    public var prev: String?
    /// What happened.
    public var kind: Kind
    /// UTC time, ISO 8601.
    public var time: String?
    /// The job the record belongs to (`J…` issue jobs, `R…` reprints).
    public var job: String?
    /// Allocation mode of the job.
    public var mode: AllocationMode?
    /// Production line.
    public var line: String?
    /// Shift.
    public var shift: String?
    /// Who ran the job or made the record (`operator` in the file).
    public var operatorName: String?
    /// Product file the job used.
    public var product: String?
    /// GTIN-14 of the product.
    public var gtin: String?
    /// Lot (AI 10) the job printed.
    public var lot: String?
    /// Labels asked for (job-open, reprint).
    public var count: Int?
    /// Label template name.
    public var template: String?
    /// Label-sheet PDF written, if any.
    public var pdf: String?
    /// Spool directory written, if any.
    public var spool: String?
    /// Host that ran the job.
    public var host: String?
    /// Process id that ran the job.
    public var pid: Int?
    /// Counter namespace (`item:<GTIN>`, `ff1:<GTIN>:<key id>`, `pool:…`, `lot:…`).
    public var ns: String?
    /// First counter of a reserved or released block.
    public var first: UInt64?
    /// Last counter of a reserved or released block (inclusive).
    public var last: UInt64?
    /// Item issues: the counter the serial came from.
    public var counter: UInt64?
    /// The code as HRI.
    public var code: String?
    /// The code as a GS1 Digital Link URI.
    public var dl: String?
    /// Batch and category issues: identical labels covered by the one code.
    public var copies: Int?
    /// Why (release, void, reprint, recovery).
    public var reason: String?
    /// `delivered`, `partly-delivered` or `interrupted`.
    public var status: JobStatus?
    /// Labels rendered.
    public var labels: Int?
    /// PNG files delivered to the spool.
    public var spooled: Int?
    /// The error that stopped the job.
    public var error: String?
    /// party, flow: the unified social credit code of the producer or seller the record is about (party) or made
    /// by (flow).
    public var party: String?
    /// flow: `producer-sale` (生产者销售), `seller-purchase` (销售者采购) or `seller-sale` (销售者售出).
    public var flow: String?
    /// flow: when the sale or purchase happened, as the party gave it (ISO 8601 date or date-time).
    public var at: String?
    /// flow: the other side: buyer (producer-sale), supplier (seller-purchase) or customer (seller-sale).
    public var counterparty: String?
    /// flow: the buyer's address (producer-sale).
    public var address: String?
    /// flow: the buyer's contact (producer-sale).
    public var contact: String?
    /// flow, recall, retention: which codes, as ``CodeScope`` text (`code:…`, `range:…..…`, `lot:<gtin>/<lot>`,
    /// `job:<id>`); a retention record may name several jobs, as `job:<id>` texts separated by spaces.
    public var scope: String?
    /// SHA-256 (hex) of ``snapshot``'s bytes, so an export or a platform upload can cite the data a job printed by one
    /// short value; the verifier recomputes it.
    public var digest: String?
    /// job-open: the product and producer data the job prints (canonical JSON, keys sorted), so the registry alone
    /// tells what every code was printed with; reprint with corrected data: the data that reprint printed.
    public var snapshot: String?

    public init(kind: Kind, job: String?) {
        self.kind = kind
        self.job = job
    }

    /// Whether a reservation in `ns` can be used by a batch or category job's one shared code (an `issue` without a
    /// counter): a lot sequence number (`lot:`) or an Ecode (`ecode:`, `ecode-pool:`).
    public static func isSharedCodeNamespace(_ ns: String) -> Bool {
        ns.hasPrefix("lot:") || ns.hasPrefix("ecode:") || ns.hasPrefix("ecode-pool:")
    }

    /// The namespace a reservation counts in; records written before namespaces existed count per GTIN.
    public var namespace: String? { ns ?? gtin.map { "item:\($0)" } }
}
