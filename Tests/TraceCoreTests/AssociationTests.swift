import Testing
@testable import TraceCore

/// Requisite, exclusion and repeated-AI rules, valid and invalid, with exact messages (cases from gs1.md §3).
struct AssociationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let hri: String
        let message: String?
        var testDescription: String { hri }
        init(_ hri: String, _ message: String? = nil) { self.hri = hri; self.message = message }
    }

    static let cases: [Case] = [
        Case("(01)09520123456788(21)ABC"),
        Case("(21)ABC", "[GS1-REQUIRES] AI (21): found (21) without (01) or (03) or (8006), expected (21) to come with (01) or (03) or (8006)"),
        Case("(10)ABC", "[GS1-REQUIRES] AI (10): found (10) without (01) or (02) or (03) or (8006) or (8026), expected (10) to come with (01) or (02) or (03) or (8006) or (8026)"),
        Case("(22)ABC", "[GS1-REQUIRES] AI (22): found (22) without (01), expected (22) to come with (01)"),
        Case("(01)09520123456788(250)X", "[GS1-REQUIRES] AI (250): found (250) without (21), expected (250) to come with (21)"),
        Case("(01)09520123456788(21)S(250)X"),
        Case("(8020)REF1", "[GS1-REQUIRES] AI (8020): found (8020) without (415), expected (8020) to come with (415)"),
        Case("(415)9520123456788(8020)REF1"),
        Case("(240)X", "[GS1-REQUIRES] AI (240): found (240) without (01) or (02) or (8006) or (8026), expected (240) to come with (01) or (02) or (8006) or (8026)"),
        Case("(02)09520123456788(37)10", "[GS1-REQUIRES] AI (37): found (37) without (00), expected (37) to come with (00)"),
        Case("(00)106141412345678908(02)09520123456788(37)10"),
        Case("(7004)12(01)09520123456788", "[GS1-REQUIRES] AI (7004): found (7004) without (01) + (10), expected (7004) to come with (01) + (10)"),
        Case("(7004)12(01)09520123456788(10)L"),
        Case("(01)09520123456788(21)ABC(235)T", "[GS1-EXCLUDES] AI (21): found (21) together with (235), expected (21) never together with (235)"),
        Case("(00)106141412345678908(01)09520123456788(37)10", "[GS1-EXCLUDES] AI (01): found (01) together with (37), expected (01) never together with (37)"),
        Case("(8006)095201234567880102(01)09520123456788", "[GS1-EXCLUDES] AI (8006): found (8006) together with (01), expected (8006) never together with (01)"),
        Case("(01)09520123456788(3103)000100(3102)000200", "[GS1-EXCLUDES] AI (3103): found (3103) together with (3102), expected (3103) never together with (310n)"),
        Case("(01)09520123456788(3103)000100(3203)000200"),
        Case("(01)09520123456788(02)09520123456788", "[GS1-EXCLUDES] AI (02): found (02) together with (01), expected (02) never together with (01)"),
        Case("(01)09520123456788(10)ABC(10)ABC"),
        Case("(01)09520123456788(10)ABC(10)ABD", "[GS1-REPEAT] AI (10): found (10)ABD after (10)ABC, expected a repeated AI to carry the same value"),
    ]

    @Test(arguments: cases)
    func association(_ c: Case) {
        do {
            _ = try ElementString(hri: c.hri)
            #expect(c.message == nil, "accepted, but expected \(c.message ?? "")")
        } catch {
            #expect(error.description == c.message)
        }
    }

    @Test func carrierPartSkipsAssociations() throws {
        // One carrier of an item whose GTIN is on another carrier.
        #expect(try ElementString(carrierPart: [AIElement("21", "ABC")]).hri == "(21)ABC")
    }

    @Test(arguments: [("01", "310n", false), ("3102", "310n", true), ("3102", "31nn", true), ("3102", "3103", false), ("37", "37", true)])
    func patterns(ai: String, pattern: String, match: Bool) {
        #expect(AIAssociations.matches(ai, pattern) == match)
    }
}
