import Foundation
import Testing
import _TraceTestSupport
import TraceRegistry

/// The main job as `make run` runs it, checked with independent tools: zxing-cpp reads every label,
/// pdftoppm rasterises the PDF, sha256 re-derives the registry chain, biip re-parses the codes.
@Suite(.serialized) struct MainJobTests {
    @Test func twoHundredItemLabelsDecodeToTheirRegisteredLinks() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("registry.jsonl").path
        let pdf = dir.appendingPathComponent("L1-2026-11-27-A.pdf").path
        let spool = dir.appendingPathComponent("spool/printer-1").path
        let result = try Harness.tracelabel([
            "issue", "--product", "examples/ebike-battery.yaml", "--mode", "item", "--count", "200", "--line", "L1",
            "--shift", "2026-11-27-A", "--registry", registry, "--pdf", pdf, "--spool", spool,
        ])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("200 label(s), 200 code(s) issued"))
        #expect(result.stdout.contains("first    (01)09520123456795(11)261127(10)20261127A(21)0000000001"))
        #expect(result.stdout.contains("last     (01)09520123456795(11)261127(10)20261127A(21)0000000200"))

        // Registry: one issue record per label, no duplicate code, and an intact hash chain.
        let lines = try Harness.registryLines(registry)
        let issues = lines.filter { $0["kind"] as? String == "issue" }
        #expect(issues.count == 200)
        let links = issues.compactMap { $0["dl"] as? String }
        #expect(Set(links).count == 200)
        #expect(Set(issues.compactMap { $0["code"] as? String }).count == 200)
        let raw = try String(contentsOfFile: registry, encoding: .utf8).split(separator: "\n")
        var previous = String(repeating: "0", count: 64)
        for (i, line) in raw.enumerated() {
            #expect(lines[i]["prev"] as? String == previous, "chain broken at line \(i + 1)")
            #expect(lines[i]["seq"] as? Int == i)
            previous = RegistryFile.hexSHA256(Array(line.utf8))
        }
        #expect(lines.first?["kind"] as? String == "job-open")
        #expect(lines.last?["kind"] as? String == "job-close")
        #expect(lines.last?["status"] as? String == "delivered")

        // Spool: 200 PNGs in print order, then the manifest; no temporary files left.
        let files = Harness.files(in: spool)
        let pngs = files.filter { $0.hasSuffix(".png") }
        #expect(pngs.count == 200)
        #expect(files.filter { $0.hasPrefix(".") }.isEmpty, "temporary files left: \(files.filter { $0.hasPrefix(".") })")
        #expect(files.filter { $0.hasSuffix(".manifest.json") }.count == 1)

        // Every label decodes, with zxing-cpp, to exactly the link the registry holds for it.
        let decoded = try Harness.decode(pngs.map { "\(spool)/\($0)" })
        #expect(decoded.count == 200)
        for (i, image) in decoded.enumerated() {
            #expect(image.symbols.count == 1, "\(image.file): \(image.symbols.count) symbols")
            #expect(image.symbols.first?.text == links[i], "\(image.file)")
            #expect(image.symbols.first?.symbology_identifier == "]Q1")
            #expect(image.mode == "1", "not 1-bit: \(image.mode)")
            #expect(image.dpi == [300, 300])
            #expect(image.width == 827 && image.height == 437)
        }

        // The PDF: 9 A4 pages (24 labels each), fonts embedded; page 1 decodes label by label in order.
        let info = try Harness.run("/usr/bin/pdfinfo", [pdf])
        let infoLines = info.stdout.split(separator: "\n").map { $0.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) } }
        #expect(infoLines.contains(["Pages", "9"]), "\(info.stdout)")
        #expect(infoLines.contains(["Page size", "595.276 x 841.89 pts (A4)"]))
        let fonts = try Harness.run("/usr/bin/pdffonts", [pdf])
        #expect(fonts.stdout.contains("NotoSansCJK"))
        #expect(!fonts.stdout.split(separator: "\n").dropFirst(2).contains { $0.contains(" no ") }, "a font is not embedded:\n\(fonts.stdout)")
        let text = try Harness.run("/usr/bin/pdftotext", ["-f", "1", "-l", "1", pdf, "-"])
        #expect(text.stdout.contains("电动自行车用锂离子蓄电池"))
        #expect(text.stdout.contains("GB 43854-2024"))
        // The HRI glyphs are reused from one label to the next with only the digits swapped: the text layer must
        // still carry each label's own HRI, as the registry holds it.
        let hris = issues.compactMap { $0["code"] as? String }
        for hri in hris.prefix(24) { #expect(text.stdout.contains(hri), "page 1 text lacks \(hri)") }
        #expect(!text.stdout.contains(hris[24]), "page 1 text holds label 25's HRI")
        let pagePrefix = dir.appendingPathComponent("page").path
        let raster = try Harness.run("/usr/bin/pdftoppm", ["-r", "300", "-f", "1", "-l", "1", "-gray", "-png", pdf, pagePrefix])
        #expect(raster.status == 0)
        let page = Harness.files(in: dir.path).filter { $0.hasPrefix("page") }.map { dir.appendingPathComponent($0).path }
        let sheet = try Harness.decode(page)
        #expect(sheet.first?.symbols.map(\.text) == Array(links.prefix(24)))
    }

    @Test func codesAgreeWithTheBiipOracle() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("registry.jsonl").path
        let result = try Harness.tracelabel([
            "issue", "--product", "examples/cable-reel.yaml", "--count", "5", "--line", "L2", "--shift", "S1", "--registry", registry,
        ])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let issues = try Harness.registryLines(registry).filter { $0["kind"] as? String == "issue" }
        let codes = issues.map { "\($0["code"] as! String)\t\($0["dl"] as! String)" }
        let script = """
        import sys, json, biip
        from biip.gs1_messages import GS1Message
        for line in sys.argv[1:]:
            hri, dl = line.split("\\t")
            a = GS1Message.parse_hri(hri)
            b = biip.parse(dl).gs1_digital_link_uri
            print(json.dumps([[e.ai.ai, e.value] for e in a.element_strings] + [None] + [[e.ai.ai, e.value] for e in b.element_strings]))
        """
        let out = try Harness.run(Harness.python, ["-c", script] + codes)
        #expect(out.status == 0, "biip: \(out.stderr)")
        let rows = out.stdout.split(separator: "\n")
        #expect(rows.count == 5)
        for (i, row) in rows.enumerated() {
            let json = try JSONSerialization.jsonObject(with: Data(row.utf8)) as! [Any]
            let split = json.firstIndex { $0 is NSNull }!
            let fromHRI = json[..<split].map { ($0 as! [String]).joined(separator: "=") }
            let fromDL = json[(split + 1)...].map { ($0 as! [String]).joined(separator: "=") }
            let serial = "C" + String(format: "%09d", i + 1)
            #expect(fromHRI == ["01=09520123456801", "11=261126", "10=261126L2", "21=\(serial)"])
            #expect(Set(fromDL) == Set(fromHRI))
        }
    }

    @Test func concurrentJobsNeverShareACode() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("registry.jsonl").path
        let processes = (0..<4).map { i -> Process in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Harness.tracelabel)
            p.arguments = ["issue", "--product", "examples/ebike-battery.yaml", "--count", "50", "--line", "L\(i)", "--shift", "S", "--registry", registry]
            p.currentDirectoryURL = Harness.root
            p.standardOutput = FileHandle.nullDevice
            return p
        }
        for p in processes { try p.run() }
        for p in processes { p.waitUntilExit(); #expect(p.terminationStatus == 0) }
        let lines = try Harness.registryLines(registry)
        let counters = lines.filter { $0["kind"] as? String == "issue" }.compactMap { $0["counter"] as? Int }
        #expect(counters.count == 200)
        #expect(counters.sorted() == Array(1...200))
        #expect(lines.filter { $0["kind"] as? String == "reserve" }.count == 4)
    }
}
