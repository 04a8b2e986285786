import Foundation
import Testing
import _TraceTestSupport
import TraceRegistry

/// `tracelabel retention` on a registry whose jobs are years old (records written through the API with old times).
@Suite(.serialized) struct RetentionTests {
    static let gtin = "09520123456795"

    /// An item job of two codes opened at `opened`, closed at `closed` (nil: never closed), counters `first`, `first + 1`.
    static func job(_ id: String, lot: String, opened: String, closed: String?, first: UInt64) -> [RegistryRecord] {
        var open = RegistryRecord(kind: .jobOpen, job: id)
        open.time = opened
        open.mode = .item
        open.line = "L1"
        open.gtin = gtin
        open.lot = lot
        open.count = 2
        var reserve = RegistryRecord(kind: .reserve, job: id)
        reserve.ns = "item:\(gtin)"
        reserve.gtin = gtin
        reserve.first = first
        reserve.last = first + 1
        var records = [open, reserve]
        for counter in first...(first + 1) {
            var issue = RegistryRecord(kind: .issue, job: id)
            issue.counter = counter
            issue.code = code(lot, counter)
            issue.dl = "https://id.gs1.org/01/\(gtin)/10/\(lot)/21/\(counter)"
            records.append(issue)
        }
        if let closed {
            var close = RegistryRecord(kind: .jobClose, job: id)
            close.time = closed
            close.status = .registered
            close.labels = 0
            records.append(close)
        }
        return records
    }

    static func code(_ lot: String, _ counter: UInt64) -> String { "(01)\(gtin)(10)\(lot)(21)\(counter)" }

    @Test func reportsEligibleJobsAndRecordsTheDecisionWithoutDeletingAnything() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("registry.jsonl").path
        var void = RegistryRecord(kind: .void, job: nil)
        void.time = "2025-01-01T00:00:00Z"
        void.code = Self.code("LOTB", 3)
        void.reason = "found damaged in stock"
        void.operatorName = "qa"
        var flow = RegistryRecord(kind: .flow, job: "F1")
        flow.time = "2026-01-01T00:00:00Z"
        flow.party = "91330106MA2H7K3LXA"
        flow.flow = "producer-sale"
        flow.at = "2026-01-01"
        flow.counterparty = "late buyer"
        flow.scope = "lot:LOTE"
        flow.count = 2
        let records = Self.job("JA", lot: "LOTA", opened: "2014-03-01T06:00:00Z", closed: "2014-03-01T08:00:00Z", first: 1)
            + Self.job("JB", lot: "LOTB", opened: "2015-05-01T06:00:00Z", closed: "2015-05-01T07:00:00Z", first: 3)
            + Self.job("JC", lot: "LOTC", opened: "2020-01-01T06:00:00Z", closed: "2020-01-01T07:00:00Z", first: 5)
            + Self.job("JE", lot: "LOTE", opened: "2012-01-01T06:00:00Z", closed: "2012-01-01T07:00:00Z", first: 7)
            + Self.job("JD", lot: "LOTD", opened: "2013-01-01T06:00:00Z", closed: nil, first: 9)
            + [void, flow]
        try RegistryFile(path: registry).withExclusiveAccess { writer in try writer.append(records) }
        let before = try Data(contentsOf: URL(fileURLWithPath: registry))

        let report = try Harness.tracelabel(["retention", "--registry", registry, "--keep", "10y"])
        #expect(report.status == 0, "\(report.stderr)")
        let eligible = report.stdout.split(separator: "\n").filter { $0.hasPrefix("eligible J") }
        #expect(eligible.count == 1 && eligible.first?.contains("JA") == true, "\(report.stdout)")
        #expect(report.stdout.contains("eligible 1 job(s), 2 code(s), 5 record(s)"), "\(report.stdout)")
        #expect(report.stdout.contains("JB") && report.stdout.contains("2025-01-01T00:00:00Z, after the cutoff"))
        #expect(report.stdout.contains("JD") && report.stdout.contains("not closed"))
        #expect(report.stdout.contains("JE") && report.stdout.contains("2026-01-01T00:00:00Z, after the cutoff"))
        #expect(report.stderr.contains("nothing deleted"))

        let json = try Harness.tracelabel(["retention", "--registry", registry, "--keep", "3y", "--json"])
        let jobs = (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any])["jobs"] as! [[String: Any]]
        #expect(jobs.filter { $0["kept"] == nil }.compactMap { $0["job"] as? String }.sorted() == ["JA", "JC"], "\(json.stdout)")

        let short = try Harness.tracelabel(["retention", "--registry", registry, "--keep", "2y"])
        #expect(short.status == 64 && short.stderr.contains("--keep '2y'") && short.stderr.contains("minimum of 3 years"), "\(short.stderr)")
        let allowed = try Harness.tracelabel(["retention", "--registry", registry, "--keep", "24m", "--allow-below-minimum"])
        #expect(allowed.status == 0 && allowed.stderr.contains("warning: --keep '24m'") && allowed.stderr.contains("3 years"), "\(allowed.stderr)")
        for bad in ["10", "10w", "-3y", "y"] {
            let refused = try Harness.tracelabel(["retention", "--registry", registry, "--keep", bad])
            #expect(refused.status == 64 && refused.stderr.contains("--keep"), "\(bad): \(refused.stderr)")
        }
        #expect(try Harness.tracelabel(["retention", "--registry", registry, "--keep", "10y", "--record"]).status == 64)
        #expect(try Data(contentsOf: URL(fileURLWithPath: registry)) == before, "a report changes nothing")

        let none = try Harness.tracelabel(["retention", "--registry", registry, "--keep", "50y", "--record", "--operator", "qa", "--reason", "x"])
        #expect(none.status == 65 && none.stderr.contains("nothing to record"), "\(none.stderr)")

        let recorded = try Harness.tracelabel(["retention", "--registry", registry, "--keep", "10y", "--record",
                                               "--operator", "qa-lead", "--reason", "annual retention review"])
        #expect(recorded.status == 0 && recorded.stdout.contains("recorded retention record: 2 code(s), scope job:JA"), "\(recorded.stdout)\(recorded.stderr)")
        let after = try Data(contentsOf: URL(fileURLWithPath: registry))
        #expect(after.prefix(before.count) == before, "nothing before the new record changed")
        let lines = try Harness.registryLines(registry)
        // The writer first closes JD, which opened and never closed (its process is gone): `job-close interrupted`.
        #expect(lines.count == records.count + 2 && lines[records.count]["kind"] as? String == "job-close")
        #expect(lines.filter { $0["kind"] as? String == "retention" }.count == 1)
        let last = lines.last!
        #expect(last["kind"] as? String == "retention" && last["scope"] as? String == "job:JA" && last["count"] as? Int == 2)
        #expect(last["operator"] as? String == "qa-lead")
        #expect((last["reason"] as? String)?.hasPrefix("annual retention review (keep 10y: jobs closed before ") == true, "\(last)")
    }
}
