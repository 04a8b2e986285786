import Testing
@testable import TraceCore

/// Every USCC vector of china-codes.md §2.4-2.6, with the exact outcome.
struct USCCVectorTests {
    @Test(arguments: [
        ("91440300192317458F", true), ("914403001922038216", true), ("91520000214434146R", true),
        ("91440400192548256N", true), ("91440606722473344C", true),
        // mod-31 passes, organisation-code check fails: accepted with the warning flag.
        ("91440300192317459J", false),
    ])
    func accepted(code: String, organisationCheck: Bool) throws {
        let uscc = try UnifiedSocialCreditCode(code)
        #expect(uscc.value == code)
        #expect(uscc.organisationCodeCheckPasses == organisationCheck)
    }

    @Test(arguments: [
        ("91440300192317458E", "USCC-CHECK", "unified social credit code '91440300192317458E' has check character 'E', expected 'F' (GB 32100 mod 31)"),
        ("91440300912317458F", "USCC-CHECK", "unified social credit code '91440300912317458F' has check character 'F', expected 'R' (GB 32100 mod 31)"),
        ("91440300I92317458F", "USCC-CHARSET", "unified social credit code '91440300I92317458F' has 'I' at position 9: allowed are 0-9 and A-Z without I, O, S, V, Z (positions 3-8 digits only)"),
        ("9144030019231745F", "USCC-LENGTH", "unified social credit code '9144030019231745F' has 17 characters, expected 18"),
        // Reported as a real company, yet mod 31 fails (expects R): refused, as GB 32100 says.
        ("91350211M0000XUF46", "USCC-CHECK", "unified social credit code '91350211M0000XUF46' has check character '6', expected 'R' (GB 32100 mod 31)"),
    ])
    func refused(code: String, id: String, message: String) {
        do {
            _ = try UnifiedSocialCreditCode(code)
            Issue.record("accepted")
        } catch {
            #expect(error.id == id)
            #expect(error.description == message)
        }
    }
}
