import Testing
@testable import TraceCore

struct CheckDigitTests {
    // Vectors from gs1.md §1.2 (verified there against the GS1 Syntax Engine).
    @Test(arguments: [
        ("952012345678", 8), ("061414112345", 2), ("0690123412345", 6), ("1234567", 0), ("10614141234567890", 8),
    ])
    func knownVectors(body: String, check: Int) {
        #expect(GS1CheckDigit.compute(body) == check)
        #expect(GS1CheckDigit.isValid(body + String(check)))
        #expect(!GS1CheckDigit.isValid(body + String((check + 1) % 10)))
    }

    @Test func rejectsNonDigits() {
        #expect(GS1CheckDigit.compute("95201234567A") == nil)
        #expect(GS1CheckDigit.compute("") == nil)
    }

    @Test func gtinNormalisesToFourteenDigits() throws {
        #expect(try GTIN("9520123456788").digits14 == "09520123456788")
        #expect(try GTIN("12345670").digits14 == "00000012345670")
        #expect(try GTIN("06901234123456").digits14 == "06901234123456")
    }

    @Test func gtinErrorsNameValueAndRule() {
        #expect(throws: GTINError.checkDigit("9520123456789", found: 9, expected: 8)) { try GTIN("9520123456789") }
        #expect(throws: GTINError.wrongLength("95201234567", 11)) { try GTIN("95201234567") }
        #expect(throws: GTINError.notDigits("95201234567X8")) { try GTIN("95201234567X8") }
        let message = (try? GTIN("9520123456789")) == nil
            ? GTINError.checkDigit("9520123456789", found: 9, expected: 8).description : ""
        #expect(message == "GTIN '9520123456789' has check digit 9, expected 8 (GS1 mod-10)")
    }

    @Test func prefixClasses() throws {
        #expect(try GTIN("9520123456788").prefixClass == .demo)
        #expect(try GTIN("06901234123456").prefixClass == .china)
        #expect(try GTIN("2001234567893").prefixClass == .restricted)
    }
}
