import Foundation
import Testing
import _TraceTestSupport

/// The bad-input corpus (issue 14): product files, templates, command-line arguments, pool files, flow CSV files and
/// registries, each tried as a user would. Every case must end with its exit status, a message naming the field (or
/// option) and the offending value, nothing on standard output, and the folder it ran in exactly as it was: the same
/// files with the same bytes, nothing added, nothing removed.
///
/// Each case runs in a folder of its own holding `product.yaml` (the e-bike example, made to stand alone),
/// `registry.jsonl` (20 codes issued from it, for the commands that amend or read one), and whatever the case writes.
/// In arguments, `$D` is that folder.
struct BadInputCorpusTests {
    /// What a case writes into its folder before the command runs.
    enum Content: Sendable {
        case text(String)
        case bytes([UInt8])
        /// The example product with `old` replaced by `new` (the case fails if `old` is missing).
        case product(String, String)
        /// A built-in template with `old` replaced by `new`.
        case template(String, String, String)
        case folder
        /// A sparse file of this many bytes.
        case sparse(Int)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let area: String
        let name: String
        let files: [String: Content]
        let arguments: [String]
        let status: Int32
        let message: [String]
        var testDescription: String { "\(area): \(name)" }

        init(_ area: String, _ name: String, files: [String: Content] = [:], _ arguments: [String], _ status: Int32, _ message: [String]) {
            self.area = area
            self.name = name
            self.files = files
            self.arguments = arguments
            self.status = status
            self.message = message
        }
    }

    static let code1 = "(01)09520123456795(11)261127(10)20261127A(21)0000000001"
    static let issue = ["issue", "--product", "$D/product.yaml", "--mode", "item", "--count", "5", "--line", "L1",
                        "--shift", "2026-11-27-A", "--registry", "$D/new-registry.jsonl", "--pdf", "$D/out/L1.pdf"]
    static func issueWith(_ options: [String: String]) -> [String] {
        var args = issue
        for (key, value) in options.sorted(by: { $0.key < $1.key }) {
            if let i = args.firstIndex(of: key) { args[i + 1] = value } else { args += [key, value] }
        }
        return args
    }
    static func product(_ old: String, _ new: String) -> [String: Content] { ["product.yaml": .product(old, new)] }

