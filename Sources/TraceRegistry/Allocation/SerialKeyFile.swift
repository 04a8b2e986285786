import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The FF1 key for non-guessable serials: a file of 32 or 64 hex digits (AES-128/256), readable by its owner only.
///
/// The key never enters the registry; records carry only its id (the first 8 hex digits of SHA-256 of the key),
/// so a registry copied off the machine does not let anyone mint serials.
public struct SerialKeyFile: Sendable {
    /// Why the key file cannot be used.
    public struct KeyError: Error, Sendable, CustomStringConvertible {
        public let path: String
        public let rule: String
        public var description: String { "serial key file '\(path)': \(rule)" }
    }

    public let path: String
    public let key: [UInt8]
    /// First 8 hex digits of SHA-256(key).
    public let id: String

    /// Reads and checks the file: owned by this user, no group/other permissions, a hex key of 16 or 32 bytes.
    public init(path: String) throws(KeyError) {
        self.path = path
        var info = stat()
        guard stat(path, &info) == 0 else { throw KeyError(path: path, rule: "cannot be read: \(String(cString: strerror(errno)))") }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw KeyError(path: path, rule: "has permissions \(String(mode, radix: 8)); it must be readable by its owner only (chmod 600)")
        }
        guard info.st_uid == getuid() else { throw KeyError(path: path, rule: "is owned by uid \(info.st_uid), not by this user (\(getuid()))") }
        guard let data = FileManager.default.contents(atPath: path) else { throw KeyError(path: path, rule: "cannot be read") }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let key = SerialKeyFile.bytes(hex: text), key.count == 16 || key.count == 32 else {
            throw KeyError(path: path, rule: "must hold 32 or 64 hex digits (an AES-128 or AES-256 key), as the serial key of `tracelabel keygen` is written")
        }
        self.key = key
        id = String(RegistryFile.hexSHA256(key).prefix(8))
    }

    /// Writes a new random AES-128 key to `path` with mode 0600; refuses to overwrite.
    public static func create(path: String) throws(KeyError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw KeyError(path: path, rule: "cannot be created: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let key = SymmetricKey(size: .bits128).withUnsafeBytes { Array($0) }
        let text = Array((key.map { String(format: "%02x", $0) }.joined() + "\n").utf8)
        guard write(fd, text, text.count) == text.count, fsync(fd) == 0 else {
            throw KeyError(path: path, rule: "cannot be written: \(String(cString: strerror(errno)))")
        }
    }

    static func bytes(hex: String) -> [UInt8]? {
        let chars = Array(hex.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        for i in stride(from: 0, to: chars.count, by: 2) {
            guard let byte = UInt8(String(decoding: chars[i..<(i + 2)], as: UTF8.self), radix: 16) else { return nil }
            out.append(byte)
        }
        return out
    }
}
