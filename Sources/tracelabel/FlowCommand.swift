import ArgumentParser
import Foundation
import TraceRegistry

/// `tracelabel flow`: the flows (流向) of trace codes, Annex 2: producer sales, seller purchases and sales.
struct FlowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flow",
        abstract: "Record and list where coded units went: producer sales, seller purchases and seller sales.",
        subcommands: [FlowAddCommand.self, FlowImportCommand.self, FlowListCommand.self])

    /// `--operator`, or `$USER`.
    static func operatorName(_ given: String?) -> String {
        given ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    }
}

/// `tracelabel flow add`: one flow.
struct FlowAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Record one flow of codes (one `flow` record).",
        discussion: """
        A producer-sale needs --address and --contact (the buyer's) and --party must be the producer of the codes' \
        jobs; seller flows refuse them, and their --party must be registered as a seller (tracelabel party register). \
        Refused: codes the registry never issued, voided codes, sales of recalled codes, an --at in the future.
        """)

    @Option(name: .long, help: "Registry file.")
    var registry: String
    @OptionGroup var scope: ScopeOptions
    @Option(name: .long, help: "producer-sale | seller-purchase | seller-sale")
    var flow: String
    @Option(name: .long, help: "USCC of the party recording the flow (producer or seller).")
    var party: String
    @Option(name: .long, help: "When it happened: YYYY-MM-DD, or a date-time with a zone (2026-11-28T14:30:00+08:00).")
    var at: String
    @Option(name: .long, help: "Buyer (producer-sale), supplier (seller-purchase) or customer (seller-sale) name.")
    var counterparty: String
    @Option(name: .long, help: "Buyer's address (producer-sale only).")
    var address: String?
    @Option(name: .long, help: "Buyer's contact (producer-sale only).")
    var contact: String?
    @Option(name: .long, help: "Who records it (default: $USER).")
    var `operator`: String?

    func run() throws {
        guard let kind = FlowKind(rawValue: flow) else {
            throw ValidationError("--flow '\(flow)' must be producer-sale, seller-purchase or seller-sale")
        }
        let entry = FlowEntry(flow: kind, party: party, at: at, counterparty: counterparty, address: address, contact: contact,
                              scope: try scope.scope()!)
        do {
            let (job, records) = try FlowRecording.record([entry], operatorName: FlowCommand.operatorName(`operator`),
                                                          registry: RegistryFile(path: registry))
            print("flow     \(job)  \(kind.rawValue) by \(party) → \(counterparty)")
            print("scope    \(records[0].scope ?? "")  (\(records[0].count ?? 0) code(s))")
        } catch let batch as FlowBatchError {
            throw CommandFailure(batch.rejections[0].error)
        } catch { throw CommandFailure(error) }
    }
}
