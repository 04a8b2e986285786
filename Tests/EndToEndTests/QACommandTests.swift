import Foundation
import Testing
import _TraceTestSupport
import TraceRegistry

/// report, verify-range, reconcile and void on registries the CLI wrote; imported pools and batch lot formats.
@Suite(.serialized) struct QACommandTests {
    static let hriPrefix = "(01)09520123456795(11)261127(10)20261127A(21)"

    static func issue(_ registry: String, product: String = "examples/ebike-battery.yaml", mode: String, count: Int, line: String, shift: String = "S1") throws -> Harness.Output {
        try Harness.tracelabel(["issue", "--product", product, "--mode", mode, "--count", String(count), "--line", line, "--shift", shift, "--registry", registry])
    }

    @Test func reportRangeReconcileAndVoidTellQAWhatHappened() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("registry.jsonl").path
        #expect(try Self.issue(registry, mode: "item", count: 20, line: "L1").status == 0)
        #expect(try Self.issue(registry, mode: "batch", count: 5, line: "L2").status == 0)
        #expect(try Self.issue(registry, mode: "category", count: 3, line: "L1", shift: "S2").status == 0)

        let code5 = Self.hriPrefix + "0000000005"
        let void = try Harness.tracelabel(["void", "--registry", registry, "--code", code5, "--reason", "torn at applicator", "--operator", "qa"])
        #expect(void.status == 0, "\(void.stderr)")
        let again = try Harness.tracelabel(["void", "--registry", registry, "--code", code5, "--reason", "again"])
        #expect(again.status == 65 && again.stderr.contains("already voided"), "\(again.stderr)")
        let unknown = try Harness.tracelabel(["void", "--registry", registry, "--code", Self.hriPrefix + "0000009999", "--reason", "x"])
        #expect(unknown.status == 65 && unknown.stderr.contains("never issued"), "\(unknown.stderr)")
        #expect(try Harness.tracelabel(["verify", "--registry", registry]).status == 0)

