import Foundation

/// Which jobs an export covers. Every filter given must match at least one job of the registry, and together they
/// must match at least one, or the export is refused naming the filter (``ExportError/noMatch(option:value:rule:)``).
public struct ExportFilter: Sendable, Equatable {
    /// A GTIN (8, 12, 13 or 14 digits, compared as GTIN-14), an Ecode job's code source (`ecode-pool:…`, `ecode:…`),
    /// or the product file path a job was issued from (the job-open `product` field, as typed).
    public var product: String?
    /// A job id (`J…`).
    public var job: String?
    /// A lot (AI 10).
    public var lot: String?
    /// Jobs opened at or after this time: `YYYY-MM-DD` (from 00:00 UTC) or an ISO 8601 date-time with its zone.
    public var from: String?
    /// Jobs opened at or before this time (a date includes its whole day).
    public var to: String?

    public init(product: String? = nil, job: String? = nil, lot: String? = nil, from: String? = nil, to: String? = nil) {
        self.product = product
        self.job = job
        self.lot = lot
        self.from = from
        self.to = to
    }

    /// Refuses a malformed date or a `--from` after `--to` (``TimeWindow``, as `report` reads them).
    public func validated() throws(ExportError) -> ExportFilter {
        _ = try window()
        return self
    }

    /// The `--from`/`--to` period in the registry's UTC form.
    func window() throws(ExportError) -> TimeWindow {
        do { return try TimeWindow(from: from, to: to) } catch {
            throw .badOption(option: error.field, value: error.value, rule: error.rule)
        }
    }

    /// The GTIN-14 spelling of a GTIN typed with 8, 12, 13 or 14 digits; nil for anything else.
    static func gtin14(_ text: String) -> String? {
        guard [8, 12, 13, 14].contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return String(repeating: "0", count: 14 - text.count) + text
    }

    func matchesProduct(_ job: RegistryLedger.Job, source: String?) -> Bool {
        guard let product else { return true }
        if let g = Self.gtin14(product), job.gtin == g { return true }
        return job.source == product || source == product
    }

    /// The jobs this filter selects, in registry order; throws naming the first filter that matches nothing.
    func select(from jobs: [RegistryLedger.Job], sources: [String: String]) throws(ExportError) -> [RegistryLedger.Job] {
        let period = try window()
        func matchesTime(_ job: RegistryLedger.Job) -> Bool { period.contains(job.time) }
        if let job, !jobs.contains(where: { $0.id == job }) {
            throw .noMatch(option: "job", value: job, rule: "no job with this id in the registry")
        }
        if let lot, !jobs.contains(where: { $0.lot == lot }) {
            throw .noMatch(option: "lot", value: lot, rule: "no job of the registry printed this lot")
        }
        if let product, !jobs.contains(where: { matchesProduct($0, source: sources[$0.id]) }) {
            throw .noMatch(option: "product", value: product,
                           rule: "no job of the registry has this GTIN, Ecode source or product file")
        }
        if from != nil || to != nil, !jobs.contains(where: matchesTime) {
            throw .noMatch(option: from != nil ? "from" : "to", value: from ?? to ?? "",
                           rule: "no job of the registry was opened between \(from ?? "the start") and \(to ?? "now")")
        }
        let selected = jobs.filter { j in
            (job == nil || j.id == job) && (lot == nil || j.lot == lot) && matchesProduct(j, source: sources[j.id]) && matchesTime(j)
        }
        guard !selected.isEmpty else {
            throw .noMatch(option: "filters", value: description, rule: "each filter matches jobs, but no job matches them all")
        }
        return selected
    }

    /// The filters given, as `name=value` text (the names of ``dictionary``).
    public var description: String {
        [("product", product), ("job", job), ("lot", lot), ("from", from), ("to", to)]
            .compactMap { o, v in v.map { "\(o)=\($0)" } }.joined(separator: " ")
    }

    /// The filters given, as a JSON-ready dictionary (option name without dashes → value).
    public var dictionary: [String: String] {
        var d: [String: String] = [:]
        d["product"] = product
        d["job"] = job
        d["lot"] = lot
        d["from"] = from
        d["to"] = to
        return d
    }
}
