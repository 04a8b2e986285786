import Foundation
import Testing
@testable import TraceRegistry

/// The inputs of flows: event times, CSV records and the import file's columns.
@Suite struct FlowInputTests {
    static let now = ISO8601DateFormatter().date(from: "2026-11-28T12:00:00Z")!

    @Test(arguments: ["2026-11-28", "2026-11-28T19:59:59+08:00", "2026-11-28T12:00Z", "2026-01-31T08:00:00.250Z", "2026-11-28T11:29:00-00:30"])
    func acceptedTimes(text: String) throws {
        try FlowTime.validate(text, now: FlowInputTests.now)
    }

    @Test(arguments: [("2026-11-29", "after today's date"), ("2026-11-28T20:00:01+08:00", "in the future"),
                      ("2026-11-28T10:00:00", "with a zone"), ("2026-02-30", "with a zone"), ("28.11.2026", "with a zone"),
                      ("2026-11-28 10:00Z", "with a zone")])
    func refusedTimes(text: String, rule: String) {
        #expect {
            try FlowTime.validate(text, now: FlowInputTests.now)
        } throws: { error in
            (error as? FlowError)?.field == "at" && (error as? FlowError)?.rule.contains(rule) == true
        }
    }

    @Test func csvRecordsKeepTheirStartingLine() throws {
        let text = "\u{FEFF}a,b\r\n\"x, \"\"y\"\"\",\"two\nlines\"\r\n\r\nlast,\n"
        let table = try CSVRecords(bytes: Array(text.utf8))
        #expect(table.records == [.init(line: 1, fields: ["a", "b"]), .init(line: 2, fields: ["x, \"y\"", "two\nlines"]),
                                  .init(line: 5, fields: ["last", ""])])
    }

    @Test(arguments: [("a,b\"c\n", 1, "a quote inside an unquoted field"), ("a\n\"b\"c\n", 2, "text after a closing quote"),
                      ("a\n\"b\n\n", 2, "not closed"), ("ok\n\u{00}\u{FF}", 2, "not UTF-8")])
    func csvSyntaxErrorsNameTheLine(text: String, line: Int, message: String) {
        var bytes = Array(text.utf8)
        if text.hasSuffix("\u{FF}") { bytes = Array("ok\n".utf8) + [0x61, 0xFF] }
        #expect {
            _ = try CSVRecords(bytes: bytes)
        } throws: { error in
            (error as? CSVRecords.SyntaxError)?.line == line && (error as? CSVRecords.SyntaxError)?.message.contains(message) == true
        }
    }

    @Test func importRowsNeedOneCodeFormAndKnownColumns() {
        let file = FlowImportFile(bytes: Array("""
        flow,party,at,counterparty,code,lot,gtin
        seller-sale,P,2026-11-27,X,C1,,
        seller-sale,P,2026-11-27,X,C1,L1,
        seller-sale,P,2026-11-27,X,,L1,123
        seller-sale,P,2026-11-27,X,,,
        seller-sale,P,2026-11-27,X,,L1,09520123456795
        seller-sale,P,2026-11-27,X
        """.utf8))
        #expect(file.rows.map(\.line) == [2, 6])
        #expect(file.rows.last?.entry.scope == .lot("L1", gtin: "09520123456795"))
        #expect(file.problems.map(\.line) == [3, 4, 5, 7])
        #expect(file.problems.map(\.column) == ["lot", "gtin", "code", "csv"])
    }
}
