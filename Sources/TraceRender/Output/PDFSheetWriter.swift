import CCairo
import Foundation

/// Writes labels onto sheets of a PDF, page by page, so memory stays bounded however long the job.
///
/// Symbols are vectors (merged runs, one path per symbol). The static layer of the label is drawn once per job
/// into a recording surface that Cairo writes once as a form XObject and each label references.
///
/// The PDF is written under a temporary name beside the target and linked into place only when complete and
/// synced: a reader never sees half a PDF, and an existing file is never overwritten.
public final class PDFSheetWriter {
    public let path: String
    public let sheet: SheetLayout
    let painter: LabelPainter
    let temporaryPath: String
    private var surface: OpaquePointer?
    private var cr: OpaquePointer?
    private var slot = 0
    /// Draw each slot's outline and crop marks (proofs).
    public var proofMarks = false
    /// How symbols are drawn: a stencil mask per symbol (default) or pure vector paths.
    public var symbolStyle: PDFSymbolStyle = .stencil
    /// Printer offset applied to every label, in mm.
    public var offset: (x: Double, y: Double) = (0, 0)
    private var staticLayer: OpaquePointer?
    private var staticTexts: [String]?
    private var atlas = SymbolStencilAtlas()
    /// Labels placed so far.
    public private(set) var labelCount = 0
    /// Pages started so far.
    public private(set) var pageCount = 0

    static let pointsPerMM = 72.0 / 25.4

    /// Opens the temporary file. Fails at once if `path` exists.
    public init(path: String, sheet: SheetLayout, painter: LabelPainter, title: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else { throw RenderError.fileExists(path: path) }
        self.path = path
        self.sheet = sheet
        self.painter = painter
        let url = URL(fileURLWithPath: path)
        temporaryPath = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
        let s = cairo_pdf_surface_create(temporaryPath, sheet.pageWidth * Self.pointsPerMM, sheet.pageHeight * Self.pointsPerMM)!
        let status = cairo_surface_status(s)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(s)
            unlink(temporaryPath)
            throw RenderError.cairo(function: "cairo_pdf_surface_create('\(temporaryPath)')", status: String(cString: cairo_status_to_string(status)))
        }
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "TraceLabel")
        surface = s
        cr = cairo_create(s)
    }

    deinit {
        if let staticLayer { cairo_surface_destroy(staticLayer) }
        if let cr { cairo_destroy(cr) }
        if let surface {
            cairo_surface_destroy(surface)
            unlink(temporaryPath)
        }
    }

    /// Places the next label in the next free slot, starting a new page when the sheet is full.
    public func add(symbol: SymbolMatrix, values: [String: String]) throws {
        guard let cr else { return }
        let texts = try painter.fitTexts(values: values)
        let key = texts.filter { !$0.box.isPerLabel }.map(\.text)
        if staticLayer == nil || key != staticTexts {
            if let staticLayer { cairo_surface_destroy(staticLayer) }
            var extents = cairo_rectangle_t(x: 0, y: 0, width: painter.template.width, height: painter.template.height)
            let recording = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents)!
            let rcr = cairo_create(recording)!
            defer { cairo_destroy(rcr) }
            try painter.drawStatic(on: rcr, texts: texts)
            staticLayer = recording
            staticTexts = key
        }
        if slot == sheet.labelsPerPage { endPage(cr) }
        if slot == 0 { pageCount += 1 }
        let origin = sheet.origin(ofSlot: slot)
        if symbolStyle == .stencil {
            let placement = try SymbolPlacement(symbol: symbol, box: painter.template.symbol, dotsPerMM: nil)
            atlas.add(origin: (origin.x + offset.x, origin.y + offset.y), placement: placement, symbol: symbol)
        }
        cairo_save(cr)
        cairo_scale(cr, Self.pointsPerMM, Self.pointsPerMM)
        cairo_translate(cr, origin.x + offset.x, origin.y + offset.y)
        cairo_set_source_surface(cr, staticLayer, 0, 0)
        cairo_paint(cr)
        if symbolStyle == .paths { try painter.drawSymbolPaths(on: cr, symbol: symbol) }
        painter.drawPerLabelTexts(on: cr, texts)
        if proofMarks { drawProofMarks(cr) }
        cairo_restore(cr)
        slot += 1
        labelCount += 1
    }

    /// Paints the page's symbols and starts a new page.
    private func endPage(_ cr: OpaquePointer) {
        paintAtlas(cr)
        cairo_show_page(cr)
        slot = 0
    }

    private func paintAtlas(_ cr: OpaquePointer) {
        guard !atlas.isEmpty else { return }
        cairo_save(cr)
        cairo_scale(cr, Self.pointsPerMM, Self.pointsPerMM)
        atlas.paint(on: cr)
        cairo_restore(cr)
    }

    /// A hairline outline of the label and 3 mm crop marks outside its corners.
    private func drawProofMarks(_ cr: OpaquePointer) {
        let w = painter.template.width, h = painter.template.height
        cairo_set_source_rgb(cr, 0.5, 0.5, 0.5)
        cairo_set_line_width(cr, 0.1)
        cairo_rectangle(cr, 0, 0, w, h)
        for (x, y) in [(0.0, 0.0), (w, 0), (0, h), (w, h)] {
            let sx: Double = x == 0 ? -1 : 1, sy: Double = y == 0 ? -1 : 1
            cairo_move_to(cr, x + sx * 1, y); cairo_line_to(cr, x + sx * 3, y)
            cairo_move_to(cr, x, y + sy * 1); cairo_line_to(cr, x, y + sy * 3)
        }
        cairo_stroke(cr)
        cairo_set_source_rgb(cr, 0, 0, 0)
    }

    /// Skips `count` slots (a sheet partly used already: `--start-at N` skips N − 1).
    public func skip(_ count: Int) {
        for _ in 0..<count {
            if slot == sheet.labelsPerPage, let cr { endPage(cr) }
            if slot == 0 { pageCount += 1 }
            slot += 1
        }
    }

    /// Finishes the PDF, syncs it and moves it to `path`.
    public func finish() throws {
        guard let cr, let surface else { return }
        paintAtlas(cr)
        cairo_destroy(cr)
        self.cr = nil
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        self.surface = nil
        guard status == CAIRO_STATUS_SUCCESS else {
            unlink(temporaryPath)
            throw RenderError.cairo(function: "cairo_surface_finish('\(temporaryPath)')", status: String(cString: cairo_status_to_string(status)))
        }
        do {
            try DurableFile.sync(path: temporaryPath)
            try DurableFile.linkNoReplace(from: temporaryPath, to: path)
        } catch {
            unlink(temporaryPath)
            throw error
        }
    }
}
