import Foundation
import TraceRegistry

/// The product and producer data a job prints: the label values of its product file (``LabelValues/product(_:)``)
/// as canonical JSON (keys sorted, no whitespace), recorded in the job's `job-open` so the registry alone tells what
/// every code was printed with, and a reprint prints the same data even if the product file changed since.
public struct ProductSnapshot: Equatable, Sendable {
    /// Field → printed value.
    public let values: [String: String]

    public init(values: [String: String]) { self.values = values }

    /// Reads a recorded snapshot; nil if it is not a JSON object of strings.
    public init?(json: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String] else { return nil }
        values = object
    }

    /// Canonical JSON: one spelling for the same data.
    public var json: String {
        let data = (try? JSONSerialization.data(withJSONObject: values, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// SHA-256 (hex) of ``json``.
    public var sha256: String { RegistryFile.hexSHA256(Data(json.utf8)) }

    /// The fields whose values differ from `other`'s, as `field: 'old' → 'new'`, in field order.
    public func differences(to other: ProductSnapshot) -> [String] {
        Set(values.keys).union(other.values.keys).sorted().compactMap { key in
            let a = values[key] ?? "", b = other.values[key] ?? ""
            return a == b ? nil : "\(key): '\(a)' → '\(b)'"
        }
    }
}
