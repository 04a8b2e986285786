import ArgumentParser
import TraceRender

/// The label options shared by `issue` and `template preview`: design, sheet, symbology and printer profile.
struct LabelOptions: ParsableArguments {
    @Option(name: .long, help: "Label template: a built-in name (see `tracelabel template list`) or a .yaml file.")
    var template: String = "battery-70x37"

    @Option(name: .long, help: "Sheet layout: roll (one label per page), a built-in sheet name or a .yaml file. Default: the template's.")
    var sheet: String?

    @Option(name: .long, help: "Symbology: qr, gs1-qr, gs1-datamatrix or gs1-128, as the template allows. Default: the template's first.")
    var symbology: String?

    @Option(name: .long, help: "Printer profile (.yaml with an x/y offset in mm), applied to PDF and PNG output.")
    var printerProfile: String?

    /// Loads the template, sheet and profile and parses the symbology.
    func resolve() throws -> (LabelTemplate, SheetLayout, Symbology?, PrinterProfile) {
        let library = try TemplateLibrary.standard()
        let design = try library.template(template)
        let layout = try library.sheet(sheet ?? design.defaultSheet, for: design)
        var chosen: Symbology?
        if let symbology {
            guard let s = Symbology(rawValue: symbology) else {
                throw TemplateError(file: design.name, field: "--symbology", value: symbology,
                                    rule: "must be one of \(Symbology.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            chosen = s
        }
        let profile = try printerProfile.map { path throws(TemplateError) in try PrinterProfile.load(path: path) } ?? .none
        return (design, layout, chosen, profile)
    }
}
