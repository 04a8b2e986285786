import Foundation
import Synchronization
import Testing
import _TraceTestSupport
import TraceCore
import TraceJob
import TraceRegistry

/// Several lines printing at once on one registry file: a job holds the registry lock only to reserve and to append a
/// chunk of records, never while it renders, and a job rendering between its appends is never taken for a dead one.
@Suite(.serialized) struct ParallelLinesTests {
    static let product = "examples/ebike-battery.yaml"

    static func issueProcess(count: Int, line: String, registry: String, dir: URL) -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Harness.tracelabel)
        p.arguments = ["issue", "--product", product, "--mode", "item", "--count", String(count), "--line", line, "--shift", "S",
                       "--registry", registry, "--pdf", dir.appendingPathComponent("\(line).pdf").path,
                       "--spool", dir.appendingPathComponent("spool-\(line)").path]
        p.currentDirectoryURL = Harness.root
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        return p
    }

    /// The job id of the line's `job-open`, once it is in the registry.
    static func job(of line: String, in records: [RegistryRecord]) -> String? {
        records.first { $0.kind == .jobOpen && $0.line == line }?.job
    }

    /// Waits (bounded by polls, not asserted on time) until `line` has registered its first chunk; returns its job id.
    static func waitForFirstChunk(of line: String, registry: String, process: Process) throws -> String? {
        for _ in 0..<60_000 where process.isRunning {
            if FileManager.default.fileExists(atPath: registry) {
                let records = try RegistryFile(path: registry).readRecords()
                if let job = job(of: line, in: records), records.contains(where: { $0.kind == .issue && $0.job == job }) { return job }
            }
            usleep(5_000)
        }
        return nil
    }

    /// Holds the registry's lock file from this process, so no job of another is inside the lock while it is held.
    static func withRegistryLockHeld<T>(_ registry: String, _ body: () throws -> T) throws -> T {
        let lock = URL(fileURLWithPath: registry).resolvingSymlinksInPath().standardizedFileURL.path + ".lock"
        let fd = open(lock, O_RDWR | O_CLOEXEC)
        #expect(fd >= 0, "the registry's lock file \(lock) exists once a job has written")
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        defer { _ = flock(fd, LOCK_UN) }
        return try body()
    }

    /// Runs `process` to its end, or kills it after a very long bound (a deadlock would otherwise hang the suite).
    static func runToEnd(_ process: Process) throws -> Bool {
        try process.run()
        for _ in 0..<120_000 where process.isRunning { usleep(5_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return false
        }
        return true
    }

    static func spoolPNGs(_ dir: URL, line: String) -> [String] {
        Harness.files(in: dir.appendingPathComponent("spool-\(line)").path).filter { $0.hasSuffix(".png") }
    }

    /// Line A is stopped (SIGSTOP) between two of its chunks, outside the registry lock; line B then runs its whole job
    /// while A is still open. B must finish, must not close A as dead (A holds its lease), and A then finishes normally.
    @Test func aLineStoppedBetweenChunksHoldsUpNoOtherAndIsNotTakenForDead() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("registry.jsonl").path
        let a = Self.issueProcess(count: 3000, line: "A", registry: registry, dir: dir)
        try a.run()
        let jobA = try #require(try Self.waitForFirstChunk(of: "A", registry: registry, process: a), "line A registered its first chunk")
        // Stopped while this process holds the lock: A cannot be inside it (it renders, or waits for the lock).
        try Self.withRegistryLockHeld(registry) { _ = kill(a.processIdentifier, SIGSTOP) }
        let b = Self.issueProcess(count: 500, line: "B", registry: registry, dir: dir)
        let bEnded = try Self.runToEnd(b)
        kill(a.processIdentifier, SIGCONT)
        a.waitUntilExit()
        #expect(bEnded, "line B finished while line A was stopped in the middle of its job")
        #expect(b.terminationStatus == 0)
        #expect(a.terminationStatus == 0)

        let records = try RegistryFile(path: registry).readRecords()
        let jobB = try #require(Self.job(of: "B", in: records))
        let index = { (kind: RegistryRecord.Kind, job: String) in records.firstIndex { $0.kind == kind && $0.job == job } }
        let aClose = try #require(index(.jobClose, jobA))
        let bFirstIssue = try #require(index(.issue, jobB))
        let bClose = try #require(index(.jobClose, jobB))
        // Ordered by the registry itself: B registered and closed while A was open.
        #expect(bFirstIssue < aClose && bClose < aClose)
        #expect(records.filter { $0.kind == .jobClose && $0.job == jobA }.count == 1)
        #expect(records[aClose].status == .delivered, "line A was alive: closed by itself, never `interrupted`")
        #expect(!records.contains { $0.kind == .release || $0.kind == .recovery })
        let codes = records.filter { $0.kind == .issue }.compactMap(\.code)
        #expect(codes.count == 3500 && Set(codes).count == 3500)
        #expect(Self.spoolPNGs(dir, line: "A").count == 3000 && Self.spoolPNGs(dir, line: "B").count == 500)
        let report = try RegistryVerifier(path: registry).verify()
        #expect(report.isIntact && report.openJobs == 0 && report.pendingCounters == 0, "\(report.summary)")
        #expect(!Harness.files(in: dir.path).contains { $0.contains(".job-") }, "no job's lease file is left behind")
    }

    /// A line killed between chunks (outside the lock) is closed `interrupted` by the next writer, which releases the
    /// counters it never issued; the registry verifies.
    @Test func aLineKilledBetweenChunksIsClosedAndItsCountersReleasedByTheNextWriter() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("registry.jsonl").path
        let a = Self.issueProcess(count: 3000, line: "A", registry: registry, dir: dir)
        try a.run()
        let jobA = try #require(try Self.waitForFirstChunk(of: "A", registry: registry, process: a))
        try Self.withRegistryLockHeld(registry) { _ = kill(a.processIdentifier, SIGKILL) }
        a.waitUntilExit()
        let b = Self.issueProcess(count: 10, line: "B", registry: registry, dir: dir)
        #expect(try Self.runToEnd(b) && b.terminationStatus == 0)

        let records = try RegistryFile(path: registry).readRecords()
        let close = try #require(records.first { $0.kind == .jobClose && $0.job == jobA })
        #expect(close.status == .interrupted)
        let issuedByA = records.filter { $0.kind == .issue && $0.job == jobA }.compactMap(\.counter)
        let release = try #require(records.first { $0.kind == .release && $0.job == jobA })
        #expect(release.first == UInt64(issuedByA.count) + 1 && release.last == 3000)
        let report = try RegistryVerifier(path: registry).verify()
        #expect(report.isIntact && report.openJobs == 0 && report.pendingCounters == 0, "\(report.summary)")
        #expect(!Harness.files(in: dir.path).contains { $0.contains(".job-") }, "the dead job's lease file is removed")
    }

    /// Two and four lines started at once, each with a PDF and a spool: every code once, every label out, `verify` clean.
    @Test(arguments: [2, 4]) func linesStartedAtOnceNeverShareACode(lines: Int) throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("registry.jsonl").path
        let count = 1500
        let names = (0..<lines).map { "L\($0)" }
        let processes = names.map { Self.issueProcess(count: count, line: $0, registry: registry, dir: dir) }
        for p in processes { try p.run() }
        for p in processes { p.waitUntilExit(); #expect(p.terminationStatus == 0) }

        let records = try RegistryFile(path: registry).readRecords()
        let issues = records.filter { $0.kind == .issue }
        #expect(issues.count == lines * count)
        #expect(Set(issues.compactMap(\.code)).count == lines * count)
        #expect(issues.compactMap(\.counter).sorted() == Array(1...UInt64(lines * count)))
        #expect(records.filter { $0.kind == .jobClose }.allSatisfy { $0.status == .delivered })
        let report = try RegistryVerifier(path: registry).verify()
        #expect(report.isIntact && report.jobs == lines && report.openJobs == 0 && report.pendingCounters == 0, "\(report.summary)")
        for name in names {
            let pngs = Self.spoolPNGs(dir, line: name).sorted()
            #expect(pngs.count == count)
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("\(name).pdf").path))
            // The line's first label carries the first code its job registered (decoded by zxing-cpp).
            let job = try #require(Self.job(of: name, in: records))
            let first = try #require(issues.first { $0.job == job }?.code)
            let decoded = try Harness.decode([dir.appendingPathComponent("spool-\(name)").appendingPathComponent(try #require(pngs.first)).path])
            #expect(decoded.first?.symbols.first.map { Self.sameCode($0.text, first) } == true, "\(name): \(decoded)")
        }
        #expect(!Harness.files(in: dir.path).contains { $0.contains(".job-") })
    }

    /// Two jobs on two threads of one process (as the server runs them): the in-process lock and the leases work
    /// between threads too; both deliver, no code twice, nobody is closed as dead.
    @Test func twoJobsInOneProcessShareTheRegistry() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("registry.jsonl").path
        let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        let today = CalendarDate(year: c.year!, month: c.month!, day: c.day!)
        let outcomes = Mutex<[String: String]>([:])
        let done = DispatchGroup()
        for line in ["A", "B"] {
            let request = IssueRequest(productPath: Harness.root.appendingPathComponent(Self.product).path, mode: .item, count: 2500,
                                       line: line, shift: "S", operatorName: "test", registryPath: registry,
                                       outputs: LabelOutputs(pdfPath: nil, spoolPath: dir.appendingPathComponent("spool-\(line)").path),
                                       today: today)
            done.enter()
            let thread = Thread {
                let outcome: String
                do { outcome = "spooled \(try IssueJob.run(request).spooledFiles)" } catch { outcome = "\(error)" }
                outcomes.withLock { $0[line] = outcome }
                done.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        done.wait()
        #expect(outcomes.withLock { $0 } == ["A": "spooled 2500", "B": "spooled 2500"])
        let records = try RegistryFile(path: registry).readRecords()
        let codes = records.filter { $0.kind == .issue }.compactMap(\.code)
        #expect(codes.count == 5000 && Set(codes).count == 5000)
        #expect(records.filter { $0.kind == .jobClose }.map(\.status) == [.delivered, .delivered])
        let report = try RegistryVerifier(path: registry).verify()
        #expect(report.isIntact && report.openJobs == 0 && report.pendingCounters == 0, "\(report.summary)")
    }

    /// Whether a decoded symbol's text carries `hri` (the QR holds the Digital Link; the serial is what differs).
    static func sameCode(_ text: String, _ hri: String) -> Bool {
        guard let serial = hri.components(separatedBy: "(21)").last else { return false }
        return text.contains("/21/\(serial)") || text.contains("21\(serial)")
    }
}
