import Foundation
import Testing
import _TraceTestSupport
import TraceRegistry

/// The crash harness of `make faults` (issue 14): issue jobs of every mode and code source (sequential, FF1, lots
/// from a format, category, an Ecode pool), with PDFs and PNG spools, SIGKILLed at random moments, and checkpoints
/// killed while they are written. After every kill:
/// - `verify` passes: the chain holds, no code is issued twice, every gap lies inside a reservation;
/// - a PDF under its final name is whole (it ends with `%%EOF`), never a torn one;
/// - every label a printer daemon can see (a spool file not starting with `.`) is a whole PNG of a label whose
///   code is registered: label n of a job exists only if the job registered at least n labels;
/// - a manifest, if one is visible, lists exactly the job's visible labels with their sizes;
/// - a checkpoint under its final name verifies against the registry.
///
/// `make test` runs a short round (TRACELABEL_FAULT_KILLS, default 16); `make faults` runs 500 kills against the
/// release build.
@Suite(.serialized) struct CrashFaultTests {
    static let targetKills = Int(ProcessInfo.processInfo.environment["TRACELABEL_FAULT_KILLS"] ?? "") ?? 16

    struct Job {
        let product: String
        let mode: String
        let count: Int
        let outputs: [String]
    }

    static func process(_ arguments: [String]) -> Process { Harness.tracelabelProcess(arguments) }

    static func size(_ path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : 0
    }

    /// Products for every code source, in `dir`.
    static func products(in dir: URL) throws -> [String: String] {
        let processProducts = try RegistryProcessTests.products(in: dir)
        let codes = (1...30_000).map { "10096" + String(format: "%020ld", 5_000_000_000 + $0 * 7) }
        try (codes.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("pool.txt"), atomically: true, encoding: .utf8)
        let ecode = dir.appendingPathComponent("ecode.yaml").path
        try Harness.exampleProduct("gas-stove.yaml").replacingOccurrences(of: "pool: gas-stove-ecodes.csv", with: "pool: pool.txt")
            .write(toFile: ecode, atomically: true, encoding: .utf8)
        return ["sequential": processProducts.sequential, "ff1": processProducts.ff1, "lots": processProducts.lots, "ecode": ecode]
    }

