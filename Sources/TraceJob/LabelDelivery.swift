import Foundation
import TraceCore
import TraceRegistry
import TraceRender

/// The rendering half of a job: turns trace codes into labels on a sheet PDF and/or 1-bit PNGs in a printer
/// spool, with a manifest written last.
///
/// `IssueJob` calls ``deliver(_:)`` once per registered chunk. A reprint builds one with the job's settings and
/// delivers exactly the codes that were not delivered; print positions (`index`) name the spool files, so a
/// reprint of positions 501…1000 of job J writes `J-000501.png`…, never overwriting what is there.
///
/// Delivery is pipelined one chunk deep: ``deliver(_:)`` hands the chunk to the delivery's own thread and returns, so
/// the caller can register the next chunk while this one renders (both cores busy). It first waits for the previous
/// chunk and rethrows its failure. ``waitUntilDelivered()`` and ``finish(line:shift:gtin:manifestName:)`` wait for
/// the last one.
///
/// Concurrency, checked by the compiler: the outputs (PDF writer, spool manifest, counts) belong to the delivery's
/// thread (``JobThread``) and are reached only through tasks run there; symbols are encoded on `threads` encoder
/// threads and PNGs drawn on `threads` renderer threads, each owning its ``LabelPainter`` (Pango is not thread-safe);
/// results come back through `Mutex`-guarded storage. Every thread that waits is one the job owns, never a pool
/// thread. Use a delivery from one thread (the job's); it is not `Sendable`.
public final class LabelDelivery {
    /// What the labels look like and where they go.
    public struct Settings: Sendable {
        /// The label design.
        public var template: LabelTemplate
        /// Where labels sit on PDF pages.
        public var sheet: SheetLayout
        /// One of the template's symbologies.
        public var symbology: Symbology
        /// Printer resolution of the PNGs: 203, 300 or 600.
        public var dpi: Int
        /// Sheet PDF to write (must not exist), if any.
        public var pdfPath: String?
        /// Spool directory for PNGs, if any (recorded; the open ``SpoolDirectory`` is passed to `init`).
        public var spoolPath: String?
        /// First slot to use on the first sheet, 1-based (`--start-at`).
        public var startAt: Int
        /// Outlines and crop marks on PDF labels (proofs).
        public var proofMarks: Bool
        /// How PDF symbols are drawn: one stencil mask per page (compact, default) or pure vector paths.
        public var pdfSymbols: PDFSymbolStyle
        /// Printer calibration, applied to PDF and PNG output.
        public var printer: PrinterProfile
        /// Digits in spool file numbers (names sort in print order).
        public var indexWidth: Int
        /// Threads rendering PNGs and encoding symbols.
        public var threads: Int

        /// Settings; only the template, sheet, symbology, dpi and outputs are required.
        public init(template: LabelTemplate, sheet: SheetLayout, symbology: Symbology, dpi: Int, pdfPath: String?, spoolPath: String?,
                    startAt: Int = 1, proofMarks: Bool = false, pdfSymbols: PDFSymbolStyle = .stencil, printer: PrinterProfile = .none,
                    indexWidth: Int = 6, threads: Int = 2) {
            self.pdfSymbols = pdfSymbols
            self.template = template
            self.sheet = sheet
            self.symbology = symbology
            self.dpi = dpi
            self.pdfPath = pdfPath
            self.spoolPath = spoolPath
            self.startAt = startAt
            self.proofMarks = proofMarks
            self.printer = printer
            self.indexWidth = indexWidth
            self.threads = threads
        }
    }

    /// One label to deliver: its 0-based print position in the job and its code.
    public typealias Label = (index: Int, code: TraceCode)

    /// The job id: names the spool files and the manifest.
    public let job: String
    /// What the labels look like and where they go.
    public let settings: Settings
    /// Called after each chunk with the number of labels done (for progress bars), on the delivery's thread.
    public var progress: (@Sendable (Int) -> Void)?
    private let thread: JobThread<DeliveryOutputs?>
    /// The failure of the chunk that failed, set on the delivery's thread until ``waitUntilDelivered()`` rethrows it.
    /// Outside the thread's owned value so that waiting for an idle delivery costs no round trip to its thread.
    private let failure = SignalledState<(any Error)?>(nil)

    /// Opens the outputs (the PDF under a temporary name). `spool` must already exist and be writable.
    public init(job: String, title: String, settings: Settings, productValues: [String: String], fonts: FontSet,
                spool: SpoolDirectory?) throws {
        self.job = job
        self.settings = settings
        thread = JobThread(name: "tracelabel.delivery") { nil }
        try thread.perform { (outputs: inout DeliveryOutputs?) throws in
            outputs = try DeliveryOutputs(job: job, title: title, settings: settings, productValues: productValues, fonts: fonts, spool: spool)
        }
    }

