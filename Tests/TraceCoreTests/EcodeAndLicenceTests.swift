import Testing
@testable import TraceCore

struct EcodeTests {
    @Test func versionOneShape() throws {
        let e = try Ecode("1 0096 00000000000000000123")
        #expect(e.version == 1 && e.nsi == "0096" && e.masterData == "00000000000000000123")
        #expect(try e.resolverURL() == "https://www.iotroot.com/E=1009600000000000000000123")
        #expect(try e.resolverURL(resolver: "https://ecode.example.cn/") == "https://ecode.example.cn/E=1009600000000000000000123")
        #expect(try Ecode("https://www.iotroot.com/E=1009600000000000000000123") == e)
    }

    @Test func versionThreeAllowsLetters() throws {
        let e = try Ecode("300121abc2024000001")
        #expect(e.nsi == "00121" && e.masterData == "ABC2024000001")
    }

    @Test func shapeErrors() {
        #expect(throws: EcodeError.character("10096ABC", position: 6, allowed: "digits 0-9 (version 1)")) { try Ecode("10096ABC") }
        #expect(throws: EcodeError.version("90096123", "9")) { try Ecode("90096123") }
        #expect(throws: EcodeError.self) { try Ecode("10096") }
        #expect(throws: EcodeError.length("10096000000000000000000001", 26, "at most 25 characters for version 1")) {
            try Ecode("10096000000000000000000001")
        }
        #expect(EcodeError.length("1", 1, "x").description == "Ecode '1' has 1 characters: expected x (table unconfirmed)")
    }

    @Test func versionZeroWrapsGS1() throws {
        let e = try Ecode("ecode:v0:gs1:(01)06901234567892(21)A1B2C3")
        #expect(e.version == 0)
        #expect(e.gs1?.value(of: "01") == "06901234567892")
        #expect(e.description == "ecode:v0:gs1:(01)06901234567892(21)A1B2C3")
        #expect(try e.resolverURL() == "https://id.gs1.org/01/06901234567892/21/A1B2C3")
        #expect(throws: EcodeError.self) { try Ecode("ecode:v0:gs1:(01)06901234567893") }
    }

    @Test func tableIsInOnePlace() {
        #expect(EcodeVersionTable.rules.map(\.maxTotalLength) == [25, 33, 45])
    }
}

struct ProductionLicenceTests {
    @Test(arguments: [
        ("XK05-005-00123", "XK05-005-00123", false),
        ("(浙)XK06-001-00123", "(浙)XK06-001-00123", true),
        ("（粤）xk06－001－00123", "(粤)XK06-001-00123", true),
        (" XK05 - 005 - 00123 ", "XK05-005-00123", false),
    ])
    func valid(input: String, canonical: String, provincial: Bool) throws {
        let licence = try ProductionLicenceNumber(input)
        #expect(licence.description == canonical)
        #expect(licence.isProvincial == provincial)
    }

    @Test(arguments: [
        ("XK5-005-00123", "LICENCE-FORMAT", "production licence number 'XK5-005-00123' is not valid: expected XK + 2 digits - 3 digits - 5 digits, e.g. XK05-005-00123"),
        ("QS05-005-00123", "LICENCE-PREFIX", "production licence number 'QS05-005-00123' is not valid: expected 'XK' followed by the industry code, e.g. XK05-005-00123"),
        ("(东)XK05-005-00123", "LICENCE-PROVINCE", "production licence number '(东)XK05-005-00123' is not valid: expected a mainland province abbreviation such as 浙 or 粤 in the brackets; found '东'"),
        ("XK05-005-0012A", "LICENCE-FORMAT", "production licence number 'XK05-005-0012A' is not valid: expected XK + 2 digits - 3 digits - 5 digits, e.g. XK05-005-00123"),
    ])
    func invalid(input: String, id: String, message: String) {
        do {
            _ = try ProductionLicenceNumber(input)
            Issue.record("accepted")
        } catch {
            #expect(error.id == id)
            #expect(error.description == message)
        }
    }
}

struct GS1KeyTests {
    @Test func ssccAndGLN() throws {
        #expect(try SSCC("106141412345678908").digits == "106141412345678908")
        #expect(throws: GS1KeyError(id: "SSCC-CHECK", what: "SSCC", value: "106141412345678909", rule: "check digit 8 (GS1 mod-10), found 9")) {
            try SSCC("106141412345678909")
        }
        #expect(try GLN("9520123456788").digits == "9520123456788")
        #expect(throws: GS1KeyError.self) { try GLN("952012345678") }
    }

    @Test func tradeItemPrefixes() throws {
        #expect(throws: GS1KeyError.self) { try GTIN("2001234567893").checkedForTradeItem() }
        #expect(throws: GS1KeyError.self) { try GTIN("9771234567003").checkedForTradeItem() }
        #expect(try GTIN("9520123456788").checkedForTradeItem().isDemo)
        #expect(try GTIN("06901234123456").checkedForTradeItem().prefixClass == .china)
        #expect(try GTIN("061414123457").digits14 == "00061414123457")
    }
}
