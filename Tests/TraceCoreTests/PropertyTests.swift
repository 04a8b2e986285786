import Testing
@testable import TraceCore

/// build → parse → build is the identity; parsers never crash on random input. Seeded, so failures reproduce.
struct PropertyTests {
    @Test(arguments: [UInt64(1), 2, 3, 20261127])
    func roundTripsThroughEveryForm(seed: UInt64) throws {
        var g = SeededGenerator(seed: seed)
        for _ in 0..<300 {
            let elements = RandomAISets.itemSet(&g)
            let es = try ElementString(elements)
            #expect(try ElementString(data: es.data) == es, "data \(es.dataForDisplay)")
            #expect(try ElementString(hri: es.hri) == es, "hri \(es.hri)")
            #expect(try ElementString(scan: "]Q3" + es.data) == es)
            let uri = try DigitalLink.uri(for: es)
            let back = try ElementString(digitalLink: uri)
            // The URI puts qualifiers in path order; the same pairs, and building again gives the same URI.
            #expect(Set(back.elements) == Set(es.elements), "uri \(uri)")
            #expect(try DigitalLink.uri(for: back) == uri)
        }
    }

    @Test(arguments: [UInt64(7), 8])
    func parsersNeverCrashOnRandomBytes(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        let alphabet = Array("0123456789()\\\u{1D}]QdC13/?&=%+ABCabc#中 ".unicodeScalars)
        for round in 0..<3000 {
            let n = Int.random(in: 0...60, using: &g)
            let text: String
            if round % 2 == 0 {
                text = String(String.UnicodeScalarView((0..<n).map { _ in alphabet.randomElement(using: &g)! }))
            } else {
                text = String(decoding: (0..<n).map { _ in UInt8.random(in: 0...255, using: &g) }, as: UTF8.self)
            }
            _ = try? ElementString(hri: text)
            _ = try? ElementString(data: text)
            _ = try? ElementString(scan: text)
            _ = try? ElementString(scan: "]Q3" + text)
            _ = try? DigitalLink.parse("https://id.gs1.org/" + text)
            _ = try? DigitalLink.parse(text)
            _ = try? Ecode(text)
            _ = try? ProductionLicenceNumber(text)
            _ = try? SGTIN96(hex: text)
        }
    }

    @Test func randomValidValuesForEveryAIRoundTrip() throws {
        // Each AI of the table with a value built from its components (no linters beyond the charset): the parsers
        // must give back what the builder wrote whenever validation accepts the value.
        var g = SeededGenerator(seed: 42)
        var accepted = 0
        for definition in ApplicationIdentifierTable.all {
            for _ in 0..<5 {
                var value = ""
                for c in definition.components {
                    let n = Int.random(in: c.minLength...c.maxLength, using: &g)
                    value += c.characterSet == .numeric ? RandomAISets.digits(n, &g) : RandomAISets.text(n, &g)
                }
                let element = AIElement(definition.ai, value)
                guard (try? AIValidation.validate(element)) != nil,
                      let es = try? ElementString(carrierPart: [element, AIElement("99", "END")]) else { continue }
                accepted += 1
                #expect(try ElementString(data: es.data, checkingAssociations: false) == es, "\(es.dataForDisplay)")
                #expect(try ElementString(hri: es.hri, checkingAssociations: false) == es, "\(es.hri)")
            }
        }
        #expect(accepted > 300)
    }
}
