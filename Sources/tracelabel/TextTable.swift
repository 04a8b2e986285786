/// Plain text tables for the terminal.
enum TextTable {
    /// Columns padded to their widest cell (a CJK character counts two columns, as terminals draw it), two spaces
    /// apart; the first row is the header.
    static func render(_ rows: [[String]]) -> String {
        func width(_ s: String) -> Int { s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) } }
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in rows.map { c < $0.count ? width($0[c]) : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in
                c == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[c] - width(cell))
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