    static func randomJob(_ products: [String: String], dir: URL, serial: Int, using rng: inout SystemRandomNumberGenerator) -> Job {
        let (product, mode, count): (String, String, Int) = switch Int.random(in: 0..<6, using: &rng) {
        case 0: (products["sequential"]!, "item", Int.random(in: 50...3000, using: &rng))
        case 1: (products["ff1"]!, "item", Int.random(in: 50...3000, using: &rng))
        case 2: (products["lots"]!, "batch", Int.random(in: 50...2000, using: &rng))
        case 3: (products["sequential"]!, "category", Int.random(in: 50...2000, using: &rng))
        default: (products["ecode"]!, "item", Int.random(in: 50...1500, using: &rng))
        }
        var outputs: [String] = []
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: break
        case 1: outputs = ["--pdf", dir.appendingPathComponent("job-\(serial).pdf").path]
        case 2: outputs = ["--spool", dir.appendingPathComponent("spool").path, "--dpi", "203"]
        default: outputs = ["--pdf", dir.appendingPathComponent("job-\(serial).pdf").path,
                            "--spool", dir.appendingPathComponent("spool").path, "--dpi", "203"]
        }
        return Job(product: product, mode: mode, count: count, outputs: outputs)
    }

    /// Every promise of the registry and of the outputs, checked after a kill; returns the problems found.
    static func problems(registry: String, dir: URL) throws -> [String] {
        var found: [String] = []
        // A registry that never got a record is removed again by the job that made it: nothing to verify.
        let exists = FileManager.default.fileExists(atPath: registry)
        if exists {
            let report = try RegistryVerifier(path: registry).verify()
            if !report.isIntact { found.append("verify: \(report.summary)") }
        }
        let records = exists ? try RegistryFile(path: registry).readRecords() : []
        var labelsRegistered: [String: Int] = [:]
        var jobCount: [String: Int] = [:]
        for r in records where r.kind == .issue {
            guard let job = r.job else { continue }
            labelsRegistered[job, default: 0] += r.copies ?? 1
        }
        for r in records where r.kind == .jobOpen { if let job = r.job { jobCount[job] = r.count ?? 0 } }
        // PDFs under their final names are whole.
        for name in Harness.files(in: dir.path) where name.hasSuffix(".pdf") && !name.hasPrefix(".") && !name.contains("/") {
            let data = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path) ?? Data()
            let tail = String(decoding: data.suffix(16), as: UTF8.self)
            if !tail.contains("%%EOF") { found.append("\(name): a PDF under its final name without %%EOF (\(data.count) bytes)") }
        }
        // Visible spool files: whole PNGs of registered labels; manifests listing exactly the visible labels.
        let spool = dir.appendingPathComponent("spool").path
        let visible = Harness.files(in: spool).filter { !$0.hasPrefix(".") && !$0.contains("/") }
        var pngsByJob: [String: [String]] = [:]
        for name in visible where name.hasSuffix(".png") {
            let data = FileManager.default.contents(atPath: spool + "/" + name) ?? Data()
            let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            if Array(data.prefix(8)) != signature || !Array(data.suffix(12)).starts(with: [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44]) {
                found.append("spool/\(name): visible but not a whole PNG (\(data.count) bytes)")
            }
            // J…-000123.png: label 123 of job J…
            guard let dash = name.lastIndex(of: "-"), let n = Int(name[name.index(after: dash)...].dropLast(4)) else {
                found.append("spool/\(name): not a label file name"); continue
            }
            let job = String(name[..<dash])
            pngsByJob[job, default: []].append(name)
            if n > labelsRegistered[job, default: 0] {
                found.append("spool/\(name): label \(n) of job \(job), which registered \(labelsRegistered[job, default: 0]) label(s)")
            }
        }
        for name in visible where name.hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: spool + "/" + name),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let labels = object["labels"] as? [[String: Any]], let job = object["job"] as? String else {
                found.append("spool/\(name): a visible manifest that is not whole JSON"); continue
            }
            let listed = Set(labels.compactMap { $0["file"] as? String })
            let present = Set(pngsByJob[job] ?? [])
            if listed != present { found.append("spool/\(name): lists \(listed.count) label(s), the spool holds \(present.count) of job \(job)") }
            for label in labels {
                if let file = label["file"] as? String, let bytes = label["bytes"] as? Int, size(spool + "/" + file) != Int64(bytes) {
                    found.append("spool/\(name): \(file) has \(size(spool + "/" + file)) bytes, the manifest says \(bytes)")
                }
            }
        }
        return found
    }

    @Test func killedJobsAndCheckpointsLeaveEverythingConsistent() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let products = try Self.products(in: dir)
        let key = dir.appendingPathComponent("signing.key").path
        let keyMade = try Harness.tracelabel(["keygen", "--signing-key", key])
        #expect(keyMade.status == 0, "keygen: \(keyMade.stderr)")
        let publicKey = Harness.files(in: dir.path).first { $0.hasPrefix("signing.key") && $0.hasSuffix(".pem") }
        var rng = SystemRandomNumberGenerator()
        // A fresh folder (registry, PDFs, spool) every 25 jobs keeps each check small.
        var round = dir.appendingPathComponent("round-0")
        try FileManager.default.createDirectory(at: round, withIntermediateDirectories: true)
        var registry = round.appendingPathComponent("registry.jsonl").path
        var kills = 0, checkpointKills = 0, completed = 0, iterations = 0
        var problems: [String] = []
        while kills < Self.targetKills && iterations < Self.targetKills * 4 && problems.isEmpty {
            iterations += 1
            if iterations % 25 == 0 {
                round = dir.appendingPathComponent("round-\(iterations / 25)")
                try FileManager.default.createDirectory(at: round, withIntermediateDirectories: true)
                registry = round.appendingPathComponent("registry.jsonl").path
            }
            let before = Self.size(registry)
            let p: Process
            let isCheckpoint = before > 0 && Int.random(in: 0..<8, using: &rng) == 0
            if isCheckpoint {
                p = Self.process(["checkpoint", "--registry", registry, "--signing-key", key,
                                  "--out", round.appendingPathComponent("checkpoint-\(iterations).txt").path])
            } else {
                let job = Self.randomJob(products, dir: round, serial: iterations, using: &rng)
                p = Self.process(["issue", "--product", job.product, "--mode", job.mode, "--count", String(job.count),
                                  "--line", "L\(iterations % 3)", "--shift", "S", "--registry", registry] + job.outputs)
            }
            try p.run()
            if !isCheckpoint {
                // Wait until the job is in the registry (its job-open is durable), then kill at a random moment.
                let waitStart = Date()
                while p.isRunning && Self.size(registry) <= before && Date().timeIntervalSince(waitStart) < 10 { usleep(500) }
            }
            usleep(UInt32.random(in: 0...(isCheckpoint ? 40_000 : 400_000), using: &rng))
            if p.isRunning {
                kill(p.processIdentifier, SIGKILL)
                if isCheckpoint { checkpointKills += 1 } else { kills += 1 }
            } else {
                completed += 1
            }
            p.waitUntilExit()
            if p.terminationReason == .exit {
                #expect(p.terminationStatus == 0, "\(p.arguments?.joined(separator: " ") ?? "") failed on its own")
            }
            problems += try Self.problems(registry: registry, dir: round).map { "after kill \(kills) (\(p.arguments?.prefix(7).joined(separator: " ") ?? "")): \($0)" }
            // A checkpoint under its final name verifies.
            if isCheckpoint, let publicKey, FileManager.default.fileExists(atPath: round.appendingPathComponent("checkpoint-\(iterations).txt").path) {
                // The registry has grown only by the next jobs' records, which a checkpoint allows after what it covers.
                let checked = try Harness.tracelabel(["verify", "--registry", registry, "--checkpoint",
                                                      round.appendingPathComponent("checkpoint-\(iterations).txt").path,
                                                      "--public-key", dir.appendingPathComponent(publicKey).path])
                if checked.status != 0 { problems.append("checkpoint-\(iterations): \(checked.stderr)") }
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(10).joined(separator: "\n"))")
        // One more writer on the last registry releases whatever the last dead job held.
        let last = Self.process(["issue", "--product", products["sequential"]!, "--mode", "item", "--count", "5", "--line", "L9",
                                 "--shift", "S", "--registry", registry])
        try last.run()
        last.waitUntilExit()
        #expect(last.terminationStatus == 0)
        let report = try RegistryVerifier(path: registry).verify()
        #expect(report.isIntact && report.pendingCounters == 0 && report.openJobs == 0, "\(report.summary)")
        print("crash harness: \(kills) job kills, \(checkpointKills) checkpoint kills, \(completed) runs completed, \(iterations) runs")
        #expect(kills >= Self.targetKills * 3 / 4, "only \(kills) kills in \(iterations) runs: most jobs finished before their kill")
    }
}
