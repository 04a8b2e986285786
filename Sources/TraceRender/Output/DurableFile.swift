import CLinuxFS
import Foundation

/// The POSIX steps that make a file's arrival atomic and durable: write a temporary name, fsync it, link it to
/// its final name (which fails rather than overwrite), remove the temporary name, fsync the directory.
enum DurableFile {
    /// Writes `bytes` to a new file at `path` (which must not exist) and, when `sync`, fsyncs it.
    /// On failure the file is removed.
    static func writeNew(path: String, bytes: UnsafeRawBufferPointer, sync: Bool = true) throws(RenderError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RenderError.io(path: path, operation: "creating", errno: errno) }
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                let e = errno
                close(fd)
                unlink(path)
                throw RenderError.io(path: path, operation: "writing", errno: e)
            }
            offset += n
        }
        if sync, fsync(fd) != 0 {
            let e = errno
            close(fd)
            unlink(path)
            throw RenderError.io(path: path, operation: "fsync of", errno: e)
        }
        if close(fd) != 0 {
            let e = errno
            unlink(path)
            throw RenderError.io(path: path, operation: "closing", errno: e)
        }
    }

    /// Flushes every written file of the filesystem holding `directory` to disk (Linux `syncfs`).
    static func syncFileSystem(of directory: String) throws(RenderError) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw RenderError.io(path: directory, operation: "opening directory", errno: errno) }
        defer { close(fd) }
        guard clinuxfs_syncfs(fd) == 0 else { throw RenderError.io(path: directory, operation: "syncfs of", errno: errno) }
    }

    /// fsyncs an existing file.
    static func sync(path: String) throws(RenderError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw RenderError.io(path: path, operation: "opening", errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw RenderError.io(path: path, operation: "fsync of", errno: errno) }
    }

    /// Gives `temporary` the name `final` without ever replacing an existing `final`, then drops the temporary
    /// name and syncs the directory so the new name survives a crash.
    static func linkNoReplace(from temporary: String, to final: String) throws(RenderError) {
        if link(temporary, final) != 0 {
            let e = errno
            if e == EEXIST { throw RenderError.fileExists(path: final) }
            throw RenderError.io(path: final, operation: "linking \(temporary) to", errno: e)
        }
        unlink(temporary)
        try syncDirectory(of: final)
    }

    static func syncDirectory(of path: String) throws(RenderError) {
        let dir = (path as NSString).deletingLastPathComponent
        let fd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw RenderError.io(path: dir, operation: "opening directory", errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw RenderError.io(path: dir, operation: "fsync of directory", errno: errno) }
    }
}
