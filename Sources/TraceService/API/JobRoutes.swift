import Foundation
import Hummingbird
import NIOCore
import TraceCore
import TraceJob
import TraceRender

/// `POST /api/v1/jobs`, `GET /api/v1/jobs/{id}`, `GET /api/v1/jobs/{id}/pdf`.
struct JobRoutes: Sendable {
    let core: ServiceCore

    func add(to group: RouterGroup<BasicRequestContext>) {
        group.post("jobs") { request, _ in try await self.create(request) }
        group.get("jobs/{id}") { request, context in try self.status(request, id: context.parameters.require("id")) }
        group.get("jobs/{id}/pdf") { request, context in try await self.pdf(request, id: context.parameters.require("id")) }
    }

    /// The label choices shared by issue and reprint jobs: template, symbology, outputs.
    struct Outputs {
        let template: LabelTemplate?
        let sheet: SheetLayout?
        let symbology: Symbology?
        let pdf: Bool
        let printer: String?
    }

    func outputs(_ body: JSONBody) throws -> Outputs {
        let library = try TemplateLibrary.standard()
        var design: LabelTemplate?
        if let name = try body.string("template", maxLength: 100) {
            guard PrinterName.isValid(name), !name.hasSuffix(".yaml") else {
                throw APIError.invalid("template", name, "a built-in template name (GET none: see `tracelabel template list`), never a path")
            }
            do { design = try library.template(name) } catch { throw APIError.invalid("template", name, "no such built-in template") }
        }
        var symbology: Symbology?
        if let s = try body.string("symbology", maxLength: 40) {
            guard let v = Symbology(rawValue: s) else {
                throw APIError.invalid("symbology", s, "must be one of \(Symbology.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            symbology = v
        }
        var pdf = false
        var printer: String?
        if let o = try body.nested("outputs") {
            try o.only(["pdf", "printer"])
            pdf = try o.bool("pdf") ?? false
            if let p = try o.string("printer", maxLength: 100) {
                guard core.config.printers[p] != nil else {
                    throw APIError.invalid("outputs.printer", p, "no such printer; configured: \(core.config.printers.keys.sorted().joined(separator: ", "))")
                }
                printer = p
            }
        }
        return Outputs(template: design, sheet: nil, symbology: symbology, pdf: pdf, printer: printer)
    }

    func create(_ request: Request) async throws -> Response {
        let core = self.core
        let token = try core.access.require(request, roles: [.line], endpoint: "POST /api/v1/jobs")
        let body = try await JSONBody.read(request, limit: core.config.maxBodyBytes)
        try body.only(["product", "mode", "count", "line", "shift", "template", "symbology", "outputs"])
        let product = try body.requiredString("product", maxLength: 100)
        let productPath = try core.catalog.path(of: product)
        let line = try body.requiredString("line", maxLength: 64)
        try core.access.check(token, products: [product], line: line)
        let shift = try body.requiredString("shift", maxLength: 64)
        guard let count = try body.integer("count") else { throw APIError.invalid("count", "", "is required") }
        guard count >= 1 else { throw APIError.invalid("count", String(count), "must be at least 1") }
        guard count <= core.config.maxCount else {
            throw APIError.invalid("count", String(count), "must be at most \(core.config.maxCount) labels per job (limits.max_count)")
        }
        let today = CalendarDate.localToday
        let spec: ProductSpec
        do { spec = try ProductFile.load(path: productPath, today: today) } catch { throw APIError.from(error) }
        var mode = spec.defaultMode ?? .item
        if let m = try body.string("mode", maxLength: 20) {
            guard let v = AllocationMode(rawValue: m) else {
                throw APIError.invalid("mode", m, "must be one of \(AllocationMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            mode = v
        }
        var out = try outputs(body)
        if out.template == nil {
            out = Outputs(template: try TemplateLibrary.standardTemplate(spec.labelTemplate), sheet: nil,
                          symbology: out.symbology, pdf: out.pdf, printer: out.printer)
        }
        let id = Self.newID()
        try FileManager.default.createDirectory(atPath: core.config.jobsDirectory, withIntermediateDirectories: true)
        let labelOutputs = LabelOutputs(pdfPath: out.pdf ? core.jobs.pdfPath(id) : nil,
                                        spoolPath: out.printer.flatMap { core.config.printers[$0] }, template: out.template,
                                        symbology: out.symbology)
        var issue = IssueRequest(productPath: productPath, mode: mode, count: count, line: line, shift: shift, operatorName: token.name,
                                 registryPath: core.config.registryPath, outputs: labelOutputs, today: today)
        let jobs = core.jobs
        issue.progress = { n in jobs.advance(id, by: n) }
        let record = JobRecord(id: id, kind: "issue", product: product, line: line, count: count, pdf: out.pdf, printer: out.printer,
                               operatorName: token.name, created: ISO8601DateFormatter().string(from: Date()))
        try core.jobs.start(record)
        core.jobsRunning.record(core.jobs.running)
        core.logger.info("job started", metadata: ["job": "\(id)", "product": "\(product)", "count": "\(count)", "operator": "\(token.name)"])
        let work = issue
        Task {
            do {
                let summary = try await BackgroundWork.run { try IssueJob.run(work) }
                core.jobs.finish(id) { r in
                    r.status = .succeeded
                    r.done = summary.count
                    r.registryJob = summary.job
                    r.codesIssued = summary.codesIssued
                    r.firstCode = summary.firstCode
                    r.lastCode = summary.lastCode
                    r.firstLink = summary.firstDigitalLink
                    r.spooledFiles = summary.spoolPath == nil ? nil : summary.spooledFiles
                }
                core.codesIssued.increment(by: summary.codesIssued)
                core.logger.info("job finished", metadata: ["job": "\(id)", "registry_job": "\(summary.job)", "codes": "\(summary.codesIssued)"])
            } catch {
                let e = APIError.from(error)
                core.jobs.finish(id) { r in
                    r.status = .failed
                    r.error = e.inner
                }
                core.logger.error("job failed", metadata: ["job": "\(id)", "error": "\(error)"])
            }
            core.jobsRunning.record(core.jobs.running)
        }
        return try Self.json(core.jobs.job(id), status: .accepted, location: "/api/v1/jobs/\(id)")
    }

    func status(_ request: Request, id: String) throws -> Response {
        let token = try core.access.require(request, roles: [.line, .qa], endpoint: "GET /api/v1/jobs/{id}")
        guard let job = core.jobs.job(id) else { throw APIError.notFound("id", id, "no such job") }
        try core.access.check(token, products: [job.product], line: job.line)
        return try Self.json(job)
    }

    func pdf(_ request: Request, id: String) async throws -> Response {
        let token = try core.access.require(request, roles: [.line, .qa], endpoint: "GET /api/v1/jobs/{id}/pdf")
        guard let job = core.jobs.job(id) else { throw APIError.notFound("id", id, "no such job") }
        try core.access.check(token, products: [job.product], line: job.line)
        guard job.pdf else { throw APIError.notFound("id", id, "this job has no PDF output (outputs.pdf was not true)") }
        guard job.status == .succeeded else {
            throw APIError(.conflict, id: "job-not-finished", field: "id", value: id, message: "the job is \(job.status.rawValue): its PDF is not ready")
        }
        guard let data = FileManager.default.contents(atPath: core.jobs.pdfPath(id)) else {
            throw APIError.notFound("id", id, "the job's PDF is no longer kept")
        }
        return Response(status: .ok, headers: [.contentType: "application/pdf", .contentDisposition: "attachment; filename=\"\(id).pdf\""],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func newID() -> String {
        var g = SystemRandomNumberGenerator()
        return "j-" + (0..<8).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &g)) }.joined()
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, location: String? = nil) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let location { headers[.location] = location }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}
