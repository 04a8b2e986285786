import Foundation
import Testing
@testable import TraceCore

/// Proves the Swift AI table agrees with the GS1 Syntax Dictionary file, line by line.
struct ApplicationIdentifierTableTests {
    static let dictionaryPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("data/gs1-syntax-dictionary/gs1-syntax-dictionary.txt").path

    /// One dictionary line, parsed here independently of the generator (tools/generate-ai-table.py).
    struct Line {
        let number: Int
        let entry: AIDictionaryEntry
    }

    static func parseDictionary() throws -> (release: String, lines: [Line]) {
        let text = try String(contentsOfFile: dictionaryPath, encoding: .utf8)
        var release = ""
        var lines: [Line] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("# Release:") { release = trimmed.dropFirst("# Release:".count).trimmingCharacters(in: .whitespaces) }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let hash = raw.firstIndex(of: "#")
            let body = hash.map { raw[..<$0] } ?? raw[...]
            let title = hash.map { raw[raw.index(after: $0)...].trimmingCharacters(in: .whitespaces) } ?? ""
            var tokens = body.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            let ais = tokens.removeFirst()
            var flags = ""
            if let f = tokens.first, f.allSatisfy({ "*!?\"$%&'()+,-./:;<=>@[\\]^_`{|}~".contains($0) }) { flags = f; tokens.removeFirst() }
            let range = ais.split(separator: "-").map(String.init)
            var components: [AIComponent] = []
            var requires: [[[String]]] = []
            var excludes: [String] = []
            var dl: [[String]]?
            for token in tokens {
                if token.hasPrefix("req=") {
                    requires.append(token.dropFirst(4).split(separator: ",").map { $0.split(separator: "+").map(String.init) })
                } else if token.hasPrefix("ex=") {
                    excludes += token.dropFirst(3).split(separator: ",").map(String.init)
                } else if token == "dlpkey" {
                    dl = []
                } else if token.hasPrefix("dlpkey=") {
                    dl = token.dropFirst(7).split(separator: "|").map { $0.split(separator: ",").map(String.init) }
                } else {
                    let optional = token.hasPrefix("[")
                    var parts = token.split(separator: ",").map(String.init)
                    let spec = parts.removeFirst().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
                    let set = GS1CharacterSet(rawValue: String(spec.prefix(1)))
                    try #require(set != nil, "line \(index + 1): unknown character set in '\(token)'")
                    let variable = spec.dropFirst().hasPrefix("..")
                    let n = try #require(Int(spec.dropFirst(variable ? 3 : 1)), "line \(index + 1): bad length in '\(token)'")
                    var linters: [GS1Linter] = []
                    for name in parts {
                        let linter = GS1Linter(rawValue: name)
                        try #require(linter != nil, "line \(index + 1): linter '\(name)' is not known to TraceCore")
                        linters.append(linter!)
                    }
                    components.append(AIComponent(set!, variable ? 1 : n, n, linters, optional: optional))
                }
            }
            lines.append(Line(number: index + 1, entry: AIDictionaryEntry(
                range[0], range.count > 1 ? range[1] : range[0], flags: flags, components, requires: requires,
                excludes: excludes, dlPrimaryKey: dl, title: title)))
        }
        return (release, lines)
    }

    @Test func tableAgreesWithTheDictionaryLineByLine() throws {
        let (release, lines) = try Self.parseDictionary()
        #expect(release == ApplicationIdentifierDictionary.release, "dictionary release \(release), table generated from \(ApplicationIdentifierDictionary.release)")
        let table = ApplicationIdentifierDictionary.entries
        let tableByFirst = Dictionary(uniqueKeysWithValues: table.map { ($0.first, $0) })
        let fileFirsts = Set(lines.map(\.entry.first))
        for line in lines {
            guard let entry = tableByFirst[line.entry.first] else {
                Issue.record("line \(line.number): AI \(line.entry.first) is in the dictionary but not in the table")
                continue
            }
            #expect(entry == line.entry, "line \(line.number): AI \(line.entry.first) differs:\n  dictionary \(line.entry)\n  table      \(entry)")
        }
        for entry in table where !fileFirsts.contains(entry.first) {
            Issue.record("AI \(entry.first) is in the table but no longer in the dictionary")
        }
        #expect(lines.count == table.count)
    }

    @Test func everyAIIsKnownWithItsPredefinedLengthFlag() throws {
        let (_, lines) = try Self.parseDictionary()
        var count = 0
        for line in lines {
            for ai in line.entry.ais {
                count += 1
                let definition = try #require(ApplicationIdentifierTable.definition(for: ai), "AI \(ai) (line \(line.number)) missing")
                #expect(definition.isDigitalLinkAttribute == line.entry.flags.contains("?"), "AI \(ai): DL attribute flag")
                // The dictionary's "*" flag must agree with GS1's frozen predefined-length table.
                #expect(definition.hasPredefinedLength == line.entry.flags.contains("*"), "AI \(ai): predefined-length flag")
                if let n = PredefinedLength.dataLength(forAI: ai) {
                    #expect(definition.minLength == n && definition.maxLength == n, "AI \(ai): predefined length \(n)")
                }
            }
        }
        #expect(ApplicationIdentifierTable.all.count == count)
        #expect(count == 541)
    }

    @Test func digitalLinkRoles() {
        #expect(ApplicationIdentifierTable.definition(for: "01")?.digitalLinkRole == .primaryKey)
        #expect(ApplicationIdentifierTable.definition(for: "21")?.digitalLinkRole == .qualifier)
        #expect(ApplicationIdentifierTable.definition(for: "17")?.digitalLinkRole == .attribute)
        #expect(ApplicationIdentifierTable.definition(for: "8200")?.digitalLinkRole == DigitalLinkRole.none)
        #expect(ApplicationIdentifierTable.definition(for: "01")?.digitalLinkQualifiers == [["22", "10", "21"], ["235"]])
        #expect(ApplicationIdentifierTable.definition(for: "414")?.digitalLinkQualifiers == [["254"], ["7040"]])
        #expect(ApplicationIdentifierTable.definition(for: "23") == nil)
    }
}
