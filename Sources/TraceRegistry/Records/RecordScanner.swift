import TraceCore

/// Why one registry line is not a well-formed record.
public struct LineFormatError: Error, Sendable, CustomStringConvertible {
    /// Byte offset within the line.
    public let column: Int
    public let rule: String
    public var description: String { "byte \(column + 1): \(rule)" }
}

/// Reads one canonical registry line without allocating: field positions and integer values only.
///
/// Why not `JSONDecoder`: decoding a million lines into structs of optional strings costs more than hashing
/// them, and `verify` must stay within twice the time of `sha256sum` over the file. The grammar is the one
/// ``RecordLine`` writes: `{` then `"key":value` pairs in ``RecordField`` order separated by `,`, then `}`; no
/// whitespace; strings with JSON escapes; integers as plain decimal digits. Anything else is refused, so a
/// line that parses has exactly one spelling.
public struct RecordScanner {
    private var starts = [Int](repeating: 0, count: RecordField.allCases.count)
    private var ends = [Int](repeating: 0, count: RecordField.allCases.count)
    private var integers = [UInt64](repeating: 0, count: RecordField.allCases.count)
    private var present: UInt64 = 0
    private var escaped: UInt64 = 0

    public init() {}

    /// Parses `line` (without its newline). Accessors then read from the same bytes.
    public mutating func parse(_ line: UnsafeRawBufferPointer) throws(LineFormatError) {
        present = 0
        escaped = 0
        let n = line.count
        guard n >= 2, line[0] == UInt8(ascii: "{"), line[n - 1] == UInt8(ascii: "}") else {
            throw LineFormatError(column: 0, rule: "a record is one JSON object: '{' … '}' with nothing around it")
        }
        var i = 1
        var next = 0 // the lowest field index allowed next
        let keys = RecordField.keyBytes
        while true {
            guard i < n - 1, line[i] == UInt8(ascii: "\"") else { throw LineFormatError(column: i, rule: "expected a quoted key") }
            let keyStart = i + 1
            var keyEnd = keyStart
            while keyEnd < n, line[keyEnd] != UInt8(ascii: "\"") { keyEnd += 1 }
            guard keyEnd + 1 < n, line[keyEnd + 1] == UInt8(ascii: ":") else { throw LineFormatError(column: keyStart, rule: "expected '\"key\":'") }
            let keyLength = keyEnd - keyStart
            var found = -1
            var f = next
            while f < keys.count {
                let k = keys[f]
                if k.count == keyLength {
                    var same = true
                    for j in 0..<keyLength where k[j] != line[keyStart + j] { same = false; break }
                    if same { found = f; break }
                }
                f += 1
            }
            guard found >= 0 else {
                let name = String(decoding: UnsafeRawBufferPointer(rebasing: line[keyStart..<keyEnd]), as: UTF8.self)
                let known = RecordField.keyBytes.contains { $0.elementsEqual(name.utf8) }
                throw LineFormatError(column: keyStart, rule: known ? "key '\(name)' is out of the canonical order (or repeated)"
                                                                   : "unknown key '\(name)'")
            }
            let field = RecordField(rawValue: found)!
            next = found + 1
            i = keyEnd + 2
            if field.isInteger {
                let s = i
                var v: UInt64 = 0
                while i < n, line[i] >= UInt8(ascii: "0"), line[i] <= UInt8(ascii: "9") {
                    let (m, o1) = v.multipliedReportingOverflow(by: 10)
                    let (a, o2) = m.addingReportingOverflow(UInt64(line[i] - UInt8(ascii: "0")))
                    guard !o1, !o2 else { throw LineFormatError(column: s, rule: "'\(field.key)' is too large") }
                    v = a
                    i += 1
                }
                guard i > s, !(line[s] == UInt8(ascii: "0") && i - s > 1) else {
                    throw LineFormatError(column: s, rule: "'\(field.key)' must be a whole number without leading zeros")
                }
                integers[found] = v
                starts[found] = s
                ends[found] = i
            } else {
                guard line[i] == UInt8(ascii: "\"") else { throw LineFormatError(column: i, rule: "'\(field.key)' must be a string") }
                i += 1
                let s = i
                while i < n, line[i] != UInt8(ascii: "\"") {
                    let b = line[i]
                    if b == UInt8(ascii: "\\") {
                        escaped |= 1 << UInt64(found)
                        i += 2
                        continue
                    }
                    guard b >= 0x20 else { throw LineFormatError(column: i, rule: "a control byte inside '\(field.key)' (must be escaped)") }
                    i += 1
                }
                guard i < n else { throw LineFormatError(column: s, rule: "'\(field.key)' is not terminated") }
                starts[found] = s
                ends[found] = i
                i += 1
            }
            present |= 1 << UInt64(found)
            if i == n - 1 { break }
            guard line[i] == UInt8(ascii: ",") else { throw LineFormatError(column: i, rule: "expected ',' or '}' after '\(field.key)'") }
            i += 1
        }
        guard has(.seq), has(.kind), has(.prev) else {
            throw LineFormatError(column: 0, rule: "every record needs seq, kind and prev")
        }
    }

