import Foundation

/// A `flow import` file: CSV (``CSVRecords``) with a header row naming its columns, one flow per row.
///
/// Columns (any order; names exact, lower case):
/// - `flow`: `producer-sale`, `seller-purchase` or `seller-sale`;
/// - `party`: USCC of the party recording the flow;
/// - `at`: `YYYY-MM-DD` or a date-time with a zone;
/// - `counterparty`: buyer, supplier or customer name;
/// - `address`, `contact`: the buyer's, producer sales only (columns may be left out of a file with no producer sale);
/// - the codes, one form per row: `code`; or `range_first` and `range_last`; or `lot` (with `gtin` optional); or `job`.
///
/// `flow`, `party`, `at`, `counterparty` and at least one code column are required in the header; an unknown or
/// repeated column is refused. Every row is read; each problem is reported with its line and column.
public struct FlowImportFile: Sendable {
    /// The header this format documents, in the order `--help` and the README show it.
    public static let columns = ["flow", "party", "at", "counterparty", "address", "contact",
                                 "code", "range_first", "range_last", "lot", "gtin", "job"]
    static let scopeColumns: Set = ["code", "range_first", "range_last", "lot", "job"]

    /// One problem: 1-based line, the column (or `header`), the message.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public let line: Int
        public let column: String
        public let message: String
        public init(line: Int, column: String, message: String) {
            self.line = line
            self.column = column
            self.message = message
        }
        public var description: String { "\(line): error: \(column): \(message)" }
    }

    /// A row that reads as a flow.
    public struct Row: Sendable, Equatable {
        /// 1-based line where the row starts.
        public let line: Int
        /// The flow the row states.
        public let entry: FlowEntry
        /// The column that gave the codes (`code`, `range_first`, `lot`, `job`): where a scope problem is reported.
        public let scopeColumn: String
    }

    /// The rows that read as flows (not yet checked against a registry).
    public let rows: [Row]
    /// Problems found reading the file (syntax, header, values); the registry is not consulted here.
    public let problems: [Problem]

    /// Reads the file's bytes; problems are collected, never thrown.
    public init(bytes: [UInt8]) {
        let table: CSVRecords
        do { table = try CSVRecords(bytes: bytes) } catch {
            rows = []
            problems = [Problem(line: error.line, column: "csv", message: error.message)]
            return
        }
        guard let header = table.records.first else {
            rows = []
            problems = [Problem(line: 1, column: "header", message: "the file is empty; the first line names the columns: \(FlowImportFile.columns.joined(separator: ","))")]
            return
        }
        var problems: [Problem] = []
        var index: [String: Int] = [:]
        for (i, name) in header.fields.enumerated() {
            let name = name.trimmingCharacters(in: .whitespaces)
            if !FlowImportFile.columns.contains(name) {
                problems.append(Problem(line: header.line, column: "header", message: "unknown column '\(name)'; the columns are \(FlowImportFile.columns.joined(separator: ","))"))
            } else if index[name] != nil {
                problems.append(Problem(line: header.line, column: "header", message: "column '\(name)' appears twice"))
            } else {
                index[name] = i
            }
        }
        for required in ["flow", "party", "at", "counterparty"] where index[required] == nil {
            problems.append(Problem(line: header.line, column: "header", message: "column '\(required)' is required"))
        }
        if FlowImportFile.scopeColumns.isDisjoint(with: index.keys) {
            problems.append(Problem(line: header.line, column: "header", message: "no code column: give code, range_first and range_last, lot (and gtin) or job"))
        }
        if (index["range_first"] == nil) != (index["range_last"] == nil) {
            problems.append(Problem(line: header.line, column: "header", message: "range_first and range_last come together"))
        }
        guard problems.isEmpty else {
            self.rows = []
            self.problems = problems
            return
        }
        if table.records.count == 1 { problems.append(Problem(line: header.line, column: "header", message: "the file has no flow rows")) }
        var rows: [Row] = []
        for record in table.records.dropFirst() {
            guard record.fields.count == header.fields.count else {
                problems.append(Problem(line: record.line, column: "csv", message: "\(record.fields.count) field(s), the header has \(header.fields.count)"))
                continue
            }
            func value(_ column: String) -> String? {
                guard let i = index[column] else { return nil }
                let v = record.fields[i].trimmingCharacters(in: .whitespaces)
                return v.isEmpty ? nil : v
            }
            switch FlowImportFile.row(line: record.line, value) {
            case .success(let row): rows.append(row)
            case .failure(let problem): problems.append(problem)
            }
        }
        self.rows = rows
        self.problems = problems
    }

    static func row(line: Int, _ value: (String) -> String?) -> Result<Row, Problem> {
        func fail(_ column: String, _ message: String) -> Result<Row, Problem> { .failure(Problem(line: line, column: column, message: message)) }
        guard let flowText = value("flow") else { return fail("flow", "is required: producer-sale, seller-purchase or seller-sale") }
        guard let flow = FlowKind(rawValue: flowText) else {
            return fail("flow", "'\(flowText)' is not producer-sale, seller-purchase or seller-sale")
        }
        for column in ["party", "at", "counterparty"] where value(column) == nil { return fail(column, "is required") }
        let scope: CodeScope, column: String
        let given = ["code", "range_first", "lot", "job"].filter { value($0) != nil || ($0 == "range_first" && value("range_last") != nil) }
        guard given.count == 1 else {
            return given.isEmpty ? fail("code", "no codes: give code, range_first and range_last, lot (and gtin) or job")
                                 : fail(given[1], "give one of code, range_first/range_last, lot or job per row, not \(given.joined(separator: " and "))")
        }
        switch given[0] {
        case "code": (scope, column) = (.code(value("code")!), "code")
        case "range_first":
            guard let a = value("range_first") else { return fail("range_first", "is required with range_last") }
            guard let b = value("range_last") else { return fail("range_last", "is required with range_first") }
            (scope, column) = (.range(first: a, last: b), "range_first")
        case "lot":
            if let g = value("gtin"), g.count != 14 || !g.allSatisfy(\.isASCII) || !g.allSatisfy(\.isNumber) {
                return fail("gtin", "'\(g)' must be a GTIN-14 (14 digits)")
            }
            (scope, column) = (.lot(value("lot")!, gtin: value("gtin")), "lot")
        default: (scope, column) = (.job(value("job")!), "job")
        }
        if given[0] != "lot", let g = value("gtin") { return fail("gtin", "'\(g)' applies to a lot only") }
        return .success(Row(line: line, entry: FlowEntry(flow: flow, party: value("party")!, at: value("at")!, counterparty: value("counterparty")!,
                                                        address: value("address"), contact: value("contact"), scope: scope),
                            scopeColumn: column))
    }
}
