import ArgumentParser
import Foundation
import TraceCore
import TraceJob
import TraceRegistry

/// `tracelabel party`: producers and sellers registered in a registry (Annex 2: registered once, data public).
struct PartyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "party",
        abstract: "Register producers and sellers from party files, and list those registered.",
        subcommands: [PartyRegisterCommand.self, PartyListCommand.self])
}

/// `tracelabel party register`: appends a `party` record from a party file.
struct PartyRegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Register a producer or seller from its party file (YAML); the same data again records nothing.",
        discussion: """
        The party file has a party: section (role producer | seller, name, uscc, address, contact, \
        business_licence with reference and file and/or sha256) and visibility.flows (public | private, private \
        when absent); the same format as the file a product file's producer: names. The registry keeps the data as \
        canonical JSON in a `party` record; changed data appends a new record (the latest counts), identical data \
        appends nothing. A seller registers before recording flows.
        """)

    @Option(name: .long, help: "Registry file.")
    var registry: String
    @Option(name: .long, help: "Who registers it (default: $USER).")
    var `operator`: String?
    @Argument(help: "The party file (YAML).")
    var file: String

    func run() throws {
        guard FileManager.default.fileExists(atPath: file) else {
            FileHandle.standardError.write(Data("error: party file '\(file)' does not exist\n".utf8))
            throw ExitCode(66)
        }
        do {
            let spec = try PartyFile.load(path: file)
            let snapshot = SnapshotFields.canonical(spec.snapshot)
            let earlier = try? RegistryLedger(path: registry).parties[spec.uscc.value]
            let outcome = try PartyRegistration.register(uscc: spec.uscc.value, snapshot: snapshot,
                                                         operatorName: FlowCommand.operatorName(`operator`),
                                                         registry: RegistryFile(path: registry))
            switch outcome {
            case .unchanged(let since):
                print("unchanged \(spec.uscc.value) \(spec.name) (\(spec.role.rawValue)): registered\(since.map { " at \($0)" } ?? "") with this data; nothing recorded")
            case .registered(_, let replacing):
                print("registered \(spec.uscc.value) \(spec.name) (\(spec.role.rawValue))")
                if replacing, let old = SnapshotFields.values(earlier?.snapshot) {
                    for key in Set(old.keys).union(spec.snapshot.keys).sorted() where old[key] != spec.snapshot[key] {
                        print("changed  \(key): '\(old[key] ?? "")' → '\(spec.snapshot[key] ?? "")'")
                    }
                }
            }
        } catch { throw CommandFailure(error) }
    }
}

/// `tracelabel party list`: the latest registration of every party.
struct PartyListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the registered producers and sellers (latest registration of each).")

    @Option(name: .long, help: "Registry file.")
    var registry: String
    @Flag(name: .long, help: "JSON instead of a table.")
    var json = false

    func run() throws {
        do {
            let ledger = try RegistryLedger(path: registry)
            let parties = ledger.parties.values.sorted { ($0.seq ?? 0) < ($1.seq ?? 0) }
            let rows: [[String: String]] = parties.map { p in
                var values = SnapshotFields.values(p.snapshot) ?? [:]
                values["registered"] = p.time ?? ""
                return values
            }
            if json {
                FlowListing.print(json: rows)
            } else if rows.isEmpty {
                print("no party registered")
            } else {
                let columns = ["uscc", "role", "name", "address", "contact", "visibility.flows", "registered"]
                print(TextTable.render([columns] + rows.map { r in columns.map { r[$0] ?? "-" } }))
            }
        } catch { throw CommandFailure(error) }
    }
}
