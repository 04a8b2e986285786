import ArgumentParser
import Foundation
import TraceRegistry

/// `tracelabel pool`: import and list the Ecode pools of a registry.
struct PoolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pool",
        abstract: "Check and import an Ecode pool file before a line uses it, or list the pools a registry has imported.",
        subcommands: [Import.self, List.self])

    /// `tracelabel pool import`: what the first job on a pool does, on its own, so QA can check a platform file first.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Shape-check an Ecode pool (lines, CSV with an ecode column, or .zip) and import it into the registry's pool store.",
            discussion: "Refuses malformed codes, duplicates inside the file and codes already in an imported pool, naming each line; imports nothing then.")

        @Option(name: .long, help: "Registry file (the pools are kept in <registry>.pools/).")
        var registry: String
        @Argument(help: "The pool file the platform issued.")
        var file: String

        func run() throws {
            do {
                let pool = try EcodePool(path: file)
                let store = EcodePoolStore(registryPath: registry)
                let already = store.isImported(pool)
                // Under the registry's lock, as a job would: two imports never race past each other's check.
                try RegistryFile(path: registry).withExclusiveAccess { _ in try store.importPool(pool) }
                print("pool     \(pool.namespace)  \(pool.codes.count) code(s), first \(pool.codes.first!), last \(pool.codes.last!)")
                print(already ? "already imported: \(store.file(for: pool))" : "imported \(store.file(for: pool))")
            } catch { throw CommandFailure(error) }
        }
    }

    /// `tracelabel pool list`: every imported pool with how far jobs have used it.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the Ecode pools a registry imported and how many codes each has left.")

        @Option(name: .long, help: "Registry file.")
        var registry: String

        func run() throws {
            do {
                let store = EcodePoolStore(registryPath: registry)
                let ledger = FileManager.default.fileExists(atPath: registry) ? try RegistryLedger(path: registry) : nil
                let pools = try store.imported()
                if pools.isEmpty { print("no Ecode pool imported into \(registry)") }
                for pool in pools {
                    let ns = "ecode-pool:\(pool.digest.prefix(16))"
                    let reserved = ledger?.reservations.filter { $0.ns == ns }.map(\.last).max() ?? 0
                    print("\(ns)  \(pool.codes.count) code(s), \(reserved) reserved, \(UInt64(pool.codes.count) - min(reserved, UInt64(pool.codes.count))) left  from \(pool.source)")
                }
            } catch { throw CommandFailure(error) }
        }
    }
}
