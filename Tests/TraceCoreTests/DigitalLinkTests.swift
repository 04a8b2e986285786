import Testing
@testable import TraceCore

struct DigitalLinkTests {
    @Test func itemCodeUsesPathOrderAndQueryForDates() throws {
        // Input order deliberately differs from the canonical path order 01 → 22 → 10 → 21.
        let uri = try DigitalLink.uri(for: [
            AIElement("01", "09520123456788"), AIElement("21", "0000000001"), AIElement("11", "261127"), AIElement("10", "20261127A"),
        ])
        #expect(uri == "https://id.gs1.org/01/09520123456788/10/20261127A/21/0000000001?11=261127")
    }

    @Test func percentEncodingMatchesTheSyntaxEngineVector() throws {
        // gs1.md §5.2: biip and the GS1 Syntax Engine agree on this URI.
        let uri = try DigitalLink.uri(for: [
            AIElement("01", "09520123456788"), AIElement("10", "AB+1"), AIElement("21", "X/Y"), AIElement("17", "261231"),
        ])
        #expect(uri == "https://id.gs1.org/01/09520123456788/10/AB%2B1/21/X%2FY?17=261231")
    }

    @Test func customStemLosesTrailingSlash() throws {
        let uri = try DigitalLink.uri(for: [AIElement("01", "09520123456788")], stem: "https://trace.example.cn/p/")
        #expect(uri == "https://trace.example.cn/p/01/09520123456788")
    }

    @Test func badStemsAreRefused() {
        #expect(throws: GS1Error.self) { try DigitalLink.normalisedStem("ftp://x.cn") }
        #expect(throws: GS1Error.self) { try DigitalLink.normalisedStem("https://") }
        #expect(throws: GS1Error.self) { try DigitalLink.normalisedStem("https://x.cn/?a=1") }
    }

    @Test func noPrimaryKey() {
        #expect(throws: GS1Error.self) { try DigitalLink.uri(for: [AIElement("10", "ABC")]) }
    }
}
