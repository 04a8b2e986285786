import TraceRegistry

/// The registry line reader: any line is a record or a `LineFormatError`; a record written again reads back equal.
enum RegistryLineProperties {
    static func registryLine(_ bytes: [UInt8]) -> Bool {
        var scanner = RecordScanner()
        let record: RegistryRecord? = bytes.withUnsafeBytes { line in
            do throws(LineFormatError) {
                try scanner.parse(line)
                return try scanner.record(in: line)
            } catch { return nil }
        }
        guard let record else { return false }
        var writer = RecordLine()
        writer.add(record: record, seq: record.seq ?? 0)
        // `prev` is written as its raw (still escaped) bytes, as the chain writes a hash; other fields are escaped.
        let prev: [UInt8] = bytes.withUnsafeBytes { line in scanner.raw(.prev, in: line).map(Array.init) ?? [] }
        writer.finish(prev: prev)
        var again = RecordScanner()
        let reread: Result<RegistryRecord, LineFormatError> = writer.withCurrentLine { line in
            Result { () throws(LineFormatError) in
                try again.parse(line)
                return try again.record(in: line)
            }
        }
        guard case .success(let reread) = reread else {
            FuzzFailure.stop("record written again does not parse (\(reread)): \(String(decoding: writer.bytes, as: UTF8.self))", bytes)
        }
        var expected = record
        if expected.seq == nil { expected.seq = 0 }
        if expected.prev == nil { expected.prev = "" }
        guard reread == expected else {
            FuzzFailure.stop("record written again reads back different: \(String(decoding: writer.bytes, as: UTF8.self))", bytes)
        }
        return true
    }
}
