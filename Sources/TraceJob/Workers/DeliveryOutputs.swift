import TraceCore
import TraceRegistry
import TraceRender

/// The open outputs of one ``LabelDelivery`` and what has been delivered to them: made, used and released on the
/// delivery's own thread only (it is that ``JobThread``'s owned value), so none of it is shared.
final class DeliveryOutputs {
    let job: String
    let settings: LabelDelivery.Settings
    let productValues: [String: String]
    let spool: SpoolDirectory?
    private var pdf: PDFSheetWriter?
    private var manifest: SpoolManifest.Writer?
    /// The job's symbol encoders and PNG renderers; their threads end with this delivery.
    private let encoders: [JobThread<Void>]
    private let renderers: PNGRenderers?
    private var lastPNG: (code: TraceCode, png: RenderedPNG)?
    private var lastSymbol: (code: TraceCode, symbol: SymbolMatrix)?
    /// Labels completely delivered to every output so far.
    private(set) var rendered = 0
    /// PNG files in the spool so far.
    private(set) var spooled = 0
    /// First code delivered.
    private(set) var first: TraceCode?
    /// Last code handed to ``deliver(_:progress:)``.
    private(set) var last: TraceCode?

    /// Opens the outputs (the PDF under a temporary name) and starts the job's worker threads.
    init(job: String, title: String, settings: LabelDelivery.Settings, productValues: [String: String], fonts: FontSet,
         spool: SpoolDirectory?) throws {
        self.job = job
        self.settings = settings
        self.productValues = productValues
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
            renderers = PNGRenderers(count: settings.threads, template: settings.template, fonts: fonts, dpi: settings.dpi)
        } else {
            renderers = nil
        }
        encoders = settings.pdfPath == nil && spool == nil ? []
            : (0..<max(1, settings.threads)).map { n in JobThread(name: "tracelabel.symbols-\(n)") {} }
    }

    /// Delivers `labels`, then reports their number to `progress`.
    func deliver(_ labels: [LabelDelivery.Label], progress: (@Sendable (Int) -> Void)?) throws {
        try deliverNow(labels)
        progress?(labels.count)
    }

    /// Renders and delivers `labels`: PNGs to the spool in one synced batch, then the PDF pages.
    private func deliverNow(_ labels: [LabelDelivery.Label]) throws {
        guard !labels.isEmpty else { return }
        if first == nil { first = labels.first?.code }
        last = labels.last?.code
        // A job with no PDF and no spool only registers codes: nothing to draw.
        guard spool != nil || pdf != nil else {
            rendered += labels.count
            return
        }
        let symbology = settings.symbology, box = settings.template.symbol
        let symbols = SymbolEncoding(codes: labels.map(\.code), previous: lastSymbol, encoders: encoders) { code throws(SymbolError) in
            try symbology.encode(code, box: box)
        }
        if let spool, let renderers {
            let pngs = try renderPNGs(labels, symbols: symbols, renderers: renderers)
            let files = labels.enumerated().map { (i, label) in
                (name: Self.fileName(job: job, index: label.index, width: settings.indexWidth), bytes: pngs[i].bytes)
            }
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
    }

    /// PNGs of `labels` in print order; a code repeated (batch and category modes) is rendered once.
    private func renderPNGs(_ labels: [LabelDelivery.Label], symbols: SymbolEncoding, renderers: PNGRenderers) throws -> [RenderedPNG] {
        var pngs = [RenderedPNG?](repeating: nil, count: labels.count)
        var toRender: [Int] = []
        for i in labels.indices {
            if let lastPNG, lastPNG.code == labels[i].code { pngs[i] = lastPNG.png } else if i > 0, labels[i].code == labels[i - 1].code {
                continue
            } else { toRender.append(i) }
        }
        let drawn = try renderers.render(toRender, of: labels, symbols: symbols, productValues: productValues,
                                         offset: settings.printer.dots(dpi: settings.dpi))
        for (k, i) in toRender.enumerated() { pngs[i] = drawn[k] }
        for i in labels.indices where pngs[i] == nil { pngs[i] = pngs[i - 1] }
        let rendered = pngs.map { $0! }
        if let l = labels.indices.last { lastPNG = (labels[l].code, rendered[l]) }
        return rendered
    }

    /// Finishes the PDF and writes the spool manifest; returns its path, if there is a spool.
    func finish(line: String, shift: String, gtin: String, manifestName: String?) throws -> String? {
        try pdf?.finish()
        guard let manifest else { return nil }
        return try manifest.deliver(name: manifestName ?? "\(job).manifest.json", job: job, line: line, shift: shift, gtin: gtin,
                                    dpi: settings.dpi, template: settings.template.name)
    }

    /// Pages of the PDF so far.
    var pdfPages: Int { pdf?.pageCount ?? 0 }

    /// Removes the temporary PDF and forgets the manifest.
    func abandon() {
        pdf = nil
        manifest?.discard()
    }

    /// Spool file name of print position `index` (0-based) of `job`, its number `width` digits at least.
    static func fileName(job: String, index: Int, width: Int) -> String {
        let n = String(index + 1)
        return "\(job)-\(String(repeating: "0", count: max(0, width - n.count)))\(n).png"
    }
}
