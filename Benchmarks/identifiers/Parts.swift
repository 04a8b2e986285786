import Foundation
import TraceCore

/// Times each step separately (`tracecore-bench parts`), to see where a code's time goes.
func timeParts(_ n: Int) throws {
    let elements = [gtin, date, lot, AIElement("21", "A00000007919")]
    func time(_ name: String, _ body: () throws -> Int) rethrows {
        let start = DispatchTime.now().uptimeNanoseconds
        var sink = 0
        for _ in 0..<n { sink &+= try body() }
        let ns = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(n)
        // Padded in Swift: `%s` in String(format:) takes a C string, not a Swift String.
        let label = name + String(repeating: " ", count: max(0, 28 - name.count))
        print(label + String(format: " %8.1f ns/code (%d)", ns, sink & 1))
    }
    let es = try ElementString(elements)
    try time("validate values") { for e in elements { try AIValidation.validate(e) }; return 1 }
    try time("associations") { try AIAssociations.validate(elements); return 1 }
    time("data") { es.data.utf8.count }
    time("hri") { es.hri.utf8.count }
    try time("digital link") { try DigitalLink.uri(for: elements, stem: stem).utf8.count }
    try time("stem") { try DigitalLink.normalisedStem(stem).utf8.count }
    time("lookup") { ApplicationIdentifierTable.definition(for: "21")!.maxLength }
}
