import Dispatch
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
/// PNGs are rendered on `threads` threads, each with its own ``LabelPainter`` (Pango is not thread-safe);
/// the static layer of the label is laid out once per thread and job.
///
/// Delivery is pipelined one chunk deep: ``deliver(_:)`` hands the chunk to a background worker and returns, so the
/// caller can register the next chunk while this one renders (both cores busy). It first waits for the previous
/// chunk and rethrows its failure. ``waitUntilDelivered()`` and ``finish(line:shift:gtin:)`` wait for the last one.
///
/// Concurrency: the mutable state is touched only by the worker while a chunk is in flight, and by the caller only
/// after waiting for it (a `DispatchGroup`), hence `@unchecked Sendable`.
public final class LabelDelivery: @unchecked Sendable {
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
    let productValues: [String: String]
    let fonts: FontSet
    let spool: SpoolDirectory?
    private var painters: [RasterLabelRenderer] = []
    private var pdf: PDFSheetWriter?
    private var lastPNG: (code: TraceCode, png: RenderedPNG)?
    private var lastSymbol: (code: TraceCode, symbol: SymbolMatrix)?
    private var manifest: SpoolManifest.Writer?
    /// Labels completely delivered to every output so far.
    public private(set) var rendered = 0
    /// PNG files in the spool so far.
    public private(set) var spooled = 0
    /// First and last code delivered.
    public private(set) var first: TraceCode?
    /// Last code handed to ``deliver(_:)``.
    public private(set) var last: TraceCode?
    /// Called after each chunk with the number of labels done (for progress bars).
    public var progress: (@Sendable (Int) -> Void)?
    private let worker = DispatchQueue(label: "tracelabel.label-delivery")
    private let inFlight = DispatchGroup()
    private var failure: (any Error)?

