import TraceCore

/// Writes registry records as canonical JSON lines, by hand.
///
/// Why not `JSONEncoder`: it allocates a container per record and sorts keys every time, which held the writer
/// to a small fraction of the 500,000 codes/s a million-code export needs. This writer appends straight into a
/// reused byte buffer in the fixed ``RecordField`` order, escapes only what JSON requires (`"` `\` and control
/// characters; non-ASCII UTF-8 and `/` are written as they are), and so gives one byte sequence per record —
/// the bytes the hash chain covers.
public struct RecordLine {
    /// Lines built so far; the current one starts at ``lineStart`` and has no newline yet.
    public private(set) var bytes: [UInt8] = []
    /// Where the current line starts in ``bytes``.
    public private(set) var lineStart = 0
    private var hasField = false

    public init() { bytes.reserveCapacity(256) }

    /// Forgets every line (keeps the buffer's capacity).
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        lineStart = 0
        hasField = false
    }

    /// Makes room for `count` more bytes at once: a writer building a chunk of lines in a fresh buffer (a job's every
    /// lock hold has one) would otherwise grow it by doubling, copying it a dozen times per chunk.
    public mutating func reserveCapacity(_ count: Int) {
        bytes.reserveCapacity(bytes.count + count)
    }

    /// Starts another line after the ones already built (the caller added their newlines).
    public mutating func startLine() {
        lineStart = bytes.count
        bytes.append(UInt8(ascii: "{"))
        hasField = false
    }

    /// Appends a byte between lines (the newline).
    public mutating func appendRaw(_ byte: UInt8) { bytes.append(byte) }

    /// Calls `body` with the bytes of the current line.
    public func withCurrentLine<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[lineStart...])) }
    }

    /// Bytes that JSON requires escaped inside a string.
    static let needsEscape: [Bool] = (0..<256).map { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }

    mutating func key(_ field: RecordField) {
        if hasField { bytes.append(UInt8(ascii: ",")) }
        hasField = true
        bytes.append(contentsOf: RecordField.quotedKeys[field.rawValue])
    }

    /// Appends an integer field.
    public mutating func add(_ field: RecordField, _ value: UInt64) {
        key(field)
        if value == 0 { bytes.append(UInt8(ascii: "0")); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = value, count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            while n > 0 { d[count] = UInt8(ascii: "0") + UInt8(n % 10); n /= 10; count += 1 }
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(d[i]) }
        }
    }

    /// Appends a string field, escaped as JSON requires.
    public mutating func add(_ field: RecordField, _ value: String) {
        key(field)
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            let plain = RecordLine.needsEscape.withUnsafeBufferPointer { table in !utf8.contains { table[Int($0)] } }
            if plain { bytes.append(contentsOf: utf8); return }
            let hex = Array("0123456789abcdef".utf8)
            for b in utf8 {
                switch b {
                case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
                case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
                case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
                case 0..<0x20:
                    bytes.append(contentsOf: Array("\\u00".utf8))
                    bytes.append(hex[Int(b >> 4)])
                    bytes.append(hex[Int(b & 0xF)])
                default: bytes.append(b)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Ends the line with `prev` (the previous line's hash) and the closing brace.
    public mutating func finish(prev: [UInt8]) {
        key(.prev)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: prev)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: "}"))
    }

    /// Writes every field of `record` except `prev` (see ``finish(prev:)``), in canonical order.
    public mutating func add(record r: RegistryRecord, seq: Int) {
        startLine()
        add(.seq, UInt64(seq))
        add(.kind, r.kind.rawValue)
        if let v = r.time { add(.time, v) }
        if let v = r.job { add(.job, v) }
        if let v = r.mode { add(.mode, v.rawValue) }
        if let v = r.line { add(.line, v) }
        if let v = r.shift { add(.shift, v) }
        if let v = r.operatorName { add(.operator, v) }
        if let v = r.product { add(.product, v) }
        if let v = r.gtin { add(.gtin, v) }
        if let v = r.lot { add(.lot, v) }
        if let v = r.count { add(.count, UInt64(max(0, v))) }
        if let v = r.template { add(.template, v) }
        if let v = r.pdf { add(.pdf, v) }
        if let v = r.spool { add(.spool, v) }
        if let v = r.host { add(.host, v) }
        if let v = r.pid { add(.pid, UInt64(max(0, v))) }
        if let v = r.ns { add(.ns, v) }
        if let v = r.first { add(.first, v) }
        if let v = r.last { add(.last, v) }
        if let v = r.counter { add(.counter, v) }
        if let v = r.code { add(.code, v) }
        if let v = r.dl { add(.dl, v) }
        if let v = r.copies { add(.copies, UInt64(max(0, v))) }
        if let v = r.reason { add(.reason, v) }
        if let v = r.status { add(.status, v.rawValue) }
        if let v = r.labels { add(.labels, UInt64(max(0, v))) }
        if let v = r.spooled { add(.spooled, UInt64(max(0, v))) }
        if let v = r.error { add(.error, v) }
        if let v = r.party { add(.party, v) }
        if let v = r.flow { add(.flow, v) }
        if let v = r.at { add(.at, v) }
        if let v = r.counterparty { add(.counterparty, v) }
        if let v = r.address { add(.address, v) }
        if let v = r.contact { add(.contact, v) }
        if let v = r.scope { add(.scope, v) }
        if let v = r.digest { add(.digest, v) }
        if let v = r.snapshot { add(.snapshot, v) }
    }

    /// The fast path for the bulk of a file: an item-mode `issue` line, byte-identical to ``add(record:seq:)``.
    public mutating func addIssue(seq: Int, job: String, counter: UInt64, code: String, dl: String) {
        startLine()
        add(.seq, UInt64(seq))
        key(.kind)
        bytes.append(contentsOf: RecordLine.issueKind)
        add(.job, job)
        add(.counter, counter)
        add(.code, code)
        add(.dl, dl)
    }

    /// The fastest path, for jobs of millions: an item `issue` line assembled from pre-escaped parts and the
    /// serial's bytes (which must need no JSON escaping), byte-identical to ``add(record:seq:)``.
    mutating func addIssue(seq: Int, jobJSON: [UInt8], counter: UInt64, serial: [UInt8], template: ItemCodeTemplate) {
        startLine()
        add(.seq, UInt64(seq))
        key(.kind)
        bytes.append(contentsOf: RecordLine.issueKind)
        key(.job)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: jobJSON)
        bytes.append(UInt8(ascii: "\""))
        add(.counter, counter)
        key(.code)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: template.hriPrefixJSON)
        bytes.append(contentsOf: serial)
        bytes.append(UInt8(ascii: "\""))
        key(.dl)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: template.dlPrefixJSON)
        bytes.append(contentsOf: serial)
        bytes.append(contentsOf: template.dlSuffixJSON)
        bytes.append(UInt8(ascii: "\""))
    }

    /// `text` as it appears between the quotes of a JSON string field.
    static func escaped(_ text: String) -> [UInt8] {
        var line = RecordLine()
        line.startLine()
        line.add(.code, text)
        return Array(line.bytes.dropFirst(1 + RecordField.quotedKeys[RecordField.code.rawValue].count + 1).dropLast())
    }

    static let issueKind: [UInt8] = Array("\"issue\"".utf8)
}
