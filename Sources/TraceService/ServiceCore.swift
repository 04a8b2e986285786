import Foundation
import Logging
import Metrics
import TraceRegistry

/// What every route shares: the configuration, the registry view, the tokens, the jobs and the counters.
final class ServiceCore: Sendable {
    let config: ServiceConfig
    let directory: CodeDirectory
    let access: Access
    let jobs: JobBoard
    let catalog: ProductCatalog
    let logger: Logger
    let codesIssued: Counter
    let jobsRunning: Gauge

    init(config: ServiceConfig, tokens: [TokenEntry], logger: Logger) {
        self.config = config
        directory = CodeDirectory(registryPath: config.registryPath, scanAlertMinimum: config.scanAlertMinimum)
        access = Access(tokens: TokenStore(path: config.tokensPath, entries: tokens))
        jobs = JobBoard(directory: config.jobsDirectory)
        catalog = ProductCatalog(directory: config.productsDirectory)
        self.logger = logger
        codesIssued = Counter(label: "tracelabel_codes_issued_total")
        jobsRunning = Gauge(label: "tracelabel_jobs_running")
    }
}
