import Foundation
import Testing
@testable import TraceRegistry
import TraceCore

/// The hand-written pieces of the exports agree with the libraries they stand in for.
@Suite struct ExportPiecesTests {
    @Test(arguments: ["plain", "引号\"和\\反斜杠", "line\nbreak\r\ttab", "ctl\u{01}\u{1F}", "a/b https://x/y", "😀 emoji", ""])
    func jsonStringsMatchJSONSerialization(_ text: String) throws {
        var mine = ""
        JSONFragment.appendString(text, to: &mine)
        let parsed = try JSONSerialization.jsonObject(with: Data(mine.utf8), options: .fragmentsAllowed) as? String
        #expect(parsed == text, "\(mine)")
        #expect(mine == (try JSONFragment.text(text)), "the same spelling as JSONSerialization")
    }

    @Test func csvFieldsAreQuotedOnlyWhenRFC4180NeedsIt() {
        #expect(CSVExport.field("plain 文字") == "plain 文字")
        #expect(CSVExport.field("a,b") == "\"a,b\"")
        #expect(CSVExport.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVExport.field("two\r\nlines") == "\"two\r\nlines\"")
    }

    @Test func retentionPeriodsAndTheThreeYearMinimum() throws {
        let now = ISO8601DateFormatter().date(from: "2026-11-28T12:00:00Z")!
        #expect(ISO8601DateFormatter().string(from: try RetentionPeriod("10y").cutoff(from: now)) == "2016-11-28T12:00:00Z")
        #expect(ISO8601DateFormatter().string(from: try RetentionPeriod("18m").cutoff(from: now)) == "2025-05-28T12:00:00Z")
        #expect(ISO8601DateFormatter().string(from: try RetentionPeriod("30d").cutoff(from: now)) == "2026-10-29T12:00:00Z")
        #expect(try RetentionPeriod("3y").isBelowMinimum(now: now) == false)
        #expect(try RetentionPeriod("36m").isBelowMinimum(now: now) == false)
        #expect(try RetentionPeriod("35m").isBelowMinimum(now: now) == true)
        #expect(try RetentionPeriod("1095d").isBelowMinimum(now: now) == true, "2024 was a leap year: 3 years are 1,096 days here")
        for bad in ["", "y", "10", "1.5y", "-1y", "0y", "10Y"] {
            #expect(throws: RetentionError.self) { try RetentionPeriod(bad) }
        }
    }

    @Test func epcisIdentifiersUseTraceCoreAndRefuseABadPrefixLength() throws {
        let code = ExportSource.IssuedCode(code: "(01)09520123456795(10)L/1(21)A&1", dl: nil, copies: nil, counter: 1,
                                           identity: "01=09520123456795|10=L/1|21=A&1", entry: nil)
        #expect(try EPCISIdentifiers(companyPrefixLength: nil).instance(code) == "https://id.gs1.org/01/09520123456795/21/A%261")
        #expect(try EPCISIdentifiers(companyPrefixLength: 7).instance(code) == "urn:epc:id:sgtin:9520123.045679.A%261")
        #expect(try EPCISIdentifiers(companyPrefixLength: 7).productClass(code) == "urn:epc:class:lgtin:9520123.045679.L%2F1")
        #expect(throws: ExportError.self) { try EPCISIdentifiers(companyPrefixLength: 5) }
    }
}

extension ExportPiecesTests {
    @Test func flowTimesBecomeRFC3339EventTimes() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("export-pieces-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var open = RegistryRecord(kind: .jobOpen, job: "J1")
        open.time = "2026-11-28T01:00:00Z"
        try RegistryFile(path: path).withExclusiveAccess { writer in try writer.append([open]) }
        let export = try EPCISExport(source: ExportSource(path: path, filter: ExportFilter()), identifiers: EPCISIdentifiers(companyPrefixLength: nil),
                                     publicOnly: false)
        #expect(export.eventTime("2026-11-28") == "2026-11-28T00:00:00+08:00")
        #expect(export.eventTime("2026-11-28T10:30") == "2026-11-28T10:30:00+08:00")
        #expect(export.eventTime("2026-11-28T10:30:05") == "2026-11-28T10:30:05+08:00")
        #expect(export.eventTime("2026-11-28T10:30:05Z") == "2026-11-28T10:30:05Z")
        #expect(export.eventTime("2026-11-28T10:30:05-05:00") == "2026-11-28T10:30:05-05:00")
        #expect(throws: ExportError.self) {
            try EPCISExport(source: ExportSource(path: path, filter: ExportFilter()), identifiers: EPCISIdentifiers(companyPrefixLength: nil),
                            timeZoneOffset: "+8", publicOnly: false)
        }
    }
}

extension ExportPiecesTests {
    /// The fast path (the registered Digital Link) and the slow one (parsing the HRI) give the same EPC.
    @Test(arguments: ["0000000001", "A&B/C?%", "SER-1.2_3~x", "空"])
    func itemLinksFromTheDigitalLinkMatchThoseFromTheCode(_ serial: String) throws {
        let elements = [AIElement("01", "09520123456795"), AIElement("11", "261127"),
                        AIElement("10", "L/1"), AIElement("21", serial)]
        for stem in ["https://id.gs1.org", "https://resolver.example.com/gs1"] {
            let dl = try DigitalLink.uri(for: elements, stem: stem)
            let hri = "(01)09520123456795(11)261127(10)L/1(21)\(serial)"
            let fast = EPCISIdentifiers.itemLink(fromDigitalLink: dl)
            let slow = try EPCISIdentifiers(companyPrefixLength: nil).instance(
                ExportSource.IssuedCode(code: hri, dl: nil, copies: nil, counter: 1, identity: "01=09520123456795|10=L/1|21=\(serial)", entry: nil))
            #expect(fast == slow, "\(dl)")
        }
        #expect(EPCISIdentifiers.itemLink(fromDigitalLink: "https://id.gs1.org/01/09520123456795/10/LOT1?11=261127") == nil)
        #expect(EPCISIdentifiers.itemLink(fromDigitalLink: "https://www.iotroot.com/E=1009620261128000000007919") == nil)
    }

    /// The samr export carries every producer and product field of Annex 2's table, and its visibility comes from
    /// that table: the export and the public view cannot disagree about what is public.
    @Test func theSAMRFieldMapFollowsTheAnnexTwoTable() {
        let sources = Set((SAMRFieldMap.producer + SAMRFieldMap.product).map(\.source))
        for field in AnnexTwo.fields where (field.group == .producer || field.group == .product) && field.key != "code" && field.key != "serial" {
            #expect(sources.contains(field.key), "samr export lacks \(field.key)")
        }
        for field in SAMRFieldMap.producer + SAMRFieldMap.product {
            guard let annex = AnnexTwo.fields.first(where: { $0.key == field.source }) else { continue }
            for choice in ["public", "private"] {
                let owner = ["visibility.product.inspection_report": choice, "visibility.flows": choice]
                #expect(field.visibility(owner: owner) == (AnnexTwo.isPublic(annex, choices: owner) ? .public : .private), "\(field.source)")
            }
        }
    }
}
