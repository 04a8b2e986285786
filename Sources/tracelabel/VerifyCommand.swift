import ArgumentParser
import Foundation
import TraceRegistry

/// `tracelabel verify`: the auditor's check of a registry file, optionally against a saved signed checkpoint.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a registry: hash chain, no duplicate code, every code inside a reservation, every gap explained, job counts.",
        discussion: "Exit status 0 only if every rule holds; 65 names the first bad line and why.")

    @Option(name: .long, help: "Registry file.")
    var registry: String

    @Option(name: .long, help: "A signed checkpoint saved earlier: the file must still hold exactly the records it covers.")
    var checkpoint: String?

    @Option(name: .long, help: "Check only the records added after this signed checkpoint, carrying on from the state saved beside it (<checkpoint>.state).")
    var since: String?

    @Option(name: .long, help: "The state saved with the --since checkpoint (default: <checkpoint>.state).")
    var state: String?

    @Option(name: .long, help: "The checkpoint signer's public key (PEM, from `tracelabel keygen`); required with --checkpoint and --since.")
    var publicKey: String?

    func validate() throws {
        if checkpoint != nil && publicKey == nil { throw ValidationError("--checkpoint needs --public-key: the signer's public key (PEM)") }
        if since != nil && publicKey == nil { throw ValidationError("--since needs --public-key: the signer's public key (PEM)") }
        if since != nil && checkpoint != nil { throw ValidationError("give --checkpoint (check everything against it) or --since (check what follows it), not both") }
        if state != nil && since == nil { throw ValidationError("--state goes with --since") }
    }

    func run() throws {
        let report: VerificationReport
        do {
            let key = try publicKey.map { try CheckpointSigningKey.publicKey(pemPath: $0) }
            if let since, let key {
                let signed = try Checkpoint.read(path: since, publicKey: key)
                let saved = try CheckpointState.read(path: state ?? since + ".state", publicKey: key)
                report = try RegistryVerifier(path: registry).verify(since: signed, state: saved)
            } else {
                let saved = try checkpoint.flatMap { path in try key.map { try Checkpoint.read(path: path, publicKey: $0) } }
                report = try RegistryVerifier(path: registry, checkpoint: saved).verify()
            }
        } catch { throw CommandFailure(error) }
        print(report.summary)
        if !report.isIntact { throw ExitCode(65) }
    }
}
