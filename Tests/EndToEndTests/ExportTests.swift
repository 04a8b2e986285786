import Foundation
import Testing
import _TraceTestSupport
import TraceRegistry

/// `tracelabel export`: EPCIS validated against GS1's schema, the samr document's visibility, the CSV rows,
/// the filters and the atomic output.
@Suite(.serialized) struct ExportTests {
    static func events(_ doc: [String: Any]) -> [[String: Any]] {
        (doc["epcisBody"] as! [String: Any])["eventList"] as! [[String: Any]]
    }

    @Test func epcisValidatesForEveryModeAnEcodeJobFlowsAndAVoid() throws {
        let f = try ExportFixture()
        defer { f.remove() }
        var documents: [String] = []
        for (name, extra) in [("all.json", []), ("urn.json", ["--epc-urn", "--gcp-length", "7"]), ("public.json", ["--public-only"])]
            + f.jobs.sorted(by: { $0.key < $1.key }).map({ ("job-\($0.key).json", ["--job", $0.value]) }) {
            let out = try f.export(["--format", "epcis", "--out", f.path(name)] + extra)
            #expect(out.status == 0, "\(name): \(out.stderr)")
            documents.append(f.path(name))
        }
        let validation = try ExportFixture.validate(documents)
        #expect(validation.status == 0, "\(validation.stdout)\(validation.stderr)")
        #expect(validation.stdout.components(separatedBy: "valid (Draft7Validator").count - 1 == documents.count, "\(validation.stdout)")

        let doc = try ExportFixture.json(String(contentsOfFile: f.path("all.json"), encoding: .utf8))
        #expect(doc["type"] as? String == "EPCISDocument" && doc["schemaVersion"] as? String == "2.0")
        let events = Self.events(doc)
        func step(_ s: String) -> [[String: Any]] { events.filter { $0["bizStep"] as? String == s } }
        let commissioning = step("commissioning")
        #expect(commissioning.count == 4)
        let epcs = commissioning.flatMap { $0["epcList"] as? [String] ?? [] }
        #expect(epcs.contains("https://id.gs1.org/01/09520123456795/21/0000000001"))
        #expect(epcs.filter { $0.hasPrefix("https://www.iotroot.com/E=") }.count == 4, "the Ecode job's URLs stand for its codes")
        let quantities = commissioning.flatMap { $0["quantityList"] as? [[String: Any]] ?? [] }
        #expect(quantities.contains { $0["epcClass"] as? String == "https://id.gs1.org/01/09520123456795/10/20261127A" && $0["quantity"] as? Int == 5 })
        #expect(quantities.contains { $0["epcClass"] as? String == "https://id.gs1.org/01/09520123456795" && $0["quantity"] as? Int == 3 })
        #expect(commissioning.allSatisfy { ($0["readPoint"] as? [String: String])?["id"]?.hasPrefix("urn:tracelabel:line:L") == true })
        #expect(commissioning.allSatisfy { $0["eventTimeZoneOffset"] as? String == "+08:00" && $0["action"] as? String == "ADD" })

        let void = step("decommissioning")
        #expect(void.count == 1 && void[0]["disposition"] as? String == "inactive" && void[0]["action"] as? String == "DELETE")
        #expect(void.first?["tracelabel:voidReason"] as? String == "torn at applicator")
        #expect(void.first?["epcList"] as? [String] == ["https://id.gs1.org/01/09520123456795/21/0000000005"])
        let receiving = step("receiving")
        #expect(receiving.count == 1 && (receiving[0]["epcList"] as? [String])?.count == 10 && receiving[0]["disposition"] as? String == "in_progress")
        #expect(receiving.first?["eventTime"] as? String == "2026-11-29T09:00:00+08:00")
        let selling = step("retail_selling")
        #expect(selling.count == 1 && selling[0]["epcList"] as? [String] == ["https://id.gs1.org/01/09520123456795/21/0000000003"])
        let shipping = step("shipping")
        // F1 (a lot: the item and batch jobs printed it; a category code has no lot) and F4 (the Ecode job).
        #expect(shipping.count == 3 && shipping.allSatisfy { $0["disposition"] as? String == "in_transit" }, "\(shipping)")
        #expect(shipping.allSatisfy { ($0["destinationList"] as? [[String: String]])?.first?["type"] == "owning_party" })

        let urn = try String(contentsOfFile: f.path("urn.json"), encoding: .utf8)
        #expect(urn.contains("\"urn:epc:id:sgtin:9520123.045679.0000000001\"") && urn.contains("\"urn:epc:class:lgtin:9520123.045679.20261127A\""))
        #expect(urn.contains("\"urn:epc:idpat:sgtin:9520123.045679.*\""))

        // --public-only: the seller and the gas-cooker producer (visibility.flows: public in its party file) published
        // their flows; the battery producer did not; no void reason, no job id.
        let pub = Self.events(try ExportFixture.json(String(contentsOfFile: f.path("public.json"), encoding: .utf8)))
        let published = pub.filter { $0["bizStep"] as? String == "shipping" }
        let transactions = published.compactMap { ($0["bizTransactionList"] as? [[String: Any]])?.first?["bizTransaction"] as? String }
        #expect(transactions == ["urn:tracelabel:flow:F4"], "\(transactions)")
        #expect(pub.filter { $0["bizStep"] as? String == "receiving" }.count == 1)
        #expect(pub.allSatisfy { $0["tracelabel:voidReason"] == nil && $0["tracelabel:job"] == nil })
    }

