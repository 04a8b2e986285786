import Foundation
import Testing
import _TraceTestSupport

/// Runs the README's auditor recipe (python3 + openssl only) against a registry the CLI wrote and checkpointed,
/// then shows it failing on a truncated registry and on a forged checkpoint.
@Suite(.serialized) struct AuditorRecipeTests {
    static func recipe() throws -> String {
        let readme = try String(contentsOf: Harness.root.appendingPathComponent("README.md"), encoding: .utf8)
        let block = readme.components(separatedBy: "<!-- auditor-recipe:begin -->")[1].components(separatedBy: "<!-- auditor-recipe:end -->")[0]
        return block.replacingOccurrences(of: "```sh\n", with: "").replacingOccurrences(of: "```\n", with: "")
    }

    @Test func theReadmeRecipeVerifiesAndCatchesTampering() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("registry.jsonl").path
        for (mode, count) in [("item", "30"), ("batch", "5"), ("item", "7")] {
            let r = try Harness.tracelabel(["issue", "--product", "examples/ebike-battery.yaml", "--mode", mode, "--count", count,
                                           "--line", "L1", "--shift", "S", "--registry", registry])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let key = dir.appendingPathComponent("sign.key").path
        let pub = dir.appendingPathComponent("tracelabel.pub.pem").path
        #expect(try Harness.tracelabel(["keygen", "--signing-key", key, "--public-key", pub]).status == 0)
        let cp = try Harness.tracelabel(["checkpoint", "--registry", registry, "--signing-key", key, "--out", dir.appendingPathComponent("checkpoint.txt").path])
        #expect(cp.status == 0, "\(cp.stderr)")
        let verify = try Harness.tracelabel(["verify", "--registry", registry, "--checkpoint", dir.appendingPathComponent("checkpoint.txt").path, "--public-key", pub])
        #expect(verify.status == 0 && verify.stdout.contains("match the signed checkpoint"), "\(verify.stdout)\(verify.stderr)")

        let script = try Self.recipe()
        let ok = try Harness.run("/bin/bash", ["-e", "-c", script], cwd: dir)
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        #expect(ok.stdout.contains("chain intact, 37 distinct item codes") && ok.stdout.contains("Signature Verified Successfully"), "\(ok.stdout)")

        // A registry cut back by two records: the recipe and `verify` both refuse it.
        let full = try String(contentsOfFile: registry, encoding: .utf8)
        let lines = full.split(separator: "\n")
        try (lines.dropLast(2).joined(separator: "\n") + "\n").write(toFile: registry, atomically: true, encoding: .utf8)
        let cut = try Harness.run("/bin/bash", ["-e", "-c", script], cwd: dir)
        #expect(cut.status != 0 && cut.stderr.contains("truncated or rolled back"), "\(cut.stderr)")
        let cutVerify = try Harness.tracelabel(["verify", "--registry", registry, "--checkpoint", dir.appendingPathComponent("checkpoint.txt").path, "--public-key", pub])
        #expect(cutVerify.status == 65 && cutVerify.stdout.contains("rollback"), "\(cutVerify.stdout)")

        // A checkpoint edited to claim fewer records (to hide the cut): openssl rejects the signature.
        try full.write(toFile: registry, atomically: true, encoding: .utf8)
        let note = try String(contentsOfFile: dir.appendingPathComponent("checkpoint.txt").path, encoding: .utf8)
        var noteLines = note.components(separatedBy: "\n")
        noteLines[0] += " "
        try noteLines.joined(separator: "\n").write(toFile: dir.appendingPathComponent("checkpoint.txt").path, atomically: true, encoding: .utf8)
        let forged = try Harness.run("/bin/bash", ["-e", "-c", script], cwd: dir)
        #expect(forged.status != 0 && (forged.stdout + forged.stderr).contains("Signature Verification Failure"), "\(forged.stdout)\(forged.stderr)")
    }
}
