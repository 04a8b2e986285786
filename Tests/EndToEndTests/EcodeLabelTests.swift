import Foundation
import Testing
import _TraceTestSupport
import TraceRegistry

/// Ecode products end to end: labels from a platform pool and from a minted layout, decoded by zxing-cpp to exactly
/// the registered payload; every QA command on Ecode labels; a pool shared by concurrent processes and a kill -9.
@Suite(.serialized) struct EcodeLabelTests {
    static let example = Harness.root.appendingPathComponent("examples/gas-stove.yaml").path
    static let templates = ["battery-60x40", "battery-70x37", "cable-reel-100x70", "small-50x30", "product-105x57"]

    /// The gas-stove example with its `code:` section replaced.
    static func product(in dir: URL, name: String, code: String) throws -> String {
        let base = try Harness.exampleProduct("gas-stove.yaml")
        let head = base.components(separatedBy: "\ncode:\n")[0]
        let path = dir.appendingPathComponent(name).path
        try (head + "\ncode:\n" + code).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Writes a pool of `count` V1 codes (NSI 0096), one per line, starting at `start`.
    static func pool(in dir: URL, name: String, start: Int = 1, count: Int) throws -> [String] {
        let codes = (start..<(start + count)).map { "10096" + String(format: "%020ld", 7_000_000_000 + $0 * 13) }
        try (codes.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        return codes
    }

    static func issue(_ product: String, mode: String = "item", count: Int, registry: String, extra: [String]) throws -> Harness.Output {
        try Harness.tracelabel(["issue", "--product", product, "--mode", mode, "--count", String(count), "--line", "L3",
                                "--shift", "2026-11-28-A", "--registry", registry] + extra)
    }

    /// Registered issue records: code → dl.
    static func issued(_ registry: String) throws -> [(code: String, dl: String, counter: Int?)] {
        guard FileManager.default.fileExists(atPath: registry) else { return [] }
        return try Harness.registryLines(registry).filter { $0["kind"] as? String == "issue" }
            .map { ($0["code"] as! String, $0["dl"] as! String, $0["counter"] as? Int) }
    }

    @Test func everyTemplateAtEveryResolutionDecodesToTheRegisteredEcodeURL() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("registry.jsonl").path
        var jobs = 0
        for template in Self.templates {
            for dpi in [203, 300, 600] {
                let spool = dir.appendingPathComponent("spool-\(template)-\(dpi)").path
                let before = try Self.issued(registry).count
                let out = try Self.issue(Self.example, count: 2, registry: registry,
                                         extra: ["--template", template, "--sheet", "roll", "--dpi", String(dpi), "--spool", spool])
                #expect(out.status == 0, "\(template) \(dpi): \(out.stderr)")
                jobs += 1
                let codes = Array(try Self.issued(registry)[before...])
                let pngs = Harness.files(in: spool).filter { $0.hasSuffix(".png") }.map { "\(spool)/\($0)" }
                #expect(pngs.count == 2)
                let decoded = try Harness.decode(pngs)
                for (image, code) in zip(decoded, codes) {
                    #expect(image.dpi == [dpi, dpi])
                    #expect(image.symbols.count == 1, "\(image.file)")
                    #expect(image.symbols.first?.bytes == code.dl, "\(template) \(dpi)")
                    #expect(image.symbols.first?.bytes == "https://www.iotroot.com/E=\(code.code)")
                    #expect(image.symbols.first?.symbology_identifier == "]Q1")
                    #expect(image.symbols.first?.gs1 == false)
                }
            }
        }
        #expect(jobs == 15)
        // Pool codes are used in file order, each once, across the 15 jobs.
        let poolCodes = try String(contentsOfFile: Harness.root.appendingPathComponent("examples/gas-stove-ecodes.csv").path, encoding: .utf8)
            .split(separator: "\r\n").dropFirst().map { String($0.split(separator: ",")[1]) }
        #expect(try Self.issued(registry).map(\.code) == Array(poolCodes.prefix(30)))
        #expect(try RegistryVerifier(path: registry).verify().isIntact)
    }

    @Test func aPlainPayloadCarriesTheBareEcodeAndThePDFHoldsTheHRILine() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let product = try Self.product(in: dir, name: "mint.yaml", code: """
          scheme: ecode
          ecode:
            source: mint
            version: 1
            nsi: "0096"
            md: "{date}88{serial:12}"
            payload: plain
        """)
        let registry = dir.appendingPathComponent("registry.jsonl").path
        let spool = dir.appendingPathComponent("spool").path
        let pdf = dir.appendingPathComponent("sheet.pdf").path
        let out = try Self.issue(product, count: 3, registry: registry, extra: ["--spool", spool, "--pdf", pdf])
        #expect(out.status == 0, "\(out.stderr)")
        let codes = try Self.issued(registry)
        #expect(codes.map(\.code) == ["1009626112888000000000001", "1009626112888000000000002", "1009626112888000000000003"])
        let decoded = try Harness.decode(Harness.files(in: spool).filter { $0.hasSuffix(".png") }.map { "\(spool)/\($0)" })
        #expect(decoded.flatMap { $0.symbols.map(\.bytes) } == codes.map(\.code))
        // The text layer of the sheet holds the HRI line of each label.
        let text = try Harness.run("/usr/bin/pdftotext", [pdf, "-"]).stdout
        for code in codes { #expect(text.contains("Ecode: \(code.code)"), "\(code.code) not in the PDF text") }
        let raster = try Harness.run("/usr/bin/pdftoppm", ["-r", "300", "-gray", "-png", "-f", "1", "-l", "1", pdf, dir.appendingPathComponent("page").path])
        #expect(raster.status == 0)
        let page = Harness.files(in: dir.path).filter { $0.hasPrefix("page") }.map { dir.appendingPathComponent($0).path }
        let onPage = try Harness.decode(page).flatMap { $0.symbols.map(\.bytes) }
        #expect(Set(onPage) == Set(codes.map(\.code)))
    }

    @Test func batchAndCategoryModesPrintOneEcodeAsCopies() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let product = try Self.product(in: dir, name: "mint.yaml", code: """
          scheme: ecode
          ecode:
            source: mint
            version: 2
            nsi: "1234"
            md: "{date}{serial:8}"
            resolver: https://trace.example.cn/
            url: "{resolver}/ecode/{ecode}?src=label"
        """)
        let registry = dir.appendingPathComponent("registry.jsonl").path
        for (mode, run) in [("batch", 1), ("batch", 2), ("category", 1), ("category", 2)] {
            let spool = dir.appendingPathComponent("spool-\(mode)-\(run)").path
            let out = try Self.issue(product, mode: mode, count: 3, registry: registry, extra: ["--spool", spool])
            #expect(out.status == 0, "\(mode): \(out.stderr)")
            let decoded = try Harness.decode(Harness.files(in: spool).filter { $0.hasSuffix(".png") }.map { "\(spool)/\($0)" })
            #expect(decoded.count == 3)
            #expect(Set(decoded.flatMap { $0.symbols.map(\.bytes) }).count == 1, "\(mode): three copies of one code")
        }
        let codes = try Self.issued(registry)
        // Each batch job its own code; the category code is the product's one code, the same in every category job.
        #expect(codes.map(\.code) == ["2123426112800000001", "2123426112800000002", "2123426112800000003", "2123426112800000003"])
        #expect(codes[0].dl == "https://trace.example.cn/ecode/2123426112800000001?src=label")
        let report = try RegistryVerifier(path: registry).verify()
        #expect(report.isIntact, "\(report.summary)")
        #expect(report.sharedCodes == 4 && report.sharedCopies == 12)
        // A batch code's labels can be voided like an item code's; verify knows the shared code.
        let void = try Harness.tracelabel(["void", "--registry", registry, "--code", codes[0].dl, "--reason", "batch scrapped"])
        #expect(void.status == 0, "\(void.stderr)")
        let afterVoid = try RegistryVerifier(path: registry).verify()
        #expect(afterVoid.isIntact && afterVoid.voids == 1, "\(afterVoid.summary)")
        // A minted range, decoded through the product's layout where codes were never issued.
        let range = try Harness.tracelabel(["verify-range", "--registry", registry, "--product", product, "2123426112800000001..2123426112800000005"])
        #expect(range.status == 65, "\(range.stderr)")
        #expect(range.stdout.contains("issued 2, voided 1") && range.stdout.contains("4-5 (2): never reserved"), "\(range.stdout)")
    }

