import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A lookup index derived from the registry (`<registry>.index`): never the truth, rebuilt whenever it does
/// not match the file, so it can be deleted at any time.
///
/// Layout: a 128-byte header (`{"registry_size":…,"head":"…","entries":…}` padded with spaces and a newline),
/// then entries of 16 bytes — FNV-1a 64 of a code's identity (``ScannedCode/identity(of:)``) and the byte offset
/// of a registry line about that code (its issue, void and reprint records), little-endian, sorted. A lookup
/// is a binary search with `pread` plus reading the few lines it points at, so it stays fast at tens of
/// millions of codes; the registry line is always re-read and re-checked, so a hash collision cannot mislead.
public struct LookupIndex {
    /// The index does not describe the registry any more.
    public struct StaleError: Error, Sendable, CustomStringConvertible {
        public let path: String
        public var description: String { "index '\(path)' does not match its registry; rebuild it" }
    }

    static let headerSize = 128
    public let registryPath: String
    public var path: String { registryPath + ".index" }

    public init(registryPath: String) { self.registryPath = registryPath }

    struct Header: Codable {
        var registry_size: UInt64
        var head: String
        var entries: Int
    }

    /// Whether the index exists and covers exactly the registry as it is: same size, same last line (read from
    /// the end of the file, so the check costs one small read however large the registry is).
    public func isCurrent() throws -> Bool {
        guard let header = try readHeader() else { return false }
        var info = stat()
        guard stat(registryPath, &info) == 0, UInt64(info.st_size) == header.registry_size else { return false }
        guard header.registry_size > 0 else { return header.head == LookupIndex.emptyHead }
        let fd = open(registryPath, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let window = Int(min(header.registry_size, 1 << 16))
        var buffer = [UInt8](repeating: 0, count: window)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, window, off_t(header.registry_size - UInt64(window))) }
        guard n == window, buffer.last == 0x0A else { return false }
        let start = buffer[0..<(window - 1)].lastIndex(of: 0x0A).map { $0 + 1 } ?? (window == Int(header.registry_size) ? 0 : -1)
        guard start >= 0 else { return false }
        let head = buffer[start..<(window - 1)].withUnsafeBytes { String(decoding: ChainHash.hex(of: $0), as: UTF8.self) }
        return head == header.head
    }

    static let emptyHead = String(decoding: ChainHash.genesis, as: UTF8.self)

    func readHeader() throws -> Header? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try handle.read(upToCount: LookupIndex.headerSize), data.count == LookupIndex.headerSize else { return nil }
        return try? JSONDecoder().decode(Header.self, from: data)
    }

    /// Rebuilds the index from the registry (written to a temporary file, synced, then renamed into place).
    @discardableResult
    public func rebuild() throws -> Int {
        var entries: [(UInt64, UInt64)] = []
        var scanner = RecordScanner()
        var size: UInt64 = 0
        var last: [UInt8] = []
        try RegistryFile(path: registryPath).forEachLine { line, offset in
            size = offset + UInt64(line.count) + 1
            last = Array(line)
            guard (try? scanner.parse(line)) != nil else { return }
            if let code = scanner.string(.code, in: line), let identity = ScannedCode.identity(of: code) {
                entries.append((LookupIndex.hash(identity), offset))
            } else if scanner.field(.kind, in: line, equals: Array("job-open".utf8)), let job = scanner.string(.job, in: line) {
                entries.append((LookupIndex.hash("job=" + job), offset))
            }
        }
        entries.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        let head = size == 0 ? LookupIndex.emptyHead : last.withUnsafeBytes { String(decoding: ChainHash.hex(of: $0), as: UTF8.self) }
        var header = Array(try JSONEncoder().encode(Header(registry_size: size, head: head, entries: entries.count)))
        header += [UInt8](repeating: 0x20, count: LookupIndex.headerSize - 1 - header.count) + [0x0A]
        var bytes = header
        bytes.reserveCapacity(header.count + entries.count * 16)
        for (h, o) in entries {
            withUnsafeBytes(of: h.littleEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: o.littleEndian) { bytes.append(contentsOf: $0) }
        }
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RegistryError.cannotOpen(path: temporary, errno: errno) }
        let ok = bytes.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) == $0.count } && fsync(fd) == 0
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw RegistryError.writeFailed(path: path, errno: errno, truncatedBackTo: 0)
        }
        return entries.count
    }

    /// Every registry record about `code` (any form): its issue, then voids and reprints, in file order.
    /// Rebuilds the index first when it is missing or stale.
    public func records(for code: String) throws -> [RegistryRecord] {
        guard let identity = ScannedCode.identity(of: code) else { return [] }
        return try records(key: LookupIndex.hash(identity)) { r in r.code.flatMap { ScannedCode.identity(of: $0) } == identity }
    }

    /// The `job-open` record of `job`.
    public func jobOpen(_ job: String) throws -> RegistryRecord? {
        try records(key: LookupIndex.hash("job=" + job)) { $0.kind == .jobOpen && $0.job == job }.first
    }

    func records(key: UInt64, matching: (RegistryRecord) -> Bool) throws -> [RegistryRecord] {
        if try !isCurrent() { try rebuild() }
        guard let header = try readHeader() else { return [] }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw RegistryError.cannotOpen(path: path, errno: errno) }
        defer { close(fd) }
        func entry(_ i: Int) -> (UInt64, UInt64) {
            var raw = (UInt64(0), UInt64(0))
            _ = withUnsafeMutableBytes(of: &raw) { pread(fd, $0.baseAddress!, 16, off_t(LookupIndex.headerSize + i * 16)) }
            return (UInt64(littleEndian: raw.0), UInt64(littleEndian: raw.1))
        }
        var lo = 0, hi = header.entries
        while lo < hi {
            let mid = (lo + hi) / 2
            if entry(mid).0 < key { lo = mid + 1 } else { hi = mid }
        }
        let registryFD = open(registryPath, O_RDONLY | O_CLOEXEC)
        guard registryFD >= 0 else { throw RegistryError.cannotOpen(path: registryPath, errno: errno) }
        defer { close(registryFD) }
        var out: [RegistryRecord] = []
        var i = lo
        var scanner = RecordScanner()
        while i < header.entries, case let (h, offset) = entry(i), h == key {
            i += 1
            var buffer = [UInt8](repeating: 0, count: 8192)
            let n = buffer.withUnsafeMutableBytes { pread(registryFD, $0.baseAddress!, $0.count, off_t(offset)) }
            guard n > 0, let end = buffer[0..<n].firstIndex(of: 0x0A) else { continue }
            let record = try buffer[0..<end].withUnsafeBytes { line -> RegistryRecord? in
                try scanner.parse(line)
                return try scanner.record(in: line)
            }
            if let record, matching(record) { out.append(record) }
        }
        return out
    }

    static func hash(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}