    /// The validator is live: documents broken in one place each fail.
    @Test func brokenEPCISDocumentsFailTheSchema() throws {
        let f = try ExportFixture(flows: false)
        defer { f.remove() }
        #expect(try f.export(["--format", "epcis", "--out", f.path("good.json")]).status == 0)
        let good = try ExportFixture.json(String(contentsOfFile: f.path("good.json"), encoding: .utf8))
        let breaks: [(String, ([String: Any]) -> [String: Any])] = [
            ("no eventTime", { d in Self.editFirstEvent(d) { $0["eventTime"] = nil } }),
            ("action MAYBE", { d in Self.editFirstEvent(d) { $0["action"] = "MAYBE" } }),
            ("an EPC that is not a URI", { d in Self.editFirstEvent(d) { $0["epcList"] = ["not a uri"] } }),
            ("a bad time zone offset", { d in Self.editFirstEvent(d) { $0["eventTimeZoneOffset"] = "+8" } }),
            ("no schemaVersion", { d in var d = d; d["schemaVersion"] = nil; return d }),
        ]
        #expect(try ExportFixture.validate([f.path("good.json")]).status == 0)
        for (name, edit) in breaks {
            let path = f.path("broken.json")
            try JSONSerialization.data(withJSONObject: edit(good)).write(to: URL(fileURLWithPath: path))
            let result = try ExportFixture.validate([path])
            #expect(result.status == 1, "\(name) passed the schema: \(result.stdout)")
        }
    }

    static func editFirstEvent(_ doc: [String: Any], _ edit: (inout [String: Any]) -> Void) -> [String: Any] {
        var doc = doc, body = doc["epcisBody"] as! [String: Any], events = body["eventList"] as! [[String: Any]]
        edit(&events[0])
        body["eventList"] = events
        doc["epcisBody"] = body
        return doc
    }

    /// Every leaf of the samr document's groups is a `{"value","visibility"}` field; `--public-only` has no private one.
    static func fields(_ doc: [String: Any]) -> [(path: String, visibility: String)] {
        var out: [(String, String)] = []
        for group in ["codes", "producers", "products", "flows", "sellers"] {
            for (i, entry) in (doc[group] as! [[String: Any]]).enumerated() {
                for (key, field) in entry {
                    let f = field as? [String: Any]
                    out.append(("\(group)[\(i)].\(key)", (f?["value"] != nil ? f?["visibility"] as? String : nil) ?? "NOT A FIELD"))
                }
            }
        }
        return out
    }

