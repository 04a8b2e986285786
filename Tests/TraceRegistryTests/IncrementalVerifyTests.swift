import Foundation
import Testing
import TraceCore
@testable import TraceRegistry

/// `verify --since`: only the records after a signed checkpoint are read, carrying on from the state saved with it;
/// tampering after the checkpoint is found, a checkpoint or state that does not match is refused, and what it cannot
/// see (an edit before the checkpoint that leaves the last covered record intact) is left to a full verify.
@Suite struct IncrementalVerifyTests {
    struct Setup {
        let dir: URL
        let path: String
        let checkpoint: Checkpoint
        let state: CheckpointState
        /// Lines covered by the checkpoint.
        let covered: Int
    }

    /// The every-kind fixture, checkpointed, then two more jobs: J5 (item, 6 codes, open while J6 runs, then closed)
    /// and a void of a code issued before the checkpoint.
    func setUp() throws -> Setup {
        let dir = try ProductFixture.directory()
        let path = dir.appendingPathComponent("registry.jsonl").path
        try RegistryFixture.build(at: path)
        let pass = try RegistryVerifier(path: path).checkpointed(origin: "test")
        let checkpoint = try #require(pass.checkpoint), state = try #require(pass.state)
        #expect(checkpoint == (try Checkpoint.current(registry: path, origin: "test")), "one pass computes the checkpoint the file has")
        let covered = try RegistryFixture.lines(path).count
        let product = try ProductFixture.product(extra: ["code.lot_format": "{yyMMdd}{line}{seq:3}"])
        let generator = SerialGenerator(sequential: product.serialFormat, gtin: product.gtin!.digits14)
        let registry = RegistryFile(path: path)
        try registry.withExclusiveAccess { w in
            let reg = try JobRegistration.open(RegistryFixture.open("J5", mode: .item, count: 6), mode: .item, count: 6, product: product,
                                               generator: generator, line: "L1", writer: &w)
            _ = try reg.registerItems(0..<6, writer: &w)
            try w.append([RegistryFixture.close("J5", labels: 6)])
        }
        let earlier = try #require(try registry.readRecords().first { $0.kind == .issue && $0.job == "J1" && $0.counter == 4 }?.code)
        try CodeLifecycle.void(code: earlier, reason: "damaged in the warehouse", operatorName: "qa", registry: registry, now: Date())
        return Setup(dir: dir, path: path, checkpoint: checkpoint, state: state, covered: covered)
    }

