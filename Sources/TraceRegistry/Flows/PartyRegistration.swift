import Foundation

/// Registers a producer or seller (Annex 2: a seller registers once; its data is public): a `party` record with the
/// party's data as canonical JSON. Registering the same data again appends nothing; changed data appends a new
/// record, and the latest one is what the ledger knows.
public enum PartyRegistration {
    /// What a registration did.
    public enum Outcome: Sendable, Equatable {
        /// A `party` record was appended (first registration, or changed data).
        case registered(RegistryRecord, replacing: Bool)
        /// The latest registration of this USCC has exactly this data; nothing was appended.
        case unchanged(since: String?)
    }

    /// Appends a `party` record for `uscc` with `snapshot` (canonical JSON whose `uscc` is `uscc`), unless the
    /// latest registration has the same snapshot.
    public static func register(uscc: String, snapshot: String, operatorName: String, registry: RegistryFile,
                                now: Date = Date()) throws -> Outcome {
        guard SnapshotFields.values(snapshot)?["uscc"] == uscc else {
            throw FlowError(field: "party.uscc", value: uscc, rule: "the party data's uscc must be the party registered")
        }
        guard !operatorName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw FlowError(field: "operator", value: "", rule: "who registers the party is required")
        }
        return try registry.withExclusiveAccess { writer in
            let ledger = try RegistryLedger(path: registry.path)
            let earlier = ledger.parties[uscc]
            if let earlier, earlier.snapshot == snapshot { return .unchanged(since: earlier.time) }
            var r = RegistryRecord(kind: .party, job: nil)
            r.time = ISO8601DateFormatter().string(from: now)
            r.operatorName = operatorName
            r.party = uscc
            r.snapshot = snapshot
            try writer.append([r])
            return .registered(r, replacing: earlier != nil)
        }
    }
}
