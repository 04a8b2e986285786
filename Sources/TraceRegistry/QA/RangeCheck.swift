import Foundation

/// What became of every counter between two codes or serials of one namespace: issued (by which job),
/// voided, released as a gap, reserved by a job still open, or never reserved.
public struct RangeCheck: Sendable {
    /// Why a range cannot be checked.
    public struct RangeError: Error, Sendable, CustomStringConvertible {
        public let value: String
        public let rule: String
        public var description: String { "range '\(value)': \(rule)" }
    }

    /// A run of consecutive counters in the same state.
    public struct Run: Sendable, CustomStringConvertible {
        public let first: UInt64
        public let last: UInt64
        public let state: String
        public var description: String { first == last ? "\(first): \(state)" : "\(first)-\(last) (\(last - first + 1)): \(state)" }
    }

    public let ns: String
    public let first: UInt64
    public let last: UInt64
    public var issued = 0
    public var voided = 0
    public var released = 0
    public var pending = 0
    public var neverReserved = 0
    public var runs: [Run] = []

    /// Resolves `first` and `last` (codes in any form, or serials) to counters through the registry's own
    /// issue records, or through `counterOf` (the product's serial source: it can decrypt FF1 serials and parse
    /// sequential ones that were never issued). `namespace` is the product's own (given with `counterOf`): counters
    /// that `counterOf` found are taken in it.
    public init(ledger: RegistryLedger, first: String, last: String, counterOf: ((String) -> UInt64?)? = nil, namespace: String? = nil) throws {
        func resolve(_ text: String) -> (ns: String?, counter: UInt64)? {
            if let key = ScannedCode.identity(of: text), let c = ledger.codes[key], let counter = c.counter { return (c.ns, counter) }
            if let c = ledger.codes.values.first(where: { $0.counter != nil && $0.code.hasSuffix("(21)" + text) }), let counter = c.counter {
                return (c.ns, counter)
            }
            if let counter = counterOf?(text) { return (namespace, counter) }
            return nil
        }
        guard let a = resolve(first) else { throw RangeError(value: first, rule: "is not an issued code or serial of this registry (give the product file to decode serials never issued)") }
        guard let b = resolve(last) else { throw RangeError(value: last, rule: "is not an issued code or serial of this registry (give the product file to decode serials never issued)") }
        guard let ns = a.ns ?? b.ns ?? ledger.reservations.first(where: { $0.first <= a.counter && a.counter <= $0.last })?.ns else {
            throw RangeError(value: "\(first)..\(last)", rule: "no reservation holds these counters")
        }
        if let nb = b.ns, nb != ns { throw RangeError(value: "\(first)..\(last)", rule: "the two ends belong to different namespaces (\(ns), \(nb))") }
        guard a.counter <= b.counter else { throw RangeError(value: "\(first)..\(last)", rule: "the first end (counter \(a.counter)) comes after the last (counter \(b.counter))") }
        guard b.counter - a.counter < 10_000_000 else { throw RangeError(value: "\(first)..\(last)", rule: "spans more than 10,000,000 counters") }
        self.ns = ns
        self.first = a.counter
        self.last = b.counter
        let issuedHere = ledger.counters[ns] ?? [:]
        let reservations = ledger.reservations.filter { $0.ns == ns }
        let releases = ledger.releases[ns] ?? []
        var runStart = a.counter
        var runState = ""
        for counter in a.counter...b.counter {
            let state: String
            if let key = issuedHere[counter], let code = ledger.codes[key] {
                if let reason = code.voided { state = "voided (\(reason)), job \(code.job)"; voided += 1 } else { state = "issued by job \(code.job)"; issued += 1 }
            } else if let rel = releases.first(where: { $0.first <= counter && counter <= $0.last }) {
                state = "never issued: released (\(rel.reason))"; released += 1
            } else if let res = reservations.first(where: { $0.first <= counter && counter <= $0.last }) {
                state = "reserved by job \(res.job), not issued yet (job running or died)"; pending += 1
            } else {
                state = "never reserved"; neverReserved += 1
            }
            if state != runState {
                if !runState.isEmpty { runs.append(Run(first: runStart, last: counter - 1, state: runState)) }
                runStart = counter
                runState = state
            }
        }
        runs.append(Run(first: runStart, last: b.counter, state: runState))
    }

    public var summary: String {
        var out = ["range \(ns) counters \(first)-\(last) (\(last - first + 1)): issued \(issued), voided \(voided), released \(released), awaiting release \(pending), never reserved \(neverReserved)"]
        out += runs.map { "  \($0)" }
        return out.joined(separator: "\n")
    }
}
