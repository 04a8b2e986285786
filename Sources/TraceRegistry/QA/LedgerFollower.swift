import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A ``RegistryLedger`` kept current as the registry grows, for a long-running reader (the resolver): each
/// ``catchUp()`` reads only the complete lines appended since the last one, never the whole file again.
///
/// The registry is append-only; if the file is found shorter than what was read (replaced or cut back by hand),
/// the follower starts over from the first line.
public struct LedgerFollower: Sendable {
    /// The ledger of every complete record read so far.
    public private(set) var ledger = RegistryLedger()
    /// Offset just past the last complete line applied.
    public private(set) var offset: UInt64 = 0
    /// Records applied since the follower started (or last started over).
    public private(set) var records = 0
    public let path: String

    /// A follower of `path` that has read nothing yet (call ``catchUp()``).
    public init(path: String) {
        self.path = path
    }

    /// Applies the complete records appended since the last call. Cheap when nothing changed (one `fstat`).
    /// - Returns: the number of records applied.
    /// - Throws: `RegistryError` if the file cannot be read or a new line is corrupt.
    @discardableResult
    public mutating func catchUp() throws -> Int {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return 0 }
            throw RegistryError.cannotOpen(path: path, errno: errno)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw RegistryError.readFailed(path: path, errno: errno) }
        let size = UInt64(info.st_size)
        if size == offset { return 0 }
        if size < offset {
            ledger = RegistryLedger()
            offset = 0
            records = 0
        }
        var scanner = RecordScanner()
        var applied = 0
        var lineNumber = records
        let tail = try LineReader.forEachLine(fd: fd, path: path, bufferSize: 1 << 16, from: offset) { line, _ in
            lineNumber += 1
            do {
                try scanner.parse(line)
                ledger.add(try scanner.record(in: line))
            } catch let e as LineFormatError {
                throw RegistryError.corruptLine(path: path, line: lineNumber, reason: e.description)
            }
            applied += 1
        }
        offset = tail.completeBytes
        records += applied
        return applied
    }
}

extension RegistryLedger {
    /// An empty ledger, filled record by record: by ``LedgerFollower``, and by readers that need more of each record
    /// than the ledger keeps (the exports and the retention review).
    public init() {}
}
