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

    /// Calls `body(line, offset)` for every complete line (without its `\n`), in order, from byte `start` (which
    /// must be the start of a line).
    static func forEachLine(fd: Int32, path: String, bufferSize: Int = 4 << 20, from start: UInt64 = 0,
                            _ body: (UnsafeRawBufferPointer, UInt64) throws -> Void) throws -> Tail {
        var buffer = [UInt8](repeating: 0, count: bufferSize)
        var filled = 0
        var fileOffset: UInt64 = start // file offset of buffer[0]
        var readOffset: UInt64 = start
        while true {
            if filled == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count)) }
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
}