    /// Opens the outputs (the PDF under a temporary name). `spool` must already exist and be writable.
    public init(job: String, title: String, settings: Settings, productValues: [String: String], fonts: FontSet,
                spool: SpoolDirectory?) throws {
        self.job = job
        self.settings = settings
        self.productValues = productValues
        self.fonts = fonts
        self.spool = spool
        if let path = settings.pdfPath {
            let writer = try PDFSheetWriter(path: path, sheet: settings.sheet, painter: LabelPainter(template: settings.template, fonts: fonts), title: title)
            writer.proofMarks = settings.proofMarks
            writer.symbolStyle = settings.pdfSymbols
            writer.offset = (settings.printer.offsetX, settings.printer.offsetY)
            writer.skip(settings.startAt - 1)
            pdf = writer
        }
        if let spool {
            manifest = try SpoolManifest.Writer(spool: spool, job: job)
            painters = (0..<max(1, settings.threads)).map { _ in
                RasterLabelRenderer(painter: LabelPainter(template: settings.template, fonts: fonts), dpi: settings.dpi)
            }
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
        inFlight.enter()
        worker.async { [self] in
            defer { inFlight.leave() }
            do { try deliverNow(labels) } catch { failure = error }
        }
    }

    /// Waits until every chunk handed to ``deliver(_:)`` is delivered.
    /// - Throws: the failure of the chunk that failed.
    public func waitUntilDelivered() throws {
        inFlight.wait()
        if let failure {
            self.failure = nil
            throw failure
        }
    }

    /// Renders and delivers `labels`: PNGs to the spool in one synced batch, then the PDF pages.
    func deliverNow(_ labels: [Label]) throws {
        guard !labels.isEmpty else { return }
        if first == nil { first = labels.first?.code }
        last = labels.last?.code
        // A job with no PDF and no spool only registers codes: nothing to draw.
        guard spool != nil || pdf != nil else {
            rendered += labels.count
            progress?(labels.count)
            return
        }
        let symbology = settings.symbology, box = settings.template.symbol
        let symbols = SymbolEncoding(codes: labels.map(\.code), previous: lastSymbol, threads: settings.threads) { code throws(SymbolError) in
            try symbology.encode(code, box: box)
        }
        if let spool {
            let pngs = try renderPNGs(labels, symbols: symbols)
            let files = labels.enumerated().map { (i, label) in (name: fileName(label.index), bytes: pngs[i].bytes) }
            var delivered = 0
            defer { spooled += delivered }
            try spool.deliver(batch: files, delivered: &delivered)
            // Only a job whose every label arrived gets a manifest, so entries are written once the batch is in.
            try manifest?.append(labels.indices.map { i in
                SpoolManifest.Entry(file: files[i].name, code: labels[i].code.hri, digitalLink: labels[i].code.digitalLink,
                                    sha256: pngs[i].sha256, bytes: pngs[i].bytes.count)
            })
        }
        if let pdf {
            for (i, label) in labels.enumerated() {
                try pdf.add(symbol: try symbols.symbol(i), values: LabelValues.with(code: label.code, product: productValues))
            }
        }
        lastSymbol = (labels[labels.count - 1].code, try symbols.symbol(labels.count - 1))
        rendered += labels.count
        progress?(labels.count)
    }

    /// Spool file name of print position `index` (0-based).
    public func fileName(_ index: Int) -> String {
        let n = String(index + 1)
        return "\(job)-\(String(repeating: "0", count: max(0, settings.indexWidth - n.count)))\(n).png"
    }

    /// A label's PNG and the hex SHA-256 the manifest records for it.
    struct RenderedPNG {
        let bytes: [UInt8]
        let sha256: String
    }

    /// PNG bytes and their SHA-256 per label, both made on the painters' threads (hashed there, not one after the
    /// other while the spool is written); a code repeated (batch and category modes) is rendered once.
    private func renderPNGs(_ labels: [Label], symbols: SymbolEncoding) throws -> [RenderedPNG] {
        var pngs = [RenderedPNG?](repeating: nil, count: labels.count)
        var toRender: [Int] = []
        for i in labels.indices {
            if let lastPNG, lastPNG.code == labels[i].code { pngs[i] = lastPNG.png } else if i > 0, labels[i].code == labels[i - 1].code {
                continue
            } else { toRender.append(i) }
        }
        let unique = toRender
        let offset = settings.printer.dots(dpi: settings.dpi)
        let values = productValues
        // Each worker thread uses only its own renderer; the results buffer is written at disjoint indices.
        nonisolated(unsafe) let workers = painters
        let results = UnsafeMutableBufferPointer<Result<RenderedPNG, any Error>?>.allocate(capacity: unique.count)
        results.initialize(repeating: nil)
        // deallocate() alone would leak every result (a symbol's modules, a PNG's bytes): deinitialize first.
        defer {
            _ = results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let out = results
        let next = WorkCounter()
        let work: @Sendable (Int) -> Void = { worker in
            while let range = next.take(upTo: unique.count) {
                for k in range {
                    let i = unique[k]
                    out[k] = Result {
                        // Each label starts as soon as its symbol is encoded: no barrier between encoding and drawing.
                        let png = try workers[worker].renderPNG(symbol: try symbols.symbol(i),
                                                                values: LabelValues.with(code: labels[i].code, product: values), offset: offset)
                        return RenderedPNG(bytes: png, sha256: RegistryFile.hexSHA256(png))
                    }
                }
            }
        }
        if workers.count > 1 && unique.count > 1 {
            DispatchQueue.concurrentPerform(iterations: workers.count, execute: work)
        } else { work(0) }
        for (k, i) in unique.enumerated() { pngs[i] = try out[k]!.get() }
        for i in labels.indices where pngs[i] == nil { pngs[i] = pngs[i - 1] }
        let rendered = pngs.map { $0! }
        if let l = labels.indices.last { lastPNG = (labels[l].code, rendered[l]) }
        return rendered
    }

    /// Finishes the PDF and writes the spool manifest (last, so a daemon waiting for it sees every label).
    /// - Parameter manifestName: default `<job>.manifest.json`; a reprint names its own (e.g.
    ///   `<job>-reprint-1.manifest.json`), listing only the labels it delivered.
    /// - Returns: the manifest's path, if there is a spool.
    public func finish(line: String, shift: String, gtin: String, manifestName: String? = nil) throws -> String? {
        try waitUntilDelivered()
        try pdf?.finish()
        guard let manifest else { return nil }
        return try manifest.deliver(name: manifestName ?? "\(job).manifest.json", job: job, line: line, shift: shift, gtin: gtin,
                                    dpi: settings.dpi, template: settings.template.name)
    }

    /// Pages of the PDF so far (call after ``finish(line:shift:gtin:)`` or ``waitUntilDelivered()``).
    public var pdfPages: Int { pdf?.pageCount ?? 0 }

    /// Gives up: removes the temporary PDF. Spooled files stay (they are complete); no manifest is written.
    public func abandon() {
        inFlight.wait()
        pdf = nil
        manifest?.discard()
    }
}
