/// The `csv` export: one row per issued code (RFC 4180: comma-separated, fields with a comma, a quote, CR or LF
/// quoted with quotes doubled, CRLF line ends; UTF-8 without a BOM), header first:
///
/// `code,link,job,product_name,gtin,lot,production_date,status,void_reason,flows,last_flow`
///
/// `last_flow` is the latest flow covering the code as `<flow kind> <time> <counterparty>`. With `publicOnly` the
/// private columns (`job`, `void_reason`, `flows`, `last_flow`) are left out of the header and every row.
public struct CSVExport {
    public static let header = ["code", "link", "job", "product_name", "gtin", "lot", "production_date", "status", "void_reason",
                                "flows", "last_flow"]
    /// Columns left out by `publicOnly`.
    public static let privateColumns: Set<String> = ["job", "void_reason", "flows", "last_flow"]

    public let source: ExportSource
    public let publicOnly: Bool

    public init(source: ExportSource, publicOnly: Bool) {
        self.source = source
        self.publicOnly = publicOnly
    }

    /// One field, quoted when RFC 4180 needs it.
    static func field(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Writes the header and the rows; returns the number of rows (codes).
    @discardableResult
    public func write(to out: ExportOutput) throws -> Int {
        let keep = Self.header.map { !publicOnly || !Self.privateColumns.contains($0) }
        try out.write(zip(Self.header, keep).filter(\.1).map(\.0).joined(separator: ",") + "\r\n")
        var rows = 0
        // The job's columns, computed when the job changes.
        var current = "", flows: [RegistryLedger.Flow] = [], name = "", gtin = "", lot = "", date = ""
        try source.forEachCode(identities: false) { job, c in
            if job.id != current {
                let snapshot = source.snapshot(of: job)
                current = job.id
                flows = source.flows(ofJob: job.id)
                name = Self.field(snapshot["product.name"] ?? "")
                gtin = Self.field(snapshot["product.gtin"] ?? job.gtin ?? "")
                lot = Self.field(job.lot ?? "")
                date = Self.field(snapshot["batch.production_date"] ?? "")
            }
            do {
                let covering = flows.isEmpty ? [] : c.entry.map { entry in flows.filter { source.ledger.contains($0.scope, entry) } } ?? []
                let last = covering.max { ($0.at, $0.seq ?? 0) < ($1.at, $1.seq ?? 0) }
                // In the order of `header`.
                let values = [Self.field(c.code), Self.field(c.dl ?? ""), job.id, name, gtin, lot, date, source.status(of: c),
                              Self.field(c.entry?.voided ?? ""), String(covering.count),
                              Self.field(last.map { "\($0.flow) \($0.at) \($0.counterparty)" } ?? "")]
                var line = "", first = true
                for (value, kept) in zip(values, keep) where kept {
                    if !first { line += "," }
                    line += value
                    first = false
                }
                try out.write(line + "\r\n")
                rows += 1
            }
        }
        return rows
    }
}
