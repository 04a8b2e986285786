import Foundation
import TraceRegistry

/// Flows as the terminal shows them (a table) and as JSON, shared by `flow list` and `recall`.
enum FlowListing {
    static let header = ["at", "flow", "party", "counterparty", "address", "contact", "codes", "scope", "id"]

    static func cells(_ item: (flow: RegistryLedger.Flow, codes: Int)) -> [String] {
        let f = item.flow
        return [f.at, f.flow, f.party, f.counterparty, f.address ?? "-", f.contact ?? "-", "\(item.codes)", f.scope.description, f.id]
    }

    static func table(_ items: [(flow: RegistryLedger.Flow, codes: Int)]) -> String {
        TextTable.render([header] + items.map(cells))
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
