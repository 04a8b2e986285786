import Foundation
import Hummingbird
import TraceRegistry

/// `POST /api/v1/flows`, `GET /api/v1/flows`, `POST /api/v1/recalls`, `GET /api/v1/exports/{format}`: the CLI's
/// `flow add`, `flow list`, `recall` and `export`, over the same library calls. Flow data is private by default
/// (Annex 2), so reading it needs the `qa` role; sellers record their own flows.
struct TraceDataRoutes: Sendable {
    let core: ServiceCore

    func add(to group: RouterGroup<BasicRequestContext>) {
        group.post("flows") { request, _ in try await self.addFlow(request) }
        group.get("flows") { request, _ in try await self.listFlows(request) }
        group.post("recalls") { request, _ in try await self.recall(request) }
        group.get("exports/{format}") { request, context in try await self.export(request, format: context.parameters.require("format")) }
    }

    /// A scope given as a JSON object: exactly one of `code`, `range` ([first, last]), `lot` (with an optional
    /// `gtin`) or `job`.
    static func scope(_ body: JSONBody) throws -> CodeScope {
        try body.only(["code", "range", "lot", "gtin", "job"])
        let code = try body.string("code"), lot = try body.string("lot", maxLength: 20), job = try body.string("job", maxLength: 80)
        var range: (String, String)?
        if let raw = body.object["range"], !(raw is NSNull) {
            guard let ends = raw as? [Any], ends.count == 2, let a = ends[0] as? String, let b = ends[1] as? String, !a.isEmpty, !b.isEmpty else {
                throw APIError.invalid(body.prefix + "range", "\(raw)", "must be [first code, last code]")
            }
            range = (a, b)
        }
        let given = [code != nil, range != nil, lot != nil, job != nil].filter { $0 }.count
        guard given == 1 else {
            throw APIError.invalid(body.prefix.isEmpty ? "scope" : String(body.prefix.dropLast()), "", "give exactly one of code, range, lot (with an optional gtin) or job")
        }
        let gtin = try body.string("gtin", maxLength: 14)
        if gtin != nil && lot == nil { throw APIError.invalid(body.prefix + "gtin", gtin ?? "", "applies only with lot") }
        if let code { return .code(code) }
        if let range { return .range(first: range.0, last: range.1) }
        if let lot { return .lot(lot, gtin: gtin) }
        return .job(job!)
    }

    struct FlowCreated: Encodable {
        let id: String
        let scope: String
        let count: Int
    }