    static let productCases: [Case] = [
        Case("product", "impossible date 2025-02-30", files: product("production_date: 2026-11-27", "production_date: 2025-02-30"),
             issue, 65, ["batch.production_date", "2025-02-30"]),
        Case("product", "month 13", files: product("production_date: 2026-11-27", "production_date: 2026-13-01"),
             issue, 65, ["batch.production_date", "2026-13-01"]),
        Case("product", "date in another form", files: product("production_date: 2026-11-27", "production_date: 27/11/2026"),
             issue, 65, ["batch.production_date", "27/11/2026"]),
        Case("product", "production date in the future", files: product("production_date: 2026-11-27", "production_date: 2031-01-01"),
             issue, 65, ["batch.production_date", "2031-01-01"]),
        Case("product", "lot over 20 characters", files: product("lot: 20261127A", "lot: 20261127A-LINE1-SHIFT-A"),
             issue, 65, ["batch.lot", "20261127A-LINE1-SHIFT-A"]),
        Case("product", "lot with a space", files: product("lot: 20261127A", "lot: \"2026 1127A\""),
             issue, 65, ["batch.lot", "2026 1127A"]),
        Case("product", "lot outside CSET 82", files: product("lot: 20261127A", "lot: \"2026#1127\""),
             issue, 65, ["batch.lot", "2026#1127"]),
        Case("product", "GTIN with a letter", files: product("gtin: \"9520123456795\"", "gtin: \"952012345679X\""),
             issue, 65, ["product.gtin", "952012345679X"]),
        Case("product", "GTIN of 15 digits", files: product("gtin: \"9520123456795\"", "gtin: \"109520123456795\""),
             issue, 65, ["product.gtin", "109520123456795"]),
        Case("product", "empty product name", files: product("  name: 电动自行车用锂离子蓄电池", "  name: \"\""),
             issue, 65, ["product.name"]),
        Case("product", "overlong product name", files: product("  name: 电动自行车用锂离子蓄电池", "  name: " + String(repeating: "电", count: 300)),
             issue, 65, ["product.name"]),
        Case("product", "NUL in the model", files: product("model: TL-4820-LFP 48V 20Ah", "model: \"TL-4820\\0LFP\""),
             issue, 65, ["product.model"]),
        Case("product", "serial width 0", files: product("serial_width: 10", "serial_width: 0"),
             issue, 65, ["code.serial_width", "0"]),
        Case("product", "serial width over 20", files: product("serial_width: 10", "serial_width: 25"),
             issue, 65, ["code.serial_width", "25"]),
        Case("product", "serial width as a word", files: product("serial_width: 10", "serial_width: ten"),
             issue, 65, ["code.serial_width", "ten"]),
        Case("product", "a list where a mapping belongs", files: product("batch:\n  production_date: 2026-11-27\n  lot: 20261127A", "batch: [2026-11-27, 20261127A]"),
             issue, 65, ["batch"]),
        Case("product", "a mapping where a value belongs", files: product("  model: TL-4820-LFP 48V 20Ah", "  model: {a: 1}"),
             issue, 65, ["product.model"]),
        Case("product", "duplicate key", files: product("  model: TL-4820-LFP 48V 20Ah", "  model: TL-4820-LFP 48V 20Ah\n  model: TL-9999"),
             issue, 65, ["model"]),
        Case("product", "misspelt section", files: product("batch:", "bacth:"),
             issue, 65, ["bacth"]),
        Case("product", "YAML syntax error", files: product("  model: TL-4820-LFP 48V 20Ah", "  model: [TL-4820"),
             issue, 65, ["product.yaml"]),
        Case("product", "unknown allocation mode in the file", files: product("  mode: item", "  mode: pallet"),
             issue, 65, ["code.mode", "pallet"]),
        Case("product", "resolver that is not http(s)", files: product("resolver: https://id.gs1.org", "resolver: ftp://id.gs1.org"),
             issue, 65, ["code.resolver", "ftp://id.gs1.org"]),
        Case("product", "resolver with a query", files: product("resolver: https://id.gs1.org", "resolver: https://id.gs1.org/?x=1"),
             issue, 65, ["code.resolver", "https://id.gs1.org/?x=1"]),
        Case("product", "CCC certificate of 15 digits", files: product("ccc_certificate: \"2025011101234567\"", "ccc_certificate: \"202501110123456\""),
             issue, 65, ["product.ccc_certificate", "202501110123456"]),
        Case("product", "document hash that is not SHA-256", files: product("    reference: QT-2026-1127-001", "    reference: QT-2026-1127-001\n    sha256: 1234"),
             issue, 65, ["product.inspection_report", "1234"]),
        Case("product", "document file missing", files: product("file: /", "file: /nonexistent/"),
             issue, 65, ["/nonexistent/"]),
        Case("product", "producer reference to a missing file", files: ["product.yaml": .text("producer: nowhere.producer.yaml\nproduct:\n  name: x\n")],
             issue, 66, ["nowhere.producer.yaml"]),
        Case("product", "producer reference to a folder", files: ["product.yaml": .text("producer: adir\nproduct:\n  name: x\n"), "adir": .folder],
             issue, 66, ["adir"]),
        Case("product", "invalid UTF-8", files: ["product.yaml": .bytes(Array("product:\n  name: ".utf8) + [0xC3, 0x28, 0xFF] + Array("\n".utf8))],
             issue, 65, ["product.yaml", "UTF-8"]),
        Case("product", "empty file", files: ["product.yaml": .text("")],
             issue, 65, ["product.yaml"]),
        Case("product", "a folder as the product file", files: ["product.yaml": .folder],
             issue, 66, ["product.yaml"]),
        Case("product", "a 100 MB product file", files: ["product.yaml": .sparse(100_000_000)],
             issue, 65, ["product.yaml"]),
        Case("product", "missing product file", issueWith(["--product": "$D/missing.yaml"]), 66, ["missing.yaml"]),
    ]

