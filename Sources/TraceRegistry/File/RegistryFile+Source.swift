#if canImport(Glibc)
import Glibc
#endif

/// The file as a ``RegistrySource``: positions are byte offsets, reads take no lock (the file is append-only, and a
/// reader stops at the last newline).
extension RegistryFile: RegistrySource {
    public var location: String { path }

    public func forEachLine(from position: UInt64, _ body: (UnsafeRawBufferPointer, UInt64) throws -> Void) throws -> RegistryExtent {
        let fd = try openForReading()
        defer { close(fd) }
        // A small read (the follower's few new lines) needs no 4 MB buffer; the reader grows it for a long line.
        var info = stat()
        let remaining = fstat(fd, &info) == 0 ? UInt64(max(0, info.st_size)) &- position : UInt64.max
        let buffer = Int(min(max(remaining, 1 << 16), 4 << 20))
        let tail = try LineReader.forEachLine(fd: fd, path: path, bufferSize: buffer, from: position, body)
        return RegistryExtent(complete: tail.completeBytes, tornBytes: tail.tornBytes)
    }

    public func line(at position: UInt64) throws -> [UInt8] {
        let fd = try openForReading()
        defer { close(fd) }
        return try IssuedCodeSet.line(at: position, fd: fd)
    }

    public func end() throws -> UInt64? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw RegistryError.cannotOpen(path: path, errno: errno)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw RegistryError.readFailed(path: path, errno: errno) }
        return UInt64(info.st_size)
    }

    private func openForReading() throws -> Int32 {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { throw RegistryError.missing(path: path) }
            throw RegistryError.cannotOpen(path: path, errno: errno)
        }
        return fd
    }
}