    func addFlow(_ request: Request) async throws -> Response {
        let token = try core.access.require(request, roles: [.qa, .seller], endpoint: "POST /api/v1/flows")
        try core.access.requireWholeRegistry(token, endpoint: "POST /api/v1/flows")
        let body = try await JSONBody.read(request, limit: core.config.maxBodyBytes)
        try body.only(["flow", "party", "at", "counterparty", "address", "contact", "scope"])
        let kindText = try body.requiredString("flow", maxLength: 20)
        guard let kind = FlowKind(rawValue: kindText) else {
            throw APIError.invalid("flow", kindText, "must be \(FlowKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        // A seller token records a seller's purchases and sales, never a producer's sales.
        if token.role == .seller && kind == .producerSale {
            throw APIError(.forbidden, id: "forbidden", field: "flow", value: kindText, message: "a seller token records seller flows only")
        }
        guard let scopeBody = try body.nested("scope") else { throw APIError.invalid("scope", "", "is required") }
        let entry = FlowEntry(flow: kind, party: try body.requiredString("party", maxLength: 18), at: try body.requiredString("at", maxLength: 40),
                              counterparty: try body.requiredString("counterparty"), address: try body.string("address"),
                              contact: try body.string("contact", maxLength: 100), scope: try Self.scope(scopeBody))
        let registry = core.config.registryPath
        let written: (job: String, records: [RegistryRecord])
        do {
            written = try await BackgroundWork.run {
                try FlowRecording.record([entry], operatorName: token.name, registry: RegistryFile(path: registry))
            }
        } catch { throw APIError.from(error) }
        core.logger.info("flow recorded", metadata: ["id": "\(written.job)", "operator": "\(token.name)"])
        let record = written.records.first
        return try JobRoutes.json(FlowCreated(id: written.job, scope: record?.scope ?? "", count: record?.count ?? 0), status: .created)
    }

    struct FlowRow: Encodable {
        let id: String
        let flow: String
        let party: String
        let at: String
        let counterparty: String
        let address: String?
        let contact: String?
        let scope: String
        let count: Int
        let recorded: String?
    }

    static func row(_ f: RegistryLedger.Flow) -> FlowRow {
        FlowRow(id: f.id, flow: f.flow, party: f.party, at: f.at, counterparty: f.counterparty, address: f.address, contact: f.contact,
                scope: f.scope.description, count: f.count, recorded: f.time)
    }

    /// The flows of the codes a query names (`code`, `lot` + optional `gtin`, `job`), or every flow.
    func listFlows(_ request: Request) async throws -> Response {
        let token = try core.access.require(request, roles: [.qa], endpoint: "GET /api/v1/flows")
        try core.access.requireWholeRegistry(token, endpoint: "GET /api/v1/flows")
        let query = request.uri.queryParameters
        var scopeFields: [String: Any] = [:]
        for key in ["code", "lot", "gtin", "job"] { if let v = query[Substring(key)] { scopeFields[key] = String(v) } }
        let unknown = query.map { String($0.key) }.filter { !["code", "lot", "gtin", "job"].contains($0) }.sorted()
        if let first = unknown.first { throw APIError.invalid(first, "", "is not a query parameter here (known: code, gtin, job, lot)") }
        let scope = scopeFields.isEmpty ? nil : try Self.scope(JSONBody(object: scopeFields))
        let registry = core.config.registryPath
        let rows: [FlowRow]
        do {
            rows = try await BackgroundWork.run {
                let ledger = try RegistryLedger(path: registry)
                guard let scope else { return ledger.flows.map(Self.row) }
                let codes = try ledger.codes(in: scope)
                let ids = Set(codes.flatMap { ledger.flows(of: $0).map(\.id) })
                return ledger.flows.filter { ids.contains($0.id) }.map(Self.row)
            }
        } catch { throw APIError.from(error) }
        return try JobRoutes.json(rows)
    }

    struct RecallCreated: Encodable {
        let id: String
        let scope: String
        let count: Int
        /// Who received the recalled units: every flow that moved them, private or not (the recall is for the producer).
        let flows: [FlowRow]
    }

    func recall(_ request: Request) async throws -> Response {
        let token = try core.access.require(request, roles: [.qa], endpoint: "POST /api/v1/recalls")
        try core.access.requireWholeRegistry(token, endpoint: "POST /api/v1/recalls")
        let body = try await JSONBody.read(request, limit: core.config.maxBodyBytes)
        try body.only(["scope", "reason"])
        let reason = try body.requiredString("reason", maxLength: 500)
        guard let scopeBody = try body.nested("scope") else { throw APIError.invalid("scope", "", "is required") }
        let scope = try Self.scope(scopeBody)
        let registry = core.config.registryPath
        let outcome: RecallRecording.Outcome
        do {
            outcome = try await BackgroundWork.run {
                try RecallRecording.recall(scope, reason: reason, operatorName: token.name, registry: RegistryFile(path: registry))
            }
        } catch { throw APIError.from(error) }
        core.logger.info("recall recorded", metadata: ["id": "\(outcome.record.job ?? "")", "operator": "\(token.name)"])
        return try JobRoutes.json(RecallCreated(id: outcome.record.job ?? "", scope: scope.description, count: outcome.record.count ?? 0,
                                                flows: outcome.flows.map { Self.row($0.flow) }), status: .created)
    }

    /// `GET /api/v1/exports/{samr|epcis|csv}?public_only=true&job=…&lot=…&product=…&from=…&to=…`: the export
    /// written to a temporary file beside the service's job files, then sent and removed.
    func export(_ request: Request, format: String) async throws -> Response {
        let token = try core.access.require(request, roles: [.qa], endpoint: "GET /api/v1/exports/{format}")
        try core.access.requireWholeRegistry(token, endpoint: "GET /api/v1/exports/{format}")
        guard ["samr", "epcis", "csv"].contains(format) else { throw APIError.notFound("format", format, "exports are samr, epcis or csv") }
        let query = request.uri.queryParameters
        let known = ["public_only", "job", "lot", "product", "from", "to"]
        if let unknown = query.map({ String($0.key) }).sorted().first(where: { !known.contains($0) }) {
            throw APIError.invalid(unknown, "", "is not a query parameter here (known: \(known.sorted().joined(separator: ", ")))")
        }
        func value(_ key: String) -> String? { query[Substring(key)].map(String.init) }
        let publicOnly: Bool
        switch value("public_only") {
        case nil, "false": publicOnly = false
        case "true": publicOnly = true
        case let other?: throw APIError.invalid("public_only", other, "must be true or false")
        }
        let filter = ExportFilter(product: value("product"), job: value("job"), lot: value("lot"), from: value("from"), to: value("to"))
        let registry = core.config.registryPath
        let file = (core.jobs.directory as NSString).appendingPathComponent("export-\(UUID().uuidString).tmp")
        defer { unlink(file) }
        do {
            try await BackgroundWork.run {
                let source = try ExportSource(path: registry, filter: filter)
                let output = try ExportOutput(path: file)
                switch format {
                case "samr": _ = try SAMRExport(source: source, publicOnly: publicOnly).write(to: output)
                case "epcis": _ = try EPCISExport(source: source, identifiers: try EPCISIdentifiers(companyPrefixLength: nil), publicOnly: publicOnly).write(to: output)
                default: _ = try CSVExport(source: source, publicOnly: publicOnly).write(to: output)
                }
                try output.commit()
            }
        } catch { throw APIError.from(error) }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw APIError(.internalServerError, id: "export-failure", field: "format", value: format, message: "the export file could not be read back")
        }
        let type = switch format {
        case "samr": "application/json; charset=utf-8"
        case "epcis": "application/ld+json; charset=utf-8"
        default: "text/csv; charset=utf-8"
        }
        return Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

}
