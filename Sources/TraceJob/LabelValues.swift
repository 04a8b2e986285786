import Foundation
import TraceCore

/// The placeholder values a template can use, from a product and one code.
public enum LabelValues {
    /// Product and producer fields, the same for every label of a job.
    public static func product(_ p: ProductSpec) -> [String: String] {
        var v: [String: String] = [
            "producer.name": p.producer.name, "producer.uscc": p.producer.uscc.value,
            "producer.address": p.producer.address, "producer.contact": p.producer.contact,
            "product.name": p.name, "product.type": p.type, "product.category": p.category ?? "",
            "product.model": p.model, "product.gtin": p.gtin?.digits14 ?? "",
            "product.mandatory_standard": p.mandatoryStandard.description,
            "product.product_standard": p.productStandard?.description ?? "",
            "product.ccc_certificate": p.cccCertificate?.value ?? "",
            "product.production_licence": p.productionLicence ?? "",
            "product.warranty": p.warranty ?? "", "product.instructions": p.instructions ?? "",
            "batch.production_date": p.productionDate.description, "batch.lot": p.lot,
        ]
        var certificates: [String] = []
        if let ccc = p.cccCertificate { certificates.append("CCC：\(ccc.value)") }
        if let licence = p.productionLicence { certificates.append("许可证：\(licence)") }
        v["product.certificate_line"] = certificates.joined(separator: "  ")
        return v
    }

    /// The per-code placeholders ``with(code:product:)`` adds.
    public static let codePlaceholders: Set<String> = ["code.hri", "code.dl", "code.serial", "code.element", "code.ecode"]

    /// Adds one code's forms to the product values.
    public static func with(code: TraceCode, product values: [String: String]) -> [String: String] {
        var v = values
        // The HRI line: `(01)…(21)…`, or `Ecode: <code>` on an Ecode label.
        v["code.hri"] = code.humanReadable
        v["code.dl"] = code.digitalLink
        v["code.ecode"] = code.ecode?.description ?? ""
        v["code.serial"] = code.serial ?? ""
        // Most element strings have no GS (the variable-length field is last): no split per label.
        v["code.element"] = code.data.utf8.contains(0x1D)
            ? code.data.split(separator: "\u{1D}", omittingEmptySubsequences: false).joined(separator: "<GS>") : code.data
        return v
    }
}
