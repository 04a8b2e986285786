import Foundation
import Testing
import _TraceTestSupport
import TraceRegistry

/// The registry under real processes: many writers at once, kill -9 at random moments, a full disk.
@Suite(.serialized) struct RegistryProcessTests {
    /// Product files for every allocation path: sequential, FF1 (with its key), and batch lots from a format.
    struct Products {
        let sequential: String
        let ff1: String
        let lots: String
    }

    static func products(in dir: URL) throws -> Products {
        let base = try Harness.exampleProduct("ebike-battery.yaml")
        let key = dir.appendingPathComponent("serial.key").path
        let made = try Harness.tracelabel(["keygen", "--serial-key", key])
        #expect(made.status == 0, "keygen: \(made.stderr)")
        let ff1 = dir.appendingPathComponent("ff1.yaml").path
        try (base + "  serial_source: ff1\n  serial_alphabet: alphanumeric\n  serial_key: serial.key\n  planned_volume: 100000000\n")
            .replacingOccurrences(of: "serial_width: 10", with: "serial_width: 12")
            // Its own GTIN: one GTIN never mixes serial sources (the registry refuses it).
            .replacingOccurrences(of: "gtin: \"9520123456795\"", with: "gtin: \"9520123456818\"")
            .write(toFile: ff1, atomically: true, encoding: .utf8)
        let lots = dir.appendingPathComponent("lots.yaml").path
        try (base + "  lot_format: \"{yyMMdd}{line}{seq:3}\"\n").write(toFile: lots, atomically: true, encoding: .utf8)
        return Products(sequential: Harness.root.appendingPathComponent("examples/ebike-battery.yaml").path, ff1: ff1, lots: lots)
    }

    static func issueProcess(_ product: String, mode: String, count: Int, line: String, registry: String) -> Process {
        Harness.tracelabelProcess(["issue", "--product", product, "--mode", mode, "--count", String(count), "--line", line,
                                   "--shift", "S", "--registry", registry])
    }

    static func size(_ path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : 0
    }

    @Test func eightProcessesIssuingFromOneProductNeverShareACode() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("registry.jsonl").path
        let processes = (0..<8).map { Self.issueProcess("examples/ebike-battery.yaml", mode: "item", count: 60, line: "L\($0)", registry: registry) }
        for p in processes { try p.run() }
        for p in processes { p.waitUntilExit(); #expect(p.terminationStatus == 0) }
        let records = try RegistryFile(path: registry).readRecords()
        let issues = records.filter { $0.kind == .issue }
        #expect(issues.count == 480)
        #expect(Set(issues.compactMap(\.code)).count == 480)
        #expect(issues.compactMap(\.counter).sorted() == Array(1...480))
        let report = try RegistryVerifier(path: registry).verify()
        #expect(report.isIntact, "\(report.summary)")
        #expect(report.jobs == 8 && report.openJobs == 0)
    }

