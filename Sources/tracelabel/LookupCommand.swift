import ArgumentParser
import Foundation
import TraceRegistry

/// `tracelabel lookup`: the registry records of one code, through the derived index.
struct LookupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Show the registry records of one code (issue, voids, reprints) from any of its forms, via the derived index <registry>.index.",
        discussion: "The index is rebuilt automatically when missing or stale; delete it at any time. Exit 65 if the code was never issued.")

    @Option(name: .long, help: "Registry file.")
    var registry: String

    @Flag(name: .long, help: "Rebuild the index first.")
    var rebuildIndex = false

    @Argument(help: "The code: HRI, element string (AIM prefix accepted) or Digital Link URI.")
    var code: String

    func run() throws {
        // Garbage is not a code that was never issued: it gets an error, not the answer "not issued".
        guard ScannedCode.identity(of: code) != nil else {
            throw ValidationError("<code>: '\(code)' is not a code in any form (HRI, element string, Digital Link URI or Ecode)")
        }
        do {
            let index = LookupIndex(registryPath: registry)
            if rebuildIndex { try index.rebuild() }
            let records = try index.records(for: code)
            guard let issue = records.first(where: { $0.kind == .issue }) else {
                print("not issued: \(code)")
                throw ExitCode(65)
            }
            let ledgerJob = try issueJob(issue.job)
            print("code     \(issue.code ?? "")")
            if let dl = issue.dl { print("link     \(dl)") }
            print("issued   line \(issue.seq.map { $0 + 1 } ?? 0), job \(issue.job ?? "")" + (issue.counter.map { ", counter \($0)" } ?? "") + (issue.copies.map { ", \($0) copies" } ?? ""))
            if let j = ledgerJob { print("job      \(j)") }
            for r in records where r.kind != .issue {
                print("\(r.kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) line \(r.seq.map { $0 + 1 } ?? 0), \(r.time ?? ""), \(r.reason ?? "")" + (r.count.map { ", \($0) label(s)" } ?? "") + (r.operatorName.map { ", by \($0)" } ?? ""))
            }
        } catch let e as ExitCode { throw e } catch { throw CommandFailure(error) }
    }

    /// A short description of the issuing job, from its job-open record (found through the index too).
    func issueJob(_ id: String?) throws -> String? {
        guard let id, let r = try LookupIndex(registryPath: registry).jobOpen(id) else { return nil }
        return "\(r.mode?.rawValue ?? "") mode, line \(r.line ?? ""), shift \(r.shift ?? ""), operator \(r.operatorName ?? ""), \(r.time ?? "")"
    }
}
