import ArgumentParser
import Foundation
import TraceRegistry

/// `tracelabel retention`: which jobs are past their retention time; optionally logs the decision. Deletes nothing.
struct RetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Report the jobs past their retention time (closed before now minus --keep, no later activity); --record logs the decision. Deletes nothing.",
        discussion: """
        The registry is append-only and hash-chained: lines are never removed from it. Disposal means archiving the \
        whole file under its signed checkpoint; this command only says what is eligible and, with --record, appends \
        one `retention` record naming the jobs.
        """)

    @Option(name: .long, help: "Registry file.")
    var registry: String
    @Option(name: .long, help: "How long data is kept: Ny, Nm or Nd (e.g. 10y). At least 3 years unless --allow-below-minimum.")
    var keep: String
    @Flag(name: .long, help: "Accept a period below the notice's 3-year minimum (with a warning).")
    var allowBelowMinimum = false
    @Flag(name: .long, help: "Append one retention record logging the decision (needs --operator and --reason).")
    var record = false
    @Option(name: .long, help: "Who decides (with --record).")
    var `operator`: String?
    @Option(name: .long, help: "Why (with --record).")
    var reason: String?
    @Flag(name: .long, help: "JSON instead of a table.")
    var json = false

    func validate() throws {
        if record && (`operator` == nil || reason == nil) { throw ValidationError("--record needs --operator and --reason") }
    }

    func run() throws {
        do {
            let period = try RetentionPeriod(keep)
            let now = Date()
            if period.isBelowMinimum(now: now) {
                let rule = "is below the notice's minimum of \(RetentionPeriod.minimumYears) years for custom-product (定制产品) ledgers"
                guard allowBelowMinimum else { throw RetentionError.badOption(option: "keep", value: keep, rule: rule + "; --allow-below-minimum accepts it") }
                FileHandle.standardError.write(Data("warning: --keep '\(keep)' \(rule)\n".utf8))
            }
            let review = try RetentionReview(path: registry, period: period, now: now)
            let eligible = review.eligible
            if json {
                let data = try JSONEncoder.sorted.encode(["cutoff": AnyEncodable(review.cutoff), "keep": AnyEncodable(period.description),
                                                          "jobs": AnyEncodable(review.jobs)])
                print(String(decoding: data, as: UTF8.self))
            } else {
                print("keep     \(period) (cutoff \(review.cutoff))")
                for j in review.jobs {
                    print("\(j.kept == nil ? "eligible" : "kept    ") \(j.job)  opened \(j.opened ?? "-")  closed \(j.closed ?? "-")  \(j.codes) code(s)  \(j.records) record(s)\(j.kept.map { "  (\($0))" } ?? "")")
                }
                print("eligible \(eligible.count) job(s), \(eligible.reduce(0) { $0 + $1.codes }) code(s), \(eligible.reduce(0) { $0 + $1.records }) record(s)")
            }
            if record, let name = `operator`, let reason {
                let r = try review.record(operatorName: name, reason: reason, registry: RegistryFile(path: registry))
                print("recorded retention record: \(r.count ?? 0) code(s), scope \(r.scope ?? "")")
            }
            FileHandle.standardError.write(Data("nothing deleted: the registry is append-only and hash-chained; dispose of it by archiving the whole file under its signed checkpoint\n".utf8))
        } catch {
            throw CommandFailure(error)
        }
    }
}

/// Encodes any `Encodable` value inside a heterogeneous dictionary.
private struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}

private extension JSONEncoder {
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }
}
