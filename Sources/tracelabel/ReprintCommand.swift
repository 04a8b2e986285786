import ArgumentParser
import Foundation
import TraceJob
import TraceRender

/// `tracelabel reprint`: labels again for an issued code, from the registry; never a new code.
struct ReprintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reprint",
        abstract: "Print labels again for a code the registry issued (never allocates); refused for voided or unknown codes.")

    @Option(name: .long, help: "Product file (YAML) of the code.")
    var product: String
    @Option(name: .long, help: "Registry file.")
    var registry: String
    @Option(name: .long, help: "The code, in any form (HRI, element string, Digital Link, Ecode or its URL).")
    var code: String
    @Option(name: .long, help: "Why (smudged, jammed printer, …).")
    var reason: String
    @Option(name: .long, help: "Number of labels.")
    var count: Int = 1
    @Flag(name: .long, help: "Print the product file's current data although it differs from what the code was first printed with (recorded with the reason).")
    var correctedData = false
    @Option(name: .long, help: "Who (default: $USER).")
    var `operator`: String?
    @Option(name: .long, help: "Label-sheet PDF to write (must not exist).")
    var pdf: String?
    @Option(name: .long, help: "Printer spool directory for PNG labels.")
    var spool: String?
    @Option(name: .long, help: "Printer resolution for PNG labels: 203, 300 or 600.")
    var dpi: Int = 300
    @OptionGroup var labels: LabelOptions

    func run() throws {
        do {
            let spec = try ProductFile.load(path: product, today: .today)
            let (template, sheet, symbology, printer) = try labels.resolve(productTemplate: spec.labelTemplate)
            var request = ReprintRequest(productPath: product, code: code, count: count, reason: reason,
                                         operatorName: `operator` ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown",
                                         registryPath: registry,
                                         outputs: LabelOutputs(pdfPath: pdf, spoolPath: spool, dpi: dpi, template: template,
                                                               sheet: sheet, symbology: symbology, printer: printer),
                                         today: .today)
            request.correctedData = correctedData
            request.product = spec
            let hri = try ReprintJob.run(request)
            print("reprinted \(count) label(s) of \(hri)")
        } catch { throw CommandFailure(error) }
    }
}
