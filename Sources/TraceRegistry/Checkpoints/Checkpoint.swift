import Crypto
import Foundation

/// A signed statement "the registry's first `size` records hash to `root`", in the C2SP signed-note form
/// (`tlog-checkpoint`): body `origin\nsize\nbase64(root)\n`, a blank line, then `— <key name> base64(key id ‖ signature)`.
///
/// Copied off the machine (QA system, batch record, e-mail), it lets anyone later prove that records it covers
/// were not removed, changed or rolled back. Auditors can check the Ed25519 signature with
/// `openssl pkeyutl -verify -rawin` (see the README).
public struct Checkpoint: Sendable, Equatable {
    /// Why a checkpoint cannot be read or does not verify.
    public struct CheckpointError: Error, Sendable, CustomStringConvertible {
        public let path: String
        public let rule: String
        public var description: String { "checkpoint '\(path)': \(rule)" }
        public init(path: String, rule: String) {
            self.path = path
            self.rule = rule
        }
    }

    public let origin: String
    public let size: UInt64
    public let root: [UInt8]
    /// The signed text (body lines, each ending in a newline).
    public var body: String { "\(origin)\n\(size)\n\(Data(root).base64EncodedString())\n" }

    public init(origin: String, size: UInt64, root: [UInt8]) {
        self.origin = origin
        self.size = size
        self.root = root
    }

    /// Computes the checkpoint of the registry's complete records as they are now.
    public static func current(registry path: String, origin: String) throws -> Checkpoint {
        var tree = MerkleTree()
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw RegistryError.cannotOpen(path: path, errno: errno) }
        defer { close(fd) }
        _ = try LineReader.forEachLine(fd: fd, path: path) { line, _ in tree.append(leaf: line) }
        return Checkpoint(origin: origin, size: tree.size, root: tree.root)
    }

    /// The signed note.
    public func signed(with key: CheckpointSigningKey) throws -> String {
        let signature = try key.privateKey.signature(for: Data(body.utf8))
        return body + "\n— \(key.name) \(Data(key.keyID + Array(signature)).base64EncodedString())\n"
    }

    /// Reads a signed note and checks its signature with `publicKey`.
    public static func read(path: String, publicKey: Curve25519.Signing.PublicKey, name: String = CheckpointSigningKey.defaultName) throws -> Checkpoint {
        guard let data = FileManager.default.contents(atPath: path) else { throw CheckpointError(path: path, rule: "cannot be read") }
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\n\n") else { throw CheckpointError(path: path, rule: "no blank line between the body and the signature") }
        let body = String(text[..<split.lowerBound]) + "\n"
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        guard lines.count == 3, let size = UInt64(lines[1]), let root = Data(base64Encoded: String(lines[2])), root.count == 32 else {
            throw CheckpointError(path: path, rule: "the body must be three lines: origin, record count, base64 Merkle root")
        }
        let keyID = CheckpointSigningKey.keyID(name: name, publicKey: publicKey)
        let signatures = text[split.upperBound...].split(separator: "\n")
        for sigLine in signatures {
            let parts = sigLine.split(separator: " ")
            guard parts.count == 3, parts[0] == "—", parts[1] == name, let blob = Data(base64Encoded: String(parts[2])), blob.count == 68 else { continue }
            guard Array(blob.prefix(4)) == keyID else { continue }
            if publicKey.isValidSignature(blob.dropFirst(4), for: Data(body.utf8)) {
                return Checkpoint(origin: String(lines[0]), size: size, root: Array(root))
            }
            throw CheckpointError(path: path, rule: "the signature by '\(name)' does not verify: the checkpoint was altered or signed by another key")
        }
        throw CheckpointError(path: path, rule: "no signature line by key '\(name)' with id \(keyID.map { String(format: "%02x", $0) }.joined())")
    }
}
