import Foundation
import TraceCore
import ZIPFoundation

/// Ecodes issued by the platform, read from the file it hands out: one code per line, a CSV with an `ecode`
/// column, or a `.zip` of such files (read in name order). Blank lines and a UTF-8 BOM are tolerated; every code is
/// shape-checked (``Ecode``, V1-V3) and duplicates are refused with both line numbers, all before anything is
/// written. A pool is consumed in file order, each code once, through counters reserved in its namespace.
public struct EcodePool: Sendable {
    /// The largest pool file (and the largest total a `.zip` may unpack to): 64 MiB is about 2.5 million V1 codes.
    /// A larger file is refused before it is read, so a wrong file (or a zip bomb) cannot exhaust memory.
    public static let maximumBytes = 64 << 20
    /// Problems listed at most in one refusal; the count of the rest is given.
    static let maximumListed = 20

    /// The codes, normalised (``Ecode/description``), in file order: position `n` (1-based) is counter `n`.
    public let codes: [String]
    /// Where each code came from: `file:line` (`archive.zip/a.csv:12` for a file inside a zip).
    public let origins: [String]
    /// SHA-256 (hex) of the normalised codes, one per line: names the pool whatever file form it came in.
    public let digest: String
    /// The file as given.
    public let path: String

    /// Reads and checks `path`.
    public init(path: String) throws(EcodePoolError) {
        self.path = path
        var attributes = stat()
        guard stat(path, &attributes) == 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        guard (attributes.st_mode & S_IFMT) == S_IFREG else { throw .unreadable(path: path, reason: "not a regular file") }
        guard attributes.st_size <= Int64(Self.maximumBytes) else {
            throw .tooLarge(path: path, bytes: Int64(attributes.st_size), limit: Self.maximumBytes)
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path, reason: "cannot be read") }
        var files: [(name: String, data: Data)] = []
        if path.lowercased().hasSuffix(".zip") || data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            files = try Self.unzip(data, path: path)
        } else {
            files = [(path, data)]
        }
        var codes: [String] = []
        var origins: [String] = []
        var problems: [String] = []
        var firstSeen: [String: String] = [:]
        for file in files {
            try Self.read(file.data, name: file.name) { code, origin in
                if let earlier = firstSeen[code] {
                    problems.append("\(origin): \(code) repeats \(earlier): the platform issues each code once")
                } else {
                    firstSeen[code] = origin
                    codes.append(code)
                    origins.append(origin)
                }
            } problem: { problems.append($0) }
        }
        guard problems.isEmpty else { throw .invalid(path: path, problems: problems) }
        guard !codes.isEmpty else { throw .empty(path: path) }
        self.codes = codes
        self.origins = origins
        digest = RegistryFile.hexSHA256(Data(codes.joined(separator: "\n").utf8))
    }

    /// The namespace the pool's counters are reserved in.
    public var namespace: String { "ecode-pool:\(digest.prefix(16))" }

    /// Reads one text file (lines or CSV), calling `code` for every well-formed code and `problem` for the rest.
    static func read(_ data: Data, name: String, code: (String, String) -> Void, problem: (String) -> Void) throws(EcodePoolError) {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard String(validating: bytes, as: UTF8.self) != nil else { throw .notText(path: name) }
        // Split on bytes: in a Swift String "\r\n" is one Character, so splitting on "\n" would miss CRLF lines.
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        var column: Int?
        var isCSV = name.lowercased().hasSuffix(".csv")
        for (i, raw) in lines.enumerated() {
            let line = String(decoding: raw.last == 0x0D ? raw.dropLast() : raw, as: UTF8.self)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            if column == nil, !isCSV, trimmed.contains(",") { isCSV = true }
            var value = trimmed
            if isCSV {
                let fields = CSVLine.fields(line)
                if column == nil {
                    guard let c = fields.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).lowercased() == "ecode" }) else {
                        throw .noEcodeColumn(path: name, header: trimmed)
                    }
                    column = c
                    continue
                }
                guard column! < fields.count else {
                    problem("\(name):\(i + 1): has \(fields.count) field(s), no ecode column (column \(column! + 1))")
                    continue
                }
                value = fields[column!].trimmingCharacters(in: .whitespaces)
                if value.isEmpty { problem("\(name):\(i + 1): the ecode field is empty"); continue }
            }
            do {
                let ecode = try Ecode(value)
                guard ecode.version != 0 else {
                    problem("\(name):\(i + 1): '\(value)' is a V0 (GS1) Ecode: a GS1 product uses code.scheme gs1")
                    continue
                }
                code(ecode.description, "\(name):\(i + 1)")
            } catch {
                problem("\(name):\(i + 1): \(error.description)")
            }
        }
    }

    /// The files of a zip archive, in name order. Refuses a name that could land outside a folder (absolute, `..`,
    /// backslashes), nested archives, and a total above ``maximumBytes`` unpacked.
    static func unzip(_ data: Data, path: String) throws(EcodePoolError) -> [(name: String, data: Data)] {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw .badArchive(path: path, reason: "not a readable zip archive (\(error))")
        }
        var total: UInt64 = 0
        var files: [(name: String, data: Data)] = []
        for entry in archive.sorted(by: { $0.path < $1.path }) {
            let name = entry.path
            let parts = name.split(separator: "/", omittingEmptySubsequences: false)
            if name.hasPrefix("/") || name.contains("\\") || parts.contains("..") || name.contains("\0") {
                throw .badArchive(path: path, reason: "entry '\(name)' names a path outside the archive's folder (absolute or '..'): refused")
            }
            if entry.type == .directory { continue }
            guard entry.type == .file else { throw .badArchive(path: path, reason: "entry '\(name)' is a link, not a file") }
            if name.lowercased().hasSuffix(".zip") { throw .badArchive(path: path, reason: "entry '\(name)' is itself an archive: unpack it first") }
            total += entry.uncompressedSize
            guard total <= UInt64(maximumBytes) else {
                throw .tooLarge(path: "\(path)/\(name)", bytes: Int64(clamping: total), limit: maximumBytes)
            }
            var content = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    content.append(chunk)
                    if content.count > maximumBytes { throw EcodePoolError.tooLarge(path: "\(path)/\(name)", bytes: Int64(content.count), limit: maximumBytes) }
                }
            } catch let e as EcodePoolError { throw e } catch {
                throw .badArchive(path: path, reason: "entry '\(name)' cannot be unpacked (\(error))")
            }
            files.append(("\((path as NSString).lastPathComponent)/\(name)", content))
        }
        guard !files.isEmpty else { throw .empty(path: path) }
        return files
    }
}

