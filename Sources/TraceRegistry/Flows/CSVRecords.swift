/// RFC 4180 CSV records with the line each starts on.
///
/// Written here rather than taken from a package: the CSV packages available to this project (CSV.swift,
/// SwiftCSV) do not report the physical line where a record starts, and `flow import` must name `FILE:LINE` for every
/// bad row, also after a quoted field that spans lines. Accepted: UTF-8 (a leading BOM is dropped), `,` separators,
/// CRLF or LF line ends, fields quoted with `"` (a `""` inside is one quote; a quoted field may hold commas and line
/// breaks). Refused: bytes that are not UTF-8, a quote inside an unquoted field, text after a closing quote, and an
/// unterminated quote, each with its line.
public struct CSVRecords: Sendable {
    /// One record: the line it starts on (1-based) and its fields.
    public struct Record: Sendable, Equatable {
        /// 1-based line where the record starts.
        public let line: Int
        /// The fields, unquoted.
        public let fields: [String]
    }

    /// A syntax error at a line.
    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        /// 1-based line of the error.
        public let line: Int
        /// What is wrong and how to write it.
        public let message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Records in file order; blank lines are skipped.
    public let records: [Record]

    /// Reads the whole file's bytes; the first syntax error is thrown with its line.
    public init(bytes: [UInt8]) throws(SyntaxError) {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else {
            throw SyntaxError(line: CSVRecords.lineOfFirstInvalidByte(Array(body)), message: "is not UTF-8 text (save the file as UTF-8)")
        }
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var line = 1, recordLine = 1
        var quoted = false, inQuotes = false, afterQuote = false
        var scalars = Array(text.unicodeScalars)[...]
        func endField() { fields.append(field); field = ""; quoted = false; afterQuote = false }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
        }
        while let c = scalars.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if scalars.first == "\"" { scalars.removeFirst(); field.unicodeScalars.append("\"") } else { inQuotes = false; afterQuote = true }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case ",": endField()
            case "\r" where scalars.first == "\n": continue
            case "\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            case "\"":
                guard field.isEmpty, !quoted else {
                    throw SyntaxError(line: line, message: "a quote inside an unquoted field: quote the whole field and double the quote (\"\")")
                }
                quoted = true
                inQuotes = true
            default:
                if afterQuote { throw SyntaxError(line: line, message: "text after a closing quote: a quoted field must end at , or the line end") }
                field.unicodeScalars.append(c)
            }
        }
        if inQuotes { throw SyntaxError(line: recordLine, message: "a quoted field is not closed before the end of the file") }
        if !field.isEmpty || !fields.isEmpty || quoted { endRecord() }
        self.records = records
    }

    static func lineOfFirstInvalidByte(_ bytes: [UInt8]) -> Int {
        var line = 1, i = 0
        while i < bytes.count {
            var end = i + 1
            while end < bytes.count, end - i < 4, bytes[end] & 0xC0 == 0x80 { end += 1 }
            if String(validating: bytes[i..<end], as: UTF8.self) == nil { return line }
            if bytes[i] == 0x0A { line += 1 }
            i = end
        }
        return line
    }
}
