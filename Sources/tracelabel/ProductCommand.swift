import ArgumentParser
import Foundation
import TraceCore
import TraceJob

/// `tracelabel product check`: what `issue` checks of a product file, without a job.
struct ProductCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "product",
        abstract: "Check product and party (producer, seller) files against Annex 1 and Annex 2 before a line uses them.",
        subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate product files: every finding at once, as file:line: error: field: message.",
            discussion: "Exit status 0 when every file is valid, 65 when any is not (66 when a file cannot be read).")

        @Argument(help: "Product files and party files (YAML; a file with a party: section is a party file).")
        var files: [String]

        func run() throws {
            var failed = false
            var unreadable = false
            for file in files {
                do {
                    if try PartyFile.isPartyFile(path: file) {
                        let party = try PartyFile.load(path: file)
                        print("\(file): ok: \(party.role.rawValue) \(party.name), USCC \(party.uscc.value), flows \(party.flowsVisibility.rawValue)")
                        continue
                    }
                    let spec = try ProductFile.load(path: file, today: .today)
                    let unit = AnnexOneCatalogue.unit(named: spec.type).map { "Annex 1 \($0.category) / \($0.name)" } ?? "outside Annex 1 (declared other)"
                    print("\(file): ok: \(spec.name), \(unit), \(spec.scheme.name) codes")
                } catch let e as ProductFileError {
                    failed = true
                    if case .invalid = e { e.findings.forEach { print($0) } } else {
                        if case .unreadable = e { unreadable = true }
                        print("error: \(e.description)")
                    }
                }
            }
            if unreadable { throw ExitCode(66) }
            if failed { throw ExitCode(65) }
        }
    }
}