/// One line of a CSV file split into fields (RFC 4180 quoting: `"a,b"`, `""` for a quote). Hand-written because
/// pool files are one column of codes; a CSV library would add a dependency for these few lines.
enum CSVLine {
    static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var chars = line.makeIterator()
        var pending: Character?
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = chars.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else if c == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(c)
            }
        }
        fields.append(field)
        return fields
    }
}

/// Why an Ecode pool file was refused. Nothing is written when one is thrown.
public enum EcodePoolError: Error, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case tooLarge(path: String, bytes: Int64, limit: Int)
    case notText(path: String)
    case noEcodeColumn(path: String, header: String)
    case badArchive(path: String, reason: String)
    case invalid(path: String, problems: [String])
    case empty(path: String)
    case alreadyImported(path: String, duplicates: [String])

    public var description: String {
        func listed(_ problems: [String]) -> String {
            let shown = problems.prefix(EcodePool.maximumListed).map { "  \($0)" }.joined(separator: "\n")
            let more = problems.count > EcodePool.maximumListed ? "\n  … and \(problems.count - EcodePool.maximumListed) more" : ""
            return shown + more
        }
        switch self {
        case .unreadable(let p, let r): return "code.ecode.pool '\(p)': \(r)"
        case .tooLarge(let p, let b, let l):
            return "code.ecode.pool '\(p)': \(b) bytes is more than the \(l >> 20) MiB a pool file may hold: split it (a pool may be a .zip of several files)"
        case .notText(let p): return "code.ecode.pool '\(p)': not UTF-8 text"
        case .noEcodeColumn(let p, let h): return "code.ecode.pool '\(p)': a CSV pool needs a header with an 'ecode' column; the first line is '\(h)'"
        case .badArchive(let p, let r): return "code.ecode.pool '\(p)': \(r)"
        case .invalid(let p, let problems):
            return "code.ecode.pool '\(p)': \(problems.count) code(s) refused, nothing was imported:\n" + listed(problems)
        case .empty(let p): return "code.ecode.pool '\(p)': holds no code"
        case .alreadyImported(let p, let d):
            return "code.ecode.pool '\(p)': \(d.count) code(s) are already in a pool imported into this registry, nothing was imported:\n" + listed(d)
        }
    }
}
