#if canImport(Glibc)
import Glibc
#endif

/// Streams a file's newline-terminated lines through a large reused buffer, so memory stays bounded
/// however long the registry grows.
struct LineReader {
    /// What lay after the last newline.
    struct Tail {
        /// Offset just past the last complete line.
        var completeBytes: UInt64
        /// Bytes after it (a line torn by a crash, or a cut made by hand).
        var tornBytes: Int
    }

    /// No record comes near this (the longest is a job-open with its product snapshot, a few kB): a longer line
    /// means the file is not a registry, and reading on would only grow memory.
    static let maximumLineBytes = 64 << 20

    /// Calls `body(line, offset)` for every complete line (without its `\n`), in order, from byte `start` (which
    /// must be the start of a line).
    /// - Throws: ``RegistryError/notRegularFile(path:kind:)`` for a device, folder or pipe (`/dev/zero` would be
    ///   read for ever), ``RegistryError/lineTooLong(path:offset:limit:)``, or a read error.
    static func forEachLine(fd: Int32, path: String, bufferSize: Int = 4 << 20, from start: UInt64 = 0,
                            _ body: (UnsafeRawBufferPointer, UInt64) throws -> Void) throws -> Tail {
        try requireRegularFile(fd: fd, path: path)
        var buffer = [UInt8](repeating: 0, count: bufferSize)
        var filled = 0
        var fileOffset: UInt64 = start // file offset of buffer[0]
        var readOffset: UInt64 = start
        while true {
            if filled == buffer.count {
                guard buffer.count < maximumLineBytes else {
                    throw RegistryError.lineTooLong(path: path, offset: fileOffset, limit: maximumLineBytes)
                }
                buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count))
            }
            let n = buffer.withUnsafeMutableBytes { raw in pread(fd, raw.baseAddress! + filled, raw.count - filled, off_t(readOffset)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw RegistryError.readFailed(path: path, errno: errno)
            }
            if n == 0 { break }
            filled += n
            readOffset += UInt64(n)
            var consumed = 0
            try buffer.withUnsafeBytes { raw in
                let base = raw.baseAddress!
                while consumed < filled {
                    guard let nl = memchr(base + consumed, 0x0A, filled - consumed) else { break }
                    let end = base.distance(to: UnsafeRawPointer(nl))
                    try body(UnsafeRawBufferPointer(start: base + consumed, count: end - consumed), fileOffset + UInt64(consumed))
                    consumed = end + 1
                }
            }
            if consumed > 0 {
                if consumed < filled {
                    buffer.withUnsafeMutableBytes { raw in
                        _ = memmove(raw.baseAddress!, raw.baseAddress! + consumed, filled - consumed)
                    }
                }
                filled -= consumed
                fileOffset += UInt64(consumed)
            }
        }
        return Tail(completeBytes: fileOffset, tornBytes: filled)
    }

    /// Refuses anything but a regular file.
    static func requireRegularFile(fd: Int32, path: String) throws {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw RegistryError.readFailed(path: path, errno: errno) }
        let type = info.st_mode & S_IFMT
        guard type != S_IFREG else { return }
        let kind = switch type {
        case S_IFDIR: "a folder"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFIFO: "a pipe"
        case S_IFSOCK: "a socket"
        default: "not a file"
        }
        throw RegistryError.notRegularFile(path: path, kind: kind)
    }
}
