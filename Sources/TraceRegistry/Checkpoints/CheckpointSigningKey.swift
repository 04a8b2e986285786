import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The Ed25519 key that signs checkpoints: 64 hex digits (the raw private key) in an owner-only file.
/// `@unchecked Sendable`: immutable; swift-crypto 3 does not mark its key types Sendable.
public struct CheckpointSigningKey: @unchecked Sendable {
    public static let defaultName = "tracelabel"

    /// Why a key file cannot be used.
    public struct KeyError: Error, Sendable, CustomStringConvertible {
        public let path: String
        public let rule: String
        public var description: String { "signing key '\(path)': \(rule)" }
    }

    public let name: String
    let privateKey: Curve25519.Signing.PrivateKey
    public var publicKey: Curve25519.Signing.PublicKey { privateKey.publicKey }
    /// C2SP key id: SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[0..<4].
    public var keyID: [UInt8] { CheckpointSigningKey.keyID(name: name, publicKey: publicKey) }

    public static func keyID(name: String, publicKey: Curve25519.Signing.PublicKey) -> [UInt8] {
        Array(SHA256.hash(data: Array(name.utf8) + [0x0A, 0x01] + Array(publicKey.rawRepresentation)).prefix(4))
    }

    /// Reads the key; refuses a file others can read.
    public init(path: String, name: String = defaultName) throws(KeyError) {
        var info = stat()
        guard stat(path, &info) == 0, let data = FileManager.default.contents(atPath: path) else {
            throw KeyError(path: path, rule: "cannot be read")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw KeyError(path: path, rule: "has permissions \(String(info.st_mode & 0o777, radix: 8)); it must be readable by its owner only (chmod 600)")
        }
        let hex = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let raw = SerialKeyFile.bytes(hex: hex), raw.count == 32, let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw KeyError(path: path, rule: "must hold 64 hex digits (a raw Ed25519 private key), as the signing key of `tracelabel keygen` is written")
        }
        self.name = name
        privateKey = key
    }

    /// Creates a new key file (mode 0600, never overwritten) and the public key as PEM next to it.
    public static func create(path: String, publicKeyPath: String) throws(KeyError) {
        let key = Curve25519.Signing.PrivateKey()
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw KeyError(path: path, rule: "cannot be created: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let text = Array((key.rawRepresentation.map { String(format: "%02x", $0) }.joined() + "\n").utf8)
        guard write(fd, text, text.count) == text.count, fsync(fd) == 0 else { throw KeyError(path: path, rule: "cannot be written") }
        do { try pem(for: key.publicKey).write(toFile: publicKeyPath, atomically: true, encoding: .utf8) } catch {
            throw KeyError(path: publicKeyPath, rule: "cannot be written: \(error.localizedDescription)")
        }
    }

    /// SubjectPublicKeyInfo PEM (DER prefix `302a300506032b6570032100` + 32 key bytes), as OpenSSL reads it.
    public static func pem(for key: Curve25519.Signing.PublicKey) -> String {
        let der: [UInt8] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00] + Array(key.rawRepresentation)
        return "-----BEGIN PUBLIC KEY-----\n\(Data(der).base64EncodedString())\n-----END PUBLIC KEY-----\n"
    }

    /// Reads a PEM public key written by ``pem(for:)`` (or `openssl pkey -pubout`).
    public static func publicKey(pemPath path: String) throws(KeyError) -> Curve25519.Signing.PublicKey {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw KeyError(path: path, rule: "cannot be read") }
        let b64 = text.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        guard let der = Data(base64Encoded: b64), der.count == 44, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: der.suffix(32)) else {
            throw KeyError(path: path, rule: "is not an Ed25519 public key in PEM (SubjectPublicKeyInfo)")
        }
        return key
    }
}
