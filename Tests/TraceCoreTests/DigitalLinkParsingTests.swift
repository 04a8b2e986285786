import Testing
@testable import TraceCore

struct DigitalLinkParsingTests {
    @Test func parsesPathAndQuery() throws {
        let parsed = try DigitalLink.parse("https://id.gs1.org/01/09520123456788/10/AB%2B1/21/X%2FY?17=261231&linkType=gs1:pip#frag")
        #expect(parsed.stem == "https://id.gs1.org")
        #expect(parsed.pathElements == [AIElement("01", "09520123456788"), AIElement("10", "AB+1"), AIElement("21", "X/Y")])
        #expect(parsed.queryElements == [AIElement("17", "261231")])
        #expect(parsed.otherParameters == ["linkType=gs1:pip"])
    }

    @Test func customStemWithPathAndUpperCaseScheme() throws {
        let parsed = try DigitalLink.parse("HTTPS://TRACE.EXAMPLE.CN/P/01/09520123456788/21/ABC123")
        #expect(parsed.stem == "HTTPS://TRACE.EXAMPLE.CN/P")
        #expect(parsed.elements == [AIElement("01", "09520123456788"), AIElement("21", "ABC123")])
    }

    @Test func otherKeysAndQualifiers() throws {
        #expect(try DigitalLink.parse("https://id.gs1.org/414/9520123456788/254/LINE1").elements
                == [AIElement("414", "9520123456788"), AIElement("254", "LINE1")])
        #expect(try DigitalLink.parse("https://id.gs1.org/00/106141412345678908?02=09520123456788&37=10").elements.count == 3)
        #expect(try DigitalLink.parse("https://id.gs1.org/01/09520123456788/235/TPX1").elements.last == AIElement("235", "TPX1"))
        #expect(try DigitalLink.parse("https://id.gs1.org/01/09520123456788/21/A+B").pathElements.last?.value == "A+B")
    }

    struct Refusal: CustomTestStringConvertible, Sendable {
        let uri: String
        let message: String
        var testDescription: String { uri }
    }

    static let refusals: [Refusal] = [
        Refusal(uri: "https://id.gs1.org/01/9520123456788",
                message: "[GS1-DL-GTIN-PADDING] AI (01) (character 23 of the input): found GTIN '9520123456788' (13 digits), expected the GTIN padded with zeros to 14 digits"),
        Refusal(uri: "https://id.gs1.org/01/09520123456788?10=LOT1",
                message: "[GS1-DL-PATH-ONLY] AI (10) (character 38 of the input): found (10) in the query, expected (10) in the path after (01), as a key qualifier"),
        Refusal(uri: "https://id.gs1.org/01/09520123456788?21=S1",
                message: "[GS1-DL-PATH-ONLY] AI (21) (character 38 of the input): found (21) in the query, expected (21) in the path after (01), as a key qualifier"),
        Refusal(uri: "https://id.gs1.org/00/106141412345678908?21=S1",
                message: "[GS1-DL-ATTRIBUTE] AI (21) (character 42 of the input): found (21) in the query, expected only AIs allowed as Digital Link data attributes"),
        Refusal(uri: "https://id.gs1.org/01/09520123456788/21/S1/10/L1",
                message: "[GS1-DL-QUALIFIER-ORDER] AI (01) (character 20 of the input): found path /01/…/21/…/10, expected qualifiers of (01) in the order 22 → 10 → 21 or 235"),
        Refusal(uri: "https://id.gs1.org/01/09520123456788/10/L1/235/T1",
                message: "[GS1-DL-QUALIFIER-ORDER] AI (01) (character 20 of the input): found path /01/…/10/…/235, expected qualifiers of (01) in the order 22 → 10 → 21 or 235"),
        Refusal(uri: "https://id.gs1.org/01/09520123456788/21/S1/",
                message: "[GS1-DL-SYNTAX] (character 43 of the input): found a trailing '/' in the path, expected the path to end with a value"),
        Refusal(uri: "https://id.gs1.org/01/09520123456788?17=261231&17=261231",
                message: "[GS1-DL-DUPLICATE] AI (17) (character 48 of the input): found (17) a second time, expected each AI once in a URI"),
        Refusal(uri: "https://id.gs1.org/01/09520123456788?8200=https%3A%2F%2Fx.cn",
                message: "[GS1-DL-ATTRIBUTE] AI (8200) (character 38 of the input): found (8200) in the query, expected only AIs allowed as Digital Link data attributes"),
        Refusal(uri: "https://id.gs1.org/01/09520123456788?99=A+B",
                message: "[GS1-CHARSET] AI (99) position 2 (character 41 of the input): found a space in 'A B', expected a GS1 CSET 82 character (A-Z a-z 0-9 and !\"%&'()*+,-./:;<=>?_, no spaces, no Chinese)"),
        Refusal(uri: "https://id.gs1.org/01/09520123456788/21/A%00",
                message: "[GS1-DL-PERCENT] AI (21) (character 42 of the input): found '%00', expected no NUL character"),
        Refusal(uri: "https://id.gs1.org/01/09520123456788/21/%E4%B8%AD",
                message: "[GS1-CHARSET] AI (21) position 1 (character 41 of the input): found a non-ASCII character in '中', expected a GS1 CSET 82 character (A-Z a-z 0-9 and !\"%&'()*+,-./:;<=>?_, no spaces, no Chinese)"),
        Refusal(uri: "HtTpS://id.gs1.org/01/09520123456788",
                message: "[GS1-DL-SYNTAX] (character 1 of the input): found 'HtTpS://id.g', expected a URI starting with https:// or http:// (all lower or all upper case)"),
        Refusal(uri: "https://id.gs1.org/gtin/09520123456788",
                message: "[GS1-NO-KEY]: found no primary key in the path of 'https://id.gs1.org/gtin/09520123456788', expected a path /<key AI>/<value>[/<qualifier AI>/<value>…] such as /01/09520123456788/21/A1"),
        // Found by make fuzz: a stem holding a space or a control character parsed, and no stem can be written so.
        Refusal(uri: "https://trace.example.cn/my labels/01/09520123456788",
                message: "[GS1-DL-SYNTAX] (character 28 of the input): found a space in the host or path prefix, expected only characters a URI path may hold (letters, digits, -._~!$&'()*+,;=:@/ and %-escapes)"),
        Refusal(uri: "https://trace.example.cn/p\u{0F}/01/09520123456788",
                message: "[GS1-DL-SYNTAX] (character 27 of the input): found control character 0x0F in the host or path prefix, expected only characters a URI path may hold (letters, digits, -._~!$&'()*+,;=:@/ and %-escapes)"),
        Refusal(uri: "https://id.gs1.org/01/09520123456789",
                message: "[GS1-CHECK] AI (01) position 14 (character 23 of the input): found check digit '9' in '09520123456789', expected '8'"),
    ]

    @Test(arguments: refusals)
    func refused(_ r: Refusal) {
        do {
            let parsed = try DigitalLink.parse(r.uri)
            Issue.record("accepted as \(parsed.elements)")
        } catch {
            #expect(error.description == r.message)
        }
    }

    @Test func buildsOtherKeyChains() throws {
        #expect(try DigitalLink.uri(for: [AIElement("254", "L1"), AIElement("414", "9520123456788")])
                == "https://id.gs1.org/414/9520123456788/254/L1")
        #expect(try DigitalLink.uri(for: [AIElement("01", "09520123456788"), AIElement("235", "T+1")])
                == "https://id.gs1.org/01/09520123456788/235/T%2B1")
        #expect(try DigitalLink.uri(for: [AIElement("00", "106141412345678908"), AIElement("02", "09520123456788"), AIElement("37", "10")])
                == "https://id.gs1.org/00/106141412345678908?02=09520123456788&37=10")
        #expect(throws: GS1Error.self) { try DigitalLink.uri(for: [AIElement("01", "09520123456788"), AIElement("8200", "x")]) }
        #expect(throws: GS1Error.self) { try DigitalLink.uri(for: [AIElement("410", "9520123456788")]) }
    }
}
