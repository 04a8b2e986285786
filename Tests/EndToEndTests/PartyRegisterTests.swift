import Foundation
import Testing
import _TraceTestSupport
import TraceRegistry

/// `tracelabel party register` and `party list`: a seller registers once from its party file; the same data again
/// records nothing, changed data a new record; seller flows need the registration.
struct PartyRegisterTests {
    static let shop = "91330105MA27XK8E2Y"
    var sellerFile: String { Harness.root.appendingPathComponent("examples/hangzhou-ebike-shop.seller.yaml").path }

    func register(_ file: String, _ registry: String) throws -> Harness.Output {
        try Harness.tracelabel(["party", "register", "--registry", registry, "--operator", "office", file])
    }

    @Test func aSellerRegistersOnceAndAgainOnlyWhenItsDataChanges() throws {
        let f = try FlowFixture(count: 3)
        defer { f.remove() }
        let sale = ["--code", f.codes[0], "--flow", "seller-sale", "--party", PartyRegisterTests.shop, "--at", "2026-11-22", "--counterparty", "张三"]
        #expect(try f.flow(sale).status == 65, "not registered yet")

        let first = try register(sellerFile, f.registry)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("registered 91330105MA27XK8E2Y 杭州示例电动车销售有限公司 (seller)"), "\(first.stdout)")
        let record = try f.records("party")
        #expect(record.count == 1 && record[0]["party"] as? String == PartyRegisterTests.shop && record[0]["operator"] as? String == "office")
        let snapshot = try JSONSerialization.jsonObject(with: Data((record[0]["snapshot"] as! String).utf8)) as! [String: String]
        let pdf = Harness.root.appendingPathComponent("examples/documents/business-licence-91330105MA27XK8E2Y.pdf").path
        let digest = try Harness.run("/usr/bin/sha256sum", [pdf]).stdout.prefix(64)
        #expect(snapshot["business_licence.sha256"] == String(digest))
        #expect(snapshot["role"] == "seller" && snapshot["visibility.flows"] == "public" && snapshot["contact"] == "0571-85550000")
        #expect(record[0]["snapshot"] as? String == String(decoding: try JSONSerialization.data(withJSONObject: snapshot, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self),
                "canonical JSON: sorted keys, no whitespace")

        let before = try f.bytes()
        let again = try register(sellerFile, f.registry)
        #expect(again.status == 0 && again.stdout.contains("unchanged") && again.stdout.contains("nothing recorded"), "\(again.stdout)")
        #expect(try f.bytes() == before)

        // The same party, a new phone number, the licence given by its SHA-256 alone (the file kept elsewhere).
        let yaml = try String(contentsOfFile: sellerFile, encoding: .utf8)
            .replacingOccurrences(of: "contact: 0571-85550000", with: "contact: 0571-85559999")
            .replacingOccurrences(of: "file: documents/business-licence-91330105MA27XK8E2Y.pdf", with: "sha256: \(digest)")
        let changed = f.dir.appendingPathComponent("shop.seller.yaml").path
        try yaml.write(toFile: changed, atomically: true, encoding: .utf8)
        let update = try register(changed, f.registry)
        #expect(update.status == 0, "\(update.stderr)")
        #expect(update.stdout.contains("changed  contact: '0571-85550000' → '0571-85559999'"), "\(update.stdout)")
        #expect(!update.stdout.contains("business_licence"), "the same licence digest is no change")
        #expect(try f.records("party").count == 2)

        let list = try Harness.tracelabel(["party", "list", "--registry", f.registry, "--json"])
        let parties = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as! [[String: String]]
        #expect(parties.count == 1 && parties[0]["contact"] == "0571-85559999", "the latest registration counts")

        #expect(try f.flow(sale).status == 0)
        let verify = try Harness.tracelabel(["verify", "--registry", f.registry])
        #expect(verify.status == 0 && verify.stdout.contains("parties 2, flows 1"), "\(verify.stdout)")
    }

    @Test func aBadOrMissingPartyFileRecordsNothing() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("registry.jsonl").path
        let bad = dir.appendingPathComponent("bad.yaml").path
        try String(contentsOfFile: sellerFile, encoding: .utf8).replacingOccurrences(of: "uscc: 91330105MA27XK8E2Y", with: "uscc: 91330105MA27XK8E2X")
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try register(bad, registry)
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("bad.yaml:5: error: party.uscc: '91330105MA27XK8E2X'"), "\(refused.stderr)")
        let missing = try register(dir.appendingPathComponent("none.yaml").path, registry)
        #expect(missing.status == 66, "\(missing.stderr)")
        let written = FileManager.default.contents(atPath: registry) ?? Data()
        #expect(written.isEmpty, "no party record")
    }

    @Test func aProducerRegistrationDoesNotMakeASeller() throws {
        let f = try FlowFixture(count: 2)
        defer { f.remove() }
        let producer = try register(Harness.root.appendingPathComponent("examples/hangzhou-battery.producer.yaml").path, f.registry)
        #expect(producer.status == 0, "\(producer.stderr)")
        let sale = try f.flow(["--code", f.codes[0], "--flow", "seller-sale", "--party", FlowFixture.producer, "--at", "2026-11-22", "--counterparty", "张三"])
        #expect(sale.status == 65 && sale.stderr.contains("is registered as producer, not as a seller"), "\(sale.stderr)")
        #expect(try f.producerSale(["--code", f.codes[0]]).status == 0)
    }
}
