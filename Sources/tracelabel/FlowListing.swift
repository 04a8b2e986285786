import Foundation
import TraceRegistry

/// Flows as the terminal shows them (a table) and as JSON, shared by `flow list` and `recall`.
enum FlowListing {
    static let header = ["at", "flow", "party", "counterparty", "address", "contact", "codes", "scope", "id"]

    static func cells(_ item: (flow: RegistryLedger.Flow, codes: Int)) -> [String] {
        let f = item.flow
        return [f.at, f.flow, f.party, f.counterparty, f.address ?? "-", f.contact ?? "-", "\(item.codes)", f.scope.description, f.id]
    }

    /// Columns padded to their widest cell (a CJK character counts two columns, as terminals draw it).
    static func table(_ items: [(flow: RegistryLedger.Flow, codes: Int)]) -> String {
        let rows = [header] + items.map(cells)
        func width(_ s: String) -> Int { s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) } }
        let widths = header.indices.map { c in rows.map { width($0[c]) }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in
                c == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[c] - width(cell))
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    static func json(_ items: [(flow: RegistryLedger.Flow, codes: Int)]) -> [[String: Any]] {
        items.map { item in
            var o: [String: Any] = [:]
            for (k, v) in zip(header, cells(item)) where v != "-" { o[k] = v }
            o["codes"] = item.codes
            o["count"] = item.flow.count
            return o
        }
    }

    static func print(json object: Any) {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data()
        Swift.print(String(decoding: data, as: UTF8.self))
    }
}
