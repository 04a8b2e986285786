import ArgumentParser
import TraceJob
import TraceRender

/// The label options shared by `issue` and `template preview`: design, sheet, symbology and printer profile.
struct LabelOptions: ParsableArguments {
    @Option(name: .long, help: "Label template: a built-in name (see `tracelabel template list`) or a .yaml file. Default: the product file's label.template, else battery-70x37.")
    var template: String?

    /// The template used when neither the command line nor the product file names one.
    static let defaultTemplate = "battery-70x37"

    @Option(name: .long, help: "Sheet layout: roll (one label per page), a built-in sheet name or a .yaml file. Default: the template's.")
    var sheet: String?

    @Option(name: .long, help: "Symbology: qr, gs1-qr, gs1-datamatrix or gs1-128, as the template allows. Default: the template's first.")
    var symbology: String?

    @Option(name: .long, help: "Printer profile (.yaml with an x/y offset in mm), applied to PDF and PNG output.")
    var printerProfile: String?

    /// Loads the template (`--template`, else the product file's `label.template`, else the default), sheet and
    /// profile and parses the symbology.
    func resolve(productTemplate: String? = nil) throws -> (LabelTemplate, SheetLayout, Symbology?, PrinterProfile) {
        // The symbology is the caller's choice whatever the design: an unknown one is a usage error, found first.
        var chosen: Symbology?
        if let symbology {
            guard let s = Symbology(rawValue: symbology) else {
                throw IssueError(field: "symbology", value: symbology,
                                 rule: "must be one of \(Symbology.allCases.map(\.rawValue).joined(separator: ", "))", id: "SYMBOLOGY-UNKNOWN")
            }
            chosen = s
        }
        let library = try TemplateLibrary.standard()
        let design = try library.template(template ?? productTemplate ?? Self.defaultTemplate)
        let layout = try library.sheet(sheet ?? design.defaultSheet, for: design)
        let profile = try printerProfile.map { path throws(TemplateError) in try PrinterProfile.load(path: path) } ?? .none
        return (design, layout, chosen, profile)
    }
}