    static let argumentCases: [Case] = [
        Case("arguments", "count beyond the serial space", issueWith(["--count": "100000000000"]), 64, ["--count", "100000000000"]),
        Case("arguments", "count as a decimal", issueWith(["--count": "2.5"]), 64, ["--count", "2.5"]),
        Case("arguments", "empty line", issueWith(["--line": ""]), 64, ["--line"]),
        Case("arguments", "line with a control character", issueWith(["--line": "L1\u{7}"]), 64, ["--line"]),
        Case("arguments", "empty shift", issueWith(["--shift": ""]), 64, ["--shift"]),
        Case("arguments", "dpi 0", issueWith(["--dpi": "0", "--spool": "$D/spool"]), 64, ["--dpi", "0"]),
        Case("arguments", "unknown template", issueWith(["--template": "no-such-design"]), 65, ["no-such-design"]),
        Case("arguments", "a system file as the template", issueWith(["--template": "/etc/passwd"]), 65, ["/etc/passwd"]),
        Case("arguments", "a folder as the template", files: ["tdir.yaml": .folder], issueWith(["--template": "$D/tdir.yaml"]), 65, ["tdir.yaml"]),
        Case("arguments", "unknown sheet", issueWith(["--sheet": "a3-landscape"]), 65, ["a3-landscape"]),
        Case("arguments", "unknown symbology", issueWith(["--symbology": "aztec"]), 64, ["--symbology", "aztec"]),
        Case("arguments", "start-at 0", issueWith(["--start-at": "0"]), 64, ["--start-at", "0"]),
        Case("arguments", "a PDF that exists", files: ["exists.pdf": .text("%PDF-1.4 old")], issueWith(["--pdf": "$D/exists.pdf"]), 73, ["exists.pdf"]),
        Case("arguments", "a folder as the PDF", files: ["adir.pdf": .folder], issueWith(["--pdf": "$D/adir.pdf"]), 73, ["adir.pdf"]),
        Case("arguments", "a folder as the registry", files: ["rdir": .folder], issueWith(["--registry": "$D/rdir"]), 65, ["rdir"]),
        Case("arguments", "no output and no registry", ["issue", "--product", "$D/product.yaml", "--count", "5", "--line", "L1", "--shift", "S"], 64, ["--registry"]),
        Case("arguments", "report from an impossible date", ["report", "--registry", "$D/registry.jsonl", "--from", "2025-02-30"], 64, ["--from", "2025-02-30"]),
        Case("arguments", "report from after to", ["report", "--registry", "$D/registry.jsonl", "--from", "2026-12-01", "--to", "2026-11-01"], 64, ["--from", "--to"]),
        Case("arguments", "verify-range reversed", ["verify-range", "--registry", "$D/registry.jsonl",
                                                    "(01)09520123456795(10)20261127A(21)0000000009..(01)09520123456795(10)20261127A(21)0000000002"], 65, ["0000000009", "0000000002"]),
        Case("arguments", "verify-range without '..'", ["verify-range", "--registry", "$D/registry.jsonl", code1], 64, ["..", "range"]),
        Case("arguments", "lookup of garbage", ["lookup", "--registry", "$D/registry.jsonl", "not-a-code"], 64, ["not-a-code"]),
        Case("arguments", "void of an unknown code", ["void", "--registry", "$D/registry.jsonl", "--code",
                                                      "(01)09520123456795(21)0000009999", "--reason", "damaged"], 65, ["0000009999"]),
        Case("arguments", "void without a reason", ["void", "--registry", "$D/registry.jsonl", "--code", code1, "--reason", ""], 64, ["--reason"]),
        Case("arguments", "void on a missing registry", ["void", "--registry", "$D/none.jsonl", "--code", code1, "--reason", "damaged"], 66, ["none.jsonl"]),
        Case("arguments", "reprint of a code never issued", ["reprint", "--product", "$D/product.yaml", "--registry", "$D/registry.jsonl",
                                                             "--code", "(01)09520123456795(21)0000009999", "--reason", "smudged", "--pdf", "$D/re.pdf"], 65, ["0000009999"]),
        Case("arguments", "reconcile with a missing scan file", ["reconcile", "--registry", "$D/registry.jsonl", "--scanned", "$D/scans.txt"], 66, ["scans.txt"]),
        Case("arguments", "export in an unknown format", ["export", "--registry", "$D/registry.jsonl", "--format", "xml"], 64, ["--format", "xml"]),
        Case("arguments", "check of a bad identifier", ["check", "hri", "(01)09520123456796"], 65, ["09520123456796"]),
        Case("arguments", "check of an unknown kind", ["check", "isbn", "9787111111111"], 64, ["isbn"]),
        Case("arguments", "recall with two scopes", ["recall", "--registry", "$D/registry.jsonl", "--code", code1, "--lot", "20261127A", "--reason", "x"], 64, ["--code", "--lot"]),
    ]

    static func template(_ old: String, _ new: String) -> [String: Content] { ["t.yaml": .template("small-50x30", old, new)] }
    static let withTemplate = issueWith(["--template": "$D/t.yaml"])

