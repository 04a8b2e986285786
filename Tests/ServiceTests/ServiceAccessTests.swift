import Foundation
import Testing
import _TraceTestSupport

/// Who may call what (role × endpoint × product × line), and every error status in the one JSON shape.
@Suite(.serialized) struct ServiceAccessTests {
    static func size(_ path: String) -> Int { ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0 }

    @Test func authMatrix() throws {
        let server = try LiveServer()
        defer { server.stop() }
        let admin = server.tokens["admin"]!
        let ebike = try server.runJob(#"{"product":"ebike-battery","count":2,"line":"L1","shift":"S1"}"#, token: admin)
        let cable = try server.runJob(#"{"product":"cable-reel","count":2,"line":"L2","shift":"S1"}"#, token: admin)
        let ebikeCode = (ebike["first_code"] as! String).pathSegment
        let cableCode = (cable["first_code"] as! String).pathSegment
        let jobID = ebike["id"] as! String
        struct Call {
            let method: String
            let path: String
            let body: String?
            let roles: Set<String>
            let writes: Bool
        }
        let calls = [
            Call(method: "POST", path: "/api/v1/jobs", body: #"{"product":"ebike-battery","count":1,"line":"L1","shift":"S2"}"#, roles: ["line", "admin"], writes: true),
            Call(method: "GET", path: "/api/v1/jobs/\(jobID)", body: nil, roles: ["line", "qa", "admin"], writes: false),
            Call(method: "GET", path: "/api/v1/codes/\(ebikeCode)", body: nil, roles: ["line", "qa", "seller", "admin"], writes: false),
            Call(method: "POST", path: "/api/v1/codes/\(ebikeCode)/void", body: #"{"reason":"matrix"}"#, roles: ["line", "qa", "admin"], writes: true),
            Call(method: "GET", path: "/api/v1/verify", body: nil, roles: ["qa", "admin"], writes: false),
            Call(method: "GET", path: "/api/v1/report", body: nil, roles: ["qa", "admin"], writes: false),
            Call(method: "POST", path: "/api/v1/verify-range", body: #"{"first":"\#(ebike["first_code"]!)","last":"\#(ebike["last_code"]!)"}"#, roles: ["qa", "admin"], writes: false),
            Call(method: "POST", path: "/api/v1/reconcile", body: #"{"scans":["\#(ebike["first_code"]!)"]}"#, roles: ["qa", "seller", "admin"], writes: false),
        ]
        for call in calls {
            for token in [nil, "tl_not-a-token"] {
                let before = Self.size(server.registry)
                let r = try server.request(call.method, call.path, token: token, body: call.body)
                #expect(r.status == 401, "\(call.method) \(call.path) without a valid token: \(r.status)")
                #expect(r.errorID == "unauthorized")
                #expect(r.headers.lowercased().contains("www-authenticate: bearer"))
                #expect(Self.size(server.registry) == before, "nothing done")
            }
            for role in ["line", "qa", "seller", "admin"] {
                let before = Self.size(server.registry)
                let r = try server.request(call.method, call.path, token: server.tokens[role]!, body: call.body)
                if call.roles.contains(role) {
                    #expect([200, 202, 409].contains(r.status), "\(role) \(call.method) \(call.path): \(r.status) \(r.body)")
                    if r.status == 202, let id = r.json["id"] as? String { try server.waitForJob(id, token: server.tokens[role]!) }
                } else {
                    #expect(r.status == 403, "\(role) \(call.method) \(call.path): \(r.status) \(r.body)")
                    #expect(r.errorID == "forbidden" && r.errorField == "role")
                    #expect(Self.size(server.registry) == before, "nothing done")
                }
            }
        }
        // A token limited to the e-bike battery on line L1.
        let limited = server.tokens["line-ebike-L1"]!
        let before = Self.size(server.registry)
        let otherProduct = try server.post("/api/v1/jobs", token: limited, body: #"{"product":"cable-reel","count":1,"line":"L1","shift":"S1"}"#)
        #expect(otherProduct.status == 403 && otherProduct.errorField == "product")
        let otherLine = try server.post("/api/v1/jobs", token: limited, body: #"{"product":"ebike-battery","count":1,"line":"L2","shift":"S1"}"#)
        #expect(otherLine.status == 403 && otherLine.errorField == "line")
        #expect(try server.get("/api/v1/codes/\(cableCode)", token: limited).status == 403)
        #expect(try server.post("/api/v1/codes/\(cableCode)/void", token: limited, body: #"{"reason":"x"}"#).status == 403)
        #expect(try server.get("/api/v1/jobs/\(cable["id"] as! String)", token: limited).status == 403)
        #expect(Self.size(server.registry) == before, "nothing done")
        #expect(try server.get("/api/v1/codes/\(ebikeCode)", token: limited).status == 200)

        // A seller reconciles its scans without seeing the producer's list of codes.
        let sellerReconcile = try server.post("/api/v1/reconcile", token: server.tokens["seller"]!, body: #"{"scans":["\#(ebike["first_code"]!)"]}"#)
        #expect(sellerReconcile.status == 200)
        #expect((sellerReconcile.json["never_scanned"] as? [Any])?.isEmpty == true)
        #expect((sellerReconcile.json["never_scanned_count"] as? Int ?? 0) > 0)
        #expect(!sellerReconcile.body.contains(ebike["last_code"] as! String))
        let qaReconcile = try server.post("/api/v1/reconcile", token: server.tokens["qa"]!, body: #"{"scans":["\#(ebike["first_code"]!)"]}"#)
        #expect(qaReconcile.body.contains(ebike["last_code"] as! String))

        // A token added while the server runs works at once.
        let added = try Harness.tracelabel(["token", "add", "--file", server.directory.appendingPathComponent("tokens.yaml").path,
                                            "--name", "late-qa", "--role", "qa"])
        #expect(added.status == 0)
        let late = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try server.get("/api/v1/verify", token: late).status == 200)
        let taken = try Harness.tracelabel(["token", "add", "--file", server.directory.appendingPathComponent("tokens.yaml").path,
                                            "--name", "late-qa", "--role", "qa"])
        #expect(taken.status == 65 && taken.stderr.contains("--name: 'late-qa'"), "\(taken.stderr)")
        #expect(!(try String(contentsOf: server.directory.appendingPathComponent("tokens.yaml"), encoding: .utf8)).contains(late), "only hashes are stored")
    }

    @Test func everyErrorStatusInOneShape() throws {
        let server = try LiveServer(maxBodyBytes: 2048, maxCount: 50)
        defer { server.stop() }
        let line = server.tokens["line"]!
        let qa = server.tokens["qa"]!
        func expectError(_ r: LiveServer.Reply, _ status: Int, _ id: String, field: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(r.status == status, "\(r.status) \(r.body)", sourceLocation: sourceLocation)
            #expect(r.errorID == id, "\(r.body)", sourceLocation: sourceLocation)
            if let field { #expect(r.errorField == field, "\(r.body)", sourceLocation: sourceLocation) }
            let error = r.json["error"] as? [String: Any] ?? [:]
            #expect(Set(error.keys) == ["id", "field", "value", "message"], "\(r.body)", sourceLocation: sourceLocation)
            #expect(r.headers.lowercased().contains("content-type: application/json"), sourceLocation: sourceLocation)
        }
        let before = Self.size(server.registry)
        expectError(try server.post("/api/v1/jobs", token: line, body: #"{"product":"ebike-battery","count":"#), 400, "malformed-json")
        expectError(try server.post("/api/v1/jobs", token: line, body: #"[1,2]"#), 422, "invalid-field", field: "(body)")
        expectError(try server.post("/api/v1/jobs", token: line, body: "{\"product\":\"ebike-battery\",\"pad\":\"" + String(repeating: "x", count: 4096) + "\"}"),
                    413, "body-too-large")
        expectError(try server.post("/api/v1/jobs", token: line, body: #"{"product":"ebike-battery","count":0,"line":"L1","shift":"S1"}"#), 422, "invalid-field", field: "count")
        expectError(try server.post("/api/v1/jobs", token: line, body: #"{"product":"ebike-battery","count":51,"line":"L1","shift":"S1"}"#), 422, "invalid-field", field: "count")
        expectError(try server.post("/api/v1/jobs", token: line, body: #"{"product":"ebike-battery","count":1.5,"line":"L1","shift":"S1"}"#), 422, "invalid-field", field: "count")
        expectError(try server.post("/api/v1/jobs", token: line, body: #"{"product":"ebike-battery","count":true,"line":"L1","shift":"S1"}"#), 422, "invalid-field", field: "count")
        expectError(try server.post("/api/v1/jobs", token: line, body: #"{"product":"sub/dir","count":1,"line":"L1","shift":"S1"}"#), 422, "invalid-field", field: "product")
        expectError(try server.post("/api/v1/jobs", token: line, body: #"{"product":"no-such","count":1,"line":"L1","shift":"S1"}"#), 422, "invalid-field", field: "product")
        expectError(try server.post("/api/v1/jobs", token: line, body: #"{"product":"ebike-battery","count":1,"line":"L1","shift":"S1","spool":"/tmp/x"}"#), 422, "invalid-field", field: "spool")
        expectError(try server.post("/api/v1/jobs", token: line, body: #"{"product":"ebike-battery","count":1,"line":"L1","shift":"S1","outputs":{"printer":"nope"}}"#), 422, "invalid-field", field: "outputs.printer")
        expectError(try server.post("/api/v1/jobs", token: line, body: #"{"product":"ebike-battery","count":1,"line":"L1","shift":"S1","template":"/etc/x.yaml"}"#), 422, "invalid-field", field: "template")
        expectError(try server.post("/api/v1/jobs", token: line, body: #"{"product":"ebike-battery","count":1,"line":"L1","shift":"S1","mode":"bulk"}"#), 422, "invalid-field", field: "mode")
        expectError(try server.post("/api/v1/jobs", token: line, body: #"{"product":"ebike-battery","count":1,"shift":"S1"}"#), 422, "invalid-field", field: "line")
        expectError(try server.post("/api/v1/jobs", token: line, body: #"{"product":"ebike-battery","count":1,"line":"L1","shift":"S1","symbology":"aztec"}"#), 422, "invalid-field", field: "symbology")
        #expect(Self.size(server.registry) == before, "no bad request wrote anything")
        expectError(try server.get("/api/v1/jobs/j-0000", token: line), 404, "not-found", field: "id")
        expectError(try server.get("/api/v1/codes/\("(01)09520123456788(21)NOPE".pathSegment)", token: qa), 404, "not-found", field: "code")
        expectError(try server.get("/api/v1/codes/hello", token: qa), 422, "invalid-field", field: "code")
        expectError(try server.post("/api/v1/codes/\("(01)09520123456788(21)NOPE".pathSegment)/void", token: qa, body: #"{"reason":"x"}"#), 404, "not-found")
        expectError(try server.post("/api/v1/verify-range", token: qa, body: #"{"first":"a"}"#), 422, "invalid-field", field: "last")
        expectError(try server.post("/api/v1/verify-range", token: qa, body: #"{"first":"a","last":"b"}"#), 422, "RANGE", field: "range")
        expectError(try server.post("/api/v1/reconcile", token: qa, body: #"{"scans":"x"}"#), 422, "invalid-field", field: "scans")
        expectError(try server.get("/api/v1/report?from=yesterday", token: qa), 422, "invalid-field", field: "from")
        // A job that completes, then its PDF when it had none.
        let job = try server.runJob(#"{"product":"cable-reel","count":1,"line":"L2","shift":"S1"}"#, token: line)
        expectError(try server.get("/api/v1/jobs/\(job["id"] as! String)/pdf", token: line), 404, "not-found", field: "id")
        let code = (job["first_code"] as! String).pathSegment
        expectError(try server.post("/api/v1/codes/\(code)/void", token: qa, body: #"{}"#), 422, "invalid-field", field: "reason")
        expectError(try server.post("/api/v1/codes/\(code)/reprint", token: qa, body: #"{"reason":"x"}"#), 422, "invalid-field", field: "outputs")

        // Operations.
        #expect(try server.get("/healthz").status == 200)
        #expect(try server.get("/readyz").json["status"] as? String == "ready")
        let metrics = try server.get("/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.body.contains("tracelabel_codes_issued_total"))
        #expect(metrics.body.contains("tracelabel_jobs_running"))
        #expect(metrics.body.contains("http_server_request_duration") || metrics.body.contains("hb_request_duration") || metrics.body.contains("http_server_requests"))
    }

    @Test func badConfigurationIsRefusedWithTheField() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [(String, String)] = [
            ("registry: r.jsonl\nproducts: .\ntokens: t.yaml\nlisten: {port: 70000}\n", "listen.port: '70000'"),
            ("registry: r.jsonl\nproducts: nowhere\ntokens: t.yaml\n", "products:"),
            ("products: .\ntokens: t.yaml\n", "registry: '': is required"),
            ("registry: r.jsonl\nproducts: .\ntokens: t.yaml\nresolver: {base_url: 'ftp://x'}\n", "resolver.base_url"),
            ("registry: r.jsonl\nproducts: .\ntokens: t.yaml\nlimit: {}\n", "limit: '': is not a setting"),
        ]
        for (text, message) in cases {
            let path = dir.appendingPathComponent("service.yaml").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let out = try Harness.tracelabel(["serve", "--config", path])
            #expect(out.status == 65, "\(text): \(out.stderr)")
            #expect(out.stderr.contains(message), "\(out.stderr)")
        }
    }
}
