import CCairo
import Foundation

/// Writes labels onto sheets of a PDF, page by page, so memory stays bounded however long the job.
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
        if slot == sheet.labelsPerPage {
            cairo_show_page(cr)
            slot = 0
        }
        if slot == 0 { pageCount += 1 }
        let origin = sheet.origin(ofSlot: slot)
        cairo_save(cr)
        cairo_scale(cr, Self.pointsPerMM, Self.pointsPerMM)
        cairo_translate(cr, origin.x, origin.y)
        try painter.draw(on: cr, symbol: symbol, texts: texts, dotsPerMM: nil)
        cairo_restore(cr)
        slot += 1
        labelCount += 1
    }

    /// Skips `count` slots (a sheet partly used already).
    public func skip(_ count: Int) {
        for _ in 0..<count {
            if slot == sheet.labelsPerPage, let cr { cairo_show_page(cr); slot = 0 }
            if slot == 0 { pageCount += 1 }
            slot += 1
        }
    }

    /// Finishes the PDF, syncs it and moves it to `path`.
    public func finish() throws {
        guard let cr, let surface else { return }
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
