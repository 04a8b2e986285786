import Foundation
import TraceCore
import TraceRegistry

/// The product and producer data of a job: its Annex 2 record (the label values of ``LabelValues/product(_:)``, the
/// documents' references and SHA-256, and the owner's visibility choices) as canonical JSON (keys sorted, no
/// whitespace), recorded in the job's `job-open` so the registry alone tells what every code was printed with, a
/// reprint prints the same data even if the product file changed since, and the public view and exports read it.
public struct ProductSnapshot: Equatable, Sendable {
    /// Field → printed value.
    public let values: [String: String]

    public init(values: [String: String]) { self.values = values }

    /// The snapshot of a product: label values, plus the fields no label prints.
    public init(product p: ProductSpec) {
        var v = LabelValues.product(p)
        v["producer.business_licence.reference"] = p.producer.businessLicence.reference
        v["producer.business_licence.sha256"] = p.producer.businessLicence.sha256
        v["product.inspection_report.reference"] = p.inspectionReport.reference
        v["product.inspection_report.sha256"] = p.inspectionReport.sha256
        v["visibility.product.inspection_report"] = p.inspectionReportVisibility.rawValue
        v["visibility.flows"] = p.producer.flowsVisibility.rawValue
        values = v
    }

    /// Reads a recorded snapshot; nil if it is not a JSON object of strings.
    public init?(json: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String] else { return nil }
        values = object
    }

    /// Canonical JSON: one spelling for the same data.
    public var json: String {
        SnapshotFields.canonical(values)
    }

    /// SHA-256 (hex) of ``json``.
    public var sha256: String { RegistryFile.hexSHA256(Data(json.utf8)) }

    /// The fields whose values differ from `other`'s, as `field: 'old' → 'new'`, in field order. Only this snapshot's
    /// fields count: a snapshot recorded before a field existed is not "different" for lacking it.
    public func differences(to other: ProductSnapshot) -> [String] {
        values.keys.sorted().compactMap { key in
            let a = values[key] ?? "", b = other.values[key] ?? ""
            return a == b ? nil : "\(key): '\(a)' → '\(b)'"
        }
    }
}
