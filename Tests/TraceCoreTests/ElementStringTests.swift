import Testing
@testable import TraceCore

struct ElementStringTests {
    let itemElements = [
        AIElement("01", "09520123456788"), AIElement("11", "261127"), AIElement("10", "20261127A"), AIElement("21", "0000000001"),
    ]

    @Test func itemCodeDataHasOneSeparatorBeforeTheSerial() throws {
        let es = try ElementString(itemElements)
        #expect(es.data == "0109520123456788112611271020261127A\u{1D}210000000001")
        #expect(es.hri == "(01)09520123456788(11)261127(10)20261127A(21)0000000001")
    }

    @Test func separatorAfterVariableAIsOnlyWhenNotLast() throws {
        let es = try ElementString([AIElement("01", "09520123456788"), AIElement("10", "ABC"), AIElement("21", "XYZ"), AIElement("17", "261231")])
        #expect(es.data == "0109520123456788" + "10ABC\u{1D}" + "21XYZ\u{1D}" + "17261231")
    }

    @Test func hriEscapesParentheses() throws {
        let es = try ElementString([AIElement("01", "09520123456788"), AIElement("21", "A(1)")])
        #expect(es.hri == "(01)09520123456788(21)A\\(1\\)")
    }

    @Test func badCheckDigitNamesAIAndPosition() {
        #expect(throws: GS1Error(.badCheckDigit, ai: "01", position: 14, found: "check digit '9' in '09520123456789'", expected: "'8'")) {
            try ElementString([AIElement("01", "09520123456789")])
        }
    }

    @Test func cset82RefusesSpaceAndChinese() {
        #expect(throws: GS1Error.self) { try ElementString([AIElement("01", "09520123456788"), AIElement("10", "ABC 123")]) }
        do {
            _ = try ElementString([AIElement("01", "09520123456788"), AIElement("21", "批次")])
            Issue.record("Chinese accepted in AI 21")
        } catch {
            #expect(error.kind == .badCharacter)
            #expect(error.position == 1)
        }
    }

    @Test(arguments: [("260200", true), ("280229", true), ("270229", false), ("261301", false), ("261232", false)])
    func yymmd0Dates(value: String, valid: Bool) {
        let ok = (try? ElementString([AIElement("01", "09520123456788"), AIElement("11", value)])) != nil
        #expect(ok == valid)
    }
}
