import Foundation
import Testing
import TraceCore
@testable import TraceRegistry

/// The one replay: the writer, the verifier and the ledger see the same jobs and reservations, and any
/// ``RegistrySource`` — not only the file — feeds them.
@Suite struct RegistryReplayTests {
    /// The registry's lines held in memory: a second source, as a database backend would be, sharing no code with
    /// the file's reader.
    struct MemorySource: RegistrySource {
        let lines: [[UInt8]]
        var location: String { "memory" }

        /// Positions are line numbers from 1 (0: before the first), to show they are opaque to the readers.
        func forEachLine(from position: UInt64, _ body: (UnsafeRawBufferPointer, UInt64) throws -> Void) throws -> RegistryExtent {
            for i in Int(position)..<lines.count { try lines[i].withUnsafeBytes { try body($0, UInt64(i + 1)) } }
            return RegistryExtent(complete: UInt64(lines.count), tornBytes: 0)
        }

        func line(at position: UInt64) throws -> [UInt8] { lines[Int(position) - 1] }
        func end() throws -> UInt64? { UInt64(lines.count) }
    }

    func fixture() throws -> (URL, String, MemorySource) {
        let dir = try ProductFixture.directory()
        let path = dir.appendingPathComponent("registry.jsonl").path
        try RegistryFixture.build(at: path)
        let lines = try RegistryFixture.lines(path).map { Array($0.utf8) }
        return (dir, path, MemorySource(lines: lines))
    }

    @Test func anotherSourceVerifiesAndLedgersAlikeAndItsTamperingIsFound() throws {
        let (dir, path, memory) = try fixture()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try RegistryVerifier(path: path).verify(), other = try RegistryVerifier(source: memory).verify()
        #expect(file.isIntact && other.isIntact, "\(other.summary)")
        #expect((other.records, other.jobs, other.itemCodes, other.sharedCodes, other.voids, other.reprints)
                == (file.records, file.jobs, file.itemCodes, file.sharedCodes, file.voids, file.reprints))
        #expect(other.head == file.head)
        #expect(other.records == memory.lines.count)

        let ledger = try RegistryLedger(path: path), fromMemory = try RegistryLedger(source: memory)
        #expect(fromMemory.jobs.map(\.id) == ledger.jobs.map(\.id) && fromMemory.codes.count == ledger.codes.count && !ledger.codes.isEmpty)
        #expect(fromMemory.jobs.map(\.itemCodes) == ledger.jobs.map(\.itemCodes))

