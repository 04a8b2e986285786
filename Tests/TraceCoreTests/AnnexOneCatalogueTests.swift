import Testing
@testable import TraceCore

/// Annex 1 and the "required if applicable" certificate rule (Annex 2 field 9), as data: each rule with its exact
/// finding, and the products that must pass.
struct AnnexOneCatalogueTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 28)
    static let base: [String: String] = [
        "producer.name": "示例有限公司", "producer.uscc": "91330106MA2H7K3LXA", "producer.address": "杭州",
        "producer.contact": "0571-88880000", "product.name": "样品", "product.model": "M1", "product.gtin": "9520123456795",
        "product.mandatory_standard": "GB 43854-2024", "product.inspection_report.reference": "R-1", "product.inspection_report.sha256": "abababababababababababababababababababababababababababababababab",
            "producer.business_licence.reference": "营业执照", "producer.business_licence.sha256": "abababababababababababababababababababababababababababababababab",
        "batch.production_date": "2026-11-27", "batch.lot": "L1",
    ]

    static func findings(_ extra: [String: String]) -> [ProductFinding] {
        if case .failure(let e) = ProductSpec.validated(fields: base.merging(extra) { $1 }, today: today) { return e.findings }
        return []
    }

    @Test func theCatalogueHoldsTheNineCategoriesAndTheirUnits() {
        #expect(AnnexOneCatalogue.categories == ["电线电缆", "燃气器具", "消防产品", "电动自行车", "安全帽", "胶合板", "细木工板", "冷轧带肋钢筋", "钢丝绳"])
        #expect(AnnexOneCatalogue.units.count == 5 + 5 + 1 + 3 + 2 + 2 + 2 + 2 + 9)
        #expect(AnnexOneCatalogue.unit(named: "瓶装液化石油气调压器(家用、商用)")?.category == "燃气器具", "half-width brackets")
    }

    @Test func anEbikeBatteryWithoutCCCIsRefusedFromNovember2025() {
        let found = Self.findings(["product.type": "电动自行车用蓄电池", "product.category": "电动自行车"])
        #expect(found.map(\.id) == ["CCC-REQUIRED"])
        #expect(found.first?.description == "product.ccc_certificate: is required: 电动自行车用蓄电池 is in the CCC catalogue for products made from 2025-11-01 (Annex 2 field 9) [CCC-REQUIRED]")
        // Made before the CCC date: no certificate needed.
        #expect(Self.findings(["product.type": "电动自行车用蓄电池", "batch.production_date": "2025-10-31"]).isEmpty)
        #expect(Self.findings(["product.type": "电动自行车用蓄电池", "product.ccc_certificate": "2025011101234567"]).isEmpty)
        #expect(Self.findings(["product.type": "电动自行车", "batch.production_date": "2020-01-02"]).map(\.id) == ["CCC-REQUIRED"])
    }

    @Test func licenceAndEitherOrRulesApply() {
        #expect(Self.findings(["product.type": "单层股钢丝绳"]).map(\.id) == ["LICENCE-REQUIRED"])
        #expect(Self.findings(["product.type": "单层股钢丝绳", "product.production_licence": "XK05-005-00123"]).isEmpty)
        #expect(Self.findings(["product.type": "架空绞线"]).map(\.id) == ["CERTIFICATE-REQUIRED"])
        #expect(Self.findings(["product.type": "架空绞线", "product.production_licence": "(苏)XK06-001-00123"]).isEmpty)
        #expect(Self.findings(["product.type": "架空绞线", "product.ccc_certificate": "2024011005001234"]).isEmpty)
        #expect(Self.findings(["product.type": "普通胶合板"]).isEmpty, "no confirmed regime: no rule")
    }

    @Test func aMalformedLicenceIsRefusedAsTheCheckCommandRefusesIt() {
        let found = Self.findings(["product.type": "单层股钢丝绳", "product.production_licence": "NOT-A-LICENCE"])
        #expect(found.count == 1 && found[0].field == "product.production_licence" && found[0].value == "NOT-A-LICENCE", "\(found)")
        #expect(found.first?.id.hasPrefix("LICENCE") == true)
    }

    @Test func typeAndCategoryMustMatchTheCatalogueUnlessDeclaredOther() {
        let wrong = Self.findings(["product.type": "儿童玩具", "product.category": "食品"])
        #expect(wrong.map(\.id) == ["CATALOGUE-TYPE"])
        #expect(wrong.first?.rule.contains("declare product.catalogue: other") == true)
        #expect(Self.findings(["product.type": "儿童玩具", "product.category": "食品", "product.catalogue": "other"]).isEmpty)
        let mismatched = Self.findings(["product.type": "普通胶合板", "product.category": "电线电缆"])
        #expect(mismatched.map(\.id) == ["CATALOGUE-CATEGORY"])
        #expect(mismatched.first?.rule == "普通胶合板 belongs to the Annex 1 category 胶合板")
        #expect(Self.findings(["product.type": "普通胶合板", "product.catalogue": "annex2"]).map(\.id) == ["CATALOGUE"])
    }
}
