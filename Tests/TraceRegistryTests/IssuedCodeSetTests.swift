import Foundation
import Testing
import TraceCore
@testable import TraceRegistry

/// The verifier's memory of issued codes is exact: with a hash under which every code collides, nothing is
/// forgotten, and a line longer than any buffer is read whole.
struct IssuedCodeSetTests {
    static let collide: @Sendable (UnsafeRawBufferPointer) -> UInt64 = { _ in 42 }

    static func code(of line: String) -> String { line.components(separatedBy: "\"code\":\"")[1].components(separatedBy: "\"")[0] }

    @Test func collidingCodesAreAllRememberedAndADuplicateOfAnyIsFound() throws {
        let dir = try ProductFixture.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("registry.jsonl").path
        try RegistryFixture.build(at: path)
        // Every code hashes alike: the void and reprint of the second and third codes are still known as issued.
        let intact = try RegistryVerifier(path: path, checkpoint: nil, codeHash: Self.collide).verify()
        #expect(intact.isIntact, "\(intact.problems)")

        // The fourth item issue is forged to repeat the second code (not the first, which the old map kept).
        var lines = try RegistryFixture.lines(path)
        let issues = lines.indices.filter { lines[$0].contains("\"kind\":\"issue\"") && lines[$0].contains("\"counter\":") }
        let second = Self.code(of: lines[issues[1]]), fourth = Self.code(of: lines[issues[3]])
        #expect(second != fourth)
        lines[issues[3]] = lines[issues[3]].replacingOccurrences(of: fourth, with: second)
        RegistryFixture.rechain(&lines, from: issues[3])
        try RegistryFixture.write(lines, to: path)
        for hash in [Self.collide, IssuedCodeSet.fnv1a] {
            let report = try RegistryVerifier(path: path, checkpoint: nil, codeHash: hash).verify()
            let offset = try #require(lines[..<issues[1]].reduce(0) { $0 + $1.utf8.count + 1 } as Int?)
            #expect(report.problems == [VerificationFinding(line: issues[3] + 1, rule: .codeIssuedTwice(code: second, firstPosition: UInt64(offset)))],
                    "\(report.problems)")
        }
    }

    @Test func aLineLongerThanTheReadBufferIsReadWhole() throws {
        let dir = try ProductFixture.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("long.jsonl").path
        // A canonical issue line of ~10 kB whose code lies beyond the first 4,096 bytes (a long job name before it).
        let code = "(01)09520123456795(21)" + String(repeating: "7", count: 10)
        var record = RegistryRecord(kind: .issue, job: String(repeating: "J", count: 10_000))
        record.counter = 1
        record.code = code
        record.dl = "https://id.gs1.org/01/09520123456795/21/7777777777"
        var writer = RecordLine()
        writer.add(record: record, seq: 0)
        writer.finish(prev: Array(String(repeating: "0", count: 64).utf8))
        writer.appendRaw(0x0A)
        try Data(writer.bytes).write(to: URL(fileURLWithPath: path))
        #expect(writer.bytes.count > 10_000)
        let source = RegistryFile(path: path)
        #expect(try IssuedCodeSet.code(at: 0, source: source) == Array(code.utf8), "a long line is read whole, not cut at 4,096 bytes")

        var set = IssuedCodeSet(source: source, hash: Self.collide)
        let bytes = Array(code.utf8)
        let other = Array("(01)09520123456795(21)0000000001".utf8)
        #expect(bytes.withUnsafeBytes { set.insert($0, at: 0) } == nil)
        #expect(other.withUnsafeBytes { set.offset(of: $0) } == nil, "a colliding different code is not taken for the one stored")
    }
}
