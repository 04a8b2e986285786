import Foundation
import Hummingbird
import TraceRegistry

/// `GET /api/v1/verify`, `GET /api/v1/report`, `POST /api/v1/verify-range`, `POST /api/v1/reconcile`: the CLI's QA
/// commands, over the same library calls.
struct QARoutes: Sendable {
    let core: ServiceCore

    func add(to group: RouterGroup<BasicRequestContext>) {
        group.get("verify") { request, _ in try await self.verify(request) }
        group.get("report") { request, _ in try self.report(request) }
        group.post("verify-range") { request, _ in try await self.verifyRange(request) }
        group.post("reconcile") { request, _ in try await self.reconcile(request) }
    }

    struct Verification: Encodable {
        let intact: Bool
        let records: Int
        let jobs: Int
        let openJobs: Int
        let itemCodes: Int
        let sharedCodes: Int
        let voids: Int
        let reprints: Int
        let head: String
        let problems: [String]
        let notes: [String]
        let summary: String

        enum CodingKeys: String, CodingKey {
            case intact, records, jobs, openJobs = "open_jobs", itemCodes = "item_codes", sharedCodes = "shared_codes", voids, reprints,
                 head, problems, notes, summary
        }
    }

    func verify(_ request: Request) async throws -> Response {
        let token = try core.access.require(request, roles: [.qa], endpoint: "GET /api/v1/verify")
        try core.access.requireWholeRegistry(token, endpoint: "GET /api/v1/verify")
        let path = core.config.registryPath
        let r: VerificationReport
        do { r = try await BackgroundWork.run { try RegistryVerifier(path: path, checkpoint: nil).verify() } } catch { throw APIError.from(error) }
        return try JobRoutes.json(Verification(intact: r.isIntact, records: r.records, jobs: r.jobs, openJobs: r.openJobs, itemCodes: r.itemCodes,
                                               sharedCodes: r.sharedCodes, voids: r.voids, reprints: r.reprints, head: r.head,
                                               problems: r.problems.map(\.description), notes: r.notes, summary: r.summary))
    }

    func report(_ request: Request) throws -> Response {
        let token = try core.access.require(request, roles: [.qa], endpoint: "GET /api/v1/report")
        try core.access.requireWholeRegistry(token, endpoint: "GET /api/v1/report")
        let q = request.uri.queryParameters
        func param(_ name: String) -> String? { q[Substring(name)].map(String.init).flatMap { $0.isEmpty ? nil : $0 } }
        for time in ["from", "to"] {
            if let t = param(time), ISO8601DateFormatter().date(from: t) == nil {
                throw APIError.invalid(time, t, "must be a UTC time in ISO 8601, e.g. 2026-11-27T06:00:00Z")
            }
        }
        let ledger = try core.directory.ledger()
        let report = ProductionReport(ledger: ledger, filter: .init(line: param("line"), shift: param("shift"), batch: param("batch"),
                                                                    from: param("from"), to: param("to")))
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: report.json)))
    }

    struct RangeResult: Encodable {
        struct Run: Encodable {
            let first: UInt64
            let last: UInt64
            let state: String
        }
        let namespace: String
        let first: UInt64
        let last: UInt64
        let issued: Int
        let voided: Int
        let released: Int
        let pending: Int
        let neverReserved: Int
        let complete: Bool
        let runs: [Run]
        let summary: String

        enum CodingKeys: String, CodingKey {
            case namespace, first, last, issued, voided, released, pending, neverReserved = "never_reserved", complete, runs, summary
        }
    }

    func verifyRange(_ request: Request) async throws -> Response {
        _ = try core.access.require(request, roles: [.qa], endpoint: "POST /api/v1/verify-range")
        let body = try await JSONBody.read(request, limit: core.config.maxBodyBytes)
        try body.only(["first", "last"])
        let first = try body.requiredString("first", maxLength: 500)
        let last = try body.requiredString("last", maxLength: 500)
        let ledger = try core.directory.ledger()
        let check: RangeCheck
        do { check = try RangeCheck(ledger: ledger, first: first, last: last) } catch { throw APIError.from(error) }
        return try JobRoutes.json(RangeResult(namespace: check.ns, first: check.first, last: check.last, issued: check.issued,
                                              voided: check.voided, released: check.released, pending: check.pending,
                                              neverReserved: check.neverReserved,
                                              complete: check.issued == Int(check.last - check.first + 1),
                                              runs: check.runs.map { .init(first: $0.first, last: $0.last, state: $0.state) },
                                              summary: check.summary))
    }

    struct ReconcileResult: Encodable {
        let scanned: Int
        let matched: Int
        let clean: Bool
        let unknown: [String]
        let voided: [String]
        let scannedTwice: [String]
        let unreadable: [String]
        /// Issued codes not scanned; empty for a seller, who gets only their number (the registry's codes are the
        /// producer's).
        let neverScanned: [String]
        let neverScannedCount: Int
        let summary: String

        enum CodingKeys: String, CodingKey {
            case scanned, matched, clean, unknown, voided, scannedTwice = "scanned_twice", unreadable, neverScanned = "never_scanned",
                 neverScannedCount = "never_scanned_count", summary
        }
    }

    func reconcile(_ request: Request) async throws -> Response {
        let token = try core.access.require(request, roles: [.qa, .seller], endpoint: "POST /api/v1/reconcile")
        let body = try await JSONBody.read(request, limit: core.config.maxBodyBytes)
        try body.only(["scans"])
        guard let scans = try body.strings("scans", maxCount: 1_000_000) else { throw APIError.invalid("scans", "", "is required: the scanned codes") }
        let ledger = try core.directory.ledger()
        let r = Reconciliation(ledger: ledger, scans: scans)
        return try JobRoutes.json(ReconcileResult(scanned: r.scanned, matched: r.matched, clean: r.isClean, unknown: r.unknown.map(\.description),
                                                  voided: r.voided.map(\.description), scannedTwice: r.scannedTwice.map(\.description),
                                                  unreadable: r.unreadable.map(\.description),
                                                  neverScanned: token.role == .seller ? [] : r.neverScanned,
                                                  neverScannedCount: r.neverScanned.count,
                                                  summary: token.role == .seller
                                                      ? r.summary.components(separatedBy: "\n").filter { !$0.hasPrefix("NOT-SCANNED") }.joined(separator: "\n")
                                                      : r.summary))
    }
}
