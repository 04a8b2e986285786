import Foundation

/// Why an output file could not be produced. Each case names the file or library and the remedy.
public enum RenderError: Error, CustomStringConvertible, Sendable {
    case cairo(function: String, status: String)
    case png(String)
    case fileExists(path: String)
    case io(path: String, operation: String, errno: Int32)
    case notADirectory(path: String)

    public var description: String {
        switch self {
        case .cairo(let f, let s): "cairo \(f) failed: \(s)"
        case .png(let m): "PNG encoding failed: \(m)"
        case .fileExists(let p): "'\(p)' already exists: TraceLabel never overwrites an output; choose another name or move the old file"
        case .io(let p, let op, let e): "\(op) '\(p)' failed: \(String(cString: strerror(e)))"
        case .notADirectory(let p): "'\(p)' is not a directory"
        }
    }

    /// The errno behind an I/O failure, if any (ENOSPC means the disk is full).
    public var errnoValue: Int32? {
        if case .io(_, _, let e) = self { return e }
        return nil
    }
}
