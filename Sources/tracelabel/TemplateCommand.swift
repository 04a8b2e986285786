import ArgumentParser
import Foundation
import TraceCore
import TraceJob
import TraceRender

/// `tracelabel template`: the label designs and sheets, and previews of them.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "List label templates and sheet layouts, and preview a template with a product's data.",
        subcommands: [List.self, Preview.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the built-in label templates and sheet layouts.")

        func run() throws {
            do {
                let library = try TemplateLibrary.standard()
                print("templates (\(library.directory))")
                for name in library.templateNames() {
                    let t = try library.template(name)
                    let size = "\(mm(t.width)) × \(mm(t.height)) mm"
                    print("  \(name.padding(toLength: 20, withPad: " ", startingAt: 0)) \(size.padding(toLength: 16, withPad: " ", startingAt: 0)) "
                          + "sheet \(t.defaultSheet.padding(toLength: 10, withPad: " ", startingAt: 0)) "
                          + "\(t.symbol.symbologies.map(\.rawValue).joined(separator: ", "))  \(t.description)")
                }
                print("sheets")
                print("  roll                 one label per page, the page the size of the label")
                for name in library.sheetNames().dropFirst() {
                    let s = try library.sheet(name)
                    print("  \(name.padding(toLength: 20, withPad: " ", startingAt: 0)) \(s.columns) × \(s.rows) labels of "
                          + "\(mm(s.labelWidth)) × \(mm(s.labelHeight)) mm on \(mm(s.pageWidth)) × \(mm(s.pageHeight)) mm  \(s.description)")
                }
            } catch { throw CommandFailure(error) }
        }
    }

    struct Preview: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render a real label (sample codes, nothing registered): --out x.png for one label, x.pdf for a proof sheet.")

        @Argument(help: "Template name or .yaml file.")
        var name: String

        @Option(name: .long, help: "Product file (YAML).")
        var product: String

        @Option(name: .long, help: "Output file: .png (one 1-bit label) or .pdf (one sheet with crop marks). Must not exist.")
        var out: String

        @Option(name: .long, help: "Sheet layout for a .pdf preview (default: the template's).")
        var sheet: String?

        @Option(name: .long, help: "Symbology (default: the template's first).")
        var symbology: String?

        @Option(name: .long, help: "Printer profile (.yaml, x/y offset in mm).")
        var printerProfile: String?

        @Option(name: .long, help: "Printer resolution for a .png preview: 203, 300 or 600.")
        var dpi: Int = 300

        func run() throws {
            do {
                guard [203, 300, 600].contains(dpi) else {
                    throw IssueError(field: "dpi", value: String(dpi), rule: "must be 203, 300 or 600 (the thermal printer resolutions supported)")
                }
                var options = LabelOptions()
                options.template = name
                options.sheet = sheet
                options.symbology = symbology
                options.printerProfile = printerProfile
                let (template, layout, chosen, printer) = try options.resolve()
                let settings = LabelDelivery.Settings(template: template, sheet: layout, symbology: chosen ?? template.symbol.symbologies[0],
                                                      dpi: dpi, pdfPath: nil, spoolPath: nil, printer: printer)
                let codes = try LabelPreview.render(productPath: product, settings: settings, font: .default, today: .today, output: out)
                print("preview  \(out) (\(template.name), \(settings.symbology.rawValue), \(codes.count) sample label(s))")
                print("sample   \(codes[0].hri)")
            } catch { throw CommandFailure(error) }
        }
    }
}

/// A length in mm without trailing zeros: `70`, `0.42`.
private func mm(_ v: Double) -> String {
    let r = (v * 1000).rounded() / 1000
    return r == r.rounded() ? String(Int(r)) : String(r)
}