    @Test func onlyTheNewRecordsAreCheckedAndTheyVerify() throws {
        let s = try setUp()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let total = try RegistryFixture.lines(s.path).count
        let report = try RegistryVerifier(path: s.path).verify(since: s.checkpoint, state: s.state)
        #expect(report.isIntact, "\(report.summary)")
        #expect(report.records == total - s.covered && report.since == UInt64(s.covered))
        #expect(report.itemCodes == 6 && report.jobs == 1 && report.voids == 1 && report.uncheckedEarlierCodes == 1, "\(report.summary)")
        #expect(report.head == (try RegistryVerifier(path: s.path).verify()).head)
        // The state survives its signed file.
        let keyPath = s.dir.appendingPathComponent("k").path, pub = s.dir.appendingPathComponent("k.pem").path
        try CheckpointSigningKey.create(path: keyPath, publicKeyPath: pub)
        let file = s.dir.appendingPathComponent("cp.state").path
        try s.state.signed(with: try CheckpointSigningKey(path: keyPath)).write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try CheckpointState.read(path: file, publicKey: try CheckpointSigningKey.publicKey(pemPath: pub)) == s.state)
    }

    @Test func tamperingAfterTheCheckpointIsFound() throws {
        let s = try setUp()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        var lines = try RegistryFixture.lines(s.path)
        // J5's third code forged to repeat its second counter, chain re-hashed.
        let issues = lines.indices.filter { $0 >= s.covered && lines[$0].contains("\"kind\":\"issue\"") }
        let counter = try #require(lines[issues[1]].components(separatedBy: "\"counter\":").last?.components(separatedBy: ",").first)
        let next = try #require(UInt64(counter)).advanced(by: 1)
        lines[issues[2]] = lines[issues[2]].replacingOccurrences(of: "\"counter\":\(next),", with: "\"counter\":\(counter),")
        RegistryFixture.rechain(&lines, from: issues[2])
        try RegistryFixture.write(lines, to: s.path)
        let report = try RegistryVerifier(path: s.path).verify(since: s.checkpoint, state: s.state)
        let job = "J5"
        #expect(report.problems.first == VerificationFinding(line: issues[2] + 1, rule: .counterReused(job: job, counter: UInt64(counter)!)),
                "\(report.problems)")

        // A reservation forged below what was reserved before the checkpoint is an overlap, found from the carried state.
        var forged = try RegistryFixture.lines(s.path)
        let reserve = try #require(forged.indices.first { $0 >= s.covered && forged[$0].contains("\"kind\":\"reserve\"") })
        let first = try #require(forged[reserve].components(separatedBy: "\"first\":").last?.components(separatedBy: ",").first)
        forged[reserve] = forged[reserve].replacingOccurrences(of: "\"first\":\(first),", with: "\"first\":3,")
        RegistryFixture.rechain(&forged, from: reserve)
        try RegistryFixture.write(forged, to: s.path)
        let overlap = try RegistryVerifier(path: s.path).verify(since: s.checkpoint, state: s.state)
        #expect(overlap.problems.contains { $0.line == reserve + 1 && { if case .reservationOverlap = $0.rule { true } else { false } }($0) },
                "\(overlap.problems)")
    }

    @Test func aCheckpointOrStateThatDoesNotMatchIsRefused() throws {
        let s = try setUp()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        // The last covered record rewritten (chain re-hashed from there): the signed state's head no longer matches.
        var lines = try RegistryFixture.lines(s.path)
        let last = s.covered - 1
        lines[last] = lines[last].replacingOccurrences(of: "\"labels\":3", with: "\"labels\":4")
        RegistryFixture.rechain(&lines, from: last)
        try RegistryFixture.write(lines, to: s.path)
        let report = try RegistryVerifier(path: s.path).verify(since: s.checkpoint, state: s.state)
        #expect(report.problems == [VerificationFinding(line: 0, rule: .checkpointHead(signed: UInt64(s.covered)))], "\(report.problems)")
        #expect(report.records == 0, "nothing after a checkpoint that does not match is read")

        // Another registry's checkpoint state: refused the same way.
        let other = s.dir.appendingPathComponent("other.jsonl").path
        try RegistryFixture.build(at: other)
        try RegistryFile(path: other).withExclusiveAccess { w in try w.append([RegistryFixture.open("X", mode: .category, count: 1)]) }
        #expect(try !RegistryVerifier(path: other).verify(since: s.checkpoint, state: s.state).isIntact)

        // A state saved with another checkpoint: refused before anything is read.
        let later = try #require(try RegistryVerifier(path: other).checkpointed(origin: "test").checkpoint)
        #expect(throws: Checkpoint.CheckpointError.self) { try RegistryVerifier(path: s.path).verify(since: later, state: s.state) }
    }

    /// What an incremental verify cannot see: one covered record edited in place (chain not re-hashed, the last covered
    /// record intact). The full verify names it.
    @Test func anEditBeforeTheCheckpointIsLeftToTheFullVerify() throws {
        let s = try setUp()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        var lines = try RegistryFixture.lines(s.path)
        let i = try #require(lines.firstIndex { $0.contains("\"kind\":\"void\"") })
        #expect(i < s.covered - 1)
        lines[i] = lines[i].replacingOccurrences(of: "label torn at the applicator", with: "label torn at the applicatoR")
        try RegistryFixture.write(lines, to: s.path)
        #expect(try RegistryVerifier(path: s.path).verify(since: s.checkpoint, state: s.state).isIntact)
        let full = try RegistryVerifier(path: s.path, checkpoint: s.checkpoint).verify()
        #expect(full.problems.first == VerificationFinding(line: i + 2, rule: .prev(previousLine: i + 1)), "\(full.problems)")
    }
}
