import ArgumentParser
import Foundation
import TracePostgres

/// `tracelabel registry`: set up and export a registry kept in PostgreSQL.
struct RegistryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Set up a PostgreSQL registry (migrate) and export it in the file format that verify checks (export).",
        subcommands: [RegistryMigrateCommand.self, RegistryExportCommand.self])
}

struct RegistryMigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create or upgrade the registry's tables in PostgreSQL (versioned migrations, each applied once).",
        discussion: "Run it as the database owner. Line processes and the service need only INSERT/SELECT on the records and SELECT/UPDATE on the head and counters (README: PostgreSQL registry).")

    @Option(name: .long, help: "The registry: postgres://user@host[:port]/database.")
    var registry: String

    func run() throws {
        let url = try registryURL(registry)
        let applied = try Blocking.run {
            try await PostgresRegistry.using(url) { store in
                let applied = try await store.migrate()
                return (applied, try await store.schemaVersion())
            }
        }
        print(applied.0.isEmpty ? "schema    up to date (version \(applied.1))" : "migrated  to version \(applied.1) (applied \(applied.0.map(String.init).joined(separator: ", ")))")
    }
}

struct RegistryExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a PostgreSQL registry as a registry file (the same lines, the same chain), for verify and auditors.")

    @Option(name: .long, help: "The registry: postgres://user@host[:port]/database.")
    var registry: String

    @Option(name: .long, help: "The file to write (must not exist).")
    var out: String

    func run() throws {
        let url = try registryURL(registry)
        let target = out
        let count = try Blocking.run {
            try await PostgresRegistry.using(url) { store in
                try await store.checkSchema()
                return try await store.export(to: target)
            }
        }
        print("exported  \(count) record(s) to \(out)")
    }
}

/// A registry URL read for a `registry` subcommand: a bad one is a usage error naming the option.
private func registryURL(_ text: String) throws -> PostgresRegistryURL {
    do { return try PostgresRegistryURL(text) } catch { throw CommandFailure(error) }
}
