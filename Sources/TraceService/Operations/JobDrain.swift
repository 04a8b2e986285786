import ServiceLifecycle

/// At graceful shutdown (SIGTERM, SIGINT): refuses new jobs and waits for the running ones to finish, before the
/// HTTP server stops. A job is never cut mid-record: the job library appends registry records whole and delivers
/// PDF and spool files by temporary name, fsync and link.
struct JobDrain: Service {
    let core: ServiceCore

    func run() async throws {
        try? await gracefulShutdown()
        core.jobs.close()
        let running = core.jobs.running
        if running > 0 { core.logger.info("shutdown: waiting for running jobs", metadata: ["jobs": "\(running)"]) }
        while core.jobs.running > 0 {
            try? await Task.sleep(for: .milliseconds(50))
        }
        core.logger.info("shutdown: no job running")
    }
}
