import TraceCore

/// One line of the registry file. Every record names its kind; the fields that apply to it are set.
///
/// The file is JSON Lines. Each line also carries `seq` (0-based line number) and `prev` (SHA-256, hex, of the
/// previous line's bytes without its newline; 64 zeros on the first line), added by ``RegistryFile`` when it
/// appends, so an auditor can check the chain with `sha256sum` alone.
public struct RegistryRecord: Codable, Sendable, Equatable {
    /// What a record says happened.
    public enum Kind: String, Codable, Sendable {
        /// A job starts: who, where, what, for how many.
        case jobOpen = "job-open"
        /// A block of counters is taken for a GTIN before any code from it exists elsewhere.
        case reserve
        /// A code is issued (in batch and category modes: once, with the number of copies).
        case issue
        /// A job ends: what was delivered, and the error if it failed.
        case jobClose = "job-close"
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
    public var count: Int?
    public var pdf: String?
    public var spool: String?
    // reserve
    public var first: UInt64?
    public var last: UInt64?
    // issue
    public var counter: UInt64?
    public var code: String?
    public var dl: String?
    public var copies: Int?
    // job-close
    public var status: String?
    public var labels: Int?
    public var spooled: Int?
    public var error: String?

    enum CodingKeys: String, CodingKey {
        case seq, prev, kind, time, job, mode, line, shift, operatorName = "operator", product, gtin, count, pdf, spool
        case first, last, counter, code, dl, copies, status, labels, spooled, error
    }

    public init(kind: Kind, job: String) {
        self.kind = kind
        self.job = job
    }
}
