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
        try registry.withExclusiveAccess { w in
            // The torn line is gone and a recovery record says so.
            #expect(w.state.recordCount == 2)
            try w.append([reserve("09520123456788", 6, 9)])
        }
        let records = try registry.readRecords()
        #expect(records.count == 3)
        #expect(records[1].kind == .recovery)
        #expect(records[1].reason?.contains("torn last line") == true)
        #expect(records[2].first == 6)
    }

    @Test func sha256MatchesAKnownVector() {
        #expect(RegistryFile.hexSHA256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
