import Foundation
import Testing
import _TraceTestSupport
import TraceRegistry

/// Storage faults injected under a real `tracelabel issue` (issue 14, part 2), through `tools/faultfs/faultfs.c`
/// loaded with LD_PRELOAD: a power loss at the Nth sync of the registry (the file keeps any prefix of what was not
/// yet synced, and the process dies), a failed fsync, and a disk that fills up in the middle of an append. Each must
/// end consistent: the outputs hold no label whose code is not durably registered, the next writer recovers, and
/// `verify` passes with no code issued twice and every gap explained.
///
/// `make test` tries a few fault points of each kind; `make faults` (TRACELABEL_FAULT_KILLS set) tries them all.
@Suite(.serialized) struct PowerLossTests {
    static let full = ProcessInfo.processInfo.environment["TRACELABEL_FAULT_KILLS"] != nil
    static let powerLossSyncs = full ? Array(1...12) : [1, 3, 5]
    static let failedSyncs = full ? Array(1...6) : [2, 4]
    static let fullDiskWrites = full ? Array(1...6) : [1, 3]

    /// The fault library, built once with the toolchain's C compiler.
    static let library: Result<String, Error> = Result {
        let dir = try Harness.temporaryDirectory()
        let out = dir.appendingPathComponent("faultfs.so").path
        // The C compiler that comes with the Swift toolchain (beside `swift`): nothing more to install.
        let source = Harness.root.appendingPathComponent("tools/faultfs/faultfs.c").path
        let built = try Harness.run("/bin/sh", ["-c", "\"$(dirname \"$(readlink -f \"$(command -v swift)\")\")/clang\" -shared -fPIC -O1 -o \"$0\" \"$1\" -ldl", out, source])
        guard built.status == 0 else { throw CocoaError(.executableLoad, userInfo: [NSDebugDescriptionErrorKey: "faultfs did not build: \(built.stderr)"]) }
        return out
    }

    struct Run {
        let status: Int32
        let stderr: String
    }

    /// `tracelabel issue` of `count` labels with a PDF and a spool under the fault `environment`.
    static func issue(count: Int, registry: String, dir: URL, serial: Int, environment: [String: String]) throws -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Harness.tracelabel)
        p.arguments = ["issue", "--product", Harness.root.appendingPathComponent("examples/ebike-battery.yaml").path,
                       "--mode", "item", "--count", String(count), "--line", "L1", "--shift", "S", "--registry", registry,
                       "--pdf", dir.appendingPathComponent("job-\(serial).pdf").path,
                       "--spool", dir.appendingPathComponent("spool").path, "--dpi", "203"]
        var env = ProcessInfo.processInfo.environment
        env["LD_PRELOAD"] = try library.get()
        env["FAULTFS_PATH"] = (registry as NSString).lastPathComponent
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let errors = Pipe()
        p.standardOutput = FileHandle.nullDevice
        p.standardError = errors
        try p.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return Run(status: p.terminationReason == .uncaughtSignal ? 128 + p.terminationStatus : p.terminationStatus, stderr: text)
    }

    /// After the fault and after the next writer: every promise holds; the final registry has nothing pending.
    static func recoverAndCheck(registry: String, dir: URL, serial: Int, what: String) throws {
        let afterFault = try CrashFaultTests.problems(registry: registry, dir: dir)
        #expect(afterFault.isEmpty, "\(what), before recovery: \(afterFault.joined(separator: "\n"))")
        let next = try issue(count: 3, registry: registry, dir: dir, serial: serial + 1000, environment: [:])
        #expect(next.status == 0, "\(what): the next writer failed: \(next.stderr)")
        let report = try RegistryVerifier(path: registry).verify()
        #expect(report.isIntact && report.pendingCounters == 0 && report.openJobs == 0, "\(what), after recovery: \(report.summary)")
        let afterRecovery = try CrashFaultTests.problems(registry: registry, dir: dir)
        #expect(afterRecovery.isEmpty, "\(what), after recovery: \(afterRecovery.joined(separator: "\n"))")
    }

    @Test(arguments: powerLossSyncs)
    func aPowerLossAtAnySyncLosesNoRegisteredLabelAndRecovers(_ sync: Int) throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("registry.jsonl").path
        // Two jobs first, so the power loss can also land inside the next job's repair of a previous one.
        for serial in 0..<2 {
            let run = try Self.issue(count: 1500, registry: registry, dir: dir, serial: serial,
                                     environment: serial == 1 ? ["FAULTFS_POWER_LOSS_AT_SYNC": String(sync), "FAULTFS_SEED": String(sync * 7919)] : [:])
            if serial == 0 { #expect(run.status == 0, "\(run.stderr)") }
            if serial == 1 { #expect(run.status == 137 || run.status == 0, "power loss at sync \(sync): exit \(run.status): \(run.stderr)") }
        }
        try Self.recoverAndCheck(registry: registry, dir: dir, serial: 2, what: "power loss at sync \(sync)")
    }

    @Test(arguments: failedSyncs)
    func aFailedFsyncStopsTheJobWithItsReasonAndRecovers(_ sync: Int) throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("registry.jsonl").path
        let run = try Self.issue(count: 2500, registry: registry, dir: dir, serial: 0, environment: ["FAULTFS_FAIL_SYNC_AT": String(sync)])
        #expect(run.status != 0, "fsync failure at sync \(sync) went unnoticed")
        #expect(run.stderr.contains("fsync") && run.stderr.contains("registry.jsonl"), "\(run.stderr)")
        try Self.recoverAndCheck(registry: registry, dir: dir, serial: 1, what: "fsync failure at sync \(sync)")
    }

    @Test(arguments: fullDiskWrites)
    func aDiskFillingUpMidAppendCutsTheAppendBackAndRecovers(_ write: Int) throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("registry.jsonl").path
        let run = try Self.issue(count: 2500, registry: registry, dir: dir, serial: 0,
                                 environment: ["FAULTFS_ENOSPC_AT_WRITE": String(write), "FAULTFS_ENOSPC_ALL": "1"])
        #expect(run.status != 0, "a full disk at write \(write) went unnoticed")
        #expect(run.stderr.contains("registry.jsonl"), "\(run.stderr)")
        // The failed append was cut back at once: the registry verifies before any recovery.
        if FileManager.default.fileExists(atPath: registry) {
            let report = try RegistryVerifier(path: registry).verify()
            #expect(report.isIntact, "full disk at write \(write): \(report.summary)")
        }
        try Self.recoverAndCheck(registry: registry, dir: dir, serial: 1, what: "full disk at write \(write)")
    }
}
