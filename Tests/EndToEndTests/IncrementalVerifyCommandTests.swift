import Foundation
import Testing
import _TraceTestSupport

/// `tracelabel checkpoint` writes the signed state beside the checkpoint; `verify --since` checks only what follows,
/// fails on a record altered after it, and refuses a state that is not the checkpoint's.
@Suite(.serialized) struct IncrementalVerifyCommandTests {
    @Test func verifySinceChecksTheNewRecordsAndRefusesWhatDoesNotMatch() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("registry.jsonl").path
        func issue(_ count: Int) throws {
            let r = try Harness.tracelabel(["issue", "--product", "examples/ebike-battery.yaml", "--mode", "item", "--count", String(count),
                                           "--line", "L1", "--shift", "S", "--registry", registry])
            #expect(r.status == 0, "\(r.stderr)")
        }
        try issue(30)
        let key = dir.appendingPathComponent("sign.key").path, pub = dir.appendingPathComponent("sign.pub.pem").path
        #expect(try Harness.tracelabel(["keygen", "--signing-key", key, "--public-key", pub]).status == 0)
        let cp = dir.appendingPathComponent("cp1.txt").path
        let made = try Harness.tracelabel(["checkpoint", "--registry", registry, "--signing-key", key, "--out", cp])
        #expect(made.status == 0 && FileManager.default.fileExists(atPath: cp + ".state"), "\(made.stdout)\(made.stderr)")
        let covered = try String(contentsOfFile: registry, encoding: .utf8).split(separator: "\n").count
        try issue(12)
        let total = try String(contentsOfFile: registry, encoding: .utf8).split(separator: "\n").count

        let since = try Harness.tracelabel(["verify", "--registry", registry, "--since", cp, "--public-key", pub])
        #expect(since.status == 0 && since.stdout.contains("since checkpoint: checked the \(total - covered) record(s) after the \(covered) it signed"),
                "\(since.stdout)\(since.stderr)")
        #expect(since.stdout.contains("item codes issued 12,"), "\(since.stdout)")

        // A record after the checkpoint removed: found, exit 65 naming the line.
        let text = try String(contentsOfFile: registry, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines.remove(at: covered + 2)
        try lines.joined(separator: "\n").write(toFile: registry, atomically: true, encoding: .utf8)
        let tampered = try Harness.tracelabel(["verify", "--registry", registry, "--since", cp, "--public-key", pub])
        #expect(tampered.status == 65 && tampered.stdout.contains("first problem: line \(covered + 3): seq is"), "\(tampered.stdout)")

        // A later checkpoint given with the first one's state: refused before anything is read.
        try text.write(toFile: registry, atomically: true, encoding: .utf8)
        let cp2 = dir.appendingPathComponent("cp2.txt").path
        #expect(try Harness.tracelabel(["checkpoint", "--registry", registry, "--signing-key", key, "--out", cp2]).status == 0)
        let mixed = try Harness.tracelabel(["verify", "--registry", registry, "--since", cp2, "--state", cp + ".state", "--public-key", pub])
        #expect(mixed.status != 0 && mixed.stderr.contains("the saved state is of checkpoint"), "\(mixed.stdout)\(mixed.stderr)")
    }
}
