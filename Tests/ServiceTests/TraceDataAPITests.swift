import Foundation
import Testing
import _TraceTestSupport

/// Flows, recalls and exports through the API: the CLI's library calls, with roles, the one error shape, and the
/// public view and exports following what was recorded.
@Suite(.serialized) struct TraceDataAPITests {
    static let producer = "91330106MA2H7K3LXA"
    static func size(_ path: String) -> Int { ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0 }

    @Test func flowsRecallsAndExportsOverTheAPI() throws {
        let server = try LiveServer()
        defer { server.stop() }
        let admin = server.tokens["admin"]!, qa = server.tokens["qa"]!, seller = server.tokens["seller"]!
        let job = try server.runJob(#"{"product":"ebike-battery","count":3,"line":"L1","shift":"S1"}"#, token: admin)
        let id = try #require(job["registry_job"] as? String)
        let first = try #require(job["first_code"] as? String)

        let sale = #"{"flow":"producer-sale","party":"\#(Self.producer)","at":"2026-11-28","counterparty":"BUYER-CO","address":"BUYER-ADDR","contact":"BUYER-TEL","scope":{"job":"\#(id)"}}"#
        // A seller token never records a producer's sale; refusals change nothing.
        var before = Self.size(server.registry)
        let bySeller = try server.post("/api/v1/flows", token: seller, body: sale)
        #expect(bySeller.status == 403 && bySeller.errorField == "flow", "\(bySeller.body)")
        let unknown = try server.post("/api/v1/flows", token: qa, body: sale.replacingOccurrences(of: #"{"job":"\#(id)"}"#, with: #"{"code":"(01)09520123456795(21)9999999999"}"#))
        #expect(unknown.status == 422 && unknown.errorField == "scope", "\(unknown.body)")
        let twoScopes = try server.post("/api/v1/flows", token: qa, body: sale.replacingOccurrences(of: #"{"job":"\#(id)"}"#, with: #"{"job":"\#(id)","lot":"20261127A"}"#))
        #expect(twoScopes.status == 422 && twoScopes.errorField == "scope", "\(twoScopes.body)")
        let unregistered = try server.post("/api/v1/flows", token: seller, body: #"{"flow":"seller-sale","party":"91330105MA27XK8E2Y","at":"2026-11-28","counterparty":"C","scope":{"code":"\#(first)"}}"#)
        #expect(unregistered.status == 422 && unregistered.errorField == "party", "a seller must be registered first: \(unregistered.body)")
        #expect(Self.size(server.registry) == before, "refusals wrote nothing")

        let recorded = try server.post("/api/v1/flows", token: qa, body: sale)
        #expect(recorded.status == 201 && recorded.json["count"] as? Int == 3, "\(recorded.status) \(recorded.body)")
        #expect(try server.get("/api/v1/flows?job=\(id)", token: seller).status == 403, "flow data is private: qa reads it")
        let listed = try server.get("/api/v1/flows?job=\(id)", token: qa)
        #expect(listed.status == 200 && listed.body.contains("BUYER-CO") && listed.body.contains("\"scope\":\"job:\(id)\""), "\(listed.body)")

        // Exports: the producer keeps its sales private, so the public samr export has no buyer; the full one has.
        let full = try server.get("/api/v1/exports/samr", token: qa)
        #expect(full.status == 200 && full.body.contains("BUYER-ADDR") && full.body.contains("\"format\":\"tracelabel-samr\""), "\(full.body.prefix(300))")
        let open = try server.get("/api/v1/exports/samr?public_only=true", token: qa)
        #expect(open.status == 200 && !open.body.contains("BUYER-") && open.body.contains("\"codes\""))
        let csv = try server.get("/api/v1/exports/csv?job=\(id)", token: qa)
        #expect(csv.status == 200 && csv.body.split(whereSeparator: \.isNewline).count == 1 + 3, "a header and three codes: \(csv.status) \(csv.body)")
        let epcis = try server.get("/api/v1/exports/epcis", token: qa)
        #expect(epcis.status == 200)
        let doc = server.directory.appendingPathComponent("epcis.json")
        try Data(epcis.body.utf8).write(to: doc)
        let valid = try Harness.run(Harness.python, [Harness.root.appendingPathComponent("tools/validate-epcis.py").path, doc.path])
        #expect(valid.status == 0, "EPCIS from the API is schema-valid: \(valid.stdout)\(valid.stderr)")
        #expect(try server.get("/api/v1/exports/xml", token: qa).status == 404)
        let noJob = try server.get("/api/v1/exports/csv?job=J-nope", token: qa)
        #expect(noJob.status == 404 && noJob.errorField == "job", "\(noJob.body)")
        #expect(try server.get("/api/v1/exports/csv?colour=red", token: qa).errorField == "colour")
        #expect(try server.get("/api/v1/exports/csv", token: seller).status == 403)

        // A recall lists who received the units and the resolver shows it.
        before = Self.size(server.registry)
        #expect(try server.post("/api/v1/recalls", token: seller, body: #"{"scope":{"job":"\#(id)"},"reason":"x"}"#).status == 403)
        #expect(try server.post("/api/v1/recalls", token: qa, body: #"{"scope":{"job":"\#(id)"}}"#).errorField == "reason")
        #expect(Self.size(server.registry) == before)
        let recall = try server.post("/api/v1/recalls", token: qa, body: #"{"scope":{"job":"\#(id)"},"reason":"cell defect"}"#)
        #expect(recall.status == 201 && recall.json["count"] as? Int == 3 && recall.body.contains("BUYER-TEL"), "\(recall.body)")
        let link = try #require(job["first_link"] as? String)
        let path = String(link.drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" })
        let resolved = try server.get(path, headers: ["Accept: application/json"])
        #expect(resolved.json["status"] as? String == "recalled" && resolved.body.contains("cell defect") && !resolved.body.contains("BUYER-"), "\(resolved.body)")
        #expect(try Harness.tracelabel(["verify", "--registry", server.registry]).status == 0)
    }

    /// A token limited to products or lines never gets an answer for the whole registry, nor acts on it.
    @Test func aLimitedTokenIsRefusedWholeRegistryEndpoints() throws {
        let server = try LiveServer(tokens: LiveServer.standardTokens + [LiveServer.TokenSpec(name: "qa-ebike", role: "qa", products: ["ebike-battery"])])
        defer { server.stop() }
        let job = try server.runJob(#"{"product":"ebike-battery","count":1,"line":"L1","shift":"S1"}"#, token: server.tokens["admin"]!)
        let id = try #require(job["registry_job"] as? String)
        let limited = server.tokens["qa-ebike"]!
        for (method, path, body) in [("GET", "/api/v1/verify", nil), ("GET", "/api/v1/report", nil), ("GET", "/api/v1/exports/csv", nil),
                                     ("GET", "/api/v1/flows", nil),
                                     // The sale before the recall: a recalled code is never sold.
                                     ("POST", "/api/v1/flows", #"{"flow":"producer-sale","party":"\#(Self.producer)","at":"2026-11-28","counterparty":"B","address":"A","contact":"C","scope":{"job":"\#(id)"}}"#),
                                     ("POST", "/api/v1/recalls", #"{"scope":{"job":"\#(id)"},"reason":"x"}"#)] as [(String, String, String?)] {
            let before = Self.size(server.registry)
            let r = try server.request(method, path, token: limited, body: body)
            #expect(r.status == 403 && r.errorField == "product", "\(method) \(path): \(r.status) \(r.body)")
            #expect(Self.size(server.registry) == before, "\(path): nothing done")
            let open = try server.request(method, path, token: server.tokens["qa"]!, body: body)
            #expect([200, 201].contains(open.status), "\(path) with an unlimited qa token: \(open.status) \(open.body)")
        }
    }
}
