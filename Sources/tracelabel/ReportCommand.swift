import ArgumentParser
import TraceRegistry

/// `tracelabel report`: issued, printed, voided, reprinted and gaps per product, line, shift and batch.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Issued, printed, voided, reprinted codes and gaps per product, line, shift and batch, as a table or JSON.")

    @Option(name: .long, help: "Registry file.")
    var registry: String
    @Option(name: .long, help: "Only this production line.")
    var line: String?
    @Option(name: .long, help: "Only this shift.")
    var shift: String?
    @Option(name: .long, help: "Only this batch (lot, AI 10).")
    var batch: String?
    @Option(name: .long, help: "Jobs started at or after this time: a date (2026-11-27, from 00:00 UTC) or a date-time with its zone (2026-11-27T06:00:00Z).")
    var from: String?
    @Option(name: .long, help: "Jobs started at or before this time: a date (to 23:59:59 UTC) or a date-time with its zone.")
    var to: String?
    @Flag(name: .long, help: "JSON instead of a table.")
    var json = false

    func run() throws {
        let ledger: RegistryLedger
        let window: TimeWindow
        do {
            window = try TimeWindow(from: from, to: to)
            ledger = try RegistryLedger(path: registry)
        } catch { throw CommandFailure(error) }
        let report = ProductionReport(ledger: ledger, filter: .init(line: line, shift: shift, batch: batch, from: window.from, to: window.to))
        print(json ? report.json : report.table)
    }
}
