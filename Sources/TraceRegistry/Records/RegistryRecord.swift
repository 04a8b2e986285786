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
    }

    public var seq: Int?
    public var prev: String?
    public var kind: Kind
    public var time: String?
    public var job: String?
    // job-open
    public var mode: AllocationMode?
    public var line: String?
    public var shift: String?
    public var operatorName: String?
    public var product: String?
    public var gtin: String?
    public var lot: String?
    public var count: Int?
    public var template: String?
    public var pdf: String?
    public var spool: String?
    public var host: String?
    public var pid: Int?
    // reserve, release
    public var ns: String?
    public var first: UInt64?
    public var last: UInt64?
    // issue
    public var counter: UInt64?
    public var code: String?
    public var dl: String?
    public var copies: Int?
    // release, void, reprint, recovery
    public var reason: String?
    // job-close
    public var status: String?
    public var labels: Int?
    public var spooled: Int?
    public var error: String?

    public init(kind: Kind, job: String?) {
        self.kind = kind
        self.job = job
    }

    /// The namespace a reservation counts in; records written before namespaces existed count per GTIN.
    public var namespace: String? { ns ?? gtin.map { "item:\($0)" } }
}
