import Foundation
import Testing
import _TraceTestSupport

/// The whole path through a real server: a job via the API, its PDF, a label decoded by zxing-cpp, and the label's
/// Digital Link resolved on the same server as HTML and JSON.
@Suite(.serialized) struct ServiceJobTests {
    @Test func jobPDFLabelResolvesOnTheServer() throws {
        let server = try LiveServer()
        defer { server.stop() }
        let token = server.tokens["line-ebike-L1"]!
        let job = try server.runJob(#"{"product":"ebike-battery","count":3,"line":"L1","shift":"2026-11-28-A","outputs":{"pdf":true,"printer":"printer-1"}}"#, token: token)
        #expect(job["status"] as? String == "succeeded", "\(job) \(server.log)")
        #expect(job["codes_issued"] as? Int == 3)
        #expect(job["done"] as? Int == 3)
        #expect(job["operator"] as? String == "line-ebike-L1")
        let id = job["id"] as! String
        // The registry names the token as the operator.
        let open = try Harness.registryLines(server.registry).first { $0["kind"] as? String == "job-open" }
        #expect(open?["operator"] as? String == "line-ebike-L1")
        // PNGs in the configured printer's spool.
        #expect(Harness.files(in: server.directory.appendingPathComponent("spool/printer-1").path).filter { $0.hasSuffix(".png") }.count == 3)

        let pdf = server.directory.appendingPathComponent("job.pdf").path
        let download = try server.request("GET", "/api/v1/jobs/\(id)/pdf", token: token, output: pdf)
        #expect(download.status == 200)
        #expect(download.headers.lowercased().contains("content-type: application/pdf"))
        let prefix = server.directory.appendingPathComponent("page").path
        let raster = try Harness.run("/usr/bin/pdftoppm", ["-r", "300", "-gray", "-png", "-f", "1", "-l", "1", pdf, prefix])
        #expect(raster.status == 0)
        let pages = Harness.files(in: server.directory.path).filter { $0.hasPrefix("page") }.map { server.directory.appendingPathComponent($0).path }
        let decoded = try Harness.decode(pages)
        let link = try #require(decoded.first?.symbols.first?.text)
        #expect(link.hasPrefix("https://id.gs1.org/01/"))
        #expect(link == job["first_link"] as? String)
        let path = String(link.dropFirst("https://id.gs1.org".count))

        let html = try server.get(path)
        #expect(html.status == 200)
        #expect(html.headers.lowercased().contains("content-type: text/html"))
        #expect(html.body.contains("电动自行车用锂离子蓄电池"))
        #expect(html.body.contains("正品追溯码"))
        #expect(html.body.contains("GB 43854-2024"))
        #expect(html.body.contains("20261127A"))
        #expect(html.body.contains("<meta name=\"viewport\""))
        let english = try server.get(path.adding(query: "lang=en"))
        #expect(english.body.contains("Valid trace code"))
        #expect(english.body.contains("product name"))

        let json = try server.get(path, headers: ["Accept: application/json"])
        #expect(json.status == 200)
        #expect(json.json["status"] as? String == "valid")
        let fields = json.json["fields"] as? [[String: Any]] ?? []
        #expect(fields.contains { $0["key"] as? String == "product.name" && $0["value"] as? String == "电动自行车用锂离子蓄电池" })
        #expect(json.json["scans"] as? Int == 3)

        // The same code through the API lookup, URL-encoded in any form.
        let hri = job["first_code"] as! String
        for form in [hri, link] {
            let lookup = try server.get("/api/v1/codes/\(form.pathSegment)", token: token)
            #expect(lookup.status == 200, "\(form): \(lookup.body)")
            #expect(lookup.json["code"] as? String == hri)
            #expect(lookup.json["products"] as? [String] == ["ebike-battery"])
        }
    }

    @Test func linksetWellKnownAndUnknownCodes() throws {
        let server = try LiveServer(resolverBase: "https://id.example.cn/trace")
        defer { server.stop() }
        let job = try server.runJob(#"{"product":"cable-reel","count":1,"line":"L2","shift":"S1"}"#, token: server.tokens["admin"]!)
        #expect(job["status"] as? String == "succeeded", "\(job)")
        let link = job["first_link"] as! String
        let keyPath = String(link[link.range(of: "/01/")!.lowerBound...])
        // Under a path prefix, with the resolver's query parameters.
        let prefixed = try server.get(("/trace" + keyPath).adding(query: "linkType=all"))
        #expect(prefixed.status == 200)
        #expect(prefixed.headers.lowercased().contains("content-type: application/linkset+json"))
        let linkset = try #require((prefixed.json["linkset"] as? [[String: Any]])?.first)
        #expect(linkset["anchor"] as? String == "https://id.example.cn/trace" + keyPath.components(separatedBy: "?")[0])
        let pip = linkset["https://gs1.org/voc/pip"] as? [[String: Any]] ?? []
        #expect(pip.contains { $0["type"] as? String == "text/html" })
        let byAccept = try server.get(keyPath, headers: ["Accept: application/linkset+json"])
        #expect(byAccept.json["linkset"] != nil)

        let wellKnown = try server.get("/.well-known/gs1resolver")
        #expect(wellKnown.status == 200)
        #expect(wellKnown.json["resolverRoot"] as? String == "https://id.example.cn/trace")
        #expect(wellKnown.json["supportedPrimaryKeys"] as? [String] == ["01"])

        // A code this registry never issued: the counterfeit warning, 404, in every form.
        let fake = "/01/09520123456788/21/NEVER1"
        let page = try server.get(fake)
        #expect(page.status == 404)
        #expect(page.body.contains("此码并非该生产者签发，可能是假冒产品"))
        #expect(try server.get(fake.adding(query: "lang=en")).body.contains("This code was not issued by this producer: it may be counterfeit"))
        let fakeJSON = try server.get(fake, headers: ["Accept: application/json"])
        #expect(fakeJSON.status == 404)
        #expect(fakeJSON.json["status"] as? String == "unknown")
        #expect(try server.get(fake.adding(query: "linkType=all")).errorID == "not-found")
        #expect(try server.get("/E=1234567890").status == 404)
        #expect(try server.get("/no/such/page").errorID == "not-found")
    }

    @Test func voidedCodeSaysSoAndScansAreCounted() throws {
        let server = try LiveServer()
        defer { server.stop() }
        let job = try server.runJob(#"{"product":"ebike-battery","count":2,"line":"L1","shift":"S1"}"#, token: server.tokens["line"]!)
        let hri = job["first_code"] as! String
        let path = String((job["first_link"] as! String).dropFirst("https://id.gs1.org".count))
        let voided = try server.post("/api/v1/codes/\(hri.pathSegment)/void", token: server.tokens["qa"]!, body: #"{"reason":"damaged at applicator"}"#)
        #expect(voided.status == 200, "\(voided.body)")
        let record = try Harness.registryLines(server.registry).last
        #expect(record?["kind"] as? String == "void")
        #expect(record?["operator"] as? String == "qa")
        let again = try server.post("/api/v1/codes/\(hri.pathSegment)/void", token: server.tokens["qa"]!, body: #"{"reason":"twice"}"#)
        #expect(again.status == 409, "\(again.body)")
        let page = try server.get(path)
        #expect(page.status == 200)
        #expect(page.body.contains("此码已作废"))
        #expect(!page.body.contains("电动自行车用锂离子蓄电池"), "a voided code shows no product data")
        let json = try server.get(path, headers: ["Accept: application/json"]).json
        #expect(json["status"] as? String == "voided")
        #expect((json["fields"] as? [Any])?.isEmpty == true)
        // A reprint of a voided code is refused; of the other, a PDF.
        let refused = try server.post("/api/v1/codes/\(hri.pathSegment)/reprint", token: server.tokens["qa"]!, body: #"{"reason":"smudged","outputs":{"pdf":true}}"#)
        #expect(refused.status == 409 || refused.status == 422, "\(refused.body)")
        let other = job["last_code"] as! String
        let reprint = try server.post("/api/v1/codes/\(other.pathSegment)/reprint", token: server.tokens["qa"]!, body: #"{"reason":"smudged","outputs":{"pdf":true}}"#)
        #expect(reprint.status == 201, "\(reprint.body)")
        let reprintID = reprint.json["id"] as? String ?? ""
        #expect(try server.request("GET", "/api/v1/jobs/\(reprintID)/pdf", token: server.tokens["qa"]!, output: server.directory.appendingPathComponent("r.pdf").path).status == 200)

        // A code scanned far more than others (10x their average, at least scan_alert: 5 in the test configuration)
        // is flagged: the voided code was scanned twice above.
        let otherSerial = other.components(separatedBy: "(21)").last!
        let otherPath = path.components(separatedBy: "/21/").first! + "/21/" + otherSerial
        var last: [String: Any] = [:]
        for _ in 0..<19 { last = try server.get(otherPath, headers: ["Accept: application/json"]).json }
        #expect(last["scans"] as? Int == 19)
        #expect(last["scan_flagged"] as? Bool == false)
        last = try server.get(otherPath, headers: ["Accept: application/json"]).json
        #expect(last["scans"] as? Int == 20)
        #expect(last["scan_flagged"] as? Bool == true)
    }

    @Test func ecodeLabelsResolveAtTheirEcodePath() throws {
        let server = try LiveServer()
        defer { server.stop() }
        let token = server.tokens["line"]!
        let job = try server.runJob(#"{"product":"gas-stove","count":2,"line":"L3","shift":"S1"}"#, token: token)
        #expect(job["status"] as? String == "succeeded", "\(job)")
        let link = try #require(job["first_link"] as? String)
        let path = String(link[try #require(link.range(of: "/E=")).lowerBound...])
        let json = try server.get(path, headers: ["Accept: application/json"])
        #expect(json.status == 200, "\(path): \(json.body)")
        #expect(json.json["status"] as? String == "valid")
        let fields = json.json["fields"] as? [[String: Any]] ?? []
        #expect(fields.contains { $0["key"] as? String == "product.name" && ($0["value"] as? String ?? "").hasPrefix("家用燃气灶具") })
        #expect(try server.get("/prefix" + path).body.contains("家用燃气灶具"))
        let lookup = try server.get("/api/v1/codes/\((job["first_code"] as! String).pathSegment)", token: token)
        #expect(lookup.json["products"] as? [String] == ["gas-stove"], "\(lookup.body)")
    }

    @Test func theResolverFollowsTheRegistryAsTheCLIWritesIt() throws {
        let server = try LiveServer()
        defer { server.stop() }
        // A job issued by the CLI into the registry the server follows resolves without a restart.
        let product = server.products.appendingPathComponent("cable-reel.yaml").path
        let cli = try Harness.tracelabel(["issue", "--product", product, "--count", "2", "--line", "L9", "--shift", "S1", "--registry", server.registry])
        #expect(cli.status == 0, "\(cli.stderr)")
        let link = cli.stdout.split(separator: "\n").first { $0.hasPrefix("link") }!.split(separator: " ").last!
        let path = String(link[link.range(of: "/01/")!.lowerBound...])
        #expect(try server.get(path, headers: ["Accept: application/json"]).json["status"] as? String == "valid")
        // And server jobs continue the same counters: no code twice.
        _ = try server.runJob(#"{"product":"cable-reel","count":2,"line":"L2","shift":"S1"}"#, token: server.tokens["admin"]!)
        let verify = try server.get("/api/v1/verify", token: server.tokens["qa"]!)
        #expect(verify.status == 200)
        #expect(verify.json["intact"] as? Bool == true, "\(verify.body)")
        #expect(verify.json["item_codes"] as? Int == 4)
        let cliVerify = try Harness.tracelabel(["verify", "--registry", server.registry])
        #expect(cliVerify.status == 0, "\(cliVerify.stdout)")
    }
}
