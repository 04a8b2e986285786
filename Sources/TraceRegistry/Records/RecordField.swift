/// The keys a registry line may hold, in the one order they are written.
///
/// A fixed order (rather than sorted or dictionary order) makes every record's bytes canonical: the writer
/// emits them in this order and the reader refuses a line whose keys are out of order or unknown.
public enum RecordField: Int, CaseIterable, Sendable {
    case seq, kind, time, job, mode, line, shift, `operator`, product, gtin, lot, count, template, pdf, spool, host, pid
    case ns, first, last, counter, code, dl, copies, reason, status, labels, spooled, error
    case party, flow, at, counterparty, address, contact, scope, digest, snapshot, prev

    /// The JSON key.
    public var key: String { String(describing: self) }

    /// Whether the value is a JSON number (a non-negative integer); every other field is a string.
    public var isInteger: Bool {
        switch self {
        case .seq, .count, .pid, .first, .last, .counter, .copies, .labels, .spooled: true
        default: false
        }
    }

    /// `"key":` as bytes, precomputed for the writer.
    static let quotedKeys: [[UInt8]] = allCases.map { Array("\"\($0.key)\":".utf8) }

    /// The bare key bytes, for the reader.
    static let keyBytes: [[UInt8]] = allCases.map { Array($0.key.utf8) }
}
