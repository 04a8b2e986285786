import ArgumentParser
import TraceRegistry

/// `tracelabel keygen`: creates the owner-only key files the registry needs but never stores.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Create an FF1 serial key (code.serial_key) and/or an Ed25519 checkpoint signing key, mode 0600, never overwriting.")

    @Option(name: .long, help: "FF1 key file to create (AES-128, hex).")
    var serialKey: String?

    @Option(name: .long, help: "Checkpoint signing key file to create (Ed25519, hex).")
    var signingKey: String?

    @Option(name: .long, help: "Where to write the signing key's public half (PEM); default: <signing-key>.pub.pem.")
    var publicKey: String?

    func validate() throws {
        if serialKey == nil && signingKey == nil { throw ValidationError("give --serial-key and/or --signing-key") }
    }

    func run() throws {
        do {
            if let serialKey {
                try SerialKeyFile.create(path: serialKey)
                print("serial key  \(serialKey) (0600; put its path in code.serial_key, keep it out of the registry and backups of it)")
            }
            if let signingKey {
                let pub = publicKey ?? signingKey + ".pub.pem"
                try CheckpointSigningKey.create(path: signingKey, publicKeyPath: pub)
                print("signing key \(signingKey) (0600)")
                print("public key  \(pub) (give this to auditors)")
            }
        } catch { throw CommandFailure(error) }
    }
}
