import Testing
@testable import TraceCore

struct ChineseIdentifierTests {
    // china-codes.md §2.5 and §2.6.
    @Test(arguments: ["91440300192317458F", "914403001922038216", "91520000214434146R", "91440400192548256N", "91440606722473344C"])
    func validUSCC(code: String) throws {
        let uscc = try UnifiedSocialCreditCode(code)
        #expect(uscc.value == code)
        #expect(uscc.organisationCodeCheckPasses)
    }

    @Test func normalisesFullWidthSpacesAndCase() throws {
        #expect(try UnifiedSocialCreditCode("９１４４０３００ 192317458f").value == "91440300192317458F")
    }

    @Test func invalidUSCC() throws {
        #expect(throws: USCCError.checkCharacter("91440300192317458E", found: "E", expected: "F")) { try UnifiedSocialCreditCode("91440300192317458E") }
        #expect(throws: USCCError.self) { try UnifiedSocialCreditCode("91440300912317458F") }
        #expect(throws: USCCError.badCharacter("91440300I92317458F", position: 9, character: "I")) { try UnifiedSocialCreditCode("91440300I92317458F") }
        #expect(throws: USCCError.wrongLength("9144030019231745F", 17)) { try UnifiedSocialCreditCode("9144030019231745F") }
        // Mod-31 passes but the organisation code check does not: accepted with the warning flag.
        #expect(try UnifiedSocialCreditCode("91440300192317459J").organisationCodeCheckPasses == false)
    }

    @Test func standardNumbers() throws {
        #expect(try StandardNumber("GB 43854—2024").description == "GB 43854-2024")
        #expect(try StandardNumber("gb/t 5023.3-2008").description == "GB/T 5023.3-2008")
        #expect(try StandardNumber("GB/T 5023.3-2008").isMandatory == false)
        #expect(throws: IdentifierError.self) { try StandardNumber("ISO 9001:2015") }
        #expect(throws: IdentifierError.self) { try StandardNumber("GB 43854") }
    }

    @Test func cccNumbers() throws {
        #expect(try CCCCertificateNumber("2024011101234567", currentYear: 2026).value == "2024011101234567")
        #expect(throws: IdentifierError.self) { try CCCCertificateNumber("2030011101234567", currentYear: 2026) }
        #expect(throws: IdentifierError.self) { try CCCCertificateNumber("20240111012345", currentYear: 2026) }
    }
}
