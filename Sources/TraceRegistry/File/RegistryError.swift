import Foundation

/// Why the registry could not be read or written. Every case names the file.
public enum RegistryError: Error, CustomStringConvertible, Sendable {
    case cannotOpen(path: String, errno: Int32)
    case cannotLock(path: String, errno: Int32)
    /// The lock file beside the registry could not be opened or created.
    case cannotOpenLock(registry: String, lock: String, errno: Int32)
    case readFailed(path: String, errno: Int32)
    case writeFailed(path: String, errno: Int32, truncatedBackTo: UInt64)
    case syncFailed(path: String, errno: Int32)
    /// An earlier fsync failed in this process: nothing more may be written through it.
    case poisoned(path: String)
    case corruptLine(path: String, line: Int, reason: String)
    case counterExhausted(namespace: String, next: UInt64, needed: Int, max: UInt64)
    /// The registry is on a network file system, where O_APPEND and flock cannot be trusted.
    case networkFileSystem(path: String, type: String)
    /// A GTIN's serials already come from another source; mixing sources could repeat a serial.
    case mixedSerialSources(gtin: String, existing: String, requested: String)
    /// A command that reads or amends a registry was given a path where none exists (only an issue job, or a
    /// party registration, starts one).
    case missing(path: String)
    /// The path names a device, a folder, a pipe or a socket: a registry is a regular file.
    case notRegularFile(path: String, kind: String)
    /// A line longer than any record the writer makes: not a registry (or a damaged one).
    case lineTooLong(path: String, offset: UInt64, limit: Int)

    public var description: String {
        switch self {
        case .cannotOpen(let p, let e): "cannot open registry '\(p)': \(String(cString: strerror(e)))"
        case .cannotLock(let p, let e): "cannot lock registry '\(p)': \(String(cString: strerror(e)))"
        case .cannotOpenLock(let r, let l, let e):
            "cannot open the lock file of registry '\(r)' ('\(l)'): \(String(cString: strerror(e))); the registry's folder must exist and be writable"
        case .readFailed(let p, let e): "cannot read registry '\(p)': \(String(cString: strerror(e)))"
        case .writeFailed(let p, let e, let size):
            "writing registry '\(p)' failed: \(String(cString: strerror(e))); the file was cut back to its last good record (\(size) bytes) and nothing from this write was issued"
        case .syncFailed(let p, let e):
            "fsync of registry '\(p)' failed: \(String(cString: strerror(e))); the records may not be on disk, this process will not write again: stop, then run `tracelabel verify`"
        case .poisoned(let p):
            "registry '\(p)': an earlier fsync failed in this process, so it refuses to write (a retried fsync can report success without the data): restart and run `tracelabel verify`"
        case .corruptLine(let p, let line, let reason): "registry '\(p)' line \(line): \(reason)"
        case .counterExhausted(let ns, let next, let needed, let max):
            "\(ns): \(needed) more serials needed from counter \(next) but the serial space ends at \(max): widen code.serial_width (or import a larger pool)"
        case .networkFileSystem(let p, let type):
            "registry '\(p)' is on a network file system (\(type)) where appends and locks are not reliable: put it on a local disk, or set TRACELABEL_ALLOW_NETWORK_FS=1 if you accept the risk"
        case .mixedSerialSources(let gtin, let existing, let requested):
            "GTIN \(gtin) already has serials from '\(existing)'; issuing from '\(requested)' too could repeat a serial: use a new GTIN or keep the serial source"
        case .missing(let p):
            "registry '\(p)' does not exist: check the path (a registry is created by the first issue job); nothing was read or written"
        case .notRegularFile(let p, let kind):
            "registry '\(p)' is \(kind), not a regular file: give the path of a registry file (it is created on first use)"
        case .lineTooLong(let p, let offset, let limit):
            "registry '\(p)' has a line at byte \(offset) longer than \(limit >> 20) MiB, longer than any record: this is not a registry file, or it is damaged (run `tracelabel verify`)"
        }
    }
}
