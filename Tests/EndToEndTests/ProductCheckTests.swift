import Foundation
import Testing
import _TraceTestSupport

/// `tracelabel product check`: every finding at once as `file:line: error: field: message`; `issue` refuses the same
/// product before anything is written.
struct ProductCheckTests {
    @Test func theExamplesValidate() throws {
        let out = try Harness.tracelabel(["product", "check", "examples/ebike-battery.yaml", "examples/cable-reel.yaml", "examples/gas-stove.yaml"])
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
        #expect(out.stdout.contains("examples/gas-stove.yaml: ok: ") && out.stdout.contains("Annex 1 燃气器具 / 家用燃气灶具, ecode codes"), "\(out.stdout)")
    }

    @Test func findingsNameFileLineFieldAndRuleAndIssueWritesNothing() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let example = try Harness.exampleProduct("ebike-battery.yaml")
        let bad = example
            .replacingOccurrences(of: "  ccc_certificate: \"2025011101234567\"\n", with: "  production_licence: NOT-A-LICENCE\n")
            .replacingOccurrences(of: "  category: 电动自行车\n", with: "  category: 食品\n")
        let path = dir.appendingPathComponent("bad.yaml").path
        try bad.write(toFile: path, atomically: true, encoding: .utf8)
        let lines = bad.split(separator: "\n", omittingEmptySubsequences: false)
        func line(of prefix: String) -> Int { (lines.firstIndex { $0.hasPrefix(prefix) } ?? -1) + 1 }
        let out = try Harness.tracelabel(["product", "check", path])
        #expect(out.status == 65)
        let printed = out.stdout.split(separator: "\n").map(String.init)
        #expect(printed.contains("\(path):\(line(of: "  category:")): error: product.category: '食品': 电动自行车用蓄电池 belongs to the Annex 1 category 电动自行车 [CATALOGUE-CATEGORY]"), "\(out.stdout)")
        #expect(printed.contains { $0.hasPrefix("\(path):\(line(of: "  production_licence:")): error: product.production_licence: 'NOT-A-LICENCE': ") }, "\(out.stdout)")
        #expect(printed.contains("\(path):\(line(of: "product:")): error: product.ccc_certificate: is required: 电动自行车用蓄电池 is in the CCC catalogue for products made from 2025-11-01 (Annex 2 field 9) [CCC-REQUIRED]"), "\(out.stdout)")
        #expect(printed.count == 3, "\(out.stdout)")

        let registry = dir.appendingPathComponent("registry.jsonl").path
        let issue = try Harness.tracelabel(["issue", "--product", path, "--mode", "item", "--count", "2", "--line", "L1", "--shift", "S",
                                            "--registry", registry, "--pdf", dir.appendingPathComponent("a.pdf").path])
        #expect(issue.status == 65 && issue.stderr.contains("[CCC-REQUIRED]"), "\(issue.stderr)")
        #expect(Harness.files(in: dir.path) == ["bad.yaml"], "nothing written")
    }
}
