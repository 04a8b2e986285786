import Foundation
import Testing
import _TraceTestSupport
import TraceRegistry

/// The job's product data is recorded with it; a reprint prints that data and refuses a product file that changed,
/// unless the operator asks for a corrected reprint, which the registry then records.
struct ReprintSnapshotTests {
    @Test func aReprintAfterTheProductFileChangedIsRefusedUnlessCorrected() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = try Harness.exampleProduct("ebike-battery.yaml")
        let product = dir.appendingPathComponent("battery.yaml").path
        try original.write(toFile: product, atomically: true, encoding: .utf8)
        let registry = dir.appendingPathComponent("registry.jsonl").path
        let issued = try Harness.tracelabel(["issue", "--product", product, "--mode", "item", "--count", "2", "--line", "L1", "--shift", "S",
                                             "--registry", registry])
        #expect(issued.status == 0, "\(issued.stderr)")
        let open = try Harness.registryLines(registry).first { $0["kind"] as? String == "job-open" }!
        let snapshot = try JSONSerialization.jsonObject(with: Data((open["snapshot"] as! String).utf8)) as! [String: String]
        #expect(snapshot["product.model"] == "TL-4820-LFP 48V 20Ah" && snapshot["producer.uscc"] == "91330106MA2H7K3LXA")
        let code = try Harness.registryLines(registry).first { $0["kind"] as? String == "issue" }!["code"] as! String

        try original.replacingOccurrences(of: "model: TL-4820-LFP 48V 20Ah", with: "model: TL-4820-NMC 48V 24Ah")
            .write(toFile: product, atomically: true, encoding: .utf8)
        func reprint(_ extra: [String], pdf: String) throws -> Harness.Output {
            try Harness.tracelabel(["reprint", "--product", product, "--registry", registry, "--code", code, "--reason", "smudged",
                                    "--pdf", dir.appendingPathComponent(pdf).path] + extra)
        }
        let refused = try reprint([], pdf: "refused.pdf")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("product.model: 'TL-4820-LFP 48V 20Ah' → 'TL-4820-NMC 48V 24Ah'"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("refused.pdf").path))
        #expect(try Harness.registryLines(registry).filter { $0["kind"] as? String == "reprint" }.isEmpty, "nothing recorded")

        let corrected = try reprint(["--corrected-data"], pdf: "corrected.pdf")
        #expect(corrected.status == 0, "\(corrected.stderr)")
        let text = try Harness.run("/usr/bin/pdftotext", [dir.appendingPathComponent("corrected.pdf").path, "-"]).stdout
        #expect(text.contains("TL-4820-NMC 48V 24Ah") && !text.contains("TL-4820-LFP"), "\(text)")
        let record = try Harness.registryLines(registry).last { $0["kind"] as? String == "reprint" }!
        #expect((record["snapshot"] as? String)?.contains("TL-4820-NMC 48V 24Ah") == true, "\(record)")

        // With the product file as it was, the reprint carries the original data and records no new data.
        try original.write(toFile: product, atomically: true, encoding: .utf8)
        let same = try reprint([], pdf: "same.pdf")
        #expect(same.status == 0, "\(same.stderr)")
        let sameText = try Harness.run("/usr/bin/pdftotext", [dir.appendingPathComponent("same.pdf").path, "-"]).stdout
        #expect(sameText.contains("TL-4820-LFP 48V 20Ah"))
        #expect(try Harness.registryLines(registry).last { $0["kind"] as? String == "reprint" }?["snapshot"] == nil)
        #expect(try RegistryVerifier(path: registry).verify().isIntact)
    }
}