    /// Whether the last parsed line has `field`.
    public func has(_ field: RecordField) -> Bool { present & (1 << UInt64(field.rawValue)) != 0 }

    /// An integer field's value.
    public func integer(_ field: RecordField) -> UInt64? { has(field) ? integers[field.rawValue] : nil }

    /// A field's raw bytes inside `line` (strings: between the quotes, still escaped).
    public func raw(_ field: RecordField, in line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        guard has(field) else { return nil }
        return UnsafeRawBufferPointer(rebasing: line[starts[field.rawValue]..<ends[field.rawValue]])
    }

    /// Whether a string field's raw bytes equal `text` exactly.
    public func field(_ field: RecordField, in line: UnsafeRawBufferPointer, equals text: [UInt8]) -> Bool {
        guard let r = raw(field, in: line) else { return false }
        return r.elementsEqual(text)
    }

    /// A string field, unescaped.
    public func string(_ field: RecordField, in line: UnsafeRawBufferPointer) -> String? {
        guard let r = raw(field, in: line) else { return nil }
        if escaped & (1 << UInt64(field.rawValue)) == 0 { return String(decoding: r, as: UTF8.self) }
        var out: [UInt8] = []
        var i = 0
        while i < r.count {
            let b = r[i]
            guard b == UInt8(ascii: "\\"), i + 1 < r.count else { out.append(b); i += 1; continue }
            let e = r[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard i + 4 <= r.count, let v = UInt32(String(decoding: UnsafeRawBufferPointer(rebasing: r[i..<(i + 4)]), as: UTF8.self), radix: 16),
                      let scalar = Unicode.Scalar(v) else { i = r.count; break }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                i += 4
            default: out.append(e)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The whole record, for code that wants names rather than positions.
    public func record(in line: UnsafeRawBufferPointer) throws(LineFormatError) -> RegistryRecord {
        guard let kindText = string(.kind, in: line), let kind = RegistryRecord.Kind(rawValue: kindText) else {
            throw LineFormatError(column: 0, rule: "unknown kind '\(string(.kind, in: line) ?? "")'")
        }
        var r = RegistryRecord(kind: kind, job: string(.job, in: line))
        r.seq = integer(.seq).map { Int($0) }
        r.prev = string(.prev, in: line)
        r.time = string(.time, in: line)
        if let m = string(.mode, in: line) {
            guard let mode = AllocationMode(rawValue: m) else { throw LineFormatError(column: 0, rule: "unknown mode '\(m)'") }
            r.mode = mode
        }
        r.line = string(.line, in: line)
        r.shift = string(.shift, in: line)
        r.operatorName = string(.operator, in: line)
        r.product = string(.product, in: line)
        r.gtin = string(.gtin, in: line)
        r.lot = string(.lot, in: line)
        r.count = integer(.count).map { Int(clamping: $0) }
        r.template = string(.template, in: line)
        r.pdf = string(.pdf, in: line)
        r.spool = string(.spool, in: line)
        r.host = string(.host, in: line)
        r.pid = integer(.pid).map { Int(clamping: $0) }
        r.ns = string(.ns, in: line)
        r.first = integer(.first)
        r.last = integer(.last)
        r.counter = integer(.counter)
        r.code = string(.code, in: line)
        r.dl = string(.dl, in: line)
        r.copies = integer(.copies).map { Int(clamping: $0) }
        r.reason = string(.reason, in: line)
        if let text = string(.status, in: line) {
            guard let status = JobStatus(rawValue: text) else {
                throw LineFormatError(column: 0, rule: "status '\(text)' is not one of \(JobStatus.spelled)")
            }
            r.status = status
        }
        r.labels = integer(.labels).map { Int(clamping: $0) }
        r.spooled = integer(.spooled).map { Int(clamping: $0) }
        r.error = string(.error, in: line)
        r.party = string(.party, in: line)
        r.flow = string(.flow, in: line)
        r.at = string(.at, in: line)
        r.counterparty = string(.counterparty, in: line)
        r.address = string(.address, in: line)
        r.contact = string(.contact, in: line)
        r.scope = string(.scope, in: line)
        r.digest = string(.digest, in: line)
        r.snapshot = string(.snapshot, in: line)
        return r
    }
}
