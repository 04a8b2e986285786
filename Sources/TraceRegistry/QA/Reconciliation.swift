import Foundation

/// Scanned codes (vision system, hand scanner) against the registry: what was seen that was never issued
/// (possible counterfeit or a foreign roll), what was voided, what was seen twice, and what was issued and
/// never seen.
public struct Reconciliation: Sendable {
    public struct Finding: Sendable, CustomStringConvertible {
        /// 1-based line of the scan file.
        public let line: Int
        public let text: String
        public let rule: String
        public var description: String { "scan line \(line): \(text): \(rule)" }
    }

    public var scanned = 0
    public var matched = 0
    public var unknown: [Finding] = []
    public var voided: [Finding] = []
    public var scannedTwice: [Finding] = []
    public var unreadable: [Finding] = []
    /// Issued item codes (not voided) never scanned, in counter order, from the jobs the scans touched.
    public var neverScanned: [String] = []

    /// - Parameter scans: the scan file's lines.
    public init(ledger: RegistryLedger, scans: [String]) {
        var seen: [String: Int] = [:]
        var jobs: Set<String> = []
        for (i, raw) in scans.enumerated() {
            let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty { continue }
            scanned += 1
            guard let key = ScannedCode.identity(of: text) else {
                unreadable.append(Finding(line: i + 1, text: text, rule: "not a GS1 code in any form (HRI, element string, Digital Link)")); continue
            }
            guard let code = ledger.codes[key] else {
                unknown.append(Finding(line: i + 1, text: text, rule: "never issued by this registry: possible counterfeit or foreign label")); continue
            }
            jobs.insert(code.job)
            if let reason = code.voided { voided.append(Finding(line: i + 1, text: text, rule: "voided (\(reason)): this label should have been destroyed")) }
            if code.counter != nil, let earlier = seen[key] {
                scannedTwice.append(Finding(line: i + 1, text: text, rule: "also scanned at line \(earlier): a duplicate print or a copied label"))
            } else {
                seen[key] = i + 1
                matched += 1
            }
        }
        var missing: [(String, UInt64)] = []
        for (key, code) in ledger.codes where code.counter != nil && jobs.contains(code.job) && seen[key] == nil && code.voided == nil {
            missing.append((code.code, code.counter!))
        }
        neverScanned = missing.sorted { $0.1 < $1.1 }.map(\.0)
    }

    /// Nothing unknown, voided, doubled, unreadable or missing.
    public var isClean: Bool { unknown.isEmpty && voided.isEmpty && scannedTwice.isEmpty && unreadable.isEmpty && neverScanned.isEmpty }

    public var summary: String {
        var out = ["scanned \(scanned): matched \(matched), unknown \(unknown.count), voided \(voided.count), scanned twice \(scannedTwice.count), unreadable \(unreadable.count); issued but never scanned \(neverScanned.count)"]
        for (title, list) in [("UNKNOWN", unknown), ("VOIDED", voided), ("TWICE", scannedTwice), ("UNREADABLE", unreadable)] {
            for f in list.prefix(50) { out.append("\(title)  \(f)") }
            if list.count > 50 { out.append("\(title)  … \(list.count - 50) more") }
        }
        for c in neverScanned.prefix(50) { out.append("NOT-SCANNED  \(c)") }
        if neverScanned.count > 50 { out.append("NOT-SCANNED  … \(neverScanned.count - 50) more") }
        return out.joined(separator: "\n")
    }
}
