import Foundation
import Testing
import _TraceTestSupport

/// `openapi.yaml` describes what the server does: schemathesis (PyPI, in the test venv) sends generated requests to a
/// live server and checks that no response is a 5xx and every response conforms to the document.
@Suite(.serialized) struct OpenAPIConformanceTests {
    @Test func schemathesisFindsNothing() throws {
        let server = try LiveServer()
        defer { server.stop() }
        // Some codes to find, as an admin would.
        _ = try server.runJob(#"{"product":"cable-reel","count":2,"line":"L2","shift":"S1"}"#, token: server.tokens["admin"]!)
        let schemathesis = Harness.root.appendingPathComponent(".venv/bin/schemathesis").path
        let out = try Harness.run(schemathesis, [
            "run", Harness.root.appendingPathComponent("openapi.yaml").path, "--url", server.base,
            "--checks", "not_a_server_error,response_schema_conformance",
            "--max-examples", "15", "--request-timeout", "20", "--generation-deterministic",
            "--phases", "examples,coverage,fuzzing",
            "-H", "Authorization: Bearer \(server.tokens["admin"]!)",
        ], environment: ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1", "SCHEMATHESIS_HOOKS": ""]) { $1 })
        #expect(out.status == 0, "schemathesis:\n\(out.stdout.suffix(6000))\n\(out.stderr.suffix(2000))")
        #expect(out.stdout.contains("Operations:       22 selected / 22 total"), "every operation of openapi.yaml was exercised: \(out.stdout.prefix(600))")
        #expect(!server.log.contains("request failed"), "\(server.log.suffix(3000))")
    }
}
