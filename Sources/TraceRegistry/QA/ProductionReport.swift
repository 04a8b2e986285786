import Foundation

/// Issued, printed, voided, reprinted and gaps per product, line, shift and batch, for a QA report.
public struct ProductionReport: Sendable, Codable {
    /// Which jobs count.
    public struct Filter: Sendable {
        public var line: String?
        public var shift: String?
        /// The lot (AI 10).
        public var batch: String?
        /// Job start times, ISO 8601, inclusive; compared as text (UTC `…Z` times sort correctly).
        public var from: String?
        public var to: String?
        public init(line: String? = nil, shift: String? = nil, batch: String? = nil, from: String? = nil, to: String? = nil) {
            self.line = line
            self.shift = shift
            self.batch = batch
            self.from = from
            self.to = to
        }

        func admits(_ j: RegistryLedger.Job) -> Bool {
            if let line, j.line != line { return false }
            if let shift, j.shift != shift { return false }
            if let batch, j.lot != batch { return false }
            if let from, (j.time ?? "") < from { return false }
            if let to, (j.time ?? "") > to { return false }
            return true
        }
    }

    /// One product × line × shift × batch.
    public struct Row: Sendable, Codable {
        /// The GTIN, or an Ecode product's code source (`ecode-pool:…`, `ecode:…`) when it has no GTIN.
        public var gtin: String
        public var line: String
        public var shift: String
        public var batch: String
        public var jobs = 0
        public var jobsNotDelivered = 0
        /// Distinct codes issued (item codes, plus one per batch/category job).
        public var issued = 0
        /// Labels reported delivered by job-close (a job interrupted by a crash reports none).
        public var printed = 0
        public var voided = 0
        public var reprinted = 0
        /// Counters reserved and never issued (explained by release records).
        public var gaps: UInt64 = 0
    }

    public var rows: [Row] = []

    public init(ledger: RegistryLedger, filter: Filter) {
        var byKey: [String: Row] = [:]
        var order: [String] = []
        for j in ledger.jobs where filter.admits(j) {
            // A product is its GTIN, or for an Ecode product without one, its code source.
            let product = j.gtin ?? j.source ?? ""
            let key = [product, j.line ?? "", j.shift ?? "", j.lot ?? ""].joined(separator: "\u{1F}")
            if byKey[key] == nil {
                byKey[key] = Row(gtin: product, line: j.line ?? "", shift: j.shift ?? "", batch: j.lot ?? "")
                order.append(key)
            }
            byKey[key]!.jobs += 1
            // A registered job (no outputs asked for) is complete; its labels are simply none (printed stays 0).
            if j.status?.isComplete != true { byKey[key]!.jobsNotDelivered += 1 }
            byKey[key]!.issued += j.itemCodes + j.sharedCodes
            byKey[key]!.printed += j.labels ?? 0
            byKey[key]!.voided += j.voided
            byKey[key]!.reprinted += j.reprinted
            byKey[key]!.gaps += j.released
        }
        rows = order.map { byKey[$0]! }
    }

    /// A fixed-width table with a total line.
    public var table: String {
        let header = ["GTIN or Ecode source", "line", "shift", "batch", "jobs", "not-delivered", "issued", "printed", "voided", "reprinted", "gaps"]
        var cells = rows.map { r in
            [r.gtin, r.line, r.shift, r.batch, String(r.jobs), String(r.jobsNotDelivered), String(r.issued), String(r.printed),
             String(r.voided), String(r.reprinted), String(r.gaps)]
        }
        cells.append(["total", "", "", "", String(rows.reduce(0) { $0 + $1.jobs }), String(rows.reduce(0) { $0 + $1.jobsNotDelivered }),
                      String(rows.reduce(0) { $0 + $1.issued }), String(rows.reduce(0) { $0 + $1.printed }),
                      String(rows.reduce(0) { $0 + $1.voided }), String(rows.reduce(0) { $0 + $1.reprinted }),
                      String(rows.reduce(UInt64(0)) { $0 + $1.gaps })])
        let all = [header] + cells
        let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { c, v in c < 4 ? v.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                                             : String(repeating: " ", count: widths[c] - v.count) + v }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// JSON: `{"rows":[…]}`.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }
}
