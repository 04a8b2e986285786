import Foundation
import Testing
import _TraceTestSupport

/// Jobs and previews through the CLI with templates, symbologies and a spool that fills up.
@Suite(.serialized) struct RenderingJobTests {
    @Test func aCharacterMissingFromTheFontFailsBeforeAnyRegistryWrite() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try Harness.exampleProduct("ebike-battery.yaml")
        let product = dir.appendingPathComponent("product.yaml").path
        try text.replacingOccurrences(of: "name: 杭州示例新能源电池有限公司", with: "name: 杭州示例𓀀电池有限公司")
            .write(toFile: product, atomically: true, encoding: .utf8)
        let registry = dir.appendingPathComponent("out/registry.jsonl").path
        let result = try Harness.tracelabel(["issue", "--product", product, "--count", "5", "--line", "L1", "--shift", "S1",
                                             "--registry", registry, "--spool", dir.appendingPathComponent("out/spool").path,
                                             "--template", "battery-60x40"])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("{producer.name}"), "\(result.stderr)")
        #expect(result.stderr.contains("'𓀀' (U+13000)"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: registry))
        #expect(Harness.files(in: dir.appendingPathComponent("out/spool").path).isEmpty)
    }

    @Test(arguments: [("battery-60x40", "gs1-datamatrix", 203, "]d2"), ("cable-reel-100x70", "qr", 600, "]Q1"),
                      ("small-50x30", "qr", 300, "]Q1")])
    func issueSpoolsTheChosenTemplateAndSymbology(template: String, symbology: String, dpi: Int, aim: String) throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("registry.jsonl").path
        let spool = dir.appendingPathComponent("spool").path
        let result = try Harness.tracelabel(["issue", "--product", "examples/ebike-battery.yaml", "--count", "12", "--line", "L1",
                                             "--shift", "S1", "--registry", registry, "--spool", spool, "--template", template,
                                             "--symbology", symbology, "--dpi", String(dpi)])
        #expect(result.status == 0, "\(result.stderr)")
        // No progress bar when stderr is not a terminal.
        #expect(result.stderr.isEmpty)
        let issues = try Harness.registryLines(registry).filter { $0["kind"] as? String == "issue" }
        let pngs = Harness.files(in: spool).filter { $0.hasSuffix(".png") }
        #expect(pngs.count == 12)
        let decoded = try Harness.decode(pngs.map { "\(spool)/\($0)" })
        for (image, record) in zip(decoded, issues) {
            let want = symbology == "qr" ? record["dl"] as? String : record["code"] as? String
            #expect(image.symbols.map(\.text) == [want ?? ""], "\(image.file)")
            #expect(image.symbols.first?.symbology_identifier == aim)
            #expect(image.dpi == [dpi, dpi] && image.mode == "1")
        }
    }

    @Test func aFullSpoolIsRecordedAsPartlyDeliveredAndLeavesNoTemporaryFile() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let small = try SmallFilesystem(path: dir.appendingPathComponent("spool").path, size: "400k")
        defer { small.unmount() }
        let spool = small.path
        let registry = dir.appendingPathComponent("registry.jsonl").path
        // 600 dpi 60 × 40 mm labels are about 10 KB each: 1,200 of them cannot fit in 400 KB.
        let result = try Harness.tracelabel(["issue", "--product", "examples/ebike-battery.yaml", "--count", "1200", "--line", "L1",
                                             "--shift", "S1", "--registry", registry, "--spool", spool, "--template", "battery-60x40",
                                             "--dpi", "600"])
        #expect(result.status == 74, "\(result.stderr)")
        #expect(result.stderr.contains("No space left on device"), "\(result.stderr)")
        let files = Harness.files(in: spool)
        #expect(files.filter { $0.hasPrefix(".") }.isEmpty, "temporary files left: \(files.filter { $0.hasPrefix(".") })")
        #expect(files.filter { $0.hasSuffix(".manifest.json") }.isEmpty, "a manifest was written for an incomplete job")
        let lines = try Harness.registryLines(registry)
        let close = try #require(lines.last)
        #expect(close["kind"] as? String == "job-close")
        #expect(close["status"] as? String == "partly-delivered")
        #expect(close["spooled"] as? Int == files.count)
    }

    @Test func aSymbolWiderThanItsBoxIsRefusedBeforeAnyRegistryWrite() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("registry.jsonl").path
        // The cable reel's serials start with a letter: GS1-128 switches code set and no longer fits 96 mm at 0.25 mm.
        let result = try Harness.tracelabel(["issue", "--product", "examples/cable-reel.yaml", "--count", "5", "--line", "L1",
                                             "--shift", "S1", "--registry", registry, "--template", "cable-reel-100x70",
                                             "--symbology", "gs1-128", "--dpi", "203"])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("10-module quiet zone at 0.25 mm needs"), "\(result.stderr)")
        #expect(result.stderr.contains("has 96 mm"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: registry))
    }

    @Test func templateListAndPreview() throws {
        let list = try Harness.tracelabel(["template", "list"])
        #expect(list.status == 0, "\(list.stderr)")
        for name in ["battery-60x40", "battery-70x37", "cable-reel-100x70", "product-105x57", "small-50x30", "a4-70x37", "a4-105x57", "roll"] {
            #expect(list.stdout.contains(name), "\(name) missing from:\n\(list.stdout)")
        }
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let png = dir.appendingPathComponent("x.png").path
        let preview = try Harness.tracelabel(["template", "preview", "cable-reel-100x70", "--product", "examples/cable-reel.yaml",
                                              "--out", png, "--dpi", "203"])
        #expect(preview.status == 0, "\(preview.stderr)")
        let decoded = try Harness.decode([png])
        #expect(decoded.first?.symbols.first?.text.hasPrefix("https://id.gs1.org/01/09520123456801/") == true)
        #expect(decoded.first?.dpi == [203, 203])
        // Never overwrites.
        let again = try Harness.tracelabel(["template", "preview", "cable-reel-100x70", "--product", "examples/cable-reel.yaml", "--out", png])
        #expect(again.status == 73, "\(again.stderr)")
        // A symbology the template does not allow is refused, naming the rule.
        let bad = try Harness.tracelabel(["template", "preview", "small-50x30", "--product", "examples/cable-reel.yaml",
                                          "--out", dir.appendingPathComponent("y.png").path, "--symbology", "gs1-128"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("symbol.symbologies: 'gs1-128': this template allows qr, gs1-datamatrix"), "\(bad.stderr)")
    }
}
