import Foundation
import Testing
import _TraceTestSupport

/// `make install`'s layout: the binary run from an unrelated folder finds the templates installed beside it.
@Suite(.serialized) struct InstallTests {
    @Test func anInstalledTracelabelIssuesLabelsFromAnyFolder() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let prefix = dir.appendingPathComponent("prefix").path
        // What `make install` runs after its release build, here with the debug binary the tests were built with.
        let install = try Harness.run("/bin/bash", [Harness.root.appendingPathComponent("tools/install.sh").path, Harness.tracelabel, prefix])
        #expect(install.status == 0, "\(install.stderr)")
        let bin = prefix + "/bin/tracelabel"
        #expect(FileManager.default.isExecutableFile(atPath: bin))
        let share = prefix + "/share/tracelabel"
        for file in ["templates/battery-70x37.yaml", "templates/sheets/a4-70x37.yaml", "templates/README.md", "fonts/README.md", "README.md"] {
            #expect(FileManager.default.fileExists(atPath: "\(share)/\(file)"), "\(file) not installed")
        }

        // An empty working directory, no TRACELABEL_TEMPLATES, and the binary started through PATH (argv[0] is then
        // a bare name): only the installation can supply the templates.
        let work = dir.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment["TRACELABEL_TEMPLATES"] = nil
        environment["PATH"] = "\(prefix)/bin:" + (environment["PATH"] ?? "/usr/bin:/bin")
        let list = try Harness.run("/usr/bin/env", ["tracelabel", "template", "list"], cwd: work, environment: environment)
        #expect(list.status == 0, "\(list.stderr)")
        let installed = URL(fileURLWithPath: share).resolvingSymlinksInPath().path + "/templates"
        #expect(list.stdout.hasPrefix("templates (\(installed))"), "\(list.stdout)")
        for name in ["battery-60x40", "battery-70x37", "cable-reel-100x70", "product-105x57", "small-50x30", "a4-70x37", "a4-105x57", "roll"] {
            #expect(list.stdout.contains(name), "\(name) missing from:\n\(list.stdout)")
        }

        let product = Harness.root.appendingPathComponent("examples/ebike-battery.yaml").path
        let issue = try Harness.run(bin, ["issue", "--product", product, "--count", "3", "--line", "L1", "--shift", "S1",
                                          "--registry", "registry.jsonl", "--pdf", "labels.pdf", "--spool", "spool"],
                                    cwd: work, environment: environment)
        #expect(issue.status == 0, "\(issue.stderr)")
        #expect(issue.stdout.contains("3 label(s), 3 code(s) issued"), "\(issue.stdout)")
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("registry.jsonl").path))
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("labels.pdf").path))
        let spool = work.appendingPathComponent("spool").path
        let pngs = Harness.files(in: spool).filter { $0.hasSuffix(".png") }
        #expect(pngs.count == 3)
        #expect(Harness.files(in: spool).contains { $0.hasSuffix(".manifest.json") })
        let decoded = try Harness.decode(pngs.map { "\(spool)/\($0)" })
        #expect(decoded.allSatisfy { $0.symbols.first?.text.hasPrefix("https://id.gs1.org/01/09520123456795/") == true })

        // A TRACELABEL_TEMPLATES that names no folder is refused, not silently replaced by the installation.
        environment["TRACELABEL_TEMPLATES"] = dir.appendingPathComponent("no-such-folder").path
        let wrong = try Harness.run(bin, ["template", "list"], cwd: work, environment: environment)
        #expect(wrong.status == 65, "\(wrong.stderr)")
        #expect(wrong.stderr.contains("TRACELABEL_TEMPLATES"), "\(wrong.stderr)")
    }
}
