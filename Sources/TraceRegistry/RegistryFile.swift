import Crypto
import Foundation
import TraceCore
#if canImport(Glibc)
import Glibc
#endif

/// The append-only, hash-chained registry file: the single source of truth for what was issued.
///
/// Writers take an exclusive `flock` on `<path>.lock` (never deleted, so two processes always lock the same
/// inode) and hold it for the whole read-state-then-append step, so counters are never handed out twice.
public final class RegistryFile: @unchecked Sendable {
    /// What a writer needs to know about the file before appending.
    public struct State: Sendable {
        /// Number of complete records.
        public var recordCount: Int = 0
        /// SHA-256 (hex) of the last record line, or 64 zeros for an empty file.
        public var lastHash: String = String(repeating: "0", count: 64)
        /// The highest reserved counter per GTIN.
        public var highestReserved: [String: UInt64] = [:]
        /// Byte length of the complete records.
        public var size: UInt64 = 0
    }

    public let path: String
    private let lockPath: String
    private let encoder: JSONEncoder

    public init(path: String) {
        self.path = path
        self.lockPath = path + ".lock"
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    /// Runs `body` holding the registry's exclusive lock, with a writer that appends after the current tail.
    public func withExclusiveAccess<T>(_ body: (inout Writer) throws -> T) throws -> T {
        let lockFD = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lockFD >= 0 else { throw RegistryError.cannotOpen(path: lockPath, errno: errno) }
        defer { close(lockFD) }
        while flock(lockFD, LOCK_EX) != 0 {
            if errno != EINTR { throw RegistryError.cannotLock(path: lockPath, errno: errno) }
        }
        defer { _ = flock(lockFD, LOCK_UN) }
        let fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RegistryError.cannotOpen(path: path, errno: errno) }
        defer { close(fd) }
        let state = try readState(fd: fd)
        var writer = Writer(file: self, fd: fd, state: state)
        return try body(&writer)
    }

    /// Reads the records without locking (for reports and tests).
    public func readRecords() throws -> [RegistryRecord] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let decoder = JSONDecoder()
        var records: [RegistryRecord] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) where !line.isEmpty {
            lineNumber += 1
            do { records.append(try decoder.decode(RegistryRecord.self, from: Data(line))) } catch {
                throw RegistryError.corruptLine(path: path, line: lineNumber, reason: "not a registry record: \(error)")
            }
        }
        return records
    }

    private func readState(fd: Int32) throws -> State {
        var state = State()
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else { return state }
        // A line without its newline is a write torn by a crash: it never counted, so cut it off.
        var end = data.count
        if data[data.count - 1] != UInt8(ascii: "\n") {
            end = (data.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 }) ?? 0
            guard ftruncate(fd, off_t(end)) == 0 else { throw RegistryError.writeFailed(path: path, errno: errno, truncatedBackTo: UInt64(end)) }
        }
        let decoder = JSONDecoder()
        var lastLine = Data()
        for line in data[0..<end].split(separator: UInt8(ascii: "\n")) {
            state.recordCount += 1
            lastLine = Data(line)
            let record: RegistryRecord
            do { record = try decoder.decode(RegistryRecord.self, from: lastLine) } catch {
                throw RegistryError.corruptLine(path: path, line: state.recordCount, reason: "not a registry record: \(error)")
            }
            if record.kind == .reserve, let gtin = record.gtin, let last = record.last {
                state.highestReserved[gtin] = max(state.highestReserved[gtin] ?? 0, last)
            }
        }
        state.lastHash = Self.hexSHA256(lastLine)
        state.size = UInt64(end)
        return state
    }

    /// SHA-256 of `data` as lower-case hex.
    public static func hexSHA256<D: DataProtocol>(_ data: D) -> String {
        let digest = SHA256.hash(data: data)
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends records under the lock, chaining hashes, and syncs them before returning.
    public struct Writer {
        let file: RegistryFile
        let fd: Int32
        /// The file's state, updated as records are appended.
        public private(set) var state: State

        init(file: RegistryFile, fd: Int32, state: State) {
            self.file = file
            self.fd = fd
            self.state = state
        }

        /// Appends `records` in one write and `fdatasync`s. On any failure the file is cut back to where it was.
        public mutating func append(_ records: [RegistryRecord]) throws {
            var bytes = Data()
            var hash = state.lastHash
            var seq = state.recordCount
            var reserved = state.highestReserved
            for var record in records {
                record.seq = seq
                record.prev = hash
                let line = try file.encoder.encode(record)
                hash = RegistryFile.hexSHA256(line)
                bytes.append(line)
                bytes.append(UInt8(ascii: "\n"))
                seq += 1
                if record.kind == .reserve, let gtin = record.gtin, let last = record.last {
                    reserved[gtin] = max(reserved[gtin] ?? 0, last)
                }
            }
            let written = bytes.withUnsafeBytes { raw -> Int in
                var offset = 0
                while offset < raw.count {
                    let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 { if errno == EINTR { continue }; return -1 }
                    offset += n
                }
                return offset
            }
            if written != bytes.count {
                let code = errno
                _ = ftruncate(fd, off_t(state.size))
                throw RegistryError.writeFailed(path: file.path, errno: code, truncatedBackTo: state.size)
            }
            // A failed fsync is never retried: the page cache may have dropped the data (fsyncgate).
            guard fdatasync(fd) == 0 else { throw RegistryError.syncFailed(path: file.path, errno: errno) }
            state.recordCount = seq
            state.lastHash = hash
            state.size += UInt64(bytes.count)
            state.highestReserved = reserved
        }
    }
}