    @Test func samrFieldsCarryTheirVisibilityAndPublicOnlyDropsThePrivateOnes() throws {
        let f = try ExportFixture()
        defer { f.remove() }
        // A job whose product data carries an inspection report, private by default, and one that publishes it.
        for (n, visibility) in [(1, nil), (2, "public")] as [(Int, String?)] {
            var snapshot = ["producer.name": "测试厂", "producer.uscc": ExportFixture.producer, "product.name": "测试品 \(n)",
                            "product.gtin": "09520123456795", "batch.lot": "INSP\(n)", "product.inspection_report.reference": "QT-\(n)",
                            "product.inspection_report.sha256": String(repeating: "ab", count: 32)]
            snapshot["visibility.product.inspection_report"] = visibility
            try f.append(Self.job("JINSP\(n)", lot: "INSP\(n)", snapshot: snapshot, time: "2026-11-28T09:00:0\(n)Z"))
        }
        let full = try f.export(["--format", "samr"]), pub = try f.export(["--format", "samr", "--public-only"])
        #expect(full.status == 0 && pub.status == 0, "\(full.stderr)\(pub.stderr)")
        let fullDoc = try ExportFixture.json(full.stdout), pubDoc = try ExportFixture.json(pub.stdout)
        #expect(fullDoc["format"] as? String == "tracelabel-samr" && fullDoc["version"] as? Int == 1)
        let all = Self.fields(fullDoc), open = Self.fields(pubDoc)
        #expect(all.allSatisfy { $0.visibility == "public" || $0.visibility == "private" }, "\(all.filter { $0.visibility == "NOT A FIELD" })")
        #expect(open.allSatisfy { $0.visibility == "public" }, "\(open.filter { $0.visibility != "public" })")
        #expect(all.contains { $0.visibility == "private" })
        // Codes: 20 + 1 + 1 + 4 + the two hand-made jobs.
        #expect((fullDoc["codes"] as! [[String: Any]]).count == 28 && (pubDoc["codes"] as! [[String: Any]]).count == 28)
        #expect(open.allSatisfy { !$0.path.hasSuffix(".job") && !$0.path.hasSuffix(".void_reason") })

        let products = fullDoc["products"] as! [[String: Any]]
        func report(_ ps: [[String: Any]], lot: String) -> [String: Any]? {
            ps.first { (($0["lot"] as? [String: Any])?["value"] as? String) == lot }?["inspection_report_reference"] as? [String: Any]
        }
        #expect(report(products, lot: "INSP1")?["visibility"] as? String == "private")
        #expect(report(products, lot: "INSP2")?["visibility"] as? String == "public")
        let pubProducts = pubDoc["products"] as! [[String: Any]]
        #expect(report(pubProducts, lot: "INSP1") == nil && report(pubProducts, lot: "INSP2")?["value"] as? String == "QT-2")

        // Flows: the battery producer's sale is private; the seller and the gas-cooker producer (visibility.flows:
        // public) published theirs.
        let flows = fullDoc["flows"] as! [[String: Any]]
        #expect(flows.count == 4)
        let pubFlows = pubDoc["flows"] as! [[String: Any]]
        let publishers = pubFlows.compactMap { ($0["party"] as? [String: Any])?["value"] as? String }.sorted()
        #expect(publishers == [ExportFixture.seller, ExportFixture.seller, ExportFixture.gasProducer].sorted(), "\(publishers)")
        let sale = flows.first { ($0["id"] as? [String: Any])?["value"] as? String == "F1" }!
        #expect((sale["buyer_address"] as? [String: Any])?["value"] as? String == "北京市朝阳区示例街1号")
        let sellers = fullDoc["sellers"] as! [[String: Any]]
        #expect(sellers.count == 1 && (sellers[0]["name"] as? [String: Any])?["value"] as? String == "北京示例电动车销售有限公司")
        let voided = (fullDoc["codes"] as! [[String: Any]]).filter { ($0["status"] as? [String: Any])?["value"] as? String == "voided" }
        #expect(voided.count == 1)
    }

