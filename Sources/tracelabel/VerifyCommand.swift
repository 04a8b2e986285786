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

    @Option(name: .long, help: "The checkpoint signer's public key (PEM, from `tracelabel keygen`); required with --checkpoint.")
    var publicKey: String?

    func validate() throws {
        if checkpoint != nil && publicKey == nil { throw ValidationError("--checkpoint needs --public-key: the signer's public key (PEM)") }
    }

    func run() throws {
        var saved: Checkpoint?
        do {
            if let checkpoint {
                let key = try CheckpointSigningKey.publicKey(pemPath: publicKey ?? "")
                saved = try Checkpoint.read(path: checkpoint, publicKey: key)
            }
        } catch { throw CommandFailure(error) }
        let report: VerificationReport
        do { report = try RegistryVerifier(path: registry, checkpoint: saved).verify() } catch { throw CommandFailure(error) }
        print(report.summary)
        if !report.isIntact { throw ExitCode(65) }
    }
}
