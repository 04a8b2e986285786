import ArgumentParser
import Foundation
import TraceRegistry

/// `tracelabel recall`: records a recall and names who received the recalled units.
struct RecallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recall",
        abstract: "Record a recall of a lot, a job, a range or a code, and list who received those units (their flows).",
        discussion: """
        Appends a `recall` record (C… id, reason, scope, count), then prints every flow that moved a recalled code: \
        when, which flow, who recorded it, the counterparty with address and contact, and how many recalled codes it \
        moved. Refused: an empty --reason, a scope naming no issued code, a scope already entirely recalled. Later \
        sales (producer-sale, seller-sale) of recalled codes are refused; purchases are still recorded.
        """)

    @Option(name: .long, help: "Registry file.")
    var registry: String
    @OptionGroup var scope: ScopeOptions
    @Option(name: .long, help: "Why (the defect, the authority's notice, …).")
    var reason: String
    @Option(name: .long, help: "Who (default: $USER).")
    var `operator`: String?
    @Flag(name: .long, help: "JSON instead of a table.")
    var json = false

    func run() throws {
        let scope = try scope.scope()!
        do {
            let outcome = try RecallRecording.recall(scope, reason: reason, operatorName: FlowCommand.operatorName(`operator`),
                                                     registry: RegistryFile(path: registry))
            let r = outcome.record
            if json {
                FlowListing.print(json: [
                    "recall": ["id": r.job ?? "", "time": r.time ?? "", "reason": reason, "scope": r.scope ?? "", "count": r.count ?? 0] as [String: Any],
                    "flows": FlowListing.json(outcome.flows),
                ])
                return
            }
            print("recall   \(r.job ?? "")  \(r.scope ?? "")  (\(r.count ?? 0) code(s))")
            print("reason   \(reason)")
            if outcome.flows.isEmpty {
                print("flows    none recorded: no sale or purchase of these codes is in the registry")
            } else {
                print("flows    \(outcome.flows.count) flow(s) moved recalled codes:")
                print(FlowListing.table(outcome.flows))
            }
        } catch { throw CommandFailure(error) }
    }
}
