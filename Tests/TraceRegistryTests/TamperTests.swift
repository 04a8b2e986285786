import Foundation
import Testing
import TraceCore
@testable import TraceRegistry

/// The tamper corpus: every way of altering the file is detected, and the report names the line or the act.
@Suite struct TamperTests {
    struct Setup {
        let dir: URL
        let path: String
        let lines: [String]
        let checkpoint: Checkpoint
    }

    func setUp() throws -> Setup {
        let dir = try ProductFixture.directory()
        let path = dir.appendingPathComponent("registry.jsonl").path
        try RegistryFixture.build(at: path)
        let checkpoint = try Checkpoint.current(registry: path, origin: "test")
        return Setup(dir: dir, path: path, lines: try RegistryFixture.lines(path), checkpoint: checkpoint)
    }

    func verify(_ s: Setup, checkpoint: Bool = true) throws -> VerificationReport {
        try RegistryVerifier(path: s.path, checkpoint: checkpoint ? s.checkpoint : nil).verify()
    }

    @Test func theUntouchedFileVerifiesAndHoldsEveryRecordKind() throws {
        let s = try setUp()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let report = try verify(s)
        #expect(report.isIntact, "\(report.summary)")
        #expect(report.itemCodes == 7 && report.sharedCodes == 2 && report.sharedCopies == 13)
        #expect(report.releasedCounters == 3 && report.pendingCounters == 0)
        #expect(report.voids == 1 && report.reprints == 1 && report.recoveries == 1)
        #expect((report.parties, report.flows, report.recalls) == (1, 1, 1))
        #expect(report.checkpointSize == UInt64(s.lines.count))
        let kinds = Set(try RegistryFile(path: s.path).readRecords().map(\.kind))
        #expect(kinds == Set(RegistryRecord.Kind.allCases))
        // The chain an auditor recomputes with sha256 alone.
        var prev = String(repeating: "0", count: 64)
        for line in s.lines {
            #expect(line.contains("\"prev\":\"\(prev)\"}"))
            prev = RegistryFile.hexSHA256(Array(line.utf8))
        }
    }

    static let kinds: [String] = ["job-open", "reserve", "issue", "void", "reprint", "job-close", "release", "recovery",
                                  "party", "flow", "recall", "retention"]

