import ArgumentParser
import Foundation
import TraceCore
import TraceJob
import TraceRender

extension AllocationMode: ExpressibleByArgument {}
extension PDFSymbolStyle: ExpressibleByArgument {}

/// `tracelabel issue`: one production job, from product file to registry, PDF and spool.
struct IssueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Allocate codes for a job, log them to the registry, then print a label-sheet PDF and/or spool PNG labels.")

    @Option(name: .long, help: "Product file (YAML).")
    var product: String

    @Option(name: .long, help: "item (一物一码), batch (一批一码) or category (一品一码). Default: the product file's code.mode, else item.")
    var mode: AllocationMode?

    // Taken as text so that "-5" reaches validation instead of being read as an option.
    @Option(name: .long, parsing: .unconditional, help: "Number of labels.")
    var count: String

    @Option(name: .long, help: "Production line, e.g. L1.")
    var line: String

    @Option(name: .long, help: "Shift, e.g. 2026-11-27-A.")
    var shift: String

    @Option(name: .long, help: "Who runs the job (default: $USER).")
    var `operator`: String?

    @Option(name: .long, help: "Registry file (JSON Lines, created if missing).")
    var registry: String

    @Option(name: .long, help: "Label-sheet PDF to write (must not exist).")
    var pdf: String?

    @Option(name: .long, help: "Printer spool directory for PNG labels (created if missing).")
    var spool: String?

    @Option(name: .long, help: "Printer resolution for PNG labels: 203, 300 or 600.")
    var dpi: Int = 300

    @OptionGroup var labels: LabelOptions

    @Option(name: .long, help: "First label slot to use on the first PDF sheet (1 = top-left), for a partly used sheet.")
    var startAt: Int = 1

    @Flag(name: .long, help: "Draw label outlines and crop marks in the PDF (proofs).")
    var proofMarks = false

    @Option(name: .long, help: "PDF symbols: stencil (one 1-bit mask per page, compact) or paths (pure vector).")
    var pdfSymbols: PDFSymbolStyle = .stencil

    func run() throws {
        guard let n = Int(count) else {
            throw CommandFailure(IssueError(field: "count", value: count, rule: "must be a whole number of labels, at least 1", id: "COUNT-RANGE"))
        }
        let summary: IssueSummary
        let progress = ProgressBar(total: n)
        do {
            // The product file's defaults (code.mode, label.template) apply where the command line is silent.
            let spec = try ProductFile.load(path: product, today: .today)
            let mode = mode ?? spec.defaultMode ?? .item
            let (template, sheet, symbology, printer) = try labels.resolve(productTemplate: spec.labelTemplate)
            let outputs = LabelOutputs(pdfPath: pdf, spoolPath: spool, dpi: dpi, template: template, sheet: sheet, symbology: symbology,
                                       startAt: startAt, proofMarks: proofMarks, pdfSymbols: pdfSymbols, printer: printer)
            var request = IssueRequest(
                productPath: product, mode: mode, count: n, line: line, shift: shift,
                operatorName: `operator` ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown",
                registryPath: registry, outputs: outputs, today: .today)
            request.product = spec
            if let progress { request.progress = { n in progress.advance(by: n) } }
            summary = try IssueJob.run(request)
            progress?.finish()
        } catch {
            progress?.finish()
            throw CommandFailure(error)
        }
        print("job      \(summary.job)  (\(summary.mode.rawValue) mode, line \(line), shift \(shift))")
        print("count    \(summary.count) label(s), \(summary.codesIssued) code(s) issued")
        print("first    \(summary.firstCode)")
        print("last     \(summary.lastCode)")
        print("link     \(summary.firstDigitalLink)")
        print("registry \(summary.registryPath)")
        if let pdf = summary.pdfPath { print("pdf      \(pdf) (\(summary.pdfPages) page(s))") }
        if let spool = summary.spoolPath {
            print("spool    \(spool) (\(summary.spooledFiles) PNG file(s) at \(dpi) dpi)")
        }
        if let manifest = summary.manifestPath { print("manifest \(manifest)") }
        if summary.pdfPath == nil && summary.spoolPath == nil {
            print("printed  none: no --pdf or --spool, the job is closed as registered (codes issued, no label made)")
        }
        if let left = summary.poolRemaining { print("pool     \(left) \(summary.isEcode ? "code" : "serial")(s) left in the imported pool") }
    }
}

extension CalendarDate {
    /// Today in the machine's local time zone (a factory's production date is local).
    static var today: CalendarDate {
        let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: c.year!, month: c.month!, day: c.day!)
    }
}
