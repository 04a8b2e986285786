import Testing
@testable import TraceCore

/// Annex 2 as a validation corpus: every required field missing, every malformed identifier and document, the
/// owner's visibility choices, and the producer registered once; each with its exact finding.
struct AnnexTwoValidationTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 28)
    static let hashA = String(repeating: "ab", count: 32)
    static let hashB = String(repeating: "cd", count: 32)
    static let base: [String: String] = [
        "producer.name": "杭州示例新能源电池有限公司", "producer.uscc": "91330106MA2H7K3LXA", "producer.address": "杭州",
        "producer.contact": "0571-88880000", "producer.business_licence.reference": "营业执照 91330106MA2H7K3LXA",
        "producer.business_licence.sha256": hashA,
        "product.name": "电动自行车用锂离子蓄电池", "product.type": "电动自行车用蓄电池", "product.category": "电动自行车",
        "product.model": "TL-4820", "product.gtin": "9520123456795", "product.mandatory_standard": "GB 43854-2024",
        "product.ccc_certificate": "2025011101234567", "product.inspection_report.reference": "QT-1",
        "product.inspection_report.sha256": hashA, "batch.production_date": "2026-11-27", "batch.lot": "20261127A",
    ]

    static func result(_ edit: [String: String?], documents: [String: DocumentDigest] = [:], producer: PartySpec? = nil) -> Result<ProductSpec, ProductValidationError> {
        var fields = base
        for (k, v) in edit { fields[k] = v }
        return ProductSpec.validated(fields: fields, today: today, documents: documents, producer: producer)
    }

    static func findings(_ edit: [String: String?], documents: [String: DocumentDigest] = [:], producer: PartySpec? = nil) -> [String] {
        if case .failure(let e) = result(edit, documents: documents, producer: producer) { return e.findings.map(\.description) }
        return []
    }

    @Test func theBaseIsValidAndKeepsTheDocumentsAndChoices() throws {
        let spec = try Self.result([:]).get()
        #expect(spec.inspectionReport == DocumentReference(reference: "QT-1", sha256: Self.hashA))
        #expect(spec.inspectionReportVisibility == .private, "Annex 2 field 10: private unless the owner says public")
        #expect(spec.producer.flowsVisibility == .private)
        #expect(spec.producer.businessLicence.reference == "营业执照 91330106MA2H7K3LXA")
    }

    /// Each required Annex 2 field, removed alone, gives exactly one finding naming it.
    @Test(arguments: [
        ("producer.name", "producer.name: is required (Annex 2: the producer's name, public) [FIELD-MISSING]"),
        ("producer.uscc", "producer.uscc: is required (Annex 2: the producer's unified social credit code, public) [FIELD-MISSING]"),
        ("producer.address", "producer.address: is required (Annex 2: the producer's address, public) [FIELD-MISSING]"),
        ("producer.contact", "producer.contact: is required (Annex 2: the producer's contact, public) [FIELD-MISSING]"),
        ("producer.business_licence.reference", "producer.business_licence.reference: is required: the document's number or title as people cite it [FIELD-MISSING]"),
        ("producer.business_licence.sha256", "producer.business_licence.file: or producer.business_licence.sha256 is required: the document's file (hashed when the data is loaded) or its SHA-256 [DOC-HASH-MISSING]"),
        ("product.name", "product.name: is required and missing or empty [FIELD-MISSING]"),
        ("product.type", "product.type: is required and missing or empty [FIELD-MISSING]"),
        ("product.model", "product.model: is required and missing or empty [FIELD-MISSING]"),
        ("product.gtin", "product.gtin: is required and missing or empty [FIELD-MISSING]"),
        ("product.mandatory_standard", "product.mandatory_standard: is required and missing or empty [FIELD-MISSING]"),
        ("product.inspection_report.reference", "product.inspection_report.reference: is required: the document's number or title as people cite it [FIELD-MISSING]"),
        ("product.inspection_report.sha256", "product.inspection_report.file: or product.inspection_report.sha256 is required: the document's file (hashed when the data is loaded) or its SHA-256 [DOC-HASH-MISSING]"),
        ("batch.production_date", "batch.production_date: is required and missing or empty [FIELD-MISSING]"),
        ("batch.lot", "batch.lot: is required and missing or empty [FIELD-MISSING]"),
        ("product.ccc_certificate", "product.ccc_certificate: is required: 电动自行车用蓄电池 is in the CCC catalogue for products made from 2025-11-01 (Annex 2 field 9) [CCC-REQUIRED]"),
    ])
    func eachRequiredFieldMissing(field: String, message: String) {
        #expect(Self.findings([field: nil]) == [message])
        #expect(Self.findings([field: "   "]) == [message], "blank counts as missing")
    }

    @Test func malformedValuesNameFieldValueAndRule() {
        #expect(Self.findings(["product.inspection_report.sha256": "1234"])
            == ["product.inspection_report.sha256: '1234': must be the SHA-256 of the document's file: 64 hex digits (sha256sum prints it) [DOC-SHA256]"])
        #expect(Self.findings(["producer.uscc": "91330106MA2H7K3LXB"]).first?.hasPrefix("producer.uscc: '91330106MA2H7K3LXB': ") == true)
        #expect(Self.findings(["product.production_licence": "NOT-A-LICENCE"]).first?.hasPrefix("product.production_licence: 'NOT-A-LICENCE': ") == true)
        #expect(Self.findings(["product.ccc_certificate": "123"]).first?.hasPrefix("product.ccc_certificate: '123': ") == true)
        #expect(Self.findings(["product.mandatory_standard": "GB/T 1-2020"]).first?.hasSuffix("[STD-NOT-MANDATORY]") == true)
        #expect(Self.findings(["visibility.inspection_report": "yes"])
            == ["visibility.inspection_report: 'yes': must be public or private (Annex 2 field 10: the owner chooses; private when absent) [VISIBILITY]"])
        #expect(Self.findings(["product.inspection_report": "QT-1", "product.inspection_report.reference": nil, "product.inspection_report.sha256": nil]).first
            == "product.inspection_report: 'QT-1': must be a section with reference: (the report number) and file: (the report, hashed) or sha256: (Annex 2 field 10) [DOC-FORM]")
    }

    @Test func aDocumentFileIsHashedAndMustMatchADeclaredHash() throws {
        let withFile: [String: String?] = ["product.inspection_report.sha256": nil, "product.inspection_report.file": "report.pdf"]
        let spec = try Self.result(withFile, documents: ["product.inspection_report.file": .sha256(Self.hashB)]).get()
        #expect(spec.inspectionReport.sha256 == Self.hashB, "the file's hash is recorded")
        #expect(Self.findings(withFile, documents: ["product.inspection_report.file": .unreadable("'report.pdf' does not exist")])
            == ["product.inspection_report.file: 'report.pdf': cannot be read: 'report.pdf' does not exist [DOC-FILE]"])
        #expect(Self.findings(["product.inspection_report.file": "report.pdf"], documents: ["product.inspection_report.file": .sha256(Self.hashB)])
            == ["product.inspection_report.sha256: '\(Self.hashA)': differs from the SHA-256 of product.inspection_report.file (\(Self.hashB)): the file is not the document declared [DOC-MISMATCH]"])
        // Upper-case hex as sha256sum users may paste it is the same hash.
        #expect(try Self.result(["product.inspection_report.sha256": Self.hashA.uppercased()]).get().inspectionReport.sha256 == Self.hashA)
    }

    @Test func aRegisteredProducerIsNotRepeated() throws {
        let party = try PartySpec.validated(fields: [
            "party.role": "producer", "party.name": "登记的生产者", "party.uscc": "91330106MA2H7K3LXA", "party.address": "杭州",
            "party.contact": "0571", "party.business_licence.reference": "营业执照", "party.business_licence.sha256": Self.hashB,
            "visibility.flows": "public",
        ]).get()
        let producerFields = Self.base.keys.filter { $0.hasPrefix("producer.") }
        var edit: [String: String?] = ["producer": "p.yaml"]
        for k in producerFields { edit[k] = .some(nil) }
        let spec = try Self.result(edit, producer: party).get()
        #expect(spec.producer.name == "登记的生产者" && spec.producer.flowsVisibility == .public)
        // Repeating a field beside the reference is refused, naming it.
        var twice = edit
        twice["producer.name"] = "另一个名字"
        #expect(Self.findings(twice, producer: party)
            == ["producer.name: '另一个名字': is set here although producer names the party file 'p.yaml': keep producer data in that file only [PRODUCER-TWICE]"])
        let seller = PartySpec(role: .seller, name: "s", uscc: party.uscc, address: "a", contact: "c", businessLicence: party.businessLicence, flowsVisibility: .private)
        #expect(Self.findings(edit, producer: seller)
            == ["producer: 'p.yaml': names a party file whose party.role is seller; a product's producer must be a producer [PRODUCER-ROLE]"])
    }

    @Test func partyFilesAreValidatedAlike() {
        guard case .failure(let e) = PartySpec.validated(fields: ["party.role": "shop", "party.uscc": "91330106MA2H7K3LXA", "party.colour": "red"]) else {
            Issue.record("an incomplete party file was accepted"); return
        }
        let ids = e.findings.map(\.id)
        #expect(ids == ["FIELD-UNKNOWN", "PARTY-ROLE", "FIELD-MISSING", "FIELD-MISSING", "FIELD-MISSING", "FIELD-MISSING", "DOC-HASH-MISSING"], "\(ids)")
        #expect(e.findings.first?.description.contains("party may hold: party.role, party.name") == true)
    }

    @Test func controlCharactersAndFarPastDatesAreRefused() {
        #expect(Self.findings(["producer.name": "杭州\u{0}示例"])
            == ["producer.name: '杭州\\u{0}示例': contains the control character U+0000: text fields hold printable text [TEXT-CONTROL]"])
        #expect(Self.findings(["product.model": "TL\n4820"]).map { String($0.suffix(14)) } == ["[TEXT-CONTROL]"])
        #expect(Self.findings(["product.instructions": "禁止拆解\n远离火源\t注意"]).isEmpty, "instructions may span lines")
        #expect(Self.findings(["product.instructions": "a\u{1B}[2J"]).count == 1, "but not carry escape sequences")
        #expect(Self.findings(["batch.production_date": "1976-01-01"])
            == ["batch.production_date: '1976-01-01': is more than 49 years ago: AI (11) writes it as YYMMDD, which scanners in 2026 read as 2076 [DATE-CENTURY]"])
        #expect(Self.findings(["batch.production_date": "1899-12-31"]).first?.hasSuffix("[DATE-CENTURY]") == true)
        #expect(Self.findings(["batch.production_date": "1977-01-01", "product.ccc_certificate": nil]).isEmpty, "49 years back still reads right")
        #expect(Self.findings(["batch.production_date": "2025-02-29"]).first?.hasSuffix("[DATE-FORMAT]") == true)
    }
}
