import ArgumentParser
import Foundation
import TraceRegistry

/// `tracelabel flow list`: who received which codes.
struct FlowListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List flows: all of them, or those that moved any code of --code, --range, --lot or --job.",
        discussion: "The codes column counts the codes of the asked scope each flow moved (all its codes without a scope).")

    @Option(name: .long, help: "Registry file.")
    var registry: String
    @OptionGroup var scope: ScopeOptions
    @Flag(name: .long, help: "JSON instead of a table.")
    var json = false

    func run() throws {
        let asked = try scope.scope(optional: true)
        do {
            let ledger = try RegistryLedger(path: registry)
            let items: [(flow: RegistryLedger.Flow, codes: Int)]
            if let asked {
                let codes: [RegistryLedger.Code]
                do { codes = try ledger.codes(in: asked) } catch {
                    throw FlowError(field: "scope", value: asked.description, rule: (error as? RegistryLedger.ScopeError)?.rule ?? "\(error)")
                }
                items = ledger.flows(covering: codes)
            } else {
                items = ledger.flows.map { ($0, $0.count) }
            }
            if json {
                FlowListing.print(json: FlowListing.json(items))
            } else if items.isEmpty {
                print("no flow recorded\(asked.map { " for \($0)" } ?? "")")
            } else {
                print(FlowListing.table(items))
            }
        } catch { throw CommandFailure(error) }
    }
}
