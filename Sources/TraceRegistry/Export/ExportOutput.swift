import Foundation

/// Where an export goes: standard output, or a file written atomically (a hidden temporary file beside it, synced,
/// then renamed over the name), so a reader never sees half an export and a failed export leaves no file.
///
/// Writes are buffered (256 KiB) so a million-code export costs a few hundred `write` calls, not millions.
public final class ExportOutput {
    /// The final path, or nil for standard output.
    public let path: String?
    private let temporary: String?
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var finished = false
    /// Bytes written so far (buffered included).
    public private(set) var bytes = 0
    static let capacity = 256 * 1024

    /// Opens standard output (`path` nil) or a temporary file beside `path`.
    /// - Throws: ``ExportError/cannotCreate(path:reason:)`` if the folder is missing or not writable, or `path` is a folder.
    public init(path: String?) throws(ExportError) {
        self.path = path
        buffer.reserveCapacity(Self.capacity)
        guard let path else {
            temporary = nil
            fd = STDOUT_FILENO
            return
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .cannotCreate(path: path, reason: "it is a folder")
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temp = folder + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let opened = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard opened >= 0 else { throw .cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        temporary = temp
        fd = opened
    }

    deinit {
        // An export that was never committed (an error was thrown on the way) leaves nothing behind.
        if !finished, let temporary {
            close(fd)
            unlink(temporary)
        }
    }

    /// Appends text.
    public func write(_ text: String) throws(ExportError) {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        bytes += text.utf8.count
        if buffer.count >= Self.capacity { try flush() }
    }

    /// Appends bytes.
    public func write(_ data: Data) throws(ExportError) {
        buffer.append(contentsOf: data)
        bytes += data.count
        if buffer.count >= Self.capacity { try flush() }
    }

    private func flush() throws(ExportError) {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .write(path: path ?? "standard output", reason: String(cString: strerror(errno)))
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes; for a file, syncs it and renames it to its final name (replacing an older export of that name).
    public func commit() throws(ExportError) {
        try flush()
        guard let path, let temporary else { finished = true; return }
        guard fsync(fd) == 0 else { throw .write(path: path, reason: String(cString: strerror(errno))) }
        close(fd)
        finished = true
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .write(path: path, reason: reason)
        }
    }
}
