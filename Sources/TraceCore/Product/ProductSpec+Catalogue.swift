extension ProductSpec {
    /// Checks the product against Annex 1 (its type is a unit of its category, unless `product.catalogue: other`
    /// declares a product outside the first batch) and the certificate its unit needs (Annex 2 field 9).
    static func catalogueFindings(text: (String) -> String?, type: String?, category: String?, date: CalendarDate?,
                                  hasCCC: Bool, hasLicence: Bool) -> [ProductFinding] {
        var findings: [ProductFinding] = []
        let declared = text("product.catalogue") ?? "annex1"
        guard declared == "annex1" || declared == "other" else {
            return [ProductFinding(id: "CATALOGUE", field: "product.catalogue", value: declared,
                                   rule: "must be annex1 (a unit of the notice's Annex 1, the default) or other (a product outside the first batch)")]
        }
        guard let type else { return [] } // missing: reported as FIELD-MISSING
        guard let unit = AnnexOneCatalogue.unit(named: type) else {
            if declared == "other" { return [] }
            return [ProductFinding(id: "CATALOGUE-TYPE", field: "product.type", value: type,
                                   rule: "is not a unit of Annex 1 (\(AnnexOneCatalogue.categories.joined(separator: ", "))): use the unit's name as the notice writes it, or declare product.catalogue: other")]
        }
        if let category, AnnexOneCatalogue.normalised(category) != AnnexOneCatalogue.normalised(unit.category) {
            findings.append(ProductFinding(id: "CATALOGUE-CATEGORY", field: "product.category", value: category,
                                           rule: "\(unit.name) belongs to the Annex 1 category \(unit.category)"))
        }
        switch unit.certificate {
        case .none:
            break
        case .ccc(let since):
            if !hasCCC, since.map({ d in date.map { $0 >= d } ?? true }) ?? true {
                let from = since.map { " for products made from \($0)" } ?? ""
                findings.append(ProductFinding(id: "CCC-REQUIRED", field: "product.ccc_certificate", value: nil,
                                               rule: "is required: \(unit.name) is in the CCC catalogue\(from) (Annex 2 field 9)"))
            }
        case .licence:
            if !hasLicence {
                findings.append(ProductFinding(id: "LICENCE-REQUIRED", field: "product.production_licence", value: nil,
                                               rule: "is required: \(unit.name) is made under an industrial product production licence (Annex 2 field 9)"))
            }
        case .cccOrLicence:
            if !hasCCC && !hasLicence {
                findings.append(ProductFinding(id: "CERTIFICATE-REQUIRED", field: "product.ccc_certificate", value: nil,
                                               rule: "or product.production_licence is required: \(unit.name) is made under CCC (up to 450/750 V) or a production licence (Annex 2 field 9)"))
            }
        }
        return findings
    }
}
