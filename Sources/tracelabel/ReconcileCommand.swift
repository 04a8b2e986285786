import ArgumentParser
import Foundation
import TraceJob
import TraceRegistry

/// `tracelabel reconcile`: scanned codes against the registry.
struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Compare scanned codes (one per line, raw scanner output with AIM identifiers accepted) with the registry.",
        discussion: "Reports unknown codes (possible counterfeits), voided codes, codes scanned twice and issued codes never scanned. Exit 0 only if none.")

    @Option(name: .long, help: "Registry file.")
    var registry: String

    @Option(name: .long, help: "Scan file: one code per line (HRI, element string with GS, or Digital Link).")
    var scanned: String

    func run() throws {
        guard let data = FileManager.default.contents(atPath: scanned) else {
            throw CommandFailure(IssueError(field: "scanned", value: scanned, rule: "cannot be read (missing, a folder or no permission)",
                                            id: "SCANNED-UNREADABLE", category: .missingInput))
        }
        let ledger: RegistryLedger
        do { ledger = try RegistryLedger(path: registry) } catch { throw CommandFailure(error) }
        let result = Reconciliation(ledger: ledger, scans: String(decoding: data, as: UTF8.self).components(separatedBy: "\n"))
        print(result.summary)
        if !result.isClean { throw ExitCode(65) }
    }
}
