import Foundation
import Testing
import _TraceTestSupport

/// SIGTERM while a job runs: the job finishes (or the server refuses new ones), nothing is half-written, and the
/// registry verifies.
@Suite(.serialized) struct ShutdownTests {
    @Test func sigtermLetsTheRunningJobFinish() throws {
        let server = try LiveServer()
        defer { server.stop() }
        let token = server.tokens["admin"]!
        let created = try server.post("/api/v1/jobs", token: token,
                                      body: #"{"product":"ebike-battery","count":300,"line":"L1","shift":"S1","outputs":{"pdf":true,"printer":"printer-1"}}"#)
        #expect(created.status == 202, "\(created.body)")
        usleep(200_000)
        server.process.terminate()
        server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 0, "\(server.log.suffix(2000))")
        // The job ran to its end: closed in the registry, every label delivered, no temporary file left.
        let lines = try Harness.registryLines(server.registry)
        let close = lines.last { $0["kind"] as? String == "job-close" }
        #expect(close?["status"] as? String == "delivered", "\(String(describing: close))")
        #expect(lines.filter { $0["kind"] as? String == "issue" }.count == 300)
        let spool = server.directory.appendingPathComponent("spool/printer-1").path
        let files = Harness.files(in: spool)
        #expect(files.filter { $0.hasSuffix(".png") }.count == 300)
        #expect(!files.contains { $0.contains(".tmp-") }, "\(files)")
        #expect(!Harness.files(in: server.directory.appendingPathComponent("jobs").path).contains { $0.contains(".tmp-") })
        let verify = try Harness.tracelabel(["verify", "--registry", server.registry])
        #expect(verify.status == 0, "\(verify.stdout)")
        // The drain ran (it says whether it had to wait: a loaded machine may have finished the job before the signal).
        #expect(server.log.contains("shutdown: no job running"), "\(server.log.suffix(2000))")
    }
}
