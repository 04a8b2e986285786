import Foundation

/// Reads the flat canonical JSON snapshots the registry keeps: a `party` record's (keys `role name uscc address
/// contact business_licence.reference business_licence.sha256 visibility.flows`) and a job-open's (key
/// `producer.uscc`).
public enum SnapshotFields {
    /// The snapshot's string fields, or nil when it is not a JSON object.
    public static func values(_ json: String?) -> [String: String]? {
        guard let json, let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return nil }
        return object.compactMapValues { $0 as? String }
    }

    /// Canonical JSON of flat string fields: keys sorted, no whitespace, `/` unescaped; one spelling for the same data.
    public static func canonical(_ values: [String: String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: values, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

extension RegistryLedger.Party {
    /// `producer` or `seller`, as registered.
    public var role: String? { SnapshotFields.values(snapshot)?["role"] }
    /// The registered name.
    public var name: String? { SnapshotFields.values(snapshot)?["name"] }
}

extension RegistryLedger.Job {
    /// USCC of the producer the job printed (`producer.uscc` of its snapshot); nil for a job that recorded no data.
    public var producerUSCC: String? { SnapshotFields.values(snapshot)?["producer.uscc"] }
}
