import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The lock a running job holds on a lock file of its own beside the registry, from before its `job-open` is written
/// until its `job-close` is: how a writer tells a job that is rendering between two of its appends from a job whose
/// process died.
///
/// A job takes the registry's lock only to reserve and to append a chunk of records, never while it renders, so a
/// writer finding a job open no longer means that job's process is gone. `flock` locks belong to the open file and the
/// kernel drops them when the process dies (`kill -9` included): a writer that can lock a job's lease file, or finds
/// none, closes that job `interrupted` and releases its unused counters; one that cannot leaves the job alone. The lock
/// file needs no durability: after a crash of the machine it is gone or unlocked, and the job is indeed dead.
///
/// Not `Sendable`: it belongs to the job's thread, which ends it.
public final class JobLease {
    /// The lease file.
    public let path: String
    private var fd: Int32

    /// Creates and locks the lease file of `job` of `registry`. Call it holding the registry's lock, before the
    /// job's `job-open` is appended, so no writer can see the job open without its lease.
    /// - Throws: ``RegistryError/cannotOpenLock(registry:lock:errno:)`` when the file cannot be made or is locked.
    public init(job: String, registry: RegistryFile) throws {
        guard let path = registry.leasePath(job: job) else {
            throw RegistryError.cannotOpenLock(registry: registry.path, lock: job, errno: EINVAL)
        }
        self.path = path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RegistryError.cannotOpenLock(registry: registry.path, lock: path, errno: errno) }
        // Job ids are unique: a lease already held would be another process running this very job.
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            let code = errno
            close(fd)
            fd = -1
            throw RegistryError.cannotOpenLock(registry: registry.path, lock: path, errno: code)
        }
    }

    deinit { end() }

    /// Removes the lease file and drops its lock. Call it holding the registry's lock once the job's `job-close` is
    /// appended (or when the job was refused before its `job-open`), so no writer looks for the lease meanwhile.
    public func end() {
        guard fd >= 0 else { return }
        unlink(path)
        close(fd)
        fd = -1
    }

    /// Whether the lease file at `path` is locked by a running job (of this process or another).
    static func isHeld(path: String) -> Bool {
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            return errno == EWOULDBLOCK
        }
        _ = flock(fd, LOCK_UN)
        return false
    }
}

extension RegistryFile {
    /// The lease file of `job` (``JobLease``), beside the registry's lock file; nil for an id that cannot name a file
    /// (ids the engine makes always can).
    func leasePath(job: String) -> String? {
        guard !job.isEmpty, job.utf8.count <= 64,
              job.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || (0x30...0x39).contains($0)
                                    || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else { return nil }
        return String(lockPath.dropLast(".lock".count)) + ".job-\(job).lock"
    }

    /// Whether `job`, found open in the registry, is still running: its lease is held.
    func jobIsRunning(_ job: String) -> Bool {
        guard let path = leasePath(job: job) else { return false }
        return JobLease.isHeld(path: path)
    }
}