    /// A job's fonts: `font` cut down to the characters `template` can draw with `productValues`
    /// (``FontSet/init(fontFiles:family:covering:)``). The PDF embeds them: with the whole Noto CJK faces, Cairo 1.16
    /// embedded their CFF subroutines whole, 0.96 MB of a 200-label PDF and half of a short job's time. Loading the
    /// subsets also costs less than loading the whole faces, so the PNGs use them too.
    public static func fonts(_ font: FontChoice, template: LabelTemplate, productValues: [String: String]) throws(FontError) -> FontSet {
        try FontSet(fontFiles: font.files, family: font.family, covering: template.characters(filledWith: productValues))
    }

    /// Proves before anything is written that `sample` (the longest code of the job) lays out: every glyph is in
    /// the font, every text fits, the symbol encodes and fits at the printer's resolution and as vectors.
    public static func check(settings: Settings, sample: TraceCode, productValues: [String: String], fonts: FontSet) throws {
        let painter = LabelPainter(template: settings.template, fonts: fonts)
        let known = Set(productValues.keys).union(LabelValues.codePlaceholders)
        for name in settings.template.placeholders where !known.contains(name) {
            throw LayoutError.unknownPlaceholder(name, template: settings.template.name)
        }
        guard settings.template.symbol.symbologies.contains(settings.symbology) else {
            throw TemplateError(file: settings.template.name, field: "symbol.symbologies", value: settings.symbology.rawValue,
                                rule: "this template allows \(settings.template.symbol.symbologies.map(\.rawValue).joined(separator: ", "))")
        }
        let symbol = try settings.symbology.encode(sample, box: settings.template.symbol)
        _ = try painter.fitTexts(values: LabelValues.with(code: sample, product: productValues))
        _ = try SymbolPlacement(symbol: symbol, box: settings.template.symbol, dotsPerMM: Double(settings.dpi) / 25.4)
        _ = try SymbolPlacement(symbol: symbol, box: settings.template.symbol, dotsPerMM: nil)
        let slots = settings.sheet.labelsPerPage
        guard settings.startAt >= 1, settings.startAt <= slots else {
            throw IssueError(field: "start_at", value: String(settings.startAt),
                             rule: "must be a slot from 1 to \(slots) of sheet '\(settings.sheet.name)'")
        }
    }

    /// Starts rendering and delivering `labels` (in print order) in the background, after the previous chunk is done.
    /// - Throws: the previous chunk's failure; ``spooled`` and ``rendered`` then say how far delivery got.
    public func deliver(_ labels: [Label]) throws {
        try waitUntilDelivered()
        let progress = self.progress, failure = self.failure
        thread.run { outputs in
            do { try outputs?.deliver(labels, progress: progress) } catch { failure.update { $0 = error } }
        }
    }

    /// Waits until every chunk handed to ``deliver(_:)`` is delivered.
    /// - Throws: the failure of the chunk that failed.
    public func waitUntilDelivered() throws {
        thread.waitUntilIdle()
        if let error = failure.update({ (failed: inout (any Error)?) -> (any Error)? in
            defer { failed = nil }
            return failed
        }) { throw error }
    }

    /// Labels completely delivered to every output so far (waits for the chunk in flight).
    public var rendered: Int { thread.perform { $0?.rendered ?? 0 } }
    /// PNG files in the spool so far (waits for the chunk in flight).
    public var spooled: Int { thread.perform { $0?.spooled ?? 0 } }
    /// First code delivered.
    public var first: TraceCode? { thread.perform { $0?.first } }
    /// Last code handed to ``deliver(_:)``.
    public var last: TraceCode? { thread.perform { $0?.last } }
    /// Pages of the PDF so far (call after ``finish(line:shift:gtin:manifestName:)`` or ``waitUntilDelivered()``).
    public var pdfPages: Int { thread.perform { $0?.pdfPages ?? 0 } }

    /// Spool file name of print position `index` (0-based).
    public func fileName(_ index: Int) -> String {
        DeliveryOutputs.fileName(job: job, index: index, width: settings.indexWidth)
    }

    /// Finishes the PDF and writes the spool manifest (last, so a daemon waiting for it sees every label).
    /// - Parameter manifestName: default `<job>.manifest.json`; a reprint names its own (e.g.
    ///   `<job>-reprint-1.manifest.json`), listing only the labels it delivered.
    /// - Returns: the manifest's path, if there is a spool.
    public func finish(line: String, shift: String, gtin: String, manifestName: String? = nil) throws -> String? {
        try waitUntilDelivered()
        return try thread.perform { (outputs: inout DeliveryOutputs?) throws -> String? in
            try outputs?.finish(line: line, shift: shift, gtin: gtin, manifestName: manifestName)
        }
    }

    /// Gives up: removes the temporary PDF. Spooled files stay (they are complete); no manifest is written.
    public func abandon() {
        thread.perform { outputs in outputs?.abandon() }
    }
}