        // reprint: the registered code again, never a new one; a voided code is refused.
        let spool = dir.appendingPathComponent("spool").path
        let reprint = try Harness.tracelabel(["reprint", "--product", "examples/ebike-battery.yaml", "--registry", registry,
                                              "--code", Self.hriPrefix + "0000000003", "--reason", "smudged", "--count", "2", "--spool", spool])
        #expect(reprint.status == 0, "\(reprint.stderr)")
        let pngs = Harness.files(in: spool).filter { $0.hasSuffix(".png") }
        #expect(pngs.count == 2)
        let decoded = try Harness.decode(pngs.map { "\(spool)/\($0)" })
        #expect(decoded.allSatisfy { $0.symbols.first?.text == "https://id.gs1.org/01/09520123456795/10/20261127A/21/0000000003?11=261127" },
                "\(decoded.map { $0.symbols.map(\.text) })")
        let refused = try Harness.tracelabel(["reprint", "--product", "examples/ebike-battery.yaml", "--registry", registry,
                                              "--code", code5, "--reason", "x", "--spool", spool])
        #expect(refused.status == 65 && refused.stderr.contains("voided"), "\(refused.stderr)")
        // A reprint checks its label options as an issue does, before writing anything.
        let badDPI = try Harness.tracelabel(["reprint", "--product", "examples/ebike-battery.yaml", "--registry", registry,
                                             "--code", Self.hriPrefix + "0000000003", "--reason", "x", "--spool", spool, "--dpi", "250"])
        #expect(badDPI.status == 64 && badDPI.stderr.contains("--dpi: '250'") && badDPI.stderr.contains("250") &&
                badDPI.stderr.contains("must be 203, 300 or 600"), "\(badDPI.stderr)")
        #expect(Harness.files(in: spool).filter { $0.hasSuffix(".png") }.count == 2)
        let afterReprint = try RegistryVerifier(path: registry).verify()
        #expect(afterReprint.isIntact && afterReprint.itemCodes == 20 && afterReprint.reprints == 1, "\(afterReprint.summary)")

        // report: table and JSON, filtered.
        let table = try Harness.tracelabel(["report", "--registry", registry])
        #expect(table.status == 0)
        #expect(table.stdout.contains("GTIN") && table.stdout.contains("total"), "\(table.stdout)")
        let json = try Harness.tracelabel(["report", "--registry", registry, "--line", "L1", "--json"])
        let rows = (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any])["rows"] as! [[String: Any]]
        #expect(rows.count == 2)
        let item = rows.first { $0["shift"] as? String == "S1" }!
        // These jobs had no --pdf or --spool: codes issued, nothing printed (the reprint's labels count as reprinted).
        #expect(item["issued"] as? Int == 20 && item["printed"] as? Int == 0 && item["voided"] as? Int == 1 && item["reprinted"] as? Int == 2
                && item["batch"] as? String == "20261127A")
        let category = rows.first { $0["shift"] as? String == "S2" }!
        #expect(category["issued"] as? Int == 1 && category["printed"] as? Int == 0 && category["jobsNotDelivered"] as? Int == 0)
        let closes = try Harness.registryLines(registry).filter { $0["kind"] as? String == "job-close" }
        #expect(closes.count == 3 && closes.allSatisfy { $0["status"] as? String == "registered" && $0["labels"] as? Int == 0 }, "\(closes)")

        // verify-range, with codes in two forms and with serials; the voided code makes it fail.
        let dl1 = "https://id.gs1.org/01/09520123456795/10/20261127A/21/0000000001?11=261127"
        let range = try Harness.tracelabel(["verify-range", "--registry", registry, "\(dl1)..\(Self.hriPrefix)0000000020"])
        #expect(range.status == 65)
        #expect(range.stdout.contains("issued 19, voided 1"), "\(range.stdout)")
        #expect(range.stdout.contains("5: voided (torn at applicator)"), "\(range.stdout)")
        let serials = try Harness.tracelabel(["verify-range", "--registry", registry, "0000000006..0000000020"])
        #expect(serials.status == 0 && serials.stdout.contains("issued 15, voided 0"), "\(serials.stdout)")
        let beyond = try Harness.tracelabel(["verify-range", "--registry", registry, "--product", "examples/ebike-battery.yaml", "0000000018..0000000025"])
        #expect(beyond.stdout.contains("21-25 (5): never reserved"), "\(beyond.stdout)")

        // reconcile: raw scanner output in three forms, a double, a voided, a foreign code and junk.
        let gs = "\u{1D}"
        let scans = [
            "]Q3" + "01095201234567951126112710" + "20261127A" + gs + "210000000001",
            dl1.replacingOccurrences(of: "0000000001", with: "0000000002"),
            Self.hriPrefix + "0000000003",
            Self.hriPrefix + "0000000003",
            Self.hriPrefix + "0000000005",
            Self.hriPrefix + "0000009999",
            "hello",
        ].joined(separator: "\n")
        let scanFile = dir.appendingPathComponent("scans.txt").path
        try scans.write(toFile: scanFile, atomically: true, encoding: .utf8)
        let rec = try Harness.tracelabel(["reconcile", "--registry", registry, "--scanned", scanFile])
        #expect(rec.status == 65)
        #expect(rec.stdout.contains("scanned 7: matched 4, unknown 1, voided 1, scanned twice 1, unreadable 1; issued but never scanned 16"), "\(rec.stdout)")
        #expect(rec.stdout.contains("UNKNOWN  scan line 6") && rec.stdout.contains("TWICE  scan line 4"), "\(rec.stdout)")
    }

    @Test func poolsAreConsumedInOrderOnceAndLotsComeFromTheFormat() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("registry.jsonl").path
        let base = try Harness.exampleProduct("ebike-battery.yaml")
        try "EC0001\nEC0002\nEC0003\nEC0004\nEC0005\n".write(toFile: dir.appendingPathComponent("pool.txt").path, atomically: true, encoding: .utf8)
        let pool = dir.appendingPathComponent("pool.yaml").path
        try (base + "  serial_source: pool\n  serial_pool: pool.txt\n").write(toFile: pool, atomically: true, encoding: .utf8)
        let first = try Self.issue(registry, product: pool, mode: "item", count: 3, line: "L1")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("(21)EC0001") && first.stdout.contains("(21)EC0003") && first.stdout.contains("2 serial(s) left"), "\(first.stdout)")
        let tooMany = try Self.issue(registry, product: pool, mode: "item", count: 3, line: "L1")
        #expect(tooMany.status == 65 && tooMany.stderr.contains("pool:09520123456795"), "\(tooMany.stderr)")
        let rest = try Self.issue(registry, product: pool, mode: "item", count: 2, line: "L1")
        #expect(rest.stdout.contains("(21)EC0004") && rest.stdout.contains("0 serial(s) left"), "\(rest.stdout)")
        // A GTIN's serials never mix sources.
        let mixed = try Self.issue(registry, mode: "item", count: 1, line: "L1")
        #expect(mixed.status == 65 && mixed.stderr.contains("could repeat a serial"), "\(mixed.stderr)")

        let lots = dir.appendingPathComponent("lots.yaml").path
        try (base + "  lot_format: \"{yyMMdd}{line}{seq:3}\"\n").write(toFile: lots, atomically: true, encoding: .utf8)
        let b1 = try Self.issue(registry, product: lots, mode: "batch", count: 4, line: "L7")
        let b2 = try Self.issue(registry, product: lots, mode: "batch", count: 4, line: "L7")
        let b3 = try Self.issue(registry, product: lots, mode: "batch", count: 4, line: "L8")
        #expect(b1.stdout.contains("(10)261127L7001") && b2.stdout.contains("(10)261127L7002") && b3.stdout.contains("(10)261127L8001"),
                "\(b1.stdout)\(b2.stdout)\(b3.stdout)")
        #expect(b1.stdout.contains("4 label(s), 1 code(s) issued"))
        let report = try RegistryVerifier(path: registry).verify()
        #expect(report.isIntact, "\(report.summary)")
        #expect(report.sharedCopies == 12)
    }
}

