import Foundation
import Testing
import _TraceTestSupport
import TraceCore

/// Master data from the CLI: producer files registered once, documents hashed into the job's snapshot, invalid
/// data refused before anything is written, and the public view of issued codes.
@Suite(.serialized) struct MasterDataTests {
    static func sha256sum(_ path: String) throws -> String {
        let out = try Harness.run("/usr/bin/sha256sum", [path])
        return String(out.stdout.prefix(64))
    }

    @Test func everyExampleValidatesProductsAndPartiesAlike() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Harness.root.appendingPathComponent("examples").path)
            .filter { $0.hasSuffix(".yaml") }.sorted().map { "examples/\($0)" }
        #expect(files.count >= 7, "three products, three producers, a seller: \(files)")
        let out = try Harness.tracelabel(["product", "check"] + files)
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
        #expect(out.stdout.split(separator: "\n").count == files.count)
        #expect(out.stdout.contains("examples/hangzhou-ebike-shop.seller.yaml: ok: seller 杭州示例电动车销售有限公司"))
    }

    @Test func theSnapshotRecordsTheDocumentsHashesAndTheOwnersChoices() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("r.jsonl").path
        let issued = try Harness.tracelabel(["issue", "--product", "examples/ebike-battery.yaml", "--count", "2", "--line", "L1", "--shift", "S", "--registry", registry])
        #expect(issued.status == 0, "\(issued.stderr)")
        let open = try #require(try Harness.registryLines(registry).first { $0["kind"] as? String == "job-open" })
        let snapshot = try #require(try JSONSerialization.jsonObject(with: Data((open["snapshot"] as? String ?? "").utf8)) as? [String: String])
        let docs = Harness.root.appendingPathComponent("examples/documents").path
        #expect(snapshot["product.inspection_report.sha256"] == (try Self.sha256sum("\(docs)/inspection-QT-2026-1127-001.pdf")))
        #expect(snapshot["producer.business_licence.sha256"] == (try Self.sha256sum("\(docs)/business-licence-91330106MA2H7K3LXA.pdf")))
        #expect(snapshot["product.inspection_report.reference"] == "QT-2026-1127-001")
        #expect(snapshot["producer.name"] == "杭州示例新能源电池有限公司", "the producer comes from its party file")
        #expect(snapshot["visibility.product.inspection_report"] == "public" && snapshot["visibility.flows"] == "private")
        // The digest is the SHA-256 of the snapshot's bytes, by Python's hashlib as the second opinion.
        let hashed = try Harness.run(Harness.python, ["-c", "import hashlib,sys; print(hashlib.sha256(sys.argv[1].encode()).hexdigest())",
                                                      open["snapshot"] as? String ?? ""])
        #expect(open["digest"] as? String == hashed.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func aReportFileThatIsNotTheDeclaredOneIsRefusedBeforeAnythingIsWritten() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("the real report\n".utf8).write(to: dir.appendingPathComponent("report.pdf"))
        let declared = String(repeating: "0", count: 64)
        let text = try Harness.exampleProduct("ebike-battery.yaml")
        let edited = text.replacingOccurrences(of: "file: \(Harness.root.path)/examples/documents/inspection-QT-2026-1127-001.pdf",
                                               with: "file: report.pdf\n    sha256: \(declared)")
        #expect(edited != text)
        let product = dir.appendingPathComponent("p.yaml").path
        try edited.write(toFile: product, atomically: true, encoding: .utf8)
        let registry = dir.appendingPathComponent("out/r.jsonl").path
        let out = try Harness.tracelabel(["issue", "--product", product, "--count", "2", "--line", "L1", "--shift", "S", "--registry", registry,
                                          "--spool", dir.appendingPathComponent("out/spool").path])
        #expect(out.status == 65)
        let actual = try Self.sha256sum(dir.appendingPathComponent("report.pdf").path)
        #expect(out.stderr.contains("product.inspection_report.sha256: '\(declared)': differs from the SHA-256 of product.inspection_report.file (\(actual))"), "\(out.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path), "nothing written")
    }

    @Test func aBrokenProducerFileIsReportedAtItsOwnLine() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let examples = Harness.root.appendingPathComponent("examples").path
        let party = try String(contentsOfFile: "\(examples)/hangzhou-battery.producer.yaml", encoding: .utf8)
            .replacingOccurrences(of: "uscc: 91330106MA2H7K3LXA", with: "uscc: 91330106MA2H7K3LXB")
            .replacingOccurrences(of: "file: documents/", with: "file: \(examples)/documents/")
        try party.write(to: dir.appendingPathComponent("producer.yaml"), atomically: true, encoding: .utf8)
        let product = try String(contentsOfFile: "\(examples)/ebike-battery.yaml", encoding: .utf8)
            .replacingOccurrences(of: "producer: hangzhou-battery.producer.yaml", with: "producer: producer.yaml")
            .replacingOccurrences(of: "file: documents/", with: "file: \(examples)/documents/")
        try product.write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        let out = try Harness.tracelabel(["product", "check", dir.appendingPathComponent("p.yaml").path])
        #expect(out.status == 65)
        let line = (party.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("uscc:") } ?? -1) + 1
        #expect(out.stdout.contains("\(dir.appendingPathComponent("producer.yaml").path):\(line): error: party.uscc: '91330106MA2H7K3LXB'"), "\(out.stdout)")
    }

    @Test func thePublicViewShowsPublicFieldsOnlyAndTheCodesStatus() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("r.jsonl").path
        for (product, line) in [("examples/ebike-battery.yaml", "L1"), ("examples/cable-reel.yaml", "L2")] {
            let r = try Harness.tracelabel(["issue", "--product", product, "--count", "2", "--line", line, "--shift", "S", "--registry", registry])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let codes = try Harness.registryLines(registry).filter { $0["kind"] as? String == "issue" }.compactMap { $0["dl"] as? String }
        #expect(codes.count == 4)
        func view(_ code: String) throws -> (status: Int32, json: [String: Any]) {
            let out = try Harness.tracelabel(["public-view", "--registry", registry, "--json", code])
            return (out.status, (try? JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]) ?? [:])
        }
        func keys(_ json: [String: Any]) -> [String: String] {
            Dictionary(uniqueKeysWithValues: ((json["fields"] as? [[String: Any]]) ?? []).map { ($0["key"] as? String ?? "", $0["value"] as? String ?? "") })
        }
        let battery = try view(codes[0])
        #expect(battery.status == 0 && battery.json["status"] as? String == "valid")
        #expect(keys(battery.json)["product.inspection_report.reference"] == "QT-2026-1127-001", "made public in the product file")
        #expect(keys(battery.json)["producer.business_licence.reference"] == "营业执照 91330106MA2H7K3LXA")
        #expect(keys(battery.json)["serial"] == "0000000001")
        let cable = try view(codes[2])
        #expect(cable.json["status"] as? String == "valid" && keys(cable.json)["product.name"] != nil)
        #expect(keys(cable.json)["product.inspection_report.reference"] == nil, "private by default")
        #expect(keys(cable.json)["product.production_licence"] == "(苏)XK06-001-00123")

        let voided = try Harness.tracelabel(["void", "--registry", registry, "--code", codes[1], "--reason", "label torn", "--operator", "qa"])
        #expect(voided.status == 0, "\(voided.stderr)")
        let afterVoid = try view(codes[1])
        #expect(afterVoid.json["status"] as? String == "voided" && keys(afterVoid.json).isEmpty)
        let unknown = try view("https://id.gs1.org/01/09520123456795/21/9999999999")
        #expect(unknown.status == 65 && unknown.json["status"] as? String == "unknown" && keys(unknown.json).isEmpty)
    }

    /// The README's Annex 2 table names every field of the table the code publishes from, so the two cannot drift.
    @Test func theReadmeListsEveryAnnexTwoFieldWithItsKey() throws {
        let readme = try String(contentsOf: Harness.root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "### Annex 2 fields: where each lives, and who sees it").last?
            .components(separatedBy: "\n## ").first)
        for field in AnnexTwo.fields where field.group == .producer || field.group == .product {
            #expect(section.contains("`\(field.key)`") || field.key == "code", "README's Annex 2 table lacks \(field.key)")
            #expect(!field.inAnnexTwo || field.key.hasSuffix(".sha256") || section.contains(field.chinese), "README's Annex 2 table lacks \(field.chinese)")
        }
    }

    /// Flows appear in the public view only when their owner publishes them (the gas-cooker producer and the seller
    /// do, the battery producer does not), and a recall turns the status and shows the notice.
    @Test func flowsFollowEachOwnersChoiceAndARecallShows() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("r.jsonl").path
        var codes: [String: String] = [:]
        for (product, line) in [("gas-stove", "L1"), ("ebike-battery", "L2")] {
            let r = try Harness.tracelabel(["issue", "--product", "examples/\(product).yaml", "--count", "2", "--line", line, "--shift", "S", "--registry", registry])
            #expect(r.status == 0, "\(r.stderr)")
            codes[product] = try Harness.registryLines(registry).last { $0["kind"] as? String == "issue" }?["code"] as? String
        }
        let stove = try #require(codes["gas-stove"]), battery = try #require(codes["ebike-battery"])
        let seller = try Harness.tracelabel(["party", "register", "--registry", registry, "examples/hangzhou-ebike-shop.seller.yaml", "--operator", "qa"])
        #expect(seller.status == 0, "\(seller.stderr)")
        for (code, producer) in [(stove, "91330212MA2GX3Q71C"), (battery, "91330106MA2H7K3LXA")] {
            let sale = try Harness.tracelabel(["flow", "add", "--registry", registry, "--code", code, "--flow", "producer-sale", "--party", producer,
                                               "--at", "2026-11-28", "--counterparty", "BUYER-\(producer)", "--address", "ADDR-\(producer)",
                                               "--contact", "TEL-\(producer)", "--operator", "sales"])
            #expect(sale.status == 0, "\(sale.stderr)")
            let sold = try Harness.tracelabel(["flow", "add", "--registry", registry, "--code", code, "--flow", "seller-sale", "--party", "91330105MA27XK8E2Y",
                                               "--at", "2026-11-28", "--counterparty", "CUSTOMER-\(producer)", "--operator", "shop"])
            #expect(sold.status == 0, "\(sold.stderr)")
        }
        func view(_ code: String) throws -> String { try Harness.tracelabel(["public-view", "--registry", registry, "--json", code]).stdout }
        let stoveView = try view(stove), batteryView = try view(battery)
        #expect(stoveView.contains("BUYER-91330212MA2GX3Q71C") && stoveView.contains("TEL-91330212MA2GX3Q71C"), "the gas-cooker producer publishes its sales")
        #expect(!batteryView.contains("BUYER-") && !batteryView.contains("ADDR-") && !batteryView.contains("TEL-"), "the battery producer keeps them private")
        #expect(batteryView.contains("CUSTOMER-91330106MA2H7K3LXA") && stoveView.contains("CUSTOMER-91330212MA2GX3Q71C"), "the seller publishes its sales")
        #expect(batteryView.contains("\"status\":\"valid\""))

        let recall = try Harness.tracelabel(["recall", "--registry", registry, "--code", battery, "--reason", "cell defect", "--operator", "qa"])
        #expect(recall.status == 0 && recall.stdout.contains("BUYER-91330106MA2H7K3LXA"), "the recall lists who received the unit, private or not: \(recall.stdout)")
        let recalled = try view(battery)
        #expect(recalled.contains("\"status\":\"recalled\"") && recalled.contains("cell defect"))
        #expect(!recalled.contains("BUYER-"), "a recall does not publish private flows")
        #expect(try Harness.tracelabel(["verify", "--registry", registry]).status == 0)
    }

    @Test func aKeyGivenTwiceIsRefusedNotSilentlyOverridden() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try Harness.exampleProduct("ebike-battery.yaml").replacingOccurrences(of: "  warranty: 3年\n", with: "  warranty: 3年\n  model: OTHER\n")
        let path = dir.appendingPathComponent("p.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let first = (lines.firstIndex { $0.hasPrefix("  model: TL") } ?? -1) + 1, second = (lines.firstIndex { $0.hasPrefix("  model: OTHER") } ?? -1) + 1
        let out = try Harness.tracelabel(["product", "check", path])
        #expect(out.status == 65, "a file that says two things is bad data")
        #expect(out.stdout.contains("'product.model' is given twice (lines \(first) and \(second))"), "\(out.stdout)")
        let issue = try Harness.tracelabel(["issue", "--product", path, "--count", "1", "--line", "L", "--shift", "S", "--registry", dir.appendingPathComponent("r.jsonl").path])
        #expect(issue.status == 65 && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("r.jsonl").path))
    }
}
