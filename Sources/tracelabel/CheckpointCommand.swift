import ArgumentParser
import Foundation
import TraceRegistry

/// `tracelabel checkpoint`: signs the registry's current record count and Merkle root, to be copied off the machine.
struct CheckpointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Write a signed checkpoint (record count + RFC 6962 Merkle root, Ed25519) of the registry as it is now.",
        discussion: """
        Copy the checkpoint off this machine; `verify --checkpoint` later proves nothing it covers was removed, changed or rolled back. \
        Beside it, <out>.state (signed with the same key) holds what `verify --since <out>` needs to check only the records added after it.
        """)

    @Option(name: .long, help: "Registry file.")
    var registry: String

    @Option(name: .long, help: "Ed25519 signing key file (from `tracelabel keygen --signing-key`).")
    var signingKey: String

    @Option(name: .long, help: "Where to write the checkpoint (must not exist).")
    var out: String

    @Option(name: .long, help: "Origin line naming the log (default: tracelabel registry <file name>).")
    var origin: String?

    func run() throws {
        do {
            let key = try CheckpointSigningKey(path: signingKey)
            let name = origin ?? "tracelabel registry \((registry as NSString).lastPathComponent)"
            for path in [out, out + ".state"] where FileManager.default.fileExists(atPath: path) {
                throw Checkpoint.CheckpointError(path: path, rule: "exists already; a checkpoint is never overwritten")
            }
            // Only a registry where every rule holds gets signed: a checkpoint vouches for what it covers. One pass
            // verifies it and computes the checkpoint and the state to resume from, so all three describe the same records.
            let pass = try RegistryVerifier(path: registry).checkpointed(origin: name)
            guard let checkpoint = pass.checkpoint, let state = pass.state else {
                print(pass.report.summary)
                throw ExitCode(65)
            }
            try checkpoint.signed(with: key).write(toFile: out, atomically: true, encoding: .utf8)
            try state.signed(with: key).write(toFile: out + ".state", atomically: true, encoding: .utf8)
            print("checkpoint \(out): \(checkpoint.size) record(s), root \(checkpoint.root.map { String(format: "%02x", $0) }.joined())")
        } catch let e as ExitCode { throw e } catch { throw CommandFailure(error) }
    }
}
