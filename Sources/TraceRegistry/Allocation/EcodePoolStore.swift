import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The Ecode pools a registry has imported, kept beside it as `<registry>.pools/<sha256>.txt` (the normalised codes,
/// one per line, after a `#` header naming the source file).
///
/// A pool is imported the first time a job uses it, under the registry's lock and before its first `reserve`: it is
/// checked against every pool imported before, so a code the platform handed out twice (in two files) is refused
/// with both places named instead of being printed twice. The copy also keeps the pool's positions readable for QA
/// after the platform's file is moved or deleted.
public struct EcodePoolStore: Sendable {
    /// `<registry>.pools`.
    public let directory: String

    public init(registryPath: String) {
        directory = registryPath + ".pools"
    }

    /// The file holding an imported pool.
    public func file(for pool: EcodePool) -> String { (directory as NSString).appendingPathComponent("\(pool.digest).txt") }

    /// Whether `pool` was imported already.
    public func isImported(_ pool: EcodePool) -> Bool { FileManager.default.fileExists(atPath: file(for: pool)) }

    /// One imported pool as listed by ``imported()``.
    public struct Imported: Sendable {
        public let digest: String
        public let source: String
        public let codes: [String]
    }

    /// Every imported pool, in name order.
    public func imported() throws -> [Imported] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".txt") && !$0.hasPrefix(".") }.sorted()
        return try names.map { name in
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw RegistryError.corruptLine(path: path, line: 0, reason: "an imported Ecode pool cannot be read")
            }
            var source = ""
            var codes: [String] = []
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                if line.hasPrefix("# source: ") { source = String(line.dropFirst("# source: ".count)) } else if !line.hasPrefix("#") { codes.append(String(line)) }
            }
            return Imported(digest: String(name.dropLast(4)), source: source, codes: codes)
        }
    }

    /// Checks `pool` against every pool imported before and saves it, synced. Call it holding the registry's lock.
    /// - Throws: ``EcodePoolError/alreadyImported(path:duplicates:)`` naming each repeated code's two places; nothing
    ///   is written then.
    public func importPool(_ pool: EcodePool) throws {
        if isImported(pool) { return }
        var known: [String: String] = [:]
        for other in try imported() {
            for (i, code) in other.codes.enumerated() { known[code] = "position \(i + 1) of the pool imported from \(other.source) (\(other.digest.prefix(16)))" }
        }
        var duplicates: [String] = []
        for (code, origin) in zip(pool.codes, pool.origins) {
            if let earlier = known[code] { duplicates.append("\(origin): \(code) is already \(earlier)") }
        }
        guard duplicates.isEmpty else { throw EcodePoolError.alreadyImported(path: pool.path, duplicates: duplicates) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var text = "# tracelabel Ecode pool\n# source: \(pool.path)\n# sha256: \(pool.digest)\n"
        text.reserveCapacity(text.utf8.count + pool.codes.count * 26)
        for code in pool.codes { text += code; text += "\n" }
        try Self.writeDurably(Array(text.utf8), to: file(for: pool), directory: directory)
    }

    /// Temporary file, write, fsync, rename, fsync the folder: the pool file exists whole or not at all.
    static func writeDurably(_ bytes: [UInt8], to path: String, directory: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RegistryError.cannotOpen(path: temporary, errno: errno) }
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
            if n <= 0 {
                let e = errno
                close(fd)
                unlink(temporary)
                throw RegistryError.cannotOpen(path: temporary, errno: e)
            }
            written += n
        }
        guard fsync(fd) == 0 else {
            let e = errno
            close(fd)
            unlink(temporary)
            throw RegistryError.cannotOpen(path: temporary, errno: e)
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let e = errno
            unlink(temporary)
            throw RegistryError.cannotOpen(path: path, errno: e)
        }
        let dir = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 { fsync(dir); close(dir) }
    }
}
