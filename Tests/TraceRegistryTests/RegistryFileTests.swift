import Foundation
import Testing
import TraceCore
@testable import TraceRegistry

struct RegistryFileTests {
    func temporaryRegistry() throws -> (RegistryFile, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("registry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return (RegistryFile(path: dir.appendingPathComponent("r.jsonl").path), dir)
    }

    func reserve(_ gtin: String, _ first: UInt64, _ last: UInt64) -> RegistryRecord {
        var r = RegistryRecord(kind: .reserve, job: "J1")
        r.gtin = gtin
        r.first = first
        r.last = last
        return r
    }

    @Test func appendsChainedLinesAndRemembersReservations() throws {
        let (registry, dir) = try temporaryRegistry()
        defer { try? FileManager.default.removeItem(at: dir) }
        try registry.withExclusiveAccess { w in try w.append([reserve("09520123456788", 1, 10)]) }
        try registry.withExclusiveAccess { w in
            #expect(w.state.highestReserved["item:09520123456788"] == 10)
            #expect(w.state.recordCount == 1)
            try w.append([reserve("09520123456788", 11, 20), RegistryRecord(kind: .issue, job: "J1")])
        }
        let text = try String(contentsOfFile: registry.path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3)
        let records = try registry.readRecords()
        #expect(records.map(\.seq) == [0, 1, 2])
        #expect(records[0].prev == String(repeating: "0", count: 64))
        #expect(records[1].prev == RegistryFile.hexSHA256(Array(lines[0].utf8)))
        #expect(records[2].prev == RegistryFile.hexSHA256(Array(lines[1].utf8)))
    }

    @Test func tornTailIsCutOffBeforeAppending() throws {
        let (registry, dir) = try temporaryRegistry()
        defer { try? FileManager.default.removeItem(at: dir) }
        try registry.withExclusiveAccess { w in try w.append([reserve("09520123456788", 1, 5)]) }
        let handle = FileHandle(forWritingAtPath: registry.path)!
        handle.seekToEndOfFile()
        handle.write(Data("{\"kind\":\"reserve\",\"gtin\":\"0952".utf8))
        handle.closeFile()
        let torn = try Data(contentsOf: URL(fileURLWithPath: registry.path))
        // A writer that appends nothing changes nothing, not even the torn tail.
        try registry.withExclusiveAccess { w in #expect(w.state.recordCount == 1) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: registry.path)) == torn)
        try registry.withExclusiveAccess { w in
            // The first append cuts the torn line and a recovery record says so.
            try w.append([reserve("09520123456788", 6, 9)])
            #expect(w.state.recordCount == 3)
        }
        let records = try registry.readRecords()
        #expect(records.count == 3)
        #expect(records[1].kind == .recovery)
        #expect(records[1].reason?.contains("torn last line") == true)
        #expect(records[2].first == 6)
    }

    /// A whole record that chains on but lost only its newline is kept (the newline added), not cut as torn: a
    /// delivered job's close must not turn into "interrupted". A record whose chain is wrong is still cut.
    @Test func aWholeLastRecordMissingOnlyItsNewlineIsCompleted() throws {
        let (registry, dir) = try temporaryRegistry()
        defer { try? FileManager.default.removeItem(at: dir) }
        try registry.withExclusiveAccess { w in
            try w.append([RegistryFixture.open("J1", mode: .category, count: 1)])
            try w.append([RegistryFixture.close("J1", labels: 1)])
        }
        var text = try String(contentsOfFile: registry.path, encoding: .utf8)
        #expect(text.hasSuffix("}\n"))
        text.removeLast()
        try text.write(toFile: registry.path, atomically: true, encoding: .utf8)
        try registry.withExclusiveAccess { w in
            #expect(w.state.recordCount == 2, "job-open and the job-close kept")
            #expect(w.state.openJobs.isEmpty, "J1 stays closed: no interrupted close")
            try w.append([RegistryFixture.open("J2", mode: .category, count: 1), RegistryFixture.close("J2", labels: 1)])
        }
        let records = try registry.readRecords()
        #expect(records.map(\.kind) == [.jobOpen, .jobClose, .recovery, .jobOpen, .jobClose])
        #expect(records[1].status == .delivered)
        #expect(records[2].reason?.contains("line 2 was a whole, chained record missing only its newline") == true)
        #expect(try RegistryVerifier(path: registry.path).verify().isIntact)

        // The same bytes with a broken chain are not a record of this file: cut as torn.
        var lines = try String(contentsOfFile: registry.path, encoding: .utf8).split(separator: "\n").map(String.init)
        let forged = lines[1].replacingOccurrences(of: "\"seq\":1", with: "\"seq\":5")
        lines.append(forged)
        try (lines.joined(separator: "\n")).write(toFile: registry.path, atomically: true, encoding: .utf8)
        try registry.withExclusiveAccess { w in try w.append([RegistryFixture.open("J3", mode: .category, count: 1), RegistryFixture.close("J3", labels: 1)]) }
        let after = try registry.readRecords()
        #expect(after.count == 8 && after[5].kind == .recovery && after[5].reason?.contains("cut a torn last line") == true)
        #expect(after[7].kind == .jobClose)
        #expect(try RegistryVerifier(path: registry.path).verify().isIntact)
    }

    @Test func sha256MatchesAKnownVector() {
        #expect(RegistryFile.hexSHA256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
