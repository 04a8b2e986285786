import Foundation
import Testing
import _TraceTestSupport
import TraceRegistry

/// `tracelabel flow import`: a CSV file is recorded whole or not at all, and every bad row is named by its line.
struct FlowImportTests {
    let header = "flow,party,at,counterparty,address,contact,code,range_first,range_last,lot,gtin,job"

    func write(_ text: String, bom: Bool = false, in f: FlowFixture, name: String = "flows.csv") throws -> String {
        let path = f.dir.appendingPathComponent(name).path
        try ((bom ? Data([0xEF, 0xBB, 0xBF]) : Data()) + Data(text.utf8)).write(to: URL(fileURLWithPath: path))
        return path
    }

    func importFile(_ path: String, _ f: FlowFixture) throws -> Harness.Output {
        try Harness.tracelabel(["flow", "import", "--registry", f.registry, "--operator", "sales-desk", path])
    }

    @Test func oneBadRowRejectsTheFileAndNamesEveryBadLine() throws {
        let f = try FlowFixture(count: 10)
        defer { f.remove() }
        try f.registerSeller()
        let unknown = f.codes[0].replacingOccurrences(of: "(21)0000000001", with: "(21)0000009999")
        let csv = """
        \(header)
        producer-sale,\(FlowFixture.producer),2026-11-20,宁波某某车业有限公司,宁波市鄞州区1号,0574-1,,\(f.codes[0]),\(f.codes[4]),,,
        seller-sale,\(FlowFixture.seller),2099-01-01,张三,,,\(f.codes[1]),,,,,
        seller-sale,\(FlowFixture.seller),2026-11-21,李四,,,\(unknown),,,,,
        seller-purchase,\(FlowFixture.seller),2026-11-21,宁波某某车业有限公司,,,,,,,,\(f.job)

        """
        let path = try write(csv, in: f)
        let before = try f.bytes()
        let out = try importFile(path, f)
        #expect(out.status == 65)
        #expect(out.stderr.contains("\(path):3: error: at: '2099-01-01': is after today's date"), "\(out.stderr)")
        #expect(out.stderr.contains("\(path):4: error: code: 'code:\(unknown)': code '\(unknown)' was never issued"), "\(out.stderr)")
        #expect(!out.stderr.contains(":2: error") && !out.stderr.contains(":5: error"), "good rows are not blamed")
        #expect(out.stderr.contains("2 problem(s)"))
        #expect(try f.bytes() == before, "nothing appended")

        // A row that does not even read (bad flow kind) is reported together with the rows the registry refuses.
        let mixed = try write("\(header)\nproducer-sail,\(FlowFixture.producer),2026-11-20,X,A,C,\(f.codes[0]),,,,,\nseller-sale,\(FlowFixture.seller),2026-11-21,Y,,,\(unknown),,,,,\n", in: f, name: "mixed.csv")
        let both = try importFile(mixed, f)
        #expect(both.status == 65)
        #expect(both.stderr.contains("mixed.csv:2: error: flow: 'producer-sail' is not producer-sale"), "\(both.stderr)")
        #expect(both.stderr.contains("mixed.csv:3: error: code:"), "\(both.stderr)")
        #expect(try f.bytes() == before)

        // Fixed, the same file goes in whole, under one F… id.
        let fixed = csv.replacingOccurrences(of: "2099-01-01", with: "2026-11-21").replacingOccurrences(of: unknown, with: f.codes[2])
        let ok = try importFile(try write(fixed, in: f, name: "fixed.csv"), f)
        #expect(ok.status == 0, "\(ok.stderr)")
        let flows = try f.records("flow")
        #expect(flows.count == 4)
        #expect(Set(flows.map { $0["job"] as! String }).count == 1)
        #expect(flows.map { $0["count"] as? Int } == [5, 1, 1, 10])
        #expect(try Harness.tracelabel(["verify", "--registry", f.registry]).status == 0)
    }

    @Test func quotedFieldsAndABOMAreRead() throws {
        let f = try FlowFixture(count: 3)
        defer { f.remove() }
        // Columns in another order, a BOM, CRLF line ends, a quoted comma, a doubled quote and a line break in a field.
        let csv = "code,flow,party,at,counterparty,address,contact\r\n"
            + "\(f.codes[0]),producer-sale,\(FlowFixture.producer),2026-11-20,\"Acme, \"\"East\"\" Ltd\",\"浙江省宁波市\r\n鄞州区1号\",0574-1\r\n"
            + "\(f.codes[1]),producer-sale,\(FlowFixture.producer),2026-11-20,宁波某某车业有限公司,宁波,0574-2\r\n"
        let out = try importFile(try write(csv, bom: true, in: f), f)
        #expect(out.status == 0, "\(out.stderr)")
        let flows = try f.records("flow")
        #expect(flows.first?["counterparty"] as? String == "Acme, \"East\" Ltd")
        #expect(flows.first?["address"] as? String == "浙江省宁波市\r\n鄞州区1号")
        #expect(flows.last?["counterparty"] as? String == "宁波某某车业有限公司")

        // After a field that spans two lines, the next row's problem is named by its own line (4, not 3).
        let bad = csv.replacingOccurrences(of: "2026-11-20,宁波某某车业有限公司", with: "2026-13-40,宁波某某车业有限公司")
        let refused = try importFile(try write(bad, bom: true, in: f, name: "bad.csv"), f)
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("bad.csv:4: error: at: '2026-13-40'"), "\(refused.stderr)")
        let unclosed = try importFile(try write("\(header)\nproducer-sale,\"oops\n", in: f, name: "unclosed.csv"), f)
        #expect(unclosed.status == 65 && unclosed.stderr.contains("unclosed.csv:2: error: csv: a quoted field is not closed"), "\(unclosed.stderr)")
        let unknownColumn = try importFile(try write("flow,party,at,buyer,code\n", in: f, name: "columns.csv"), f)
        #expect(unknownColumn.stderr.contains("columns.csv:1: error: header: unknown column 'buyer'"), "\(unknownColumn.stderr)")
        #expect(unknownColumn.stderr.contains("columns.csv:1: error: header: column 'counterparty' is required"), "\(unknownColumn.stderr)")
        #expect(try f.records("flow").count == 2)
    }
}

extension FlowImportTests {
    @Test func helpDocumentsTheHeader() throws {
        let help = try Harness.tracelabel(["flow", "import", "--help"])
        #expect(help.stdout.contains("\nflow,party,at,counterparty,address,contact,code,range_first,range_last,lot,gtin,job\n"), "\(help.stdout)")
        let readme = try String(contentsOf: Harness.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("\nflow,party,at,counterparty,address,contact,code,range_first,range_last,lot,gtin,job\n"))
    }
}