    @Test func qaCommandsWorkOnEcodeLabels() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("registry.jsonl").path
        #expect(try Self.issue(Self.example, count: 20, registry: registry, extra: []).status == 0)
        let codes = try Self.issued(registry)
        // lookup by URL and by bare code
        let byURL = try Harness.tracelabel(["lookup", "--registry", registry, codes[3].dl])
        #expect(byURL.status == 0 && byURL.stdout.contains(codes[3].code) && byURL.stdout.contains("counter 4"), "\(byURL.stdout)\(byURL.stderr)")
        // verify-range by codes, and by pool positions with the product file
        let range = try Harness.tracelabel(["verify-range", "--registry", registry, "\(codes[0].code)..\(codes[19].code)"])
        #expect(range.status == 0 && range.stdout.contains("issued 20"), "\(range.stdout)\(range.stderr)")
        let positions = try Harness.tracelabel(["verify-range", "--registry", registry, "--product", Self.example, "#15..#30"])
        #expect(positions.status == 65 && positions.stdout.contains("issued 6") && positions.stdout.contains("21-30 (10): never reserved"), "\(positions.stdout)\(positions.stderr)")
        // void, then reconcile a scan file with URL, AIM-prefixed and bare forms, a foreign code and a repeat
        let void = try Harness.tracelabel(["void", "--registry", registry, "--code", codes[5].code, "--reason", "torn"])
        #expect(void.status == 0, "\(void.stderr)")
        let scans = dir.appendingPathComponent("scans.txt").path
        try ["]Q1" + codes[0].dl, codes[1].code, codes[1].code, codes[5].dl, "1009699999999999999999999"].joined(separator: "\n")
            .write(toFile: scans, atomically: true, encoding: .utf8)
        let reconcile = try Harness.tracelabel(["reconcile", "--registry", registry, "--scanned", scans])
        #expect(reconcile.stdout.contains("matched 3, unknown 1, voided 1, scanned twice 1"), "\(reconcile.stdout)\(reconcile.stderr)")
        // reprint: the same code, never a new one; a voided code is refused
        let spool = dir.appendingPathComponent("reprint").path
        let reprint = try Harness.tracelabel(["reprint", "--product", Self.example, "--registry", registry, "--code", codes[2].dl,
                                              "--reason", "smudged", "--spool", spool])
        #expect(reprint.status == 0, "\(reprint.stderr)")
        let decoded = try Harness.decode(Harness.files(in: spool).filter { $0.hasSuffix(".png") }.map { "\(spool)/\($0)" })
        #expect(decoded.first?.symbols.first?.bytes == codes[2].dl)
        let refused = try Harness.tracelabel(["reprint", "--product", Self.example, "--registry", registry, "--code", codes[5].code,
                                              "--reason", "again", "--spool", spool])
        #expect(refused.status != 0 && refused.stderr.contains("voided"), "\(refused.stderr)")
        #expect(try Self.issued(registry).count == 20, "neither void nor reprint allocates")
        let report = try Harness.tracelabel(["report", "--registry", registry])
        // The product has no GTIN: the report names its Ecode source: 20 issued, none printed (no outputs), 1 voided, 1 reprinted.
        let row = report.stdout.split(separator: "\n").first { $0.hasPrefix("ecode-pool:") }.map(String.init) ?? ""
        #expect(report.status == 0 && row.split(separator: " ").suffix(6) == ["0", "20", "0", "1", "1", "0"], "\(report.stdout)")
        let verify = try Harness.tracelabel(["verify", "--registry", registry])
        #expect(verify.status == 0, "\(verify.stdout)")
    }

    @Test func aGS1SymbologyRefusesAnEcodeBeforeAnythingIsWritten() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("registry.jsonl").path
        let out = try Self.issue(Self.example, count: 2, registry: registry, extra: ["--symbology", "gs1-datamatrix", "--spool", dir.appendingPathComponent("s").path])
        #expect(out.status != 0)
        #expect(out.stderr.contains("gs1-datamatrix carries GS1 data only"), "\(out.stderr)")
        #expect(!FileManager.default.fileExists(atPath: registry))
    }

    @Test func badPoolsAreRefusedBeforeAnythingIsWritten() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("registry.jsonl").path
        let spool = dir.appendingPathComponent("spool").path
        let pdf = dir.appendingPathComponent("sheet.pdf").path
        var good = try Self.pool(in: dir, name: "good.txt", count: 5)
        good.insert("10096ABCDEF", at: 3)
        try good.joined(separator: "\n").write(to: dir.appendingPathComponent("bad.txt"), atomically: true, encoding: .utf8)
        let bad = try Self.product(in: dir, name: "bad.yaml", code: "  scheme: ecode\n  ecode:\n    source: pool\n    pool: bad.txt\n")
        let refused = try Self.issue(bad, count: 2, registry: registry, extra: ["--spool", spool, "--pdf", pdf])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("bad.txt:4: Ecode '10096ABCDEF' has a character at position 6"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: registry) && !FileManager.default.fileExists(atPath: pdf))
        #expect(Harness.files(in: spool).isEmpty)

        // A pool that repeats a code of a pool this registry already imported: refused, registry unchanged.
        let first = try Self.product(in: dir, name: "first.yaml", code: "  scheme: ecode\n  ecode:\n    source: pool\n    pool: good.txt\n")
        #expect(try Self.issue(first, count: 1, registry: registry, extra: []).status == 0)
        _ = try Self.pool(in: dir, name: "overlap.txt", start: 5, count: 5)
        let overlap = try Self.product(in: dir, name: "overlap.yaml", code: "  scheme: ecode\n  ecode:\n    source: pool\n    pool: overlap.txt\n")
        let size = try FileManager.default.attributesOfItem(atPath: registry)[.size] as! Int
        let repeated = try Self.issue(overlap, count: 1, registry: registry, extra: ["--spool", spool])
        #expect(repeated.status == 65)
        #expect(repeated.stderr.contains("overlap.txt:1: ") && repeated.stderr.contains("is already position 5 of the pool imported from"), "\(repeated.stderr)")
        #expect(try FileManager.default.attributesOfItem(atPath: registry)[.size] as! Int == size)
        #expect(Harness.files(in: spool).isEmpty)
    }

    @Test func poolImportChecksAFileBeforeTheLineAndListShowsWhatIsLeft() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("registry.jsonl").path
        let codes = try Self.pool(in: dir, name: "p.txt", count: 50)
        let imported = try Harness.tracelabel(["pool", "import", "--registry", registry, dir.appendingPathComponent("p.txt").path])
        #expect(imported.status == 0 && imported.stdout.contains("50 code(s), first \(codes[0]), last \(codes[49])"), "\(imported.stdout)\(imported.stderr)")
        let product = try Self.product(in: dir, name: "p.yaml", code: "  scheme: ecode\n  ecode:\n    source: pool\n    pool: p.txt\n")
        #expect(try Self.issue(product, count: 12, registry: registry, extra: []).status == 0)
        let list = try Harness.tracelabel(["pool", "list", "--registry", registry])
        #expect(list.stdout.contains("50 code(s), 12 reserved, 38 left"), "\(list.stdout)\(list.stderr)")
        _ = try Self.pool(in: dir, name: "q.txt", start: 50, count: 3)
        let overlap = try Harness.tracelabel(["pool", "import", "--registry", registry, dir.appendingPathComponent("q.txt").path])
        #expect(overlap.status == 65 && overlap.stderr.contains("q.txt:1: \(codes[49]) is already position 50"), "\(overlap.stderr)")
    }

    @Test func fourProcessesAndAKillNeverPrintAPoolCodeTwice() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pool = try Self.pool(in: dir, name: "pool.txt", count: 10_000)
        let product = try Self.product(in: dir, name: "pool.yaml", code: "  scheme: ecode\n  ecode:\n    source: pool\n    pool: pool.txt\n")
        let registry = dir.appendingPathComponent("registry.jsonl").path
        func process(_ n: Int, count: Int) -> Process {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Harness.tracelabel)
            p.arguments = ["issue", "--product", product, "--mode", "item", "--count", String(count), "--line", "L\(n)", "--shift", "S",
                           "--registry", registry, "--spool", dir.appendingPathComponent("spool-\(n)").path]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            return p
        }
        let processes = (0..<4).map { process($0, count: 1_500) }
        for p in processes { try p.run() }
        // Kill process 2 once its job is open and it has issued part of its codes.
        let victim = processes[2]
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, victim.isRunning {
            let lines = (try? Harness.registryLines(registry)) ?? []
            let victimJob = lines.first { $0["kind"] as? String == "job-open" && $0["line"] as? String == "L2" }?["job"] as? String
            if let victimJob, lines.contains(where: { $0["kind"] as? String == "issue" && $0["job"] as? String == victimJob }) { break }
            usleep(2_000)
        }
        kill(victim.processIdentifier, SIGKILL)
        for p in processes { p.waitUntilExit() }
        for (i, p) in processes.enumerated() where i != 2 { #expect(p.terminationStatus == 0, "process \(i)") }
        #expect(victim.terminationReason == .uncaughtSignal, "the kill must land while the job runs")

        // The next writer releases what the dead job reserved and never issued; then the rest of the pool is used up.
        let status = try Harness.tracelabel(["verify", "--registry", registry])
        let before = try Self.issued(registry)
        let highest = try Harness.registryLines(registry).filter { $0["kind"] as? String == "reserve" }.compactMap { $0["last"] as? Int }.max() ?? 0
        let rest = 10_000 - highest
        #expect(rest > 0 && rest <= 10_000 - 4_500, "\(highest) reserved")
        let finish = try Self.issue(product, count: rest, registry: registry, extra: [])
        #expect(finish.status == 0, "\(finish.stderr)")
        #expect(finish.stdout.contains("pool     0 code(s) left"), "\(finish.stdout)")
        let size = try FileManager.default.attributesOfItem(atPath: registry)[.size] as! Int
        let exhausted = try Self.issue(product, count: 1, registry: registry, extra: [])
        #expect(exhausted.status == 65 && exhausted.stderr.contains("ecode-pool:"), "\(exhausted.stderr)")
        #expect(try FileManager.default.attributesOfItem(atPath: registry)[.size] as! Int == size, "an exhausted pool writes nothing")

        let all = try Self.issued(registry)
        #expect(all.count > before.count)
        #expect(Set(all.map(\.code)).count == all.count, "a pool code issued twice")
        #expect(Set(all.map(\.code)).isSubset(of: Set(pool)))
        let records = try Harness.registryLines(registry)
        let released = records.filter { $0["kind"] as? String == "release" }.reduce(0) { $0 + ($1["last"] as! Int) - ($1["first"] as! Int) + 1 }
        #expect(all.count + released == 10_000, "every pool position issued or released as an explained gap")
        // Every code was issued in its pool position, and every label in a spool is a registered code, once.
        for c in all { #expect(pool[c.counter! - 1] == c.code) }
        var printed: [String] = []
        for n in 0..<4 {
            let spool = dir.appendingPathComponent("spool-\(n)").path
            for manifest in Harness.files(in: spool).filter({ $0.hasSuffix(".manifest.json") }) {
                let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(spool)/\(manifest)"))) as! [String: Any]
                printed += (json["labels"] as! [[String: Any]]).map { $0["code"] as! String }
            }
        }
        #expect(printed.count == 4_500 && Set(printed).count == printed.count, "\(printed.count) printed")
        #expect(Set(printed).isSubset(of: Set(all.map(\.code))))
        let report = try RegistryVerifier(path: registry).verify()
        #expect(report.isIntact, "\(report.summary) (first verify: \(status.stdout))")
        #expect(report.openJobs == 0)
    }
}
