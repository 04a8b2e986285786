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
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Writes the header and the rows; returns the number of rows (codes).
    @discardableResult
    public func write(to out: ExportOutput) throws -> Int {
        let columns = Self.header.filter { !publicOnly || !Self.privateColumns.contains($0) }
        try out.write(columns.joined(separator: ",") + "\r\n")
        var rows = 0
        try source.forEachJob { job, codes in
            let snapshot = source.snapshot(of: job)
            let flows = source.flows(ofJob: job.id)
            for c in codes {
                let covering = c.entry.map { entry in flows.filter { source.ledger.contains($0.scope, entry) } } ?? []
                let last = covering.max { ($0.at, $0.seq ?? 0) < ($1.at, $1.seq ?? 0) }
                var values: [String: String] = [
                    "code": c.code, "link": c.dl ?? "", "job": job.id, "product_name": snapshot["product.name"] ?? "",
                    "gtin": snapshot["product.gtin"] ?? job.gtin ?? "", "lot": job.lot ?? "",
                    "production_date": snapshot["batch.production_date"] ?? "", "status": source.status(of: c),
                    "void_reason": c.entry?.voided ?? "", "flows": String(covering.count),
                ]
                values["last_flow"] = last.map { "\($0.flow) \($0.at) \($0.counterparty)" } ?? ""
                try out.write(columns.map { Self.field(values[$0] ?? "") }.joined(separator: ",") + "\r\n")
                rows += 1
            }
        }
        return rows
    }
}
