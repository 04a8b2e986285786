import Testing
@testable import TraceCore

struct ElementStringParsingTests {
    let item = [AIElement("01", "09520123456788"), AIElement("17", "261231"), AIElement("10", "LOT1"), AIElement("21", "SER1")]

    @Test func separatorAfterFixedLengthAIsOutsideThePredefinedTable() throws {
        // 8006, 7003, 253, 422 never vary in length, yet need a GS when another element follows.
        // One carrier of an item (associations are checked over all carriers, not here).
        let es = try ElementString(carrierPart: [AIElement("8006", "095201234567880102"), AIElement("7003", "2612312359"),
                                    AIElement("422", "156"), AIElement("21", "S1")])
        #expect(es.data == "8006095201234567880102\u{1D}70032612312359\u{1D}422156\u{1D}21S1")
        let gdti = try ElementString([AIElement("253", "9520123456788"), AIElement("01", "09520123456788"), AIElement("17", "261231")])
        #expect(gdti.data == "2539520123456788\u{1D}010952012345678817261231")
    }

    @Test func hriRoundTrip() throws {
        let es = try ElementString(hri: "(01)09520123456788(17)261231(10)LOT1(21)SER1")
        #expect(es.elements == item)
        #expect(es.data == "01095201234567881726123110LOT1\u{1D}21SER1")
        #expect(es.dataForDisplay == "01095201234567881726123110LOT1<GS>21SER1")
    }

    @Test func hriEscapedParentheses() throws {
        let es = try ElementString(hri: "(01)09520123456788(21)A\\(1\\)")
        #expect(es.value(of: "21") == "A(1)")
        #expect(es.hri == "(01)09520123456788(21)A\\(1\\)")
        // Unescaped, the engine reads "(C)" as an AI: so do we.
        #expect(throws: GS1Error(.unknownAI, ai: "C", found: "AI 'C'", expected: "an AI from the GS1 Syntax Dictionary", inputPosition: 26)) {
            try ElementString(hri: "(01)09520123456788(10)AB(C)12")
        }
    }

    @Test func hriWithPrintedSpaces() throws {
        #expect(try ElementString(hri: "(01) 09520123456788 (17) 261231 (10) LOT1 (21) SER1").elements == item)
    }

    @Test func hriErrorsCarryInputPosition() {
        do {
            _ = try ElementString(hri: "(01)09520123456788(17)261332")
            Issue.record("accepted")
        } catch {
            #expect(error.description == "[GS1-DATE] AI (17) position 3 (character 25 of the input): found month '13' in '261332', expected a month 01-12")
        }
        #expect(throws: GS1Error(.badSyntax, ai: nil, found: "'0' where an AI should start", expected: "'(' opening an AI", inputPosition: 1)) {
            try ElementString(hri: "0109520123456788")
        }
    }

    @Test func rawData() throws {
        #expect(try ElementString(data: "01095201234567881726123110LOT1\u{1D}21SER1").elements == item)
        // Leading GS (FNC1 sent as GS) and a trailing GS are tolerated.
        #expect(try ElementString(data: "\u{1D}01095201234567881726123110LOT1\u{1D}21SER1\u{1D}").elements == item)
        // A missing separator swallows the next AI: the serial ends up in the lot and is too long or, here, simply wrong.
        #expect(try ElementString(data: "010952012345678810ABC21XYZ").elements == [AIElement("01", "09520123456788"), AIElement("10", "ABC21XYZ")])
        do {
            _ = try ElementString(data: "01095201234567881726123110LOT1\u{1D}99")
            Issue.record("accepted")
        } catch {
            #expect(error.description == "[GS1-TOO-SHORT] AI (99) (character 34 of the input): found '' (0 characters), expected at least 1")
        }
        #expect(throws: GS1Error(.unknownAI, ai: nil, found: "'2309' where an AI should start", expected: "an AI from the GS1 Syntax Dictionary", inputPosition: 17)) {
            try ElementString(data: "01095201234567882309")
        }
    }

    @Test(arguments: ["]Q3", "]d2", "]C1", "]e0", "]J1"])
    func scanWithGS1SymbologyIdentifiers(id: String) throws {
        #expect(try ElementString(scan: id + "01095201234567881726123110LOT1\u{1D}21SER1").elements == item)
    }

    @Test func scanPlainQRIsNotGS1() throws {
        #expect(throws: GS1Error(.notGS1, ai: nil, found: "]Q1 (plain text, not GS1 element string data)",
                                 expected: "]Q3, ]d2, ]C1, ]e0 or ]J1, or a GS1 Digital Link URI")) {
            try ElementString(scan: "]Q1(01)09520123456788(21)XYZ")
        }
        // A Digital Link URI in a plain QR is GS1 data.
        #expect(try ElementString(scan: "]Q1https://id.gs1.org/01/09520123456788/21/XYZ").value(of: "21") == "XYZ")
        #expect(try ElementString(scan: "]E09520123456788").elements == [AIElement("01", "09520123456788")])
        #expect(throws: GS1Error.self) { try ElementString(scan: "01095201234567881726123110LOT1") }
        #expect(throws: GS1Error.self) { try ElementString(scan: "]C0ABC") }
    }

    @Test func scanErrorPositionCountsTheIdentifier() {
        do {
            _ = try ElementString(scan: "]d20109520123456789")
            Issue.record("accepted")
        } catch {
            #expect(error.kind == .badCheckDigit)
            #expect(error.inputPosition == 19)
        }
    }
}