/// The derived lookup index: any form of a code finds its records; the index follows the registry and can be deleted.
@Suite(.serialized) struct LookupIndexTests {
    @Test func lookupFindsACodeFromEveryFormAndRebuildsAStaleIndex() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("registry.jsonl").path
        #expect(try QACommandTests.issue(registry, mode: "item", count: 10, line: "L1").status == 0)
        let hri = QACommandTests.hriPrefix + "0000000007"
        let forms = [hri, "https://id.gs1.org/01/09520123456795/10/20261127A/21/0000000007?11=261127",
                     "]d2" + "010952012345679511261127" + "1020261127A\u{1D}210000000007"]
        for form in forms {
            let r = try Harness.tracelabel(["lookup", "--registry", registry, form])
            #expect(r.status == 0 && r.stdout.contains("counter 7") && r.stdout.contains("item mode, line L1"), "\(form): \(r.stdout)\(r.stderr)")
        }
        #expect(FileManager.default.fileExists(atPath: registry + ".index"))
        // New codes after the index was built: it notices and rebuilds.
        #expect(try QACommandTests.issue(registry, mode: "item", count: 5, line: "L2").status == 0)
        #expect(try !LookupIndex(registryPath: registry).isCurrent())
        let fresh = try Harness.tracelabel(["lookup", "--registry", registry, QACommandTests.hriPrefix + "0000000014"])
        #expect(fresh.status == 0 && fresh.stdout.contains("line L2"), "\(fresh.stdout)")
        #expect(try LookupIndex(registryPath: registry).isCurrent())
        let missing = try Harness.tracelabel(["lookup", "--registry", registry, QACommandTests.hriPrefix + "0000000099"])
        #expect(missing.status == 65)
        // Deleting it loses nothing.
        try FileManager.default.removeItem(atPath: registry + ".index")
        #expect(try Harness.tracelabel(["lookup", "--registry", registry, hri]).status == 0)
    }
}