    static let templateCases: [Case] = [
        Case("template", "width 0", files: template("width: 50", "width: 0"), withTemplate, 65, ["width", "0"]),
        Case("template", "negative x", files: template("  x: 0.5", "  x: -2"), withTemplate, 65, ["symbol"]),
        Case("template", "symbol outside the label", files: template("  max_width: 20.5", "  max_width: 80"), withTemplate, 65, ["symbol", "inside"]),
        Case("template", "unknown symbology", files: template("symbologies: [qr, gs1-datamatrix]", "symbologies: [aztec]"), withTemplate, 65, ["aztec"]),
        Case("template", "unclosed placeholder", files: template("text: \"{product.model}\"", "text: \"{product.model\""), withTemplate, 65, ["{product.model"]),
        Case("template", "unknown placeholder", files: template("text: \"{product.model}\"", "text: \"{product.colour}\""), withTemplate, 65, ["product.colour"]),
        Case("template", "a word where a number belongs", files: template("height: 30", "height: tall"), withTemplate, 65, ["height"]),
        Case("template", "missing image", files: template("texts:", "images:\n  - {x: 1, y: 1, width: 5, height: 5, file: nowhere.png}\ntexts:"), withTemplate, 65, ["nowhere.png"]),
        Case("template", "text smaller than min_size allows", files: template("size: 7, min_size: 4.5", "size: 3, min_size: 4.5"), withTemplate, 65, ["size"]),
        Case("template", "empty template file", files: ["t.yaml": .text("")], withTemplate, 65, ["t.yaml"]),
        Case("template", "invalid UTF-8 template", files: ["t.yaml": .bytes(Array("name: x\nwidth: ".utf8) + [0xFF, 0xFE])], withTemplate, 65, ["t.yaml"]),
    ]

    static let poolCases: [Case] = [
        Case("pool", "a code of the wrong shape", files: ["p.csv": .text("ecode\n1009620261128ABC0000007919\n")],
             ["pool", "import", "--registry", "$D/registry.jsonl", "$D/p.csv"], 65, ["p.csv", "1009620261128ABC0000007919"]),
        Case("pool", "a code twice", files: ["p.csv": .text("ecode\n1009620261128000000007919\n1009620261128000000007919\n")],
             ["pool", "import", "--registry", "$D/registry.jsonl", "$D/p.csv"], 65, ["p.csv", "1009620261128000000007919"]),
        Case("pool", "an empty pool", files: ["p.csv": .text("ecode\n")],
             ["pool", "import", "--registry", "$D/registry.jsonl", "$D/p.csv"], 65, ["p.csv"]),
        Case("pool", "invalid UTF-8", files: ["p.csv": .bytes(Array("ecode\n1009".utf8) + [0xFF] + Array("\n".utf8))],
             ["pool", "import", "--registry", "$D/registry.jsonl", "$D/p.csv"], 65, ["p.csv"]),
        Case("pool", "a folder as the pool", files: ["p.csv": .folder],
             ["pool", "import", "--registry", "$D/registry.jsonl", "$D/p.csv"], 65, ["p.csv"]),
    ]

    static let header = "flow,party,at,counterparty,address,contact,code,range_first,range_last,lot,gtin,job"
    static func flows(_ rows: String) -> [String: Content] { ["flows.csv": .text(header + "\n" + rows + "\n")] }
    static let importFlows = ["flow", "import", "--registry", "$D/registry.jsonl", "$D/flows.csv"]

    static let csvCases: [Case] = [
        Case("csv", "unknown flow kind", files: flows("producer-sail,91330106MA2H7K3LXA,2026-11-28,Shop,,,\(code1),,,,,"), importFlows, 65, ["flows.csv:2", "producer-sail"]),
        Case("csv", "impossible date", files: flows("producer-sale,91330106MA2H7K3LXA,2026-02-30,Shop,,,\(code1),,,,,"), importFlows, 65, ["flows.csv:2", "2026-02-30"]),
        Case("csv", "two scopes in a row", files: flows("producer-sale,91330106MA2H7K3LXA,2026-11-28,Shop,Hangzhou,0571-1,\(code1),,,20261127A,,"), importFlows, 65, ["flows.csv:2"]),
        Case("csv", "a code never issued", files: flows("producer-sale,91330106MA2H7K3LXA,2026-11-28,Shop,Hangzhou,0571-1,(01)09520123456795(10)20261127A(21)0000009999,,,,,"), importFlows, 65, ["0000009999"]),
        Case("csv", "too few fields", files: flows("producer-sale,91330106MA2H7K3LXA"), importFlows, 65, ["flows.csv:2"]),
        Case("csv", "no header", files: ["flows.csv": .text("producer-sale,91330106MA2H7K3LXA,2026-11-28,Shop,Hangzhou,0571-1,\(code1),,,,,\n")], importFlows, 65, ["flows.csv:1"]),
        Case("csv", "an empty file", files: ["flows.csv": .text("")], importFlows, 65, ["flows.csv"]),
        Case("csv", "invalid UTF-8", files: ["flows.csv": .bytes(Array((header + "\nproducer-sale,").utf8) + [0xC0, 0xAF] + Array(",2026-11-28,Shop,,,,,,,,\n".utf8))], importFlows, 65, ["flows.csv"]),
    ]