    /// The kill -9 harness: jobs of every mode and serial source, each SIGKILLed at a random moment after it
    /// opened its job in the registry; after every kill the file must verify (chain, no duplicate, every gap
    /// inside a reservation), and the next writer must release the dead job's counters.
    @Test func randomKillsNeverDuplicateOrLoseACode() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A fresh registry every 20 jobs keeps each verify small (it runs after every job, in a debug build).
        var registry = dir.appendingPathComponent("registry-0.jsonl").path
        let products = try Self.products(in: dir)
        var rng = SystemRandomNumberGenerator()
        let targetKills = 60
        // Bounded by iterations, not by the clock: a loaded machine makes the run slower, never a failure.
        var kills = 0, midJob = 0, completed = 0, iterations = 0
        while kills < targetKills && iterations < targetKills * 4 {
            if iterations > 0 && iterations % 20 == 0 {
                registry = dir.appendingPathComponent("registry-\(iterations / 20).jsonl").path
            }
            iterations += 1
            let choice = Int.random(in: 0..<5, using: &rng)
            let (product, mode, count): (String, String, Int) = switch choice {
            case 0, 1: (products.sequential, "item", Int.random(in: 1000...20000, using: &rng))
            case 2: (products.ff1, "item", Int.random(in: 1000...20000, using: &rng))
            case 3: (products.lots, "batch", Int.random(in: 5000...50000, using: &rng))
            default: (products.sequential, "category", Int.random(in: 5000...50000, using: &rng))
            }
            let before = Self.size(registry)
            let p = Self.issueProcess(product, mode: mode, count: count, line: "L\(iterations % 3)", registry: registry)
            try p.run()
            // Wait until the job is in the registry (its job-open is durable), then kill at a random moment.
            let waitStart = Date()
            while p.isRunning && Self.size(registry) <= before && Date().timeIntervalSince(waitStart) < 10 { usleep(1000) }
            usleep(UInt32.random(in: 0...150_000, using: &rng))
            if p.isRunning {
                kill(p.processIdentifier, SIGKILL)
                kills += 1
            } else {
                completed += 1
            }
            p.waitUntilExit()
            if p.terminationReason == .exit { #expect(p.terminationStatus == 0, "a \(mode) job of \(count) failed on its own") }
            let report = try RegistryVerifier(path: registry).verify()
            #expect(report.isIntact, "after kill \(kills) (\(mode), \(count)): \(report.summary)")
            if !report.isIntact { break }
            if report.openJobs > 0 { midJob += 1 }
        }
        // One more writer releases whatever the last dead job held; then nothing may be pending.
        let last = Self.issueProcess(products.sequential, mode: "item", count: 5, line: "L9", registry: registry)
        try last.run()
        last.waitUntilExit()
        #expect(last.terminationStatus == 0)
        let report = try RegistryVerifier(path: registry).verify()
        #expect(report.isIntact, "\(report.summary)")
        #expect(report.pendingCounters == 0 && report.openJobs == 0)
        let records = try RegistryFile(path: registry).readRecords()
        let codes = records.filter { $0.kind == .issue && $0.counter != nil }.compactMap(\.code)
        #expect(Set(codes).count == codes.count)
        print("kill -9 harness: \(kills) kills (\(midJob) left a job open, all recovered), \(completed) jobs completed, \(iterations) jobs; last registry: \(records.count) records, \(codes.count) item codes, \(report.releasedCounters) counters released as gaps, \(report.recoveries) torn tails cut")
        #expect(kills >= 50, "only \(kills) kills in \(iterations) jobs: most jobs finished before their kill")
    }

    @Test func aFullDiskFailsTheJobCleanlyAndTheRegistryStillVerifies() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let small = try SmallFilesystem(path: dir.appendingPathComponent("small").path, size: "64k")
        defer { small.unmount() }
        let mountPoint = small.path
        let registry = mountPoint + "/registry.jsonl"
        let first = try Harness.tracelabel(["issue", "--product", "examples/ebike-battery.yaml", "--count", "100", "--line", "L1", "--shift", "S", "--registry", registry])
        #expect(first.status == 0, "\(first.stderr)")
        let full = try Harness.tracelabel(["issue", "--product", "examples/ebike-battery.yaml", "--count", "3000", "--line", "L1", "--shift", "S", "--registry", registry])
        #expect(full.status == 74)
        #expect(full.stderr.contains("No space left on device") && full.stderr.contains("cut back to its last good record"), "\(full.stderr)")
        let report = try RegistryVerifier(path: registry).verify()
        #expect(report.isIntact, "\(report.summary)")
        #expect(report.itemCodes <= 100 + 3000)
        // After space is freed, issuing continues above every earlier reservation.
        try small.resize("8m")
        let again = try Harness.tracelabel(["issue", "--product", "examples/ebike-battery.yaml", "--count", "10", "--line", "L1", "--shift", "S", "--registry", registry])
        #expect(again.status == 0, "\(again.stderr)")
        let after = try RegistryVerifier(path: registry).verify()
        #expect(after.isIntact && after.openJobs == 0 && after.pendingCounters == 0, "\(after.summary)")
        let counters = try RegistryFile(path: registry).readRecords().compactMap(\.counter)
        #expect(counters.last == 3110)
    }
}
