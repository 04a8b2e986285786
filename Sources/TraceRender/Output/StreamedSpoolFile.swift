import Foundation

/// A spool file written piece by piece under a hidden temporary name and delivered whole, for a job manifest
/// that grows with the job: memory stays flat however many labels the job has.
///
/// Delivery is the same as for labels: fsync, link to the final name (never replacing a file), drop the temporary
/// name, fsync the directory. Until then a printer daemon sees nothing.
public final class StreamedSpoolFile {
    public let spool: SpoolDirectory
    let temporary: String
    private var fd: Int32

    /// Creates the temporary file `.<stem>.tmp-<pid>` in the spool.
    public init(spool: SpoolDirectory, stem: String) throws(RenderError) {
        self.spool = spool
        temporary = (spool.path as NSString).appendingPathComponent(".\(stem).tmp-\(getpid())")
        fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RenderError.io(path: temporary, operation: "creating", errno: errno) }
    }

    deinit { discard() }

    /// Appends `bytes`.
    public func append(_ bytes: [UInt8]) throws(RenderError) {
        guard fd >= 0 else { throw RenderError.io(path: temporary, operation: "writing (already closed)", errno: EBADF) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw RenderError.io(path: temporary, operation: "writing", errno: errno)
            }
            offset += n
        }
    }

    /// Syncs the file and gives it its final `name` in the spool. Returns the final path.
    public func commit(as name: String) throws(RenderError) -> String {
        guard fd >= 0 else { throw RenderError.io(path: temporary, operation: "committing (already closed)", errno: EBADF) }
        if fsync(fd) != 0 { throw RenderError.io(path: temporary, operation: "fsync of", errno: errno) }
        let closed = close(fd)
        fd = -1
        if closed != 0 {
            let e = errno
            unlink(temporary)
            throw RenderError.io(path: temporary, operation: "closing", errno: e)
        }
        let final = (spool.path as NSString).appendingPathComponent(name)
        do { try DurableFile.linkNoReplace(from: temporary, to: final) } catch {
            unlink(temporary)
            throw error
        }
        return final
    }

    /// Removes the temporary file (a job that failed writes no manifest).
    public func discard() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
        unlink(temporary)
    }
}