    static let registryCases: [Case] = [
        Case("registry", "a torn and edited registry before a job", files: ["registry.jsonl": .text("{\"seq\":0,\"kind\":\"job-open\"\n{garbage}\n")],
             issueWith(["--registry": "$D/registry.jsonl"]), 65, ["registry.jsonl"]),
        Case("registry", "/dev/zero as the registry", issueWith(["--registry": "/dev/zero"]), 65, ["/dev/zero"]),
        Case("registry", "verify of a missing registry", ["verify", "--registry", "$D/none.jsonl"], 66, ["none.jsonl"]),
        Case("registry", "report of a folder", files: ["rdir": .folder], ["report", "--registry", "$D/rdir"], 65, ["rdir"]),
    ]

    static let cases = productCases + argumentCases + templateCases + poolCases + csvCases + registryCases

    /// The registry every case starts from: 20 codes issued once per test run.
    static let fixture: Result<URL, Error> = Result {
        let dir = try Harness.temporaryDirectory()
        try Harness.exampleProduct("ebike-battery.yaml").write(to: dir.appendingPathComponent("product.yaml"), atomically: true, encoding: .utf8)
        let made = try Harness.tracelabel(["issue", "--product", dir.appendingPathComponent("product.yaml").path, "--mode", "item",
                                           "--count", "20", "--line", "L1", "--shift", "2026-11-27-A",
                                           "--registry", dir.appendingPathComponent("registry.jsonl").path])
        guard made.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSDebugDescriptionErrorKey: made.stderr]) }
        return dir
    }

    /// Every file and folder under `dir` with its bytes (folders: "dir").
    static func tree(_ dir: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        let names = FileManager.default.enumerator(atPath: dir.path)?.compactMap { $0 as? String } ?? []
        for name in names {
            let path = dir.appendingPathComponent(name).path
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
            if isDir.boolValue { out[name] = Data("dir".utf8); continue }
            // Sparse giants are compared by size: reading 100 MB per case would be the whole test's time.
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            if size > 1_000_000 { out[name] = Data("size \(size)".utf8); continue }
            out[name] = FileManager.default.contents(atPath: path) ?? Data()
        }
        return out
    }

    @Test func theCorpusHasAtLeastEightyCasesInEveryArea() {
        #expect(Self.cases.count >= 80, "\(Self.cases.count) cases")
        #expect(Set(Self.cases.map(\.area)) == ["product", "arguments", "template", "pool", "csv", "registry"])
        #expect(Set(Self.cases.map(\.testDescription)).count == Self.cases.count, "two cases share a name")
    }

    @Test(arguments: cases)
    func refusedWithItsFieldAndValueAndNothingWritten(_ c: Case) throws {
        let fixture = try Self.fixture.get()
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["product.yaml", "registry.jsonl", "registry.jsonl.lock"] {
            try FileManager.default.copyItem(at: fixture.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        for (name, content) in c.files {
            let url = dir.appendingPathComponent(name)
            try? FileManager.default.removeItem(at: url)
            switch content {
            case .text(let text): try text.write(to: url, atomically: false, encoding: .utf8)
            case .bytes(let bytes): try Data(bytes).write(to: url)
            case .product(let old, let new):
                let text = try String(contentsOf: fixture.appendingPathComponent("product.yaml"), encoding: .utf8)
                #expect(text.contains(old), "the example product no longer contains '\(old)'")
                try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: false, encoding: .utf8)
            case .template(let base, let old, let new):
                let text = try String(contentsOf: Harness.root.appendingPathComponent("templates/\(base).yaml"), encoding: .utf8)
                #expect(text.contains(old), "template \(base) no longer contains '\(old)'")
                try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: false, encoding: .utf8)
            case .folder: try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            case .sparse(let size):
                #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
                let handle = try FileHandle(forWritingTo: url)
                try handle.truncate(atOffset: UInt64(size))
                try handle.close()
            }
        }
        let before = Self.tree(dir)
        let result = try Harness.tracelabel(c.arguments.map { $0.replacingOccurrences(of: "$D", with: dir.path) })
        #expect(result.status == c.status, "exit \(result.status), stderr: \(result.stderr)")
        for fragment in c.message {
            #expect(result.stderr.contains(fragment), "the message lacks '\(fragment)': \(result.stderr)")
        }
        #expect(result.stdout.isEmpty, "stdout: \(result.stdout)")
        #expect(Self.tree(dir) == before, "the folder changed")
    }
}
