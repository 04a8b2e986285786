import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The append-only, hash-chained registry file: the single source of truth for what was issued.
///
/// Writers take an exclusive `flock` on `<path>.lock` (never deleted, so two processes always lock the same
/// inode) plus an in-process lock per path (threads of one process share nothing through `flock` if they ever
/// share a descriptor), and hold both for the whole read-state-then-append step, so counters are never handed
/// out twice. On entry the writer re-reads the file, checks every line's chain hash (it refuses to append to a
/// file it cannot vouch for), cuts a torn last line and records that, and releases the reservations of jobs
/// whose process died (an open job whose ``JobLease`` nobody holds).
///
/// A job holds the lock only to reserve and to append a chunk of records, never while it renders: each later hold
/// passes the ``ResumePoint`` its last one left, and reads (and chain-checks) only what other writers appended since.
public final class RegistryFile: Sendable {
    /// Kept for source compatibility: the state a ``Writer`` exposes.
    public typealias State = RegistryState

    public let path: String
    let lockPath: String
    /// Whether to run on NFS/SMB (refused by default).
    public let allowNetworkFileSystem: Bool

    /// Registries (by file identity) whose fsync failed in this process: writing again could report success
    /// without data.
    private static let poisonedFiles = Mutex<Set<FileIdentity>>([])
    /// One lock per registry for the threads of this process, keyed by its lock file's identity, so `./r.jsonl`,
    /// `r.jsonl` and a symlink to it share one lock.
    private static let fileLocks = Mutex<[FileIdentity: NSLock]>([:])
    /// Lock files (by identity) found on a local file system in this process: a job takes the lock once per chunk, and
    /// reading the mount table each time cost more than the rest of taking it.
    private static let localLockFiles = Mutex<Set<FileIdentity>>([])

    /// - Parameter allowNetworkFileSystem: accept a registry on NFS/SMB; defaults to `TRACELABEL_ALLOW_NETWORK_FS=1`.
    public init(path: String, allowNetworkFileSystem: Bool? = nil) {
        self.path = path
        // The lock file sits beside the file the path finally names, so every spelling of one registry (a
        // symlink, `./`, `..`) locks the same lock file across processes too.
        self.lockPath = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path + ".lock"
        self.allowNetworkFileSystem = allowNetworkFileSystem ?? (ProcessInfo.processInfo.environment["TRACELABEL_ALLOW_NETWORK_FS"] == "1")
    }

    private static func inProcessLock(_ key: FileIdentity) -> NSLock {
        RegistryFile.fileLocks.withLock { locks in
            if let l = locks[key] { return l }
            let l = NSLock()
            locks[key] = l
            return l
        }
    }

    /// Whether an fsync of this registry failed earlier in this process (through any of its paths).
    public var isPoisoned: Bool {
        guard let id = FileIdentity(path: path) else { return false }
        return RegistryFile.poisonedFiles.withLock { $0.contains(id) }
    }

    /// Marks the registry open as `fd` as poisoned.
    func poison(fd: Int32) {
        guard let id = FileIdentity(fd: fd) else { return }
        _ = RegistryFile.poisonedFiles.withLock { $0.insert(id) }
    }

    /// Where a writer left the registry (``Writer/resumePoint``): the state it had read and appended, and which file
    /// that was. The next hold of the same job reads from there instead of from the start.
    public struct ResumePoint: Sendable {
        let identity: FileIdentity?
        let state: RegistryState
    }

