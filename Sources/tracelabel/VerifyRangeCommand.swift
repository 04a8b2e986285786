import ArgumentParser
import Foundation
import TraceCore
import TraceJob
import TraceRegistry

/// `tracelabel verify-range`: the fate of every counter between two codes or serials.
struct VerifyRangeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-range",
        abstract: "For a range <first>..<last> of codes or serials: which are issued (by which job), voided, released as gaps, or never issued.",
        discussion: "Exit status 0 if every counter in the range is issued and not voided, 65 otherwise.")

    @Option(name: .long, help: "Registry file.")
    var registry: String

    @Option(name: .long, help: "Product file, to decode serials that were never issued (FF1 serials need its key).")
    var product: String?

    @Argument(help: "<first>..<last>: codes in any form (HRI, element string, Digital Link, Ecode or its URL), serials, or #N..#M positions of an Ecode pool (with --product).")
    var range: String

    func run() throws {
        let parts = range.components(separatedBy: "..")
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw CommandFailure(IssueError(field: "range", value: range, rule: "must be <first>..<last>"))
        }
        do {
            var counterOf: ((String) -> UInt64?)?
            var namespace: String?
            if let product, let spec = Optional(try ProductFile.load(path: product, today: .today)), let settings = spec.scheme.ecode {
                // Ecode products: minted codes decode to their counter; pool codes (or #N) to their position.
                let dir = (product as NSString).deletingLastPathComponent
                let source = try EcodeGenerator(product: spec, settings: settings, baseDirectory: dir.isEmpty ? "." : dir)
                counterOf = { source.counter(for: $0) }
                namespace = source.namespace
            } else if let product {
                let spec = try ProductFile.load(path: product, today: .today)
                let dir = (product as NSString).deletingLastPathComponent
                let generator = try SerialGenerator(product: spec, baseDirectory: dir.isEmpty ? "." : dir)
                counterOf = { text in
                    let serial = text.hasPrefix("(") ? (text.components(separatedBy: "(21)").last ?? text) : text
                    return generator.counter(for: serial)
                }
            }
            let check = try RangeCheck(ledger: try RegistryLedger(path: registry), first: parts[0], last: parts[1], counterOf: counterOf, namespace: namespace)
            print(check.summary)
            if check.issued != Int(check.last - check.first + 1) { throw ExitCode(65) }
        } catch let e as ExitCode { throw e } catch { throw CommandFailure(error) }
    }
}
