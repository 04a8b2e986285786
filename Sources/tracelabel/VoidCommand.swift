import ArgumentParser
import Foundation
import TraceRegistry

/// `tracelabel void`: records that an issued code's label was damaged or destroyed.
struct VoidCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "void",
        abstract: "Record that an issued code's label was damaged or destroyed; the code is never printed or used again.")

    @Option(name: .long, help: "Registry file.")
    var registry: String
    @Option(name: .long, help: "The code, in any form (HRI, element string, Digital Link, Ecode or its URL).")
    var code: String
    @Option(name: .long, help: "Why (damaged at applicator, destroyed in QA sample, …).")
    var reason: String
    @Option(name: .long, help: "Who (default: $USER).")
    var `operator`: String?

    func validate() throws {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--reason: '\(reason)': must say why the label is voided (damaged at applicator, destroyed in QA sample, …)")
        }
    }

    func run() throws {
        do {
            let r = try CodeLifecycle.void(code: code, reason: reason,
                                           operatorName: `operator` ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown",
                                           registry: RegistryFile(path: registry))
            print("voided   \(r.code ?? code)")
        } catch { throw CommandFailure(error) }
    }
}
