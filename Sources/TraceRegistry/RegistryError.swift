import Foundation

/// Why the registry could not be read or written. Every case names the file.
public enum RegistryError: Error, CustomStringConvertible, Sendable {
    case cannotOpen(path: String, errno: Int32)
    case cannotLock(path: String, errno: Int32)
    case writeFailed(path: String, errno: Int32, truncatedBackTo: UInt64)
    case syncFailed(path: String, errno: Int32)
    case corruptLine(path: String, line: Int, reason: String)
    case counterExhausted(gtin: String, next: UInt64, needed: Int, max: UInt64)

    public var description: String {
        switch self {
        case .cannotOpen(let p, let e): "cannot open registry '\(p)': \(String(cString: strerror(e)))"
        case .cannotLock(let p, let e): "cannot lock registry '\(p)': \(String(cString: strerror(e)))"
        case .writeFailed(let p, let e, let size):
            "writing registry '\(p)' failed: \(String(cString: strerror(e))); the file was cut back to its last good record (\(size) bytes)"
        case .syncFailed(let p, let e):
            "fsync of registry '\(p)' failed: \(String(cString: strerror(e))); the records may not be on disk: stop and run verify"
        case .corruptLine(let p, let line, let reason): "registry '\(p)' line \(line): \(reason)"
        case .counterExhausted(let gtin, let next, let needed, let max):
            "GTIN \(gtin): \(needed) more serials needed from counter \(next) but the serial format ends at \(max): widen code.serial_width"
        }
    }
}
