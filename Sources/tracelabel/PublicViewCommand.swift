import ArgumentParser
import Foundation
import TraceCore
import TraceRegistry

/// `tracelabel public-view`: exactly what a consumer who scans the code sees (the resolver page shows the same).
struct PublicViewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "public-view",
        abstract: "Show what a consumer who scans a code may see: its status and the public fields, nothing private.",
        discussion: """
        Status is valid, voided, recalled or unknown. Product and producer fields are those Annex 2 makes public, plus \
        the inspection report and flow records when their owner made them public (visibility: in the product, \
        producer or seller file). A voided or unknown code shows no product data. Exit 65 if the code was never issued.
        """)

    @Option(name: .long, help: "Registry file.")
    var registry: String

    @Flag(name: .long, help: "Print the view as JSON (the resolver's JSON body).")
    var json = false

    @Argument(help: "The code in any form: HRI, element string, Digital Link URI, Ecode bare or as its URL.")
    var code: String

    func run() throws {
        let view: PublicView
        do { view = try RegistryLedger(path: registry).publicView(of: code) } catch { throw CommandFailure(error) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(view), as: UTF8.self))
        } else {
            print("code     \(view.code)")
            print("status   \(view.status.rawValue)")
            if let recall = view.recall { print("recall   \(recall.time): \(recall.reason)") }
            for f in view.fields { print("\(f.label) (\(f.english)): \(f.value)") }
            for flow in view.flows {
                print("flow \(flow.kind): " + flow.fields.map { "\($0.english) \($0.value)" }.joined(separator: "; "))
            }
        }
        if view.status == .unknown { throw ExitCode(65) }
    }
}
