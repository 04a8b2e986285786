import Testing
@testable import TraceCore

struct SerialisedCodeTemplateTests {
    @Test(arguments: [UInt64(11), 12])
    func sameAsTheFullPath(seed: UInt64) throws {
        var g = SeededGenerator(seed: seed)
        for _ in 0..<200 {
            var elements = RandomAISets.itemSet(&g)
            if !elements.contains(where: { $0.ai == "21" }) { elements.append(AIElement("21", "S")) }
            let stem = Bool.random(using: &g) ? DigitalLink.defaultStem : "https://trace.example.cn/p"
            let template = try SerialisedCodeTemplate(elements, stem: stem)
            for _ in 0..<5 {
                let serial = RandomAISets.text(Int.random(in: 1...20, using: &g), &g)
                let code = try template.code(serial)
                let full = try ElementString(elements.map { $0.ai == "21" ? AIElement("21", serial) : $0 })
                #expect(code.elementString == full)
                #expect(code.data == full.data)
                #expect(code.hri == full.hri)
                #expect(code.digitalLink == (try DigitalLink.uri(for: full, stem: stem)))
            }
        }
    }

    @Test func refusesABadSerial() throws {
        let template = try SerialisedCodeTemplate([AIElement("01", "09520123456788"), AIElement("21", "1")])
        #expect(throws: GS1Error(.badCharacter, ai: "21", position: 3, found: "a space in 'AB C'",
                                 expected: AIValidation.characterSetName(.cset82))) {
            try template.code("AB C")
        }
        #expect(throws: GS1Error.self) { try SerialisedCodeTemplate([AIElement("21", "1")]) }
    }
}
