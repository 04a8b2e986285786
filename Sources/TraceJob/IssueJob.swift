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

        // 2. Register, then render, chunk by chunk. The registry lock is held only to reserve and to append a chunk of
        // records, never while rendering, so lines sharing a registry print at once; the job's lease tells other
        // writers between its appends that it is alive (a dead job's counters are released by the next writer).
        let job = jobID(now: now)
        let registry = RegistryFile(path: request.registryPath)
        let timestamp = ISO8601DateFormatter().string(from: now)
        let gtin = product.gtin?.digits14 ?? ""
        let distinct = request.mode == .item ? request.count : 1
        var appended = false
        defer { if !appended { preflight.undo() } }
        var issued = 0
        let (registration, lease, sharedCode, opened) = try registry.withExclusiveAccess { writer in
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
            // The lease before the job-open: no writer may see this job open without it.
            let lease = try JobLease(job: job, registry: registry)
            var opened: JobRegistration?
            do {
                let registration = try ecode.map { try JobRegistration.open(open, mode: request.mode, count: request.count, ecode: $0, writer: &writer) }
                    ?? JobRegistration.open(open, mode: request.mode, count: request.count, product: product,
                                            generator: generator, line: request.line, writer: &writer)
                opened = registration
                appended = true
                // A batch or category job registers its one code in the same hold as its open: a category job opening
                // meanwhile must find it (it prints that code instead of registering another).
                var shared: TraceCode?
                if request.mode != .item {
                    let code = try registration.sharedEcode() ?? TraceCode.make(for: product, mode: request.mode, serial: nil, lot: registration.lot)
                    try registration.registerShared(code, copies: request.count, writer: &writer)
                    issued = 1
                    shared = code
                }
                return (registration, lease, shared, writer.resumePoint)
            } catch {
                defer { lease.end() }
                guard let opened else { throw error }
                try? writer.append(failureRecords(job: job, registration: opened, issued: issued, rendered: 0, spooled: 0, error: error))
                throw IssueFailure(job: job, issued: issued, delivered: 0, underlying: error)
            }
        }
        // Where this job last left the registry: each later hold reads only what other writers appended since.
        var resume = opened

        var delivery: LabelDelivery?
        do {
            delivery = try LabelDelivery(job: job, title: "\(job) \(request.line) \(request.shift)", settings: settings,
                                         productValues: productValues, fonts: fonts, spool: spool)
            delivery?.progress = request.progress
            var start = 0
            while start < request.count {
                let end = min(request.count, start + chunkSize)
                // Register this chunk's codes (synced) before any label for them exists.
                var codes: [TraceCode] = []
                if request.mode == .item {
                    codes = try registry.withExclusiveAccess(creating: false, resuming: resume) { writer in
                        defer { resume = writer.resumePoint }
                        if ecode != nil {
                            let codes = try registration.registerEcodes(start..<end, writer: &writer)
                            issued += codes.count
                            return codes
                        }
                        let items = try registration.registerItems(start..<end, writer: &writer)
                        issued += items.count
                        if request.outputs.pdfPath == nil && request.outputs.spoolPath == nil {
                            // Nothing to draw: the registry holds every code; only the summary needs the chunk's ends.
                            let first = try TraceCode.make(for: product, mode: .item, serial: items.serial(for: items.counters.lowerBound))
                            let last = try TraceCode.make(for: product, mode: .item, serial: items.serial(for: items.counters.upperBound))
                            return (0..<items.count).map { $0 == items.count - 1 ? last : first }
                        }
                        return try items.serials().map { try TraceCode.make(for: product, mode: .item, serial: $0) }
                    }
                }
                try delivery!.deliver((start..<end).map { i in (i, request.mode == .item ? codes[i - start] : sharedCode!) })
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
            let poolRemaining = try registry.withExclusiveAccess(creating: false, resuming: resume) { writer in
                try writer.append([close])
                lease.end()
                return generator.flatMap { $0.remaining(afterReserved: writer.state.highestReserved[$0.namespace] ?? 0) }
                    ?? ecode.flatMap { e in e.namespace.flatMap { e.remaining(afterReserved: writer.state.highestReserved[$0] ?? 0) } }
            }
            return IssueSummary(job: job, mode: request.mode, count: request.count, codesIssued: distinct,
                                firstCode: delivery!.first?.hri ?? "", lastCode: delivery!.last?.hri ?? "",
                                firstDigitalLink: delivery!.first?.digitalLink ?? "",
                                registryPath: request.registryPath, pdfPath: request.outputs.pdfPath, pdfPages: delivery!.pdfPages,
                                spoolPath: request.outputs.spoolPath, spooledFiles: spooled, manifestPath: manifestPath,
                                poolRemaining: poolRemaining, isEcode: ecode != nil)
        } catch {
            delivery?.abandon() // removes the temporary PDF
            let spooled = delivery?.spooled ?? 0
            let records = failureRecords(job: job, registration: registration, issued: issued, rendered: delivery?.rendered ?? 0,
                                         spooled: spooled, error: error)
            // If this append fails too (a poisoned registry, a full disk), the job stays open with its lease dropped: the
            // next writer closes it `interrupted` and releases its counters.
            try? registry.withExclusiveAccess(creating: false, resuming: resume) { writer in
                try writer.append(records)
                lease.end()
            }
            lease.end()
            throw IssueFailure(job: job, issued: issued, delivered: spooled, underlying: error)
        }
    }

    /// The records closing a job that failed after its open: releases of the counters it did not issue, then its
    /// `job-close` (partly delivered, with the error), appended together.
    static func failureRecords(job: String, registration: JobRegistration, issued: Int, rendered: Int, spooled: Int,
                               error: any Error) -> [RegistryRecord] {
        var close = RegistryRecord(kind: .jobClose, job: job)
        close.time = ISO8601DateFormatter().string(from: Date())
        close.status = .partlyDelivered
        close.labels = rendered
        close.spooled = spooled
        close.error = "\(error)"
        return registration.releases(afterIssuing: issued, reason: "job failed before these counters were issued: \(error)") + [close]
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
