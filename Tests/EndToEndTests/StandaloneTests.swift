import Foundation
import Testing
import _TraceTestSupport

/// The repository stands alone: nothing in it names a path outside it, and the tests run with the folders beside
/// the checkout hidden. These tests run the two scripts `make test` relies on, against planted faults.
struct StandaloneTests {
    @Test func theCheckoutNamesNoPathOutsideItself() throws {
        let out = try Harness.run("/bin/bash", [Harness.root.appendingPathComponent("tools/check-standalone.sh").path])
        #expect(out.status == 0, "\(out.stderr)")
    }

    /// A copy of the checker in a throw-away repository with one planted read of a sibling folder must fail and name it.
    /// (The planted path is assembled at run time: written out here, it would trip the checker on this file.)
    @Test func theCheckerFailsOnAPlantedReadOfASibling() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let repo = dir.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("tools"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("Tests"), withIntermediateDirectories: true)
        let script = repo.appendingPathComponent("tools/check-standalone.sh").path
        try FileManager.default.copyItem(atPath: Harness.root.appendingPathComponent("tools/check-standalone.sh").path, toPath: script)
        #expect(try Harness.run("/usr/bin/git", ["init", "-q", repo.path]).status == 0)
        try "let ok = \"data/x.txt\"\nlet range = a..b\n".write(to: repo.appendingPathComponent("Tests/Fine.swift"), atomically: true, encoding: .utf8)
        #expect(try Harness.run("/bin/bash", [script]).status == 0)
        let up = String(repeating: ".", count: 2)
        let sibling = "sha" + "red/da" + "ta"
        try "let p = root + \"/\(up)/\(sibling)/dictionary.txt\"\n".write(to: repo.appendingPathComponent("Tests/Reads.swift"), atomically: true, encoding: .utf8)
        let out = try Harness.run("/bin/bash", [script])
        #expect(out.status == 1)
        #expect(out.stderr.contains("Tests/Reads.swift:1:"), "\(out.stderr)")
    }

    /// The wrapper hides a sibling folder from the command it runs (as root; elsewhere it says it cannot).
    @Test func theTestWrapperHidesTheFoldersBesideTheCheckout() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let repo = dir.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("tools"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("neighbour/files"), withIntermediateDirectories: true)
        try "secret".write(to: dir.appendingPathComponent("neighbour/files/x.txt"), atomically: true, encoding: .utf8)
        let script = repo.appendingPathComponent("tools/without-siblings.sh").path
        try FileManager.default.copyItem(atPath: Harness.root.appendingPathComponent("tools/without-siblings.sh").path, toPath: script)
        let out = try Harness.run("/bin/bash", [script, "/bin/cat", dir.appendingPathComponent("neighbour/files/x.txt").path])
        if geteuid() == 0 {
            #expect(out.status != 0 && !out.stdout.contains("secret"), "the sibling was readable: \(out.stdout) \(out.stderr)")
            #expect(out.stderr.contains("hidden for"), "\(out.stderr)")
        } else {
            #expect(out.stdout == "secret" && out.stderr.contains("cannot hide"), "\(out.stderr)")
        }
        // The checkout itself stays readable.
        let own = try Harness.run("/bin/bash", [script, "/bin/ls", repo.appendingPathComponent("tools").path])
        #expect(own.status == 0 && own.stdout.contains("without-siblings.sh"))
    }
}
