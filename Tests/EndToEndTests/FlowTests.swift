import Foundation
import Testing
import _TraceTestSupport
import TraceRegistry

/// `tracelabel flow add` and `flow list`: flows by code, range, lot and job; what is refused leaves the registry as it was.
struct FlowTests {
    @Test func flowsByCodeRangeLotAndJobAreRecordedAndListed() throws {
        let f = try FlowFixture()
        defer { f.remove() }
        try f.registerSeller()
        let range = try f.producerSale(["--range", f.codes[0], f.codes[9]])
        #expect(range.status == 0, "\(range.stderr)")
        #expect(range.stdout.contains("(10 code(s))"), "\(range.stdout)")
        // The code given as a Digital Link is written as registered (HRI).
        let dl = try Harness.registryLines(f.registry).first { $0["code"] as? String == f.codes[3] }!["dl"] as! String
        let purchase = try f.flow(["--code", dl, "--flow", "seller-purchase", "--party", FlowFixture.seller, "--at", "2026-11-21T09:30:00+08:00",
                                   "--counterparty", "宁波某某车业有限公司"])
        #expect(purchase.status == 0, "\(purchase.stderr)")
        let sale = try f.flow(["--lot", f.lot, "--flow", "seller-sale", "--party", FlowFixture.seller, "--at", "2026-11-22",
                               "--counterparty", "张三"])
        #expect(sale.status == 0, "\(sale.stderr)")
        let byJob = try f.producerSale(["--job", f.job], to: "绍兴某某商贸有限公司")
        #expect(byJob.status == 0, "\(byJob.stderr)")

        let flows = try f.records("flow")
        #expect(flows.map { $0["flow"] as? String } == ["producer-sale", "seller-purchase", "seller-sale", "producer-sale"])
        #expect(flows.map { $0["count"] as? Int } == [10, 1, 20, 20])
        #expect(flows.map { $0["scope"] as? String } == ["range:\(f.codes[0])|\(f.codes[9])", "code:\(f.codes[3])", "lot:\(f.lot)", "job:\(f.job)"])
        #expect(flows[1]["address"] == nil && flows[0]["address"] as? String == "浙江省宁波市鄞州区1号")
        #expect(Set(flows.map { $0["job"] as! String }).count == 4, "one F… id per flow add")
        #expect(flows.allSatisfy { ($0["job"] as? String)?.hasPrefix("F") == true && $0["operator"] as? String == "sales-desk" })

        // Code 3 went through all four flows; code 15 through the lot and the job flows only.
        let list3 = try Harness.tracelabel(["flow", "list", "--registry", f.registry, "--code", f.codes[3], "--json"])
        #expect(list3.status == 0, "\(list3.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(list3.stdout.utf8)) as! [[String: Any]]
        #expect(rows.count == 4)
        let list15 = try Harness.tracelabel(["flow", "list", "--registry", f.registry, "--code", f.codes[15]])
        #expect(list15.stdout.contains("张三") && list15.stdout.contains("绍兴某某商贸有限公司") && !list15.stdout.contains("宁波某某车业"), "\(list15.stdout)")

        let verify = try Harness.tracelabel(["verify", "--registry", f.registry])
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("trace data: parties 1, flows 4, recalls 0"), "\(verify.stdout)")
    }

    @Test func anUnknownCodeIsRefusedAndNothingIsWritten() throws {
        let f = try FlowFixture(count: 3)
        defer { f.remove() }
        let before = try f.bytes()
        let unknown = f.codes[0].replacingOccurrences(of: "(21)0000000001", with: "(21)0000009999")
        #expect(unknown != f.codes[0])
        let out = try f.producerSale(["--code", unknown])
        #expect(out.status == 65)
        #expect(out.stderr.contains("was never issued by this registry"), "\(out.stderr)")
        let range = try f.producerSale(["--range", f.codes[0], unknown])
        #expect(range.status == 65)
        #expect(try f.bytes() == before)
    }

    @Test func aVoidedCodeInTheScopeRefusesTheWholeFlow() throws {
        let f = try FlowFixture(count: 6)
        defer { f.remove() }
        let void = try Harness.tracelabel(["void", "--registry", f.registry, "--code", f.codes[2], "--reason", "torn"])
        #expect(void.status == 0, "\(void.stderr)")
        let before = try f.bytes()
        let refused = try f.producerSale(["--range", f.codes[0], f.codes[4]])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("1 voided code(s): \(f.codes[2])"), "\(refused.stderr)")
        #expect(try f.producerSale(["--job", f.job]).status == 65)
        #expect(try f.bytes() == before)
        let around = try f.producerSale(["--range", f.codes[3], f.codes[5]])
        #expect(around.status == 0, "\(around.stderr)")
        #expect(try f.records("flow").first?["count"] as? Int == 3)
    }

    @Test func partiesFieldsAndTimesAreChecked() throws {
        let f = try FlowFixture(count: 2)
        defer { f.remove() }
        let before = try f.bytes()
        // The seller is not the producer of the job, and is not registered yet.
        let notProducer = try f.flow(["--code", f.codes[0], "--flow", "producer-sale", "--party", FlowFixture.seller, "--at", "2026-11-20",
                                      "--counterparty", "X", "--address", "A", "--contact", "C"])
        #expect(notProducer.status == 65 && notProducer.stderr.contains("is not the producer of job \(f.job)"), "\(notProducer.stderr)")
        let unregistered = try f.flow(["--code", f.codes[0], "--flow", "seller-sale", "--party", FlowFixture.seller, "--at", "2026-11-20",
                                       "--counterparty", "X"])
        #expect(unregistered.status == 65 && unregistered.stderr.contains("is not registered"), "\(unregistered.stderr)")
        let noAddress = try f.flow(["--code", f.codes[0], "--flow", "producer-sale", "--party", FlowFixture.producer, "--at", "2026-11-20",
                                    "--counterparty", "X"])
        #expect(noAddress.status == 65 && noAddress.stderr.contains("address: the buyer's address is required"), "\(noAddress.stderr)")
        let future = try f.producerSale(["--code", f.codes[0]], at: "2099-01-01")
        #expect(future.status == 65 && future.stderr.contains("at: '2099-01-01'"), "\(future.stderr)")
        let noZone = try f.producerSale(["--code", f.codes[0]], at: "2026-11-20T10:00:00")
        #expect(noZone.status == 65 && noZone.stderr.contains("date-time with a zone"), "\(noZone.stderr)")
        let badUSCC = try f.flow(["--code", f.codes[0], "--flow", "seller-sale", "--party", "91330100MA27UKWX16", "--at", "2026-11-20",
                                  "--counterparty", "X"])
        #expect(badUSCC.status == 65 && badUSCC.stderr.contains("party: '91330100MA27UKWX16'"), "\(badUSCC.stderr)")
        #expect(try f.bytes() == before)

        try f.registerSeller()
        let withAddress = try f.flow(["--code", f.codes[0], "--flow", "seller-sale", "--party", FlowFixture.seller, "--at", "2026-11-20",
                                      "--counterparty", "X", "--address", "A"])
        #expect(withAddress.status == 65 && withAddress.stderr.contains("producer-sale only"), "\(withAddress.stderr)")
        let twoScopes = try f.flow(["--code", f.codes[0], "--job", f.job, "--flow", "seller-sale", "--party", FlowFixture.seller,
                                    "--at", "2026-11-20", "--counterparty", "X"])
        #expect(twoScopes.status == 64, "\(twoScopes.stderr)")
    }
}