    /// Runs `body` holding the registry's exclusive lock, with a writer that appends after the current tail.
    ///
    /// Before the first append, a torn last line is cut off (and a `recovery` record says so), and every reservation
    /// of a job that opened and never closed and whose ``JobLease`` nobody holds gets a `release` record for its
    /// unissued counters plus a `job-close` with status `interrupted`: such a job's process is gone.
    /// - Parameters:
    ///   - creating: whether a missing registry is started (an issue job) or refused with
    ///     ``RegistryError/missing(path:)`` before anything is made (a void, reprint, flow or recall amends codes that
    ///     must already be in it).
    ///   - resuming: where this caller's last hold left the registry: only the records after it are read and
    ///     chain-checked (from its hash), unless the file is another one now or shorter (then all are).
    public func withExclusiveAccess<T>(creating: Bool = true, resuming: ResumePoint? = nil, _ body: (inout Writer) throws -> T) throws -> T {
        guard !isPoisoned else { throw RegistryError.poisoned(path: path) }
        if !creating, access(path, F_OK) != 0 { throw RegistryError.missing(path: path) }
        // Before the lock file is created beside it: `/dev/null` or a folder never gets a `.lock` companion.
        let fd0 = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd0 >= 0 {
            defer { close(fd0) }
            try LineReader.requireRegularFile(fd: fd0, path: path)
        }
        let lockFD = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lockFD >= 0 else { throw RegistryError.cannotOpenLock(registry: path, lock: lockPath, errno: errno) }
        defer { close(lockFD) }
        guard let lockID = FileIdentity(fd: lockFD) else { throw RegistryError.cannotOpenLock(registry: path, lock: lockPath, errno: errno) }
        let local = RegistryFile.inProcessLock(lockID)
        local.lock()
        defer { local.unlock() }
        if !RegistryFile.localLockFiles.withLock({ $0.contains(lockID) }) {
            try FileSystemKind.refuseNetwork(path: lockPath, allowed: allowNetworkFileSystem)
            if !allowNetworkFileSystem { _ = RegistryFile.localLockFiles.withLock { $0.insert(lockID) } }
        }
        while flock(lockFD, LOCK_EX) != 0 {
            if errno != EINTR { throw RegistryError.cannotLock(path: path, errno: errno) }
        }
        defer { _ = flock(lockFD, LOCK_UN) }
        let existed = access(path, F_OK) == 0
        let fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RegistryError.cannotOpen(path: path, errno: errno) }
        defer {
            // A registry started here that got no record (the job was refused) is not left behind empty. Still under
            // the lock, so no writer is in it; the lock file stays, as another process may be waiting on it.
            var info = stat()
            if !existed, fstat(fd, &info) == 0, info.st_size == 0 { unlink(path) }
            close(fd)
        }
        var known: RegistryState?
        if let resuming, let identity = resuming.identity, FileIdentity(fd: fd) == identity {
            var info = stat()
            if fstat(fd, &info) == 0, UInt64(info.st_size) >= resuming.state.size { known = resuming.state }
        }
        let (state, repair) = try readState(fd: fd, after: known)
        // Repairs (a torn tail, dead jobs' counters) are made by the first append: a job refused before it
        // appends leaves the file byte for byte as it found it.
        var writer = Writer(file: self, fd: fd, state: state, repair: repair)
        return try body(&writer)
    }

    /// Reads every record without locking (for reports and tests). Stops at a torn last line.
    public func readRecords() throws -> [RegistryRecord] {
        var records: [RegistryRecord] = []
        try forEachRecord { records.append($0) }
        return records
    }

    /// Calls `body(line, offset)` for every complete line, without locking or parsing.
    public func forEachLine(_ body: (UnsafeRawBufferPointer, UInt64) throws -> Void) throws {
        _ = try forEachLine(from: 0, body)
    }

    /// What the writer did to the file's tail before appending.
    enum TailRepair: Equatable {
        case none
        /// A torn last line of this many bytes was cut off.
        case cut(bytes: Int)
        /// The last record was whole and chained but lacked its newline (a crash between its last byte and the
        /// newline): the newline was added and the record kept.
        case completed(line: Int)
    }

    /// Reads the state a writer needs, checking the chain, and says how the tail must be repaired before the first
    /// append (see ``TailRepair``); changes nothing. With `known` (what a hold of this process read and appended
    /// before), reads only the records after it, chained on from its last hash.
    private func readState(fd: Int32, after known: RegistryState? = nil) throws -> (RegistryState, TailRepair) {
        var state = known ?? RegistryState()
        var scanner = RecordScanner()
        // Resuming, a hold reads what other lines appended since (a few chunks at most): a small buffer, grown if needed.
        let tail = try LineReader.forEachLine(fd: fd, path: path, bufferSize: known == nil ? 4 << 20 : 64 << 10,
                                              from: state.size) { line, _ in
            let lineNumber = state.recordCount + 1
            do { try scanner.parse(line) } catch {
                throw RegistryError.corruptLine(path: path, line: lineNumber, reason: "\(error); refusing to append to a damaged registry (run `tracelabel verify`)")
            }
            if let broken = state.chain(line, seq: scanner.integer(.seq), prev: scanner.raw(.prev, in: line)) {
                throw RegistryError.corruptLine(path: path, line: lineNumber, reason: "\(broken); refusing to append to an altered registry (run `tracelabel verify`)")
            }
            if scanner.field(.kind, in: line, equals: RegistryFile.issueKindBytes), let counter = scanner.integer(.counter) {
                // The bulk of the file, read without building a record.
                state.issueItem(job: scanner.raw(.job, in: line), counter: counter) { scanner.string(.job, in: line) }
                return
            }
            do { state.apply(try scanner.record(in: line)) } catch {
                throw RegistryError.corruptLine(path: path, line: lineNumber, reason: "\(error)")
            }
        }
        state.size = tail.completeBytes
        guard tail.tornBytes > 0 else { return (state, .none) }
        // A whole record that chains on and lacks only its newline is a record: finish its line, never cut it
        // (cutting a delivered job's close would make the next writer call the job interrupted).
        if tail.tornBytes <= LineReader.maximumLineBytes {
            var bytes = [UInt8](repeating: 0, count: tail.tornBytes)
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, off_t(tail.completeBytes)) }
            let whole: RegistryRecord? = n == tail.tornBytes ? bytes.withUnsafeBytes { line in
                guard (try? scanner.parse(line)) != nil, scanner.integer(.seq) == UInt64(state.recordCount),
                      scanner.field(.prev, in: line, equals: state.lastHashBytes), line.last == UInt8(ascii: "}") else { return nil }
                return try? scanner.record(in: line)
            } : nil
            if let whole {
                bytes.withUnsafeBytes { state.advance(over: $0) }
                state.apply(whole)
                state.size = tail.completeBytes + UInt64(tail.tornBytes) // its newline is added by the first append
                return (state, .completed(line: state.recordCount))
            }
        }
        // A line without its newline is a write torn by a crash: it never counted; the first append cuts it off.
        return (state, .cut(bytes: tail.tornBytes))
    }

    static let issueKindBytes: [UInt8] = Array("issue".utf8)

    /// SHA-256 of `data` as lower-case hex.
    public static func hexSHA256<D: DataProtocol>(_ data: D) -> String {
        let bytes = Array(data)
        return bytes.withUnsafeBytes { String(decoding: ChainHash.hex(of: $0), as: UTF8.self) }
    }
}
