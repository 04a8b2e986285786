import Foundation
import Testing
import _TraceTestSupport
import TraceRegistry

/// `tracelabel recall`: the recall is recorded and the flows of the recalled codes say who received them.
struct RecallTests {
    @Test func aRecallListsWhoReceivedTheUnits() throws {
        let f = try FlowFixture(count: 20)
        defer { f.remove() }
        #expect(try f.producerSale(["--range", f.codes[0], f.codes[4]], to: "宁波某某车业有限公司").status == 0)
        #expect(try f.producerSale(["--range", f.codes[10], f.codes[19]], to: "绍兴某某商贸有限公司").status == 0)

        let recall = try Harness.tracelabel(["recall", "--registry", f.registry, "--range", f.codes[3], f.codes[12],
                                             "--reason", "cell swelling, notice 2026-17", "--operator", "qa", "--json"])
        #expect(recall.status == 0, "\(recall.stderr)")
        let out = try JSONSerialization.jsonObject(with: Data(recall.stdout.utf8)) as! [String: Any]
        let head = out["recall"] as! [String: Any]
        #expect(head["count"] as? Int == 10 && (head["id"] as? String)?.hasPrefix("C") == true)
        let flows = out["flows"] as! [[String: Any]]
        #expect(flows.map { $0["counterparty"] as? String } == ["宁波某某车业有限公司", "绍兴某某商贸有限公司"])
        #expect(flows.map { $0["codes"] as? Int } == [2, 3], "codes 3-4 went to the first buyer, 10-12 to the second")
        #expect(flows.allSatisfy { $0["address"] as? String == "浙江省宁波市鄞州区1号" && $0["contact"] as? String == "0574-12345678" })
        let record = try f.records("recall")
        #expect(record.count == 1 && record[0]["reason"] as? String == "cell swelling, notice 2026-17")
        #expect(record[0]["scope"] as? String == "range:\(f.codes[3])|\(f.codes[12])")

        // A sale of a recalled code is refused; one outside the recall is not.
        let resale = try f.producerSale(["--code", f.codes[5]])
        #expect(resale.status == 65 && resale.stderr.contains("1 recalled code(s): \(f.codes[5])"), "\(resale.stderr)")
        #expect(try f.producerSale(["--code", f.codes[15]]).status == 0)

        // The table names the buyers too; the lot recall covers codes not yet recalled, so it is taken.
        let lot = try Harness.tracelabel(["recall", "--registry", f.registry, "--lot", f.lot, "--reason", "whole lot", "--operator", "qa"])
        #expect(lot.status == 0, "\(lot.stderr)")
        #expect(lot.stdout.contains("(20 code(s))") && lot.stdout.contains("绍兴某某商贸有限公司") && lot.stdout.contains("0574-12345678"), "\(lot.stdout)")

        let verify = try Harness.tracelabel(["verify", "--registry", f.registry])
        #expect(verify.status == 0 && verify.stdout.contains("flows 3, recalls 2"), "\(verify.stdout)")
    }

    @Test func emptyReasonUnknownScopeAndARepeatedRecallAreRefused() throws {
        let f = try FlowFixture(count: 4)
        defer { f.remove() }
        let before = try f.bytes()
        let noReason = try Harness.tracelabel(["recall", "--registry", f.registry, "--job", f.job, "--reason", "  ", "--operator", "qa"])
        #expect(noReason.status == 65 && noReason.stderr.contains("a recall needs a reason"), "\(noReason.stderr)")
        let noLot = try Harness.tracelabel(["recall", "--registry", f.registry, "--lot", "NO-SUCH-LOT", "--reason", "x", "--operator", "qa"])
        #expect(noLot.status == 65 && noLot.stderr.contains("no job of this registry printed lot 'NO-SUCH-LOT'"), "\(noLot.stderr)")
        #expect(try f.bytes() == before)
        let first = try Harness.tracelabel(["recall", "--registry", f.registry, "--job", f.job, "--reason", "x", "--operator", "qa"])
        #expect(first.status == 0 && first.stdout.contains("none recorded"), "\(first.stdout)")
        let again = try Harness.tracelabel(["recall", "--registry", f.registry, "--code", f.codes[1], "--reason", "x", "--operator", "qa"])
        #expect(again.status == 65 && again.stderr.contains("recalled already"), "\(again.stderr)")
        #expect(try f.records("recall").count == 1)
    }
}
