import Foundation
import Hummingbird
import Logging
import Metrics
import NIOCore
import Prometheus
import ServiceLifecycle

/// The HTTP service behind `tracelabel serve`: the public resolver, the JSON API under `/api/v1`, and the
/// operations endpoints, over the same library calls as the CLI.
public enum TraceServer {
    /// Builds the router for `config` with `tokens` (exposed for tests and embedding).
    static func router(core: ServiceCore, metrics: PrometheusCollectorRegistry) throws -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ErrorShapeMiddleware())
        OperationsRoutes(core: core, metrics: metrics).add(to: router)
        let api = router.group("api/v1")
        let jobs = JobRoutes(core: core)
        jobs.add(to: api)
        CodeRoutes(core: core, jobs: jobs).add(to: api)
        QARoutes(core: core).add(to: api)
        TraceDataRoutes(core: core).add(to: api)
        ResolverRoutes(core: core, page: try ResolverPage()).add(to: router)
        return router
    }

    /// Runs the service until SIGTERM or SIGINT, then drains running jobs and stops.
    /// - Parameter onRunning: called with the bound port once the server listens.
    public static func run(config: ServiceConfig, logger: Logger, onRunning: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let tokens = try TokenFile.load(path: config.tokensPath)
        let metrics = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics))
        let core = ServiceCore(config: config, tokens: tokens, logger: logger)
        let started = ContinuousClock.now
        let records = try core.directory.catchUp()
        logger.info("registry loaded", metadata: ["records": "\(records)", "path": "\(config.registryPath)",
                                                  "took": "\(started.duration(to: .now))"])
        if tokens.isEmpty { logger.warning("no tokens in \(config.tokensPath): the API refuses every call (tracelabel token add)") }
        let app = Application(router: try router(core: core, metrics: metrics),
                              server: .http1(configuration: .init(idleTimeout: .seconds(Int64(config.idleTimeoutSeconds)))),
                              configuration: .init(address: .hostname(config.host, port: config.port), serverName: "tracelabel"),
                              onServerRunning: { channel in
                                  let port = channel.localAddress?.port ?? config.port
                                  logger.info("listening", metadata: ["host": "\(config.host)", "port": "\(port)"])
                                  onRunning(port)
                              },
                              logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app, JobDrain(core: core)],
                                                      gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
