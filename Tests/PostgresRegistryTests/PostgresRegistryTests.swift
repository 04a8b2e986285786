import Foundation
import Testing
import TracePostgres
import TraceRegistry
import _TraceTestSupport

/// A throwaway PostgreSQL 15 server for one test: `tools/postgres.sh start` in a temporary folder; `stop()` ends it.
struct ThrowawayPostgres: Sendable {
    let directory: URL
    let url: String

    init() throws {
        directory = try Harness.temporaryDirectory().appendingPathComponent("pg")
        let started = try Harness.run(Harness.root.appendingPathComponent("tools/postgres.sh").path, ["start", directory.path])
        guard started.status == 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSDebugDescriptionErrorKey: "postgres: \(started.stderr)"]) }
        url = started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs SQL as the superuser, over the server's socket.
    func superuser(_ sql: String) throws -> Harness.Output {
        let port = try String(contentsOf: directory.appendingPathComponent("port"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return try Harness.run("/usr/sbin/runuser", ["-u", "postgres", "--", "psql", "-h", directory.path, "-p", port, "-U", "postgres",
                                                     "-d", "tracelabel", "-v", "ON_ERROR_STOP=1", "-q", "-c", sql])
    }

    /// The URL of another database on this server.
    func url(database: String) -> String { String(url[..<url.lastIndex(of: "/")!]) + "/" + database }

    func stop() { _ = try? Harness.run(Harness.root.appendingPathComponent("tools/postgres.sh").path, ["stop", directory.path]) }
}

@Suite(.serialized) struct PostgresRegistryTests {
    /// A database of its own, migrated.
    static func freshRegistry(_ name: String, on server: ThrowawayPostgres) async throws -> String {
        let made = try server.superuser("CREATE DATABASE \(name) OWNER tracelabel")
        #expect(made.status == 0, "\(made.stderr)")
        let url = server.url(database: name)
        try await PostgresRegistry.using(try PostgresRegistryURL(url)) { try await $0.migrate() }
        return url
    }

    /// The records of a real 1-label job from the file registry, as a template: job-open, reserve, issue, close.
    static let template: [RegistryRecord] = {
        let dir = try! Harness.temporaryDirectory()
        let registry = dir.appendingPathComponent("r.jsonl").path
        let made = try! Harness.tracelabel(["issue", "--product", Harness.root.appendingPathComponent("examples/ebike-battery.yaml").path,
                                            "--count", "1", "--line", "L1", "--shift", "S", "--registry", registry])
        precondition(made.status == 0, made.stderr)
        return try! RegistryFile(path: registry).readRecords()
    }()

    /// One job of `count` codes from one writer: the open and its reservation in one chunk, issues in chunks of 100,
    /// then the close. Returns the counters it was given.
    static func runJob(_ registry: PostgresRegistry, job: String, count: UInt64) async throws -> ClosedRange<UInt64> {
        let t = Self.template
        let open = t[0], reserve = t[1], issue = t[2], close = t[t.count - 1]
        let appended = try await registry.append(reserving: .init(namespace: "item:09520123456795", count: count, max: 9_999_999_999)) { range in
            var o = open, r = reserve
            o.job = job; o.count = Int(count); o.seq = nil; o.prev = nil
            r.job = job; r.first = range!.lowerBound; r.last = range!.upperBound; r.seq = nil; r.prev = nil
            return [o, r]
        }
        let range = try #require(appended.reserved)
        var counter = range.lowerBound
        while counter <= range.upperBound {
            let end = min(range.upperBound, counter + 99)
            let counters = counter...end
            try await registry.append { _ in
                counters.map { c in
                    var i = issue
                    let serial = String(format: "%010llu", c)
                    i.job = job; i.counter = c; i.seq = nil; i.prev = nil
                    i.code = issue.code!.replacingOccurrences(of: "0000000001", with: serial)
                    i.dl = issue.dl!.replacingOccurrences(of: "0000000001", with: serial)
                    return i
                }
            }
            counter = end + 1
        }
        try await registry.append { _ in
            var c = close
            c.job = job; c.seq = nil; c.prev = nil
            return [c]
        }
        return range
    }

    @Test func migrationsApplyOnceAndTheSchemaIsChecked() async throws {
        let server = try ThrowawayPostgres()
        defer { server.stop() }
        _ = try server.superuser("CREATE DATABASE migrations OWNER tracelabel")
        try await PostgresRegistry.using(try PostgresRegistryURL(server.url(database: "migrations"))) { registry in
        #expect(try await registry.schemaVersion() == 0)
        await #expect(throws: PostgresRegistryError.self) { try await registry.checkSchema() }
        #expect(try await registry.migrate() == [1])
        #expect(try await registry.migrate() == [])
        #expect(try await registry.schemaVersion() == RegistryMigration.latest)
        try await registry.checkSchema()
        // Records are append-only for the owner too: the trigger refuses an UPDATE.
        _ = try await registry.append { _ in [Self.template[0]] }
        }
        let updated = try Harness.run("/usr/bin/psql", [server.url(database: "migrations"),
                                                       "-v", "ON_ERROR_STOP=1", "-c", "UPDATE tracelabel_records SET line = 'x'"])
        #expect(updated.status != 0 && updated.stderr.contains("append-only"), "\(updated.stderr)")
    }

    @Test func eightWritersAtOnceNeverShareACounterAndTheExportVerifies() async throws {
        let server = try ThrowawayPostgres()
        defer { server.stop() }
        let url = try await Self.freshRegistry("eightwriters", on: server)
        let ranges = try await withThrowingTaskGroup(of: [ClosedRange<UInt64>].self) { group in
            for w in 0..<8 {
                group.addTask {
                    // Each writer has its own client, as a line process on its own machine would.
                    try await PostgresRegistry.using(try PostgresRegistryURL(url)) { registry in
                        var mine: [ClosedRange<UInt64>] = []
                        for j in 0..<3 { mine.append(try await Self.runJob(registry, job: "JW\(w)-\(j)", count: UInt64(150 + 37 * w))) }
                        return mine
                    }
                }
            }
            var all: [ClosedRange<UInt64>] = []
            for try await r in group { all += r }
            return all
        }
        // The ranges tile 1...total with no overlap.
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var next: UInt64 = 1
        for r in sorted {
            #expect(r.lowerBound == next, "a gap or an overlap at \(r)")
            next = r.upperBound + 1
        }
        let total = (0..<8).reduce(0) { $0 + 3 * (150 + 37 * $1) }
        #expect(next - 1 == UInt64(total))
        // The export is a registry file that verifies, and holds exactly the database's rows.
        let dir = try Harness.temporaryDirectory()
        let file = dir.appendingPathComponent("export.jsonl").path
        let exported = try Harness.tracelabel(["registry", "export", "--registry", url, "--out", file])
        #expect(exported.status == 0, "\(exported.stderr)")
        let report = try RegistryVerifier(path: file).verify()
        #expect(report.isIntact && report.openJobs == 0 && report.jobs == 24, "\(report.summary)")
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 24 * 3 + total) // per job: open, reserve, close, and one issue per code
        let issues = try RegistryFile(path: file).readRecords().filter { $0.kind == .issue }
        #expect(issues.count == total && Set(issues.compactMap(\.code)).count == total)
    }

    @Test func aRowChangedBySuperuserIsNamedByVerify() async throws {
        let server = try ThrowawayPostgres()
        defer { server.stop() }
        let url = try await Self.freshRegistry("tampered", on: server)
        _ = try await PostgresRegistry.using(try PostgresRegistryURL(url)) { try await Self.runJob($0, job: "JT", count: 5) }
        let changed = try Harness.run("/usr/sbin/runuser", ["-u", "postgres", "--", "psql", "-h", server.directory.path, "-p",
            try String(contentsOf: server.directory.appendingPathComponent("port"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
            "-U", "postgres", "-d", "tampered", "-v", "ON_ERROR_STOP=1", "-q",
            "-c", "ALTER TABLE tracelabel_records DISABLE TRIGGER tracelabel_records_append_only",
            "-c", "UPDATE tracelabel_records SET line = replace(line, '(21)0000000003', '(21)0000000099') WHERE seq = 4"])
        #expect(changed.status == 0, "\(changed.stderr)")
        let file = try Harness.temporaryDirectory().appendingPathComponent("export.jsonl").path
        #expect(try Harness.tracelabel(["registry", "export", "--registry", url, "--out", file]).status == 0)
        let verify = try Harness.tracelabel(["verify", "--registry", file])
        #expect(verify.status != 0)
        // The record after the edited one no longer chains: line 6 (seq 5) is named.
        #expect(verify.stdout.contains("line 6") || verify.stderr.contains("line 6"), "\(verify.stdout) \(verify.stderr)")
    }

    @Test func badURLsAreRefusedNamingWhatIsWrong() throws {
        for (text, fragment) in [("postgres://host/db", "names no user"), ("postgres://u@host/", "names no database"),
                                 ("postgres://u@host/db?sslmode=require", "unknown parameter 'sslmode'"), ("mysql://u@h/db", "must be postgres://")] {
            #expect(throws: PostgresRegistryError.self) { try PostgresRegistryURL(text) }
            do { _ = try PostgresRegistryURL(text) } catch { #expect(error.description.contains(fragment), "\(text): \(error)") }
        }
        let socket = try PostgresRegistryURL("postgres://tl@/trace?host=/run/postgresql")
        #expect(socket.endpoint == .socket(path: "/run/postgresql/.s.PGSQL.5432"))
        let unreachable = try Harness.tracelabel(["registry", "migrate", "--registry", "postgres://tl@127.0.0.1:1/none"])
        #expect(unreachable.status == 75, "\(unreachable.stderr)")
        #expect(unreachable.stderr.contains("postgres://tl@127.0.0.1:1/none"))
    }
}