    @Test(arguments: kinds) func aFlippedByteInEachRecordKindIsNamed(kind: String) throws {
        let s = try setUp()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let index = try #require(s.lines.firstIndex { $0.contains("\"kind\":\"\(kind)\"") })
        for position in [12, s.lines[index].utf8.count / 2, s.lines[index].utf8.count - 70] {
            var bytes = Array(s.lines[index].utf8)
            bytes[position] ^= 0x01
            var lines = s.lines
            lines[index] = String(decoding: bytes, as: UTF8.self)
            try RegistryFixture.write(lines, to: s.path)
            let report = try verify(s)
            #expect(!report.isIntact)
            let first = try #require(report.problems.first)
            // Either the line itself fails to read as itself, or the next line's prev names it.
            #expect(first.line == index + 1 || first == VerificationFinding(line: index + 2, rule: .prev(previousLine: index + 1)),
                    "\(kind) byte \(position): \(first) in \(lines[index])")
        }
    }

    @Test func aDroppedLineIsNamed() throws {
        let s = try setUp()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        var lines = s.lines
        lines.remove(at: 4)
        try RegistryFixture.write(lines, to: s.path)
        let first = try #require(try verify(s, checkpoint: false).problems.first)
        // Line 5 now holds the record written as seq 5: the one expected there (seq 4) is gone.
        #expect(first == VerificationFinding(line: 5, rule: .seq(found: 5, expected: 4)), "\(first)")
    }

    @Test func swappedLinesAreNamed() throws {
        let s = try setUp()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        var lines = s.lines
        lines.swapAt(3, 4)
        try RegistryFixture.write(lines, to: s.path)
        let first = try #require(try verify(s, checkpoint: false).problems.first)
        #expect(first == VerificationFinding(line: 4, rule: .seq(found: 4, expected: 3)), "\(first)")
    }

    @Test func aDuplicatedLineIsNamed() throws {
        let s = try setUp()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        var lines = s.lines
        lines.insert(lines[3], at: 4)
        try RegistryFixture.write(lines, to: s.path)
        let report = try verify(s, checkpoint: false)
        let first = try #require(report.problems.first)
        #expect(first == VerificationFinding(line: 5, rule: .seq(found: 3, expected: 4)), "\(first)")
    }

    @Test func aTruncatedTailIsCaughtByTheCheckpoint() throws {
        let s = try setUp()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        try RegistryFixture.write(Array(s.lines.dropLast(3)), to: s.path)
        #expect(try verify(s, checkpoint: false).isIntact) // the chain alone cannot see a clean cut
        let report = try verify(s)
        #expect(report.problems.first == VerificationFinding(line: 0, rule: .checkpointRollback(records: s.lines.count - 3, signed: s.checkpoint.size)),
                "\(report.summary)")
        // A cut in the middle of a line is reported as a torn tail as well.
        let text = s.lines.joined(separator: "\n") + "\n"
        try String(text.dropLast(40)).write(toFile: s.path, atomically: true, encoding: .utf8)
        let torn = try verify(s)
        #expect(torn.tornTailBytes > 0 && !torn.isIntact)
    }

    @Test func anOlderCopyRestoredIsARollback() throws {
        let s = try setUp()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let older = s.dir.appendingPathComponent("older.jsonl").path
        try RegistryFixture.write(Array(s.lines.prefix(12)), to: older)
        try FileManager.default.removeItem(atPath: s.path)
        try FileManager.default.copyItem(atPath: older, toPath: s.path)
        #expect(try verify(s).problems.first == VerificationFinding(line: 0, rule: .checkpointRollback(records: 12, signed: s.checkpoint.size)))
        // Restored and then written to again: same length or longer, but a different history.
        let registry = RegistryFile(path: s.path)
        for i in 0..<30 {
            try registry.withExclusiveAccess { w in try w.append([RegistryFixture.open("R\(i)", mode: .category, count: 1), RegistryFixture.close("R\(i)", labels: 1)]) }
        }
        #expect(try verify(s).problems.first == VerificationFinding(line: 0, rule: .checkpointRewritten(signed: s.checkpoint.size)))
    }

    @Test func anEditWithARecomputedChainIsCaughtByTheCheckpoint() throws {
        let s = try setUp()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        // An attacker without the signing key re-hashes every line after the edit.
        var lines = s.lines
        let i = try #require(lines.firstIndex { $0.contains("\"kind\":\"void\"") })
        lines[i] = lines[i].replacingOccurrences(of: "label torn at the applicator", with: "label torn at the applicatoR")
        RegistryFixture.rechain(&lines, from: i)
        try RegistryFixture.write(lines, to: s.path)
        #expect(try verify(s, checkpoint: false).isIntact)
        #expect(try verify(s).problems == [VerificationFinding(line: 0, rule: .checkpointRewritten(signed: s.checkpoint.size))])
    }

    @Test func anEditedSnapshotIsCaughtByItsDigestEvenWithARecomputedChain() throws {
        let s = try setUp()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        var lines = s.lines
        let i = try #require(lines.firstIndex { $0.contains("\"kind\":\"job-open\"") && $0.contains("TL-4820") })
        lines[i] = lines[i].replacingOccurrences(of: "TL-4820", with: "TL-9999")
        RegistryFixture.rechain(&lines, from: i)
        try RegistryFixture.write(lines, to: s.path)
        let problems = try verify(s, checkpoint: false).problems
        #expect(problems.map(\.line) == [i + 1], "\(problems)")
        #expect(problems.first?.rule == .digest(kind: .jobOpen))
    }

    @Test func aCheckpointIsSignedAndItsSignatureChecked() throws {
        let s = try setUp()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let keyPath = s.dir.appendingPathComponent("sign.key").path, pub = s.dir.appendingPathComponent("sign.pub.pem").path
        try CheckpointSigningKey.create(path: keyPath, publicKeyPath: pub)
        let note = try s.checkpoint.signed(with: try CheckpointSigningKey(path: keyPath))
        let notePath = s.dir.appendingPathComponent("cp.txt").path
        try note.write(toFile: notePath, atomically: true, encoding: .utf8)
        let read = try Checkpoint.read(path: notePath, publicKey: try CheckpointSigningKey.publicKey(pemPath: pub))
        #expect(read == s.checkpoint)
        // Claiming fewer records (to hide a truncation) breaks the signature.
        try note.replacingOccurrences(of: "\n\(s.checkpoint.size)\n", with: "\n\(s.checkpoint.size - 3)\n").write(toFile: notePath, atomically: true, encoding: .utf8)
        #expect(throws: Checkpoint.CheckpointError.self) { try Checkpoint.read(path: notePath, publicKey: try CheckpointSigningKey.publicKey(pemPath: pub)) }
    }

    @Test func aDamagedRegistryIsNeverAppendedTo() throws {
        let s = try setUp()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        var lines = s.lines
        lines[2] = lines[2].replacingOccurrences(of: "\"counter\":1,", with: "\"counter\":2,")
        try RegistryFixture.write(lines, to: s.path)
        #expect(throws: RegistryError.self) { try RegistryFile(path: s.path).withExclusiveAccess { _ in } }
        #expect(try RegistryFixture.lines(s.path) == lines)
    }
}
