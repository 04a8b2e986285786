import Foundation

/// Records a recall (召回) of the codes in a scope and finds who received them.
///
/// Refused: a blank reason, a scope that names no issued code, and a scope whose codes are all recalled already.
/// Voided codes in the scope are recalled with the rest (counted; their labels were destroyed, not their units).
public enum RecallRecording {
    /// What a recall appended and whom it concerns.
    public struct Outcome: Sendable {
        /// The `recall` record appended.
        public let record: RegistryRecord
        /// The recalled codes.
        public let codes: [RegistryLedger.Code]
        /// The flows that moved any of the recalled codes, in registry order, each with how many of them it moved.
        public let flows: [(flow: RegistryLedger.Flow, codes: Int)]
    }

    /// Appends a `recall` record (new `C…` id) under the registry's lock.
    public static func recall(_ scope: CodeScope, reason: String, operatorName: String, registry: RegistryFile,
                              now: Date = Date()) throws -> Outcome {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw FlowError(field: "reason", value: "", rule: "a recall needs a reason")
        }
        guard !operatorName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw FlowError(field: "operator", value: "", rule: "who records the recall is required")
        }
        return try registry.withExclusiveAccess(creating: false) { writer in
            let ledger = try RegistryLedger(path: registry.path)
            let codes: [RegistryLedger.Code]
            do { codes = try ledger.codes(in: scope) } catch {
                throw FlowError(field: "scope", value: scope.description, rule: (error as? RegistryLedger.ScopeError)?.rule ?? "\(error)")
            }
            guard !codes.isEmpty else { throw FlowError(field: "scope", value: scope.description, rule: "covers no issued code") }
            if codes.allSatisfy({ ledger.recall(of: $0) != nil }) {
                let ids = Set(codes.compactMap { ledger.recall(of: $0)?.id }).sorted().joined(separator: ", ")
                throw FlowError(field: "scope", value: scope.description, rule: "all \(codes.count) code(s) are recalled already (\(ids))")
            }
            var r = RegistryRecord(kind: .recall, job: TraceRecordID.make(prefix: "C", now: now))
            r.time = ISO8601DateFormatter().string(from: now)
            r.operatorName = operatorName
            r.reason = reason
            r.scope = FlowRecording.canonical(scope, codes: codes, ledger: ledger).description
            r.count = codes.count
            try writer.append([r])
            return Outcome(record: r, codes: codes, flows: ledger.flows(covering: codes))
        }
    }
}

extension RegistryLedger {
    /// The flows that moved any of `codes`, in registry order, with how many of `codes` each moved. Each flow's
    /// scope is resolved once (not once per code), so a recall of a large lot stays linear.
    public func flows(covering codes: [Code]) -> [(flow: Flow, codes: Int)] {
        let wanted = Set(codes.map(\.code))
        return flows.compactMap { flow in
            guard let moved = try? self.codes(in: flow.scope) else { return nil }
            let n = moved.reduce(0) { $0 + (wanted.contains($1.code) ? 1 : 0) }
            return n > 0 ? (flow, n) : nil
        }
    }
}
