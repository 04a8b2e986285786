import ArgumentParser
import Foundation
import Synchronization
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

/// Runs async library work from a synchronous command and waits for it (the CLI's commands are synchronous).
enum Blocking {
    static func run<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let outcome = Mutex<Result<T, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            let result: Result<T, any Error>
            do { result = .success(try await work()) } catch { result = .failure(error) }
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        switch outcome.withLock({ $0 })! {
        case .success(let value): return value
        case .failure(let error): throw CommandFailure(error)
        }
    }
}
