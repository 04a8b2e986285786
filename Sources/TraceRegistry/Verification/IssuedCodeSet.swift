#if canImport(Glibc)
import Glibc
#endif

/// The codes issued so far in a registry being verified, exact: each is remembered by a 64-bit hash and the byte
/// offset of the line that issued it (16 bytes a code, not the code), every hash match is confirmed against that
/// line, and codes whose hashes collide are kept in an overflow list, so two different codes sharing a hash are
/// both remembered and a later duplicate of either is found.
struct IssuedCodeSet {
    /// The registry, to re-read a line on a hash match.
    let source: any RegistrySource
    /// FNV-1a 64 in production; a test injects a colliding one.
    let hash: @Sendable (UnsafeRawBufferPointer) -> UInt64
    private var first: [UInt64: UInt64] = [:]
    private var overflow: [UInt64: [UInt64]] = [:]

    init(source: any RegistrySource, hash: @escaping @Sendable (UnsafeRawBufferPointer) -> UInt64 = IssuedCodeSet.fnv1a) {
        self.source = source
        self.hash = hash
    }

    /// The bytes of the line at `position` (an issue line's, remembered here).
    func line(at position: UInt64) -> [UInt8]? { try? source.line(at: position) }

    /// The offset of the line that issued `code` (its escaped bytes, as in an issue line), if it was issued.
    func offset(of code: UnsafeRawBufferPointer) -> UInt64? { find(code, key: hash(code)) }

    /// Remembers `code` as issued by the line at `offset`; returns the earlier line's offset if it was issued before.
    mutating func insert(_ code: UnsafeRawBufferPointer, at offset: UInt64) -> UInt64? {
        let key = hash(code)
        guard first[key] != nil else {
            first[key] = offset
            return nil
        }
        if let earlier = find(code, key: key) { return earlier }
        overflow[key, default: []].append(offset)
        return nil
    }

    /// The remembered line under `key` that carries `code`, confirmed by reading it.
    private func find(_ code: UnsafeRawBufferPointer, key: UInt64) -> UInt64? {
        guard let o = first[key] else { return nil }
        if line(at: o, carries: code) { return o }
        return overflow[key]?.first { line(at: $0, carries: code) }
    }

    private func line(at offset: UInt64, carries code: UnsafeRawBufferPointer) -> Bool {
        guard let found = try? IssuedCodeSet.code(at: offset, source: source) else { return false }
        return found.elementsEqual(code)
    }

    static let fnv1a: @Sendable (UnsafeRawBufferPointer) -> UInt64 = { bytes in
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    /// Lines longer than this are not registry records (the writer's longest is a job-open with its snapshot).
    static let maximumLineBytes = 16 << 20

    /// The bytes of the line at `offset`, without its newline, however long (up to ``maximumLineBytes``).
    static func line(at offset: UInt64, fd: Int32) throws -> [UInt8] {
        var line: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        var position = off_t(offset)
        while line.count < maximumLineBytes {
            let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, position) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            if let end = chunk[0..<n].firstIndex(of: 0x0A) {
                line.append(contentsOf: chunk[0..<end])
                break
            }
            line.append(contentsOf: chunk[0..<n])
            position += off_t(n)
        }
        return line
    }

    /// Re-reads the `code` field of the line at `offset` (only on a hash match, so rarely).
    static func code(at offset: UInt64, source: any RegistrySource) throws -> [UInt8] {
        var scanner = RecordScanner()
        return try source.line(at: offset).withUnsafeBytes { bytes in
            try scanner.parse(bytes)
            return scanner.raw(.code, in: bytes).map { Array($0) } ?? []
        }
    }
}
