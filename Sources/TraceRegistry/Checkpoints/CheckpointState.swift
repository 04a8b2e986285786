import Crypto
import Foundation

/// What `verify --since` needs to carry on from a signed ``Checkpoint`` without reading the records it covers,
/// signed with the checkpoint's key: the checkpoint it belongs to (origin, size, root), where the last covered line
/// lies and its SHA-256 (the chain head), the replay's jobs and reservations (``RegistryReplay/Saved``), and the
/// verifier's small state (registered parties, voided codes and counters, each job's producer).
///
/// What it does not carry is the set of issued codes (16 bytes a code: 160 MB at ten million). An incremental verify
/// therefore proves less than a full one, and says so in its report:
/// - it proves the new records chain on from the last covered line, and that line is the one signed (its hash is in
///   the signed state, bound to the checkpoint's size and root);
/// - it does not re-read the covered records: an edit among them that leaves the last one intact is found by a full
///   `verify --checkpoint`, not by `--since`;
/// - a new item code is not compared with earlier codes byte for byte: it is fresh because its counter lies in a
///   reservation above every counter reserved before (the carried highest counter per namespace), and serials are a
///   one-to-one function of the counter; a new batch or category code equal to an earlier one is not seen;
/// - a void, reprint, flow or recall naming a code issued before the checkpoint is not matched with its issue line
///   (counted in the report as unchecked references).
///
/// File form: the canonical JSON (sorted keys) on one line, a blank line, then `— <key name> base64(key id ‖
/// signature)` over the JSON bytes, like the checkpoint's signed note.
public struct CheckpointState: Sendable, Equatable, Codable {
    public let origin: String
    /// Records covered (the checkpoint's size).
    public let size: UInt64
    /// The checkpoint's Merkle root, base64.
    public let root: String
    /// Position of the last covered line (``RegistrySource`` position), and just past it.
    public let lastLine: UInt64
    public let end: UInt64
    public let replay: RegistryReplay.Saved
    /// USCC → role of its latest registration.
    public let parties: [String: String]
    /// Codes voided, and voided item counters per namespace.
    public let voided: [String]
    public let voidedCounters: [String: [UInt64]]
    /// `producer.uscc` of each job's job-open snapshot, by job index.
    public let producers: [String?]

    /// Whether this state was saved with `checkpoint` (same origin, size and root).
    public func belongs(to checkpoint: Checkpoint) -> Bool {
        origin == checkpoint.origin && size == checkpoint.size && root == Data(checkpoint.root).base64EncodedString()
    }

    /// The signed file.
    public func signed(with key: CheckpointSigningKey) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = try encoder.encode(self)
        let signature = try key.privateKey.signature(for: json)
        return String(decoding: json, as: UTF8.self) + "\n\n— \(key.name) \(Data(key.keyID + Array(signature)).base64EncodedString())\n"
    }

    /// Reads a signed state and checks its signature with `publicKey`.
    public static func read(path: String, publicKey: Curve25519.Signing.PublicKey,
                            name: String = CheckpointSigningKey.defaultName) throws -> CheckpointState {
        typealias Failure = Checkpoint.CheckpointError
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure(path: path, rule: "cannot be read") }
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\n\n") else { throw Failure(path: path, rule: "no blank line between the state and its signature") }
        let json = Data(text[..<split.lowerBound].utf8)
        let keyID = CheckpointSigningKey.keyID(name: name, publicKey: publicKey)
        for sigLine in text[split.upperBound...].split(separator: "\n") {
            let parts = sigLine.split(separator: " ")
            guard parts.count == 3, parts[0] == "—", parts[1] == name, let blob = Data(base64Encoded: String(parts[2])), blob.count == 68,
                  Array(blob.prefix(4)) == keyID else { continue }
            guard publicKey.isValidSignature(blob.dropFirst(4), for: json) else {
                throw Failure(path: path, rule: "the signature by '\(name)' does not verify: the state was altered or signed by another key")
            }
            do { return try JSONDecoder().decode(CheckpointState.self, from: json) } catch {
                throw Failure(path: path, rule: "signed, but not a checkpoint state this version reads: \(error)")
            }
        }
        throw Failure(path: path, rule: "no signature line by key '\(name)' with id \(keyID.map { String(format: "%02x", $0) }.joined())")
    }
}
