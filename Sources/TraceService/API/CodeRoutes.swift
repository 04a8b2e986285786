import Foundation
import Hummingbird
import TraceCore
import TraceJob
import TraceRegistry
import TraceRender

/// `GET /api/v1/codes/{code}`, `POST /api/v1/codes/{code}/void`, `POST /api/v1/codes/{code}/reprint`.
struct CodeRoutes: Sendable {
    let core: ServiceCore
    let jobs: JobRoutes

    func add(to group: RouterGroup<BasicRequestContext>) {
        group.get("codes/{code}") { request, context in try self.lookup(request, code: Self.code(context)) }
        group.post("codes/{code}/void") { request, context in try await self.void(request, code: Self.code(context)) }
        group.post("codes/{code}/reprint") { request, context in try await self.reprint(request, code: Self.code(context)) }
    }

    static func code(_ context: BasicRequestContext) throws -> String {
        let raw = try context.parameters.require("code")
        return raw.removingPercentEncoding ?? raw
    }

    /// What the registry says about a code, as `GET /api/v1/codes/{code}` shows it.
    struct Lookup: Encodable {
        let code: String
        let status: String
        let job: String
        let counter: UInt64?
        let namespace: String?
        let voided: String?
        let reprints: Int
        let gtin: String?
        let mode: String?
        let line: String?
        let shift: String?
        let lot: String?
        let issued: String?
        let operatorName: String?
        let products: [String]

        enum CodingKeys: String, CodingKey {
            case code, status, job, counter, namespace, voided, reprints, gtin, mode, line, shift, lot, issued, operatorName = "operator", products
        }
    }

    /// The code's registry entry and product names, after checking the token may see it.
    func find(_ request: Request, code: String, roles: Set<Role>, endpoint: String) throws -> (TokenEntry, RegistryLedger.Code, RegistryLedger.Job?, [String]) {
        let token = try core.access.require(request, roles: roles, endpoint: endpoint)
        guard ScannedCode.identity(of: code) != nil else {
            throw APIError.invalid("code", code, "is not a trace code (GS1 HRI, element string or Digital Link, or an Ecode bare or as its URL)")
        }
        guard let (entry, job) = try core.directory.record(of: code) else {
            throw APIError.notFound("code", code, "this registry never issued this code")
        }
        let products = core.catalog.products(of: job, today: .localToday)
        try core.access.check(token, products: products, line: job?.line)
        return (token, entry, job, products)
    }

    func lookup(_ request: Request, code: String) throws -> Response {
        let (_, entry, job, products) = try find(request, code: code, roles: [.line, .qa, .seller], endpoint: "GET /api/v1/codes/{code}")
        let view = try core.directory.resolve(code, countScan: false).view
        return try JobRoutes.json(Lookup(code: entry.code, status: view.status.rawValue, job: entry.job, counter: entry.counter, namespace: entry.ns,
                                         voided: entry.voided, reprints: entry.reprints, gtin: job?.gtin, mode: job?.mode, line: job?.line,
                                         shift: job?.shift, lot: job?.lot, issued: job?.time, operatorName: job?.operatorName, products: products))
    }

    func void(_ request: Request, code: String) async throws -> Response {
        let (token, entry, _, _) = try find(request, code: code, roles: [.line, .qa], endpoint: "POST /api/v1/codes/{code}/void")
        let body = try await JSONBody.read(request, limit: core.config.maxBodyBytes)
        try body.only(["reason"])
        let reason = try body.requiredString("reason", maxLength: 500)
        let registry = core.config.registryPath
        do {
            _ = try await BackgroundWork.run {
                try CodeLifecycle.void(code: code, reason: reason, operatorName: token.name, registry: RegistryFile(path: registry)).code
            }
        } catch { throw APIError.from(error) }
        core.logger.info("code voided", metadata: ["code": "\(entry.code)", "operator": "\(token.name)"])
        return try JobRoutes.json(["code": entry.code, "status": "voided", "reason": reason, "operator": token.name])
    }

    func reprint(_ request: Request, code: String) async throws -> Response {
        let (token, entry, job, products) = try find(request, code: code, roles: [.line, .qa], endpoint: "POST /api/v1/codes/{code}/reprint")
        let body = try await JSONBody.read(request, limit: core.config.maxBodyBytes)
        try body.only(["reason", "count", "template", "symbology", "outputs", "corrected_data"])
        let reason = try body.requiredString("reason", maxLength: 500)
        let count = try body.integer("count") ?? 1
        guard count >= 1, count <= core.config.maxCount else {
            throw APIError.invalid("count", String(count), "must be from 1 to \(core.config.maxCount) labels (limits.max_count)")
        }
        let out = try jobs.outputs(body)
        guard out.pdf || out.printer != nil else {
            throw APIError.invalid("outputs", "", "a reprint needs somewhere to print: outputs.pdf true and/or outputs.printer")
        }
        guard let product = products.first else {
            throw APIError(.unprocessableContent, id: "no-product-file", field: "code", value: code,
                           message: "no product file in the service's products folder describes this code's product")
        }
        let productPath = try core.catalog.path(of: product)
        let today = CalendarDate.localToday
        let spec: ProductSpec
        do { spec = try ProductFile.load(path: productPath, today: today) } catch { throw APIError.from(error) }
        let template = try out.template ?? TemplateLibrary.standardTemplate(spec.labelTemplate)
        let id = JobRoutes.newID()
        try FileManager.default.createDirectory(atPath: core.config.jobsDirectory, withIntermediateDirectories: true)
        var reprint = ReprintRequest(productPath: productPath, code: code, count: count, reason: reason, operatorName: token.name,
                                     registryPath: core.config.registryPath,
                                     outputs: LabelOutputs(pdfPath: out.pdf ? core.jobs.pdfPath(id) : nil,
                                                           spoolPath: out.printer.flatMap { core.config.printers[$0] },
                                                           template: template, symbology: out.symbology),
                                     today: today)
        reprint.correctedData = try body.bool("corrected_data") ?? false
        try core.jobs.start(JobRecord(id: id, kind: "reprint", product: product, line: job?.line, count: count, pdf: out.pdf,
                                      printer: out.printer, operatorName: token.name, created: ISO8601DateFormatter().string(from: Date())))
        let request = reprint
        do {
            let hri = try await BackgroundWork.run { try ReprintJob.run(request) }
            core.jobs.finish(id) { r in
                r.status = .succeeded
                r.done = count
                r.firstCode = hri
                r.lastCode = hri
            }
        } catch {
            let e = APIError.from(error)
            core.jobs.finish(id) { r in
                r.status = .failed
                r.error = e.inner
            }
            throw e
        }
        core.logger.info("code reprinted", metadata: ["code": "\(entry.code)", "count": "\(count)", "operator": "\(token.name)"])
        return try JobRoutes.json(core.jobs.job(id), status: .created, location: "/api/v1/jobs/\(id)")
    }
}

extension TemplateLibrary {
    /// A built-in template by name (the product file's `label.template`, else the default).
    static func standardTemplate(_ name: String?) throws -> LabelTemplate {
        try TemplateLibrary.standard().template(name ?? "battery-70x37")
    }
}
