import TraceRender

/// Where a job's labels go and how they are drawn: the part of a request that issue and reprint jobs share.
public struct LabelOutputs: Sendable {
    /// Label-sheet PDF to write (must not exist), if any.
    public var pdfPath: String?
    /// Printer spool directory for PNG labels, if any.
    public var spoolPath: String?
    /// Printer resolution for PNG labels: 203, 300 or 600.
    public var dpi: Int
    /// Label design; `nil` = the built-in `battery-70x37` from `templates/`.
    public var template: LabelTemplate?
    /// Sheet layout; `nil` = the template's default sheet.
    public var sheet: SheetLayout?
    /// Symbology; `nil` = the template's first.
    public var symbology: Symbology?
    /// First slot to use on the first PDF sheet, 1-based.
    public var startAt: Int
    /// Outlines and crop marks on PDF labels.
    public var proofMarks: Bool
    /// PDF symbols as one stencil mask per page (default) or pure vector paths.
    public var pdfSymbols: PDFSymbolStyle
    /// Printer calibration applied to PDF and PNG output.
    public var printer: PrinterProfile
    /// The font files and family of every text.
    public var font: FontChoice

    /// Outputs with the built-in defaults for everything not given.
    public init(pdfPath: String?, spoolPath: String?, dpi: Int = 300, template: LabelTemplate? = nil, sheet: SheetLayout? = nil,
                symbology: Symbology? = nil, startAt: Int = 1, proofMarks: Bool = false, pdfSymbols: PDFSymbolStyle = .stencil,
                printer: PrinterProfile = .none, font: FontChoice = .default) {
        self.pdfPath = pdfPath
        self.spoolPath = spoolPath
        self.dpi = dpi
        self.template = template
        self.sheet = sheet
        self.symbology = symbology
        self.startAt = startAt
        self.proofMarks = proofMarks
        self.pdfSymbols = pdfSymbols
        self.printer = printer
        self.font = font
    }

    /// Checks what can be checked without loading anything.
    /// - Throws: `IssueError` naming the option.
    func validate() throws(IssueError) {
        guard [203, 300, 600].contains(dpi) else {
            throw IssueError(field: "dpi", value: String(dpi), rule: "must be 203, 300 or 600 (the thermal printer resolutions supported)")
        }
    }

    /// The rendering settings, with the built-in defaults filled in; `count` sizes the spool file numbers.
    func renderSettings(count: Int) throws -> LabelDelivery.Settings {
        let design: LabelTemplate
        if let template { design = template } else { design = try TemplateLibrary.standard().template("battery-70x37") }
        let layout: SheetLayout
        if let sheet { layout = sheet } else { layout = try TemplateLibrary.standard().sheet(design.defaultSheet, for: design) }
        return LabelDelivery.Settings(template: design, sheet: layout, symbology: symbology ?? design.symbol.symbologies[0],
                                      dpi: dpi, pdfPath: pdfPath, spoolPath: spoolPath, startAt: startAt, proofMarks: proofMarks,
                                      pdfSymbols: pdfSymbols, printer: printer, indexWidth: max(6, String(count).count))
    }
}