        // A reprint forged to name the voided code, chain re-hashed: found through the memory source too (the
        // issued-code set re-reads the issue line through the source).
        var lines = memory.lines.map { String(decoding: $0, as: UTF8.self) }
        let void = try #require(lines.firstIndex { $0.contains("\"kind\":\"void\"") })
        let reprint = try #require(lines.firstIndex { $0.contains("\"kind\":\"reprint\"") })
        let voided = try #require(lines[void].components(separatedBy: "\"code\":\"").last?.components(separatedBy: "\"").first)
        let printed = try #require(lines[reprint].components(separatedBy: "\"code\":\"").last?.components(separatedBy: "\"").first)
        lines[reprint] = lines[reprint].replacingOccurrences(of: printed, with: voided)
        RegistryFixture.rechain(&lines, from: reprint)
        let forged = try RegistryVerifier(source: MemorySource(lines: lines.map { Array($0.utf8) })).verify()
        #expect(forged.problems == [VerificationFinding(line: reprint + 1, rule: .reprintOfVoided(code: voided))], "\(forged.problems)")
    }

    @Test func theWriterTheVerifierAndTheLedgerSeeTheSameJobsAndReservations() throws {
        let dir = try ProductFixture.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("r.jsonl").path
        let product = try ProductFixture.product()
        let generator = SerialGenerator(sequential: product.serialFormat, gtin: product.gtin!.digits14)
        let registry = RegistryFile(path: path)
        // J1 dies after 30 of 100; J2 (still open) issued 7 of 20 in two chunks.
        try registry.withExclusiveAccess { w in
            let job = try JobRegistration.open(RegistryFixture.open("J1", mode: .item, count: 100), mode: .item, count: 100,
                                               product: product, generator: generator, line: "L1", writer: &w)
            _ = try job.registerItems(0..<30, writer: &w)
        }
        let (writerState, ownState): (RegistryState, RegistryState) = try registry.withExclusiveAccess { w in
            let before = w.state
            let job = try JobRegistration.open(RegistryFixture.open("J2", mode: .item, count: 20), mode: .item, count: 20,
                                               product: product, generator: generator, line: "L2", writer: &w)
            _ = try job.registerItems(0..<3, writer: &w)
            _ = try job.registerItems(3..<7, writer: &w)
            return (before, w.state)
        }
        // What the writer found on entry: J1 open with counters 31… unused.
        #expect(writerState.openJobs["J1"]?.reservations.map(\.highestIssued) == [30])
        // What it knows after its own appends: J1 released and closed, J2 open through counter 107.
        #expect(Set(ownState.openJobs.keys) == ["J2"])
        #expect(ownState.openJobs["J2"]?.reservations.map(\.highestIssued) == [107])
        #expect(ownState.nextCounter(in: generator.namespace) == 121)

        // A later writer, reading the file, the verifier and the ledger agree with it.
        let reread = try registry.withExclusiveAccess { w in w.state }
        #expect(reread.replay.jobs.map(\.reservations) == ownState.replay.jobs.map(\.reservations))
        #expect(reread.lastHash == ownState.lastHash && reread.recordCount == ownState.recordCount)
        let report = try RegistryVerifier(path: path).verify()
        #expect(report.isIntact && report.pendingCounters == 13 && report.releasedCounters == 70 && report.itemCodes == 37, "\(report.summary)")
        let ledger = try RegistryLedger(path: path)
        #expect(ledger.jobs.map(\.itemCodes) == [30, 7] && ledger.jobs.map(\.released) == [70, 0])
        #expect(ledger.replay.jobs.map(\.reservations) == reread.replay.jobs.map(\.reservations))
    }

    @Test func findingsAreDataAndTheirProseIsDerived() {
        var replay = RegistryReplay()
        var open = RegistryRecord(kind: .jobOpen, job: "J1")
        open.mode = .item
        open.count = 2
        replay.apply(open, line: 1)
        var reserve = RegistryRecord(kind: .reserve, job: "J1")
        (reserve.ns, reserve.first, reserve.last) = ("item:09520123456795", 1, 2)
        replay.apply(reserve, line: 2)
        var again = reserve
        again.first = 2
        again.last = 3
        replay.apply(again, line: 3)
        var issue = RegistryRecord(kind: .issue, job: "J1")
        (issue.counter, issue.code) = (1, "c1")
        replay.apply(issue, line: 4)
        var close = RegistryRecord(kind: .jobClose, job: "J1")
        close.status = .delivered
        close.labels = 2
        replay.apply(close, line: 5)
        #expect(replay.findings == [
            VerificationFinding(line: 3, rule: .reservationOverlap(ns: "item:09520123456795", first: 2, last: 3, priorLast: 2, priorLine: 2)),
            VerificationFinding(line: 5, rule: .unexplainedGap(job: "J1", ns: "item:09520123456795", first: 1, last: 2, reservedLine: 2)),
            VerificationFinding(line: 5, rule: .unexplainedGap(job: "J1", ns: "item:09520123456795", first: 2, last: 3, reservedLine: 3)),
            VerificationFinding(line: 5, rule: .itemCountMismatch(job: "J1", status: .delivered, issued: 1, count: 2)),
        ])
        #expect(replay.findings[0].description
                == "line 3: reservation 2-3 in item:09520123456795 overlaps or precedes the one ending at 2 (line 2): counters would repeat")
        #expect(replay.openJobs.isEmpty && replay.jobs[0].closed)
    }
}
