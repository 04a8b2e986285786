import CLinuxFS
import Foundation

/// A printer's spool directory. Files appear atomically under their final names, in print order, and are
/// never overwritten; temporary names start with a dot so a daemon's `*.png` glob never matches them.
///
/// A file is visible under its final name only once its bytes are on disk: it is written under a temporary
/// name, synced, then linked to its final name (link fails instead of overwriting), and the directory is synced.
public struct SpoolDirectory: Sendable {
    public let path: String

    /// Uses `path`, creating it if missing, and proves it writable by creating and removing a probe file.
    public init(path: String) throws(RenderError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw RenderError.notADirectory(path: path) }
        } else {
            do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                throw RenderError.io(path: path, operation: "creating spool directory", errno: (error as NSError).code == 0 ? EACCES : Int32((error as NSError).code))
            }
        }
        let probe = (path as NSString).appendingPathComponent(".tracelabel-probe-\(getpid())")
        let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw RenderError.io(path: path, operation: "writing into spool directory", errno: errno) }
        close(fd)
        unlink(probe)
        self.path = path
    }

    /// True when a file of that name is already in the spool.
    public func contains(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent(name))
    }

    /// Delivers `bytes` as `name`: temporary name, fsync, link into place, directory fsync.
    /// On failure nothing is left behind under either name.
    public func deliver(name: String, bytes: [UInt8]) throws(RenderError) {
        let final = (path as NSString).appendingPathComponent(name)
        let temporary = (path as NSString).appendingPathComponent(".\(name).tmp-\(getpid())")
        let result: Result<Void, RenderError> = bytes.withUnsafeBytes { raw in
            do throws(RenderError) {
                try DurableFile.writeNew(path: temporary, bytes: raw)
                return .success(())
            } catch { return .failure(error) }
        }
        if case .failure(let error) = result { throw error }
        do { try DurableFile.linkNoReplace(from: temporary, to: final) } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Delivers several files in order with one filesystem sync for the lot: every temporary file is written,
    /// the filesystem is synced once, then each is renamed to its final name in order (never replacing a file) and the directory synced.
    ///
    /// On failure (disk full, spool removed, a name already taken) every temporary file of the batch is removed;
    /// the files linked before the failure stay delivered and `delivered` says how many there were.
    public func deliver(batch files: [(name: String, bytes: [UInt8])], delivered: inout Int) throws(RenderError) {
        var temporaries: [String] = []
        temporaries.reserveCapacity(files.count)
        func removeTemporaries(from index: Int) {
            for t in temporaries[index...] { unlink(t) }
        }
        for file in files {
            let temporary = (path as NSString).appendingPathComponent(".\(file.name).tmp-\(getpid())")
            let result: Result<Void, RenderError> = file.bytes.withUnsafeBytes { raw in
                do throws(RenderError) {
                    try DurableFile.writeNew(path: temporary, bytes: raw, sync: false)
                    return .success(())
                } catch { return .failure(error) }
            }
            if case .failure(let error) = result {
                removeTemporaries(from: 0)
                throw error
            }
            temporaries.append(temporary)
        }
        do { try DurableFile.syncFileSystem(of: path) } catch {
            removeTemporaries(from: 0)
            throw error
        }
        for (index, file) in files.enumerated() {
            let final = (path as NSString).appendingPathComponent(file.name)
            if clinuxfs_renameat2(AT_FDCWD, temporaries[index], AT_FDCWD, final, CLINUXFS_RENAME_NOREPLACE) != 0 {
                var e = errno
                // Filesystems without RENAME_NOREPLACE: link (fails on an existing name), then drop the temporary name.
                if e == EINVAL {
                    if link(temporaries[index], final) == 0 {
                        unlink(temporaries[index])
                        delivered += 1
                        continue
                    }
                    e = errno
                }
                removeTemporaries(from: index)
                if e == EEXIST { throw RenderError.fileExists(path: final) }
                throw RenderError.io(path: final, operation: "renaming \(temporaries[index]) to", errno: e)
            }
            delivered += 1
        }
        try DurableFile.syncDirectory(of: (path as NSString).appendingPathComponent("x"))
    }
}
