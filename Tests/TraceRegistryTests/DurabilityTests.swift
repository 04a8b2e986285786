import Foundation
import Testing
import TraceCore
@testable import TraceRegistry

/// Failure handling that real disks rarely show on demand: a failed fsync, a network file system, dead jobs.
struct DurabilityTests {
    @Test func aFailedFsyncPoisonsTheRegistryForThisProcess() throws {
        // The folder is left in place: the mark is per inode, and an inode freed during the run could be reused.
        let dir = try ProductFixture.directory()
        let path = dir.appendingPathComponent("r.jsonl").path
        let registry = RegistryFile(path: path)
        try registry.withExclusiveAccess { w in try w.append([RegistryFixture.open("J1", mode: .category, count: 1)]) }
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        registry.poison(fd: fd) // what Writer.commit does when fdatasync fails
        #expect(registry.isPoisoned)
        #expect(RegistryFile(path: path).isPoisoned) // every handle on that path, not just this one
        do {
            try registry.withExclusiveAccess { _ in }
            Issue.record("a poisoned registry accepted a writer")
        } catch let e as RegistryError {
            guard case .poisoned = e else { Issue.record("\(e)"); return }
            #expect(e.description.contains("refuses to write"))
        }
    }

    @Test func aNetworkFileSystemIsRefusedUnlessAllowed() throws {
        let mounts = "/dev/vda / ext4 rw 0 0\nfiler:/export /mnt/plant nfs4 rw,relatime 0 0\n"
        #expect(FileSystemKind.type(of: "/mnt/plant/registry.jsonl.lock", mounts: mounts) == "nfs4")
        #expect(FileSystemKind.type(of: "/var/registry.jsonl.lock", mounts: mounts) == "ext4")
        #expect(throws: RegistryError.self) { try FileSystemKind.refuseNetwork(path: "/mnt/plant/registry.jsonl.lock", allowed: false, mounts: mounts) }
        try FileSystemKind.refuseNetwork(path: "/mnt/plant/registry.jsonl.lock", allowed: true, mounts: mounts)
        try FileSystemKind.refuseNetwork(path: "/var/registry.jsonl.lock", allowed: false, mounts: mounts)
    }

    @Test func aDeadJobsReservationIsReleasedByTheNextWriter() throws {
        let dir = try ProductFixture.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("r.jsonl").path
        let product = try ProductFixture.product()
        let generator = SerialGenerator(sequential: product.serialFormat, gtin: product.gtin!.digits14)
        let registry = RegistryFile(path: path)
        try registry.withExclusiveAccess { w in
            let job = try JobRegistration.open(RegistryFixture.open("J1", mode: .item, count: 100), mode: .item, count: 100,
                                               product: product, generator: generator, line: "L1", writer: &w)
            _ = try job.registerItems(0..<30, writer: &w)
        }
        let pending = try RegistryVerifier(path: path).verify()
        #expect(pending.isIntact && pending.pendingCounters == 70 && pending.openJobs == 1)
        // A writer that appends nothing changes nothing; the next one that appends releases the dead job first.
        let untouched = try Data(contentsOf: URL(fileURLWithPath: path))
        try registry.withExclusiveAccess { w in #expect(w.state.openJobs.count == 1) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == untouched)
        try registry.withExclusiveAccess { w in
            try w.append([RegistryFixture.open("J2", mode: .category, count: 1), RegistryFixture.close("J2", labels: 1)])
            #expect(w.state.openJobs.isEmpty)
            #expect(w.state.nextCounter(in: generator.namespace) == 101) // never re-used
        }
        let records = try registry.readRecords()
        let release = try #require(records.first { $0.kind == .release })
        #expect(release.first == 31 && release.last == 100 && release.reason?.hasPrefix("owner-died") == true)
        let interrupted = try #require(records.first { $0.kind == .jobClose && $0.job == "J1" })
        #expect(interrupted.status == .interrupted)
        #expect(records.suffix(2).map(\.job) == ["J2", "J2"], "the dead job is closed before the new records")
        let after = try RegistryVerifier(path: path).verify()
        #expect(after.isIntact && after.pendingCounters == 0 && after.releasedCounters == 70, "\(after.summary)")
    }

    @Test func lotFormatsNumberBatchesPerDayAndLine() throws {
        let format = try LotFormat("{yyMMdd}{line}{seq:3}")
        let day = CalendarDate(year: 2026, month: 11, day: 27)
        #expect(format.lot(date: day, line: "L1", sequence: 7) == "261127L1007")
        #expect(format.scope(date: day, line: "L1") == "261127L1{seq}")
        #expect(throws: LotFormat.FormatError.self) { try LotFormat("{yyMMdd}{line}") }
        #expect(throws: LotFormat.FormatError.self) { try LotFormat("{yyMMdd}{seq:3}{seq:2}") }
        #expect(throws: LotFormat.FormatError.self) { try LotFormat("{week}{seq:3}") }
    }
}
