import Foundation
import TraceCore
import TraceRegistry
import TraceRender

/// What an issue job did.
public struct IssueSummary: Sendable {
    public let job: String
    public let mode: AllocationMode
    public let count: Int
    /// Distinct codes issued (item mode: `count`; batch and category: 1).
    public let codesIssued: Int
    public let firstCode: String
    public let lastCode: String
    public let firstDigitalLink: String
    public let registryPath: String
    public let pdfPath: String?
    public let pdfPages: Int
    public let spoolPath: String?
    public let spooledFiles: Int
    public let manifestPath: String?
    /// Pool sources: serials (GS1) or Ecodes left in the imported pool after this job.
    public var poolRemaining: UInt64? = nil
    /// Whether the job issued Ecodes (else GS1 codes).
    public var isEcode = false
}

/// Runs one issue job: validate everything, reserve and register codes, then render and deliver labels.
///
/// Order matters and is the contract: nothing is written before every input is validated; every code is in the
/// registry (synced) before any label carrying it exists; a failure after that is recorded in the registry.
public enum IssueJob {
    /// Codes registered and rendered per step: bounds memory for long jobs.
    static let chunkSize = 1000

    public static func run(_ request: IssueRequest, now: Date = Date()) throws -> IssueSummary {
        // 1. Validate the request and every input before writing anything.
        guard request.count >= 1 else {
            throw IssueError(field: "count", value: String(request.count), rule: "must be a whole number of labels, at least 1", id: "COUNT-RANGE")
        }
        for (field, value) in [("line", request.line), ("shift", request.shift)] {
            guard !value.isEmpty, value.utf8.count <= 40,
                  value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }) else {
                throw IssueError(field: field, value: value, rule: "must be 1-40 characters of A-Z a-z 0-9 . _ - (it names files)")
            }
        }
        try request.outputs.validate()
        let product = try request.product ?? ProductFile.load(path: request.productPath, today: request.today)
        let productDirectory = (request.productPath as NSString).deletingLastPathComponent
        let baseDirectory = productDirectory.isEmpty ? "." : productDirectory
        // Ecode products draw codes from a pool or a minted layout; GS1 products from their serial source.
        let ecode = try product.scheme.ecode.map { try EcodeGenerator(product: product, settings: $0, baseDirectory: baseDirectory) }
        if let ecode, request.mode == .item, ecode.namespace == nil, case .mint(let layout) = ecode.settings.source {
            throw IssueError(field: "code.ecode.md", value: layout.text,
                             rule: "item mode gives every unit its own code: the MD layout needs a {serial:N} counter (or use batch or category mode)")
        }
        let generator = request.mode == .item && ecode == nil ? try SerialGenerator(product: product, baseDirectory: baseDirectory) : nil
        // A count beyond the whole serial space can never be met, whatever the registry holds: refused here, before
        // the registry or its lock file is touched.
        if request.mode == .item, let capacity = generator?.maxCounter ?? ecode?.maxCounter, UInt64(request.count) > capacity {
            throw IssueError(field: "count", value: String(request.count),
                             rule: "is more than the \(capacity) codes this product's serial space holds at most (widen code.serial_width, or import a larger pool)", id: "COUNT-SERIAL-SPACE")
        }
        let longestLot = request.mode == .batch && ecode == nil ? product.lotFormat.map { $0.lot(date: product.productionDate, line: request.line, sequence: $0.maxSequence) } : nil
        let settings = try request.outputs.renderSettings(count: request.count)
        let productValues = LabelValues.product(product)
        let fonts = try LabelDelivery.fonts(request.outputs.font, template: settings.template, productValues: productValues)
        // The longest code this job can produce proves the layout: text fits, glyphs exist, the symbol fits.
        let sample = try ecode?.longestCode()
            ?? TraceCode.make(for: product, mode: request.mode, serial: try generator.map { try $0.serial(for: $0.maxCounter) }, lot: longestLot)
        try LabelDelivery.check(settings: settings, sample: sample, productValues: productValues, fonts: fonts)
        // Every output proven creatable before the first registry write; folders made here are taken back if the
        // registry then refuses the job before anything is appended.
        var preflight = OutputPreflight()
        try preflight.prepare(pdf: request.outputs.pdfPath, spool: request.outputs.spoolPath, registry: request.registryPath)
        let spool: SpoolDirectory?
        do { spool = try request.outputs.spoolPath.map { path throws(RenderError) in try SpoolDirectory(path: path) } } catch {
            preflight.undo()
            throw error
        }

        // 2. Register, then render, chunk by chunk, holding the registry lock so counters are never shared.
        let job = jobID(now: now)
        let registry = RegistryFile(path: request.registryPath)
        let timestamp = ISO8601DateFormatter().string(from: now)
        var appended = false
        defer { if !appended { preflight.undo() } }
        return try registry.withExclusiveAccess { writer in
            let gtin = product.gtin?.digits14 ?? ""
            let distinct = request.mode == .item ? request.count : 1
            var open = RegistryRecord(kind: .jobOpen, job: job)
            open.time = timestamp
            open.mode = request.mode
            open.line = request.line
            open.shift = request.shift
            open.operatorName = request.operatorName
            open.product = request.productPath
            open.gtin = product.gtin?.digits14
            // An Ecode job names its code source, so QA can tell products without a GTIN apart.
            open.ns = try ecode.map { e in try e.namespace ?? "ecode-fixed:\(e.code(for: 0).hri)" }
            open.lot = request.mode == .category ? nil : product.lot
            open.count = request.count
            open.template = settings.template.name
            open.pdf = request.outputs.pdfPath
            open.spool = request.outputs.spoolPath
            open.host = localHostName()
            open.pid = Int(ProcessInfo.processInfo.processIdentifier)
            let snapshot = ProductSnapshot(product: product)
            open.snapshot = snapshot.json
            open.digest = snapshot.sha256
            let registration = try ecode.map { try JobRegistration.open(open, mode: request.mode, count: request.count, ecode: $0, writer: &writer) }
                ?? JobRegistration.open(open, mode: request.mode, count: request.count, product: product,
                                        generator: generator, line: request.line, writer: &writer)
            appended = true

            var delivery: LabelDelivery?
            var issued = 0
            do {
                delivery = try LabelDelivery(job: job, title: "\(job) \(request.line) \(request.shift)", settings: settings,
                                             productValues: productValues, fonts: fonts, spool: spool)
                delivery?.progress = request.progress
                var batchCode: TraceCode?
                var start = 0
                while start < request.count {
                    let end = min(request.count, start + chunkSize)
                    // Register this chunk's codes (synced) before any label for them exists.
                    var codes: [TraceCode] = []
                    if request.mode == .item, ecode != nil {
                        codes = try registration.registerEcodes(start..<end, writer: &writer)
                        issued += codes.count
                    } else if request.mode == .item {
                        let items = try registration.registerItems(start..<end, writer: &writer)
                        issued += items.count
                        if request.outputs.pdfPath == nil && request.outputs.spoolPath == nil {
                            // Nothing to draw: the registry holds every code; only the summary needs the chunk's ends.
                            let first = try TraceCode.make(for: product, mode: .item, serial: items.serial(for: items.counters.lowerBound))
                            let last = try TraceCode.make(for: product, mode: .item, serial: items.serial(for: items.counters.upperBound))
                            codes = (0..<items.count).map { $0 == items.count - 1 ? last : first }
                        } else {
                            codes = try items.serials().map { try TraceCode.make(for: product, mode: .item, serial: $0) }
                        }
                    } else if batchCode == nil {
                        let code = try registration.sharedEcode() ?? TraceCode.make(for: product, mode: request.mode, serial: nil, lot: registration.lot)
                        try registration.registerShared(code, copies: request.count, writer: &writer)
                        issued += 1
                        batchCode = code
                    }
                    try delivery!.deliver((start..<end).map { i in (i, request.mode == .item ? codes[i - start] : batchCode!) })
                    start = end
                }
                let manifestPath = try delivery!.finish(line: request.line, shift: request.shift, gtin: gtin)
                let rendered = delivery!.rendered, spooled = delivery!.spooled
                var close = RegistryRecord(kind: .jobClose, job: job)
                close.time = ISO8601DateFormatter().string(from: Date())
                // A job without a PDF or a spool issued codes and made no label: say so, never "delivered".
                let printsNothing = request.outputs.pdfPath == nil && request.outputs.spoolPath == nil
                close.status = printsNothing ? .registered : .delivered
                close.labels = printsNothing ? 0 : rendered
                close.spooled = spooled
                close.pdf = request.outputs.pdfPath
                try writer.append([close])
                return IssueSummary(job: job, mode: request.mode, count: request.count, codesIssued: distinct,
                                    firstCode: delivery!.first?.hri ?? "", lastCode: delivery!.last?.hri ?? "",
                                    firstDigitalLink: delivery!.first?.digitalLink ?? "",
                                    registryPath: request.registryPath, pdfPath: request.outputs.pdfPath, pdfPages: delivery!.pdfPages,
                                    spoolPath: request.outputs.spoolPath, spooledFiles: spooled, manifestPath: manifestPath,
                                    poolRemaining: generator.flatMap { $0.remaining(afterReserved: writer.state.highestReserved[$0.namespace] ?? 0) }
                                        ?? ecode.flatMap { e in e.namespace.flatMap { e.remaining(afterReserved: writer.state.highestReserved[$0] ?? 0) } },
                                    isEcode: ecode != nil)
            } catch {
                delivery?.abandon() // removes the temporary PDF
                let spooled = delivery?.spooled ?? 0
                var close = RegistryRecord(kind: .jobClose, job: job)
                close.time = ISO8601DateFormatter().string(from: Date())
                close.status = .partlyDelivered
                close.labels = delivery?.rendered ?? 0
                close.spooled = spooled
                close.error = "\(error)"
                let released = registration.releases(afterIssuing: issued, reason: "job failed before these counters were issued: \(error)")
                try? writer.append(released + [close])
                throw IssueFailure(job: job, issued: issued, delivered: spooled, underlying: error)
            }
        }
    }

    /// The machine's host name from gethostname(2) (Foundation's `hostName` may wait on DNS on an offline line PC).
    static func localHostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `J` + UTC time + 4 random hex digits: unique, and job files sort in the order jobs started.
    static func jobID(now: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return "J\(f.string(from: now))-\(String(format: "%04x", UInt16.random(in: 0...UInt16.max)))"
    }
}