    /// A job-open, reserve, issue and job-close written through the API, with the given snapshot.
    static func job(_ id: String, lot: String, snapshot: [String: String], time: String) throws -> [RegistryRecord] {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: snapshot, options: [.sortedKeys]), as: UTF8.self)
        var open = RegistryRecord(kind: .jobOpen, job: id)
        open.time = time
        open.mode = .batch
        open.line = "LX"
        open.gtin = "09520123456795"
        open.lot = lot
        open.count = 1
        open.snapshot = json
        var issue = RegistryRecord(kind: .issue, job: id)
        issue.code = "(01)09520123456795(10)\(lot)"
        issue.dl = "https://id.gs1.org/01/09520123456795/10/\(lot)"
        issue.copies = 1
        var close = RegistryRecord(kind: .jobClose, job: id)
        close.time = time
        close.status = .registered
        close.labels = 0
        return [open, issue, close]
    }

    @Test func csvHasOneRFC4180RowPerIssuedCode() throws {
        let f = try ExportFixture()
        defer { f.remove() }
        let out = try f.export(["--format", "csv", "--out", f.path("codes.csv")])
        #expect(out.status == 0, "\(out.stderr)")
        let issued = try Harness.registryLines(f.registry).filter { $0["kind"] as? String == "issue" }.count
        let parse = try Harness.run(Harness.python, ["-c", """
            import csv, json, sys
            rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8'), strict=True))
            print(json.dumps(rows))
            """, f.path("codes.csv")])
        #expect(parse.status == 0, "\(parse.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(parse.stdout.utf8)) as! [[String]]
        #expect(rows.first == CSVExport.header)
        #expect(rows.count - 1 == issued && issued == 26)
        let raw = try String(contentsOfFile: f.path("codes.csv"), encoding: .utf8)
        #expect(raw.hasSuffix("\r\n") && raw.components(separatedBy: "\r\n").count - 1 == issued + 1)
        let code3 = rows.first { $0[0] == ExportFixture.itemPrefix + "0000000003" }!
        // Covered by F1 (lot), F2 (range) and F3 (the sale, latest), whose customer has a comma and quotes.
        #expect(code3[9] == "3" && code3[10] == "seller-sale 2026-11-30T15:30:00+08:00 Shop, \"Best\" Ltd.", "\(code3)")
        let code5 = rows.first { $0[0] == ExportFixture.itemPrefix + "0000000005" }!
        #expect(code5[7] == "voided" && code5[8] == "torn at applicator")
        #expect(rows.filter { $0[1].hasPrefix("https://www.iotroot.com/E=") }.count == 4)
        let pub = try f.export(["--format", "csv", "--public-only"])
        #expect(pub.stdout.hasPrefix("code,link,product_name,gtin,lot,production_date,status\r\n"), "\(pub.stdout.prefix(120))")
    }

    @Test func filtersSelectJobsAndRefuseWhatMatchesNothing() throws {
        let f = try ExportFixture()
        defer { f.remove() }
        func rows(_ args: [String]) throws -> Int {
            let out = try f.export(["--format", "csv"] + args)
            #expect(out.status == 0, "\(args): \(out.stderr)")
            return out.stdout.components(separatedBy: "\r\n").count - 2
        }
        #expect(try rows(["--job", f.jobs["item"]!]) == 20)
        #expect(try rows(["--lot", "20261127A"]) == 21)
        #expect(try rows(["--product", "9520123456795"]) == 22)
        #expect(try rows(["--product", "examples/gas-stove.yaml"]) == 4)
        #expect(try rows(["--from", "2000-01-01", "--to", "2999-12-31"]) == 26)
        for (args, option, status) in [(["--job", "J-nope"], "--job 'J-nope'", 65), (["--lot", "NOLOT"], "--lot 'NOLOT'", 65),
                                       (["--product", "09520123456788"], "--product '09520123456788'", 65),
                                       (["--from", "2999-01-01"], "--from '2999-01-01'", 65), (["--from", "yesterday"], "--from 'yesterday'", 64),
                                       (["--job", f.jobs["item"]!, "--lot", "20261128G1"], "no job matches them all", 65)] as [([String], String, Int32)] {
            let out = try f.export(["--format", "samr", "--out", f.path("refused.json")] + args)
            #expect(out.status == status && out.stderr.contains(option), "\(args): \(out.status) \(out.stderr)")
            #expect(!FileManager.default.fileExists(atPath: f.path("refused.json")))
        }
    }

    @Test func outIsAtomicAndAnUnwritableOutWritesNothing() throws {
        let f = try ExportFixture(flows: false)
        defer { f.remove() }
        for out in [f.path("missing-folder/export.json"), f.dir.path] {
            let result = try f.export(["--format", "samr", "--out", out])
            #expect(result.status == 73 && result.stderr.contains(out), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: f.path("missing-folder")))
        // A disk that fills up during the export: exit 74, and neither the export nor its temporary file is left.
        let small = try SmallFilesystem(path: f.path("small"), size: "4k")
        defer { small.unmount() }
        let full = try f.export(["--format", "samr", "--out", small.path + "/export.json"])
        #expect(full.status == 74 && full.stderr.contains("no partial export"), "\(full.status) \(full.stderr)")
        #expect(Harness.files(in: small.path).isEmpty, "\(Harness.files(in: small.path))")
        // A complete export replaces an older one in one rename.
        try Data("old".utf8).write(to: URL(fileURLWithPath: f.path("export.json")))
        #expect(try f.export(["--format", "samr", "--out", f.path("export.json")]).status == 0)
        #expect(try ExportFixture.json(String(contentsOfFile: f.path("export.json"), encoding: .utf8))["format"] as? String == "tracelabel-samr")
        #expect(Harness.files(in: f.dir.path).filter { $0.contains(".tmp-") }.isEmpty)
    }
}
