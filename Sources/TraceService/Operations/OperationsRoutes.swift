import Foundation
import Hummingbird
import Prometheus

/// `/healthz` (the process answers), `/readyz` (the registry is readable and the index current), `/metrics`.
struct OperationsRoutes: Sendable {
    let core: ServiceCore
    let metrics: PrometheusCollectorRegistry

    func add(to router: Router<BasicRequestContext>) {
        router.get("healthz") { _, _ in try JobRoutes.json(["status": "ok"]) }
        router.get("readyz") { _, _ in try self.ready() }
        router.get("metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: self.metrics.emitToBuffer())))
        }
    }

    struct Readiness: Encodable {
        let status: String
        let records: Int
        let registry: String
        let message: String?
    }

    func ready() throws -> Response {
        do {
            let records = try core.directory.catchUp()
            return try JobRoutes.json(Readiness(status: "ready", records: records, registry: core.config.registryPath, message: nil))
        } catch {
            return try JobRoutes.json(Readiness(status: "not-ready", records: 0, registry: core.config.registryPath, message: "\(error)"),
                                      status: .serviceUnavailable)
        }
    }
}
