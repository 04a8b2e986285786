import Foundation
import TraceCore

/// Voids and reprints: records about codes already issued. Neither allocates; both refuse a code the registry
/// never issued, and a reprint of a voided code.
public enum CodeLifecycle {
    /// Why a lifecycle record was refused.
    public struct LifecycleError: Error, Sendable, CustomStringConvertible {
        public let code: String
        public let rule: String
        /// Stable rule id, e.g. `CODE-NOT-ISSUED`.
        public let id: String
        /// A code never issued is not found; one voided already is refused by the registry's state.
        public let category: ErrorCategory
        public var description: String { "code '\(code)': \(rule)" }
        public init(code: String, rule: String, id: String = "CODE-REFUSED", category: ErrorCategory = .conflict) {
            self.code = code
            self.rule = rule
            self.id = id
            self.category = category
        }
    }

    /// Finds `code` (any form) among issued codes, under the writer's lock.
    static func issued(_ code: String, in path: String) throws -> RegistryLedger.Code {
        let ledger = try RegistryLedger(path: path)
        guard let key = ScannedCode.identity(of: code) else {
            throw LifecycleError(code: code, rule: "is not a trace code (GS1 HRI, element string or Digital Link, or an Ecode bare or as its URL)",
                                 id: "CODE-FORMAT", category: .invalidData)
        }
        guard let found = ledger.codes[key] else { throw LifecycleError(code: code, rule: "was never issued by registry '\(path)'",
                                                                         id: "CODE-NOT-ISSUED", category: .notFound) }
        return found
    }

    /// Appends a `void` record: the label carrying `code` was damaged or destroyed; it must never be used again.
    @discardableResult
    public static func void(code: String, reason: String, operatorName: String, registry: RegistryFile, now: Date = Date()) throws -> RegistryRecord {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw LifecycleError(code: code, rule: "a void needs a reason", id: "REASON-MISSING", category: .invalidData) }
        return try registry.withExclusiveAccess(creating: false) { writer in
            let found = try issued(code, in: registry.path)
            if let earlier = found.voided { throw LifecycleError(code: found.code, rule: "is already voided (\(earlier))", id: "CODE-VOIDED") }
            var r = RegistryRecord(kind: .void, job: nil)
            r.time = ISO8601DateFormatter().string(from: now)
            r.code = found.code
            r.reason = reason
            r.operatorName = operatorName
            try writer.append([r])
            return r
        }
    }

    /// Appends a `reprint` record for `count` labels of an issued, not voided code, synced before the caller
    /// renders them; returns the code as registered (HRI) and its job.
    /// - Parameter snapshot: the product data printed, when it differs from the original job's (a corrected reprint).
    public static func reprint(code: String, count: Int, reason: String, operatorName: String, job: String,
                               registry: RegistryFile, snapshot: String? = nil, now: Date = Date()) throws -> RegistryLedger.Code {
        guard count >= 1 else { throw LifecycleError(code: code, rule: "the count of labels must be at least 1", id: "COUNT-RANGE", category: .invalidData) }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw LifecycleError(code: code, rule: "a reprint needs a reason", id: "REASON-MISSING", category: .invalidData) }
        return try registry.withExclusiveAccess(creating: false) { writer in
            let found = try issued(code, in: registry.path)
            if let why = found.voided { throw LifecycleError(code: found.code, rule: "was voided (\(why)); a voided code is never printed again", id: "CODE-VOIDED") }
            var r = RegistryRecord(kind: .reprint, job: job)
            r.time = ISO8601DateFormatter().string(from: now)
            r.code = found.code
            r.count = count
            r.reason = reason
            r.operatorName = operatorName
            r.snapshot = snapshot
            r.digest = snapshot.map { RegistryFile.hexSHA256(Data($0.utf8)) }
            try writer.append([r])
            return found
        }
    }
}
