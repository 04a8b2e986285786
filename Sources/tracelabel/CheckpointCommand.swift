import ArgumentParser
import Foundation
import TraceRegistry

/// `tracelabel checkpoint`: signs the registry's current record count and Merkle root, to be copied off the machine.
struct CheckpointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Write a signed checkpoint (record count + RFC 6962 Merkle root, Ed25519) of the registry as it is now.",
        discussion: "Copy the checkpoint off this machine; `verify --checkpoint` later proves nothing it covers was removed, changed or rolled back.")

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
            // Only a chain-intact registry gets signed: a checkpoint vouches for what it covers.
            let report = try RegistryVerifier(path: registry).verify()
            guard report.isIntact else {
                print(report.summary)
                throw ExitCode(65)
            }
            let name = origin ?? "tracelabel registry \((registry as NSString).lastPathComponent)"
            let checkpoint = try Checkpoint.current(registry: registry, origin: name)
            let note = try checkpoint.signed(with: key)
            guard !FileManager.default.fileExists(atPath: out) else {
                throw Checkpoint.CheckpointError(path: out, rule: "exists already; a checkpoint is never overwritten")
            }
            try note.write(toFile: out, atomically: true, encoding: .utf8)
            print("checkpoint \(out): \(checkpoint.size) record(s), root \(checkpoint.root.map { String(format: "%02x", $0) }.joined())")
        } catch let e as ExitCode { throw e } catch { throw CommandFailure(error) }
    }
}
