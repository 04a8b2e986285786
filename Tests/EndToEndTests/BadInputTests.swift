import Foundation
import Testing
import _TraceTestSupport

/// Each bad input: a message naming the field, the value and the rule; non-zero exit; nothing written.
struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        /// Replacement applied to the example product file (old, new), if any.
        let edit: (String, String)?
        /// Arguments replacing the defaults (by option name).
        let overrides: [String: String]
        let expectedStatus: Int32
        let expectedMessage: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "wrong GTIN check digit", edit: ("gtin: \"9520123456795\"", "gtin: \"9520123456796\""), overrides: [:],
             expectedStatus: 65, expectedMessage: ["product.gtin: '9520123456796'", "check digit 6, expected 5", "[GTIN-CHECK]"]),
        Case(name: "missing required field", edit: ("  model: TL-4820-LFP 48V 20Ah\n", ""), overrides: [:],
             expectedStatus: 65, expectedMessage: ["product.model: is required and missing or empty [FIELD-MISSING]"]),
        Case(name: "bad USCC", edit: ("uscc: 91330106MA2H7K3LXA", "uscc: 91330106MA2H7K3LXB"), overrides: [:],
             expectedStatus: 65, expectedMessage: ["producer.uscc: '91330106MA2H7K3LXB'", "check character 'B', expected 'A'"]),
        Case(name: "recommended standard as mandatory", edit: ("mandatory_standard: GB 43854-2024", "mandatory_standard: GB/T 43854-2024"), overrides: [:],
             expectedStatus: 65, expectedMessage: ["product.mandatory_standard: 'GB/T 43854-2024'", "must be a mandatory national standard"]),
        Case(name: "Chinese in the lot", edit: ("lot: 20261127A", "lot: 批次A"), overrides: [:],
             expectedStatus: 65, expectedMessage: ["batch.lot: '批次A'", "GS1-CHARSET", "position 1"]),
        Case(name: "count zero", edit: nil, overrides: ["--count": "0"],
             expectedStatus: 64, expectedMessage: ["--count: '0': must be a whole number of labels, at least 1"]),
        Case(name: "negative count", edit: nil, overrides: ["--count": "-3"],
             expectedStatus: 64, expectedMessage: ["--count: '-3': must be a whole number of labels, at least 1"]),
        Case(name: "count not a number", edit: nil, overrides: ["--count": "ten"],
             expectedStatus: 64, expectedMessage: ["--count: 'ten': must be a whole number"]),
        Case(name: "unknown mode", edit: nil, overrides: ["--mode": "pallet"],
             expectedStatus: 64, expectedMessage: ["pallet", "--mode", "'item', 'batch' or 'category'"]),
        Case(name: "spool is a file", edit: nil, overrides: ["--spool": "FILE"],
             expectedStatus: 73, expectedMessage: ["is not a directory"]),
        Case(name: "spool cannot be created", edit: nil, overrides: ["--spool": "/proc/tracelabel-spool"],
             expectedStatus: 64, expectedMessage: ["--spool: '/proc/tracelabel-spool': its folder '/proc/tracelabel-spool' cannot be created: this file system does not take new folders"]),
        Case(name: "unsupported dpi", edit: nil, overrides: ["--dpi": "250"],
             expectedStatus: 64, expectedMessage: ["--dpi: '250': must be 203, 300 or 600"]),
    ]

    @Test(arguments: cases)
    func refusedBeforeWriting(_ c: Case) throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var product = Harness.root.appendingPathComponent("examples/ebike-battery.yaml").path
        if let (old, new) = c.edit {
            let text = try Harness.exampleProduct("ebike-battery.yaml")
            #expect(text.contains(old), "the example no longer contains '\(old)'")
            product = dir.appendingPathComponent("product.yaml").path
            try text.replacingOccurrences(of: old, with: new).write(toFile: product, atomically: true, encoding: .utf8)
        }
        let out = dir.appendingPathComponent("out")
        let blocker = dir.appendingPathComponent("FILE").path
        _ = FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
        var options: [(String, String)] = [
            ("--product", product), ("--mode", "item"), ("--count", "20"), ("--line", "L1"), ("--shift", "2026-11-27-A"),
            ("--registry", out.appendingPathComponent("registry.jsonl").path), ("--pdf", out.appendingPathComponent("L1.pdf").path),
            ("--spool", out.appendingPathComponent("spool").path),
        ]
        for (key, value) in c.overrides {
            let v = value == "FILE" ? blocker : value
            if let i = options.firstIndex(where: { $0.0 == key }) { options[i].1 = v } else { options.append((key, v)) }
        }
        let result = try Harness.tracelabel(["issue"] + options.flatMap { [$0.0, $0.1] })
        #expect(result.status == c.expectedStatus, "stderr: \(result.stderr)")
        for fragment in c.expectedMessage {
            #expect(result.stderr.contains(fragment), "message lacks '\(fragment)': \(result.stderr)")
        }
        #expect(result.stdout.isEmpty)
        // Nothing written: no registry, no PDF, no spool file.
        let written = FileManager.default.enumerator(atPath: out.path).map { $0.compactMap { $0 as? String } } ?? []
        let files = written.filter { name in
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path, isDirectory: &isDir)
            return !isDir.boolValue
        }
        #expect(files.isEmpty, "written despite the error: \(files)")
    }

    /// A PDF path that cannot become the job's PDF is refused before any code is registered or spooled, and the
    /// folders made for the job's outputs are taken back.
    @Test(arguments: [
        ("dangling symlink", "DANGLING", Int32(73), "already exists"),
        ("the registry itself", "REGISTRY", Int32(64), "is the registry"),
        ("the registry's lock", "LOCK", Int32(64), "is the registry's lock file"),
        ("a folder name", "out/new/", Int32(64), "names a folder"),
        ("under /proc", "/proc/tracelabel.pdf", Int32(64), "no file can be created in '/proc': this file system does not take new files"),
        ("under /sys", "/sys/tracelabel.pdf", Int32(64), "no file can be created in '/sys'"),
    ])
    func aPDFThatCannotBeMadeIsRefusedFirst(name: String, pdf: String, status: Int32, message: String) throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out").path
        let registry = out + "/registry.jsonl"
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("dangling.pdf").path, withDestinationPath: dir.appendingPathComponent("gone.pdf").path)
        let path = switch pdf {
        case "DANGLING": dir.appendingPathComponent("dangling.pdf").path
        case "REGISTRY": registry
        case "LOCK": registry + ".lock"
        default: pdf.hasPrefix("/") ? pdf : dir.appendingPathComponent(pdf).path + (pdf.hasSuffix("/") ? "/" : "")
        }
        let before = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        let result = try Harness.tracelabel(["issue", "--product", "examples/ebike-battery.yaml", "--count", "3", "--line", "L1", "--shift", "S",
                                             "--registry", registry, "--pdf", path, "--spool", out + "/spool/p1"])
        #expect(result.status == status, "\(name): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(name): \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: registry), "\(name): codes were registered")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == before, "\(name): folders left behind")
    }

    /// A registry is a regular file: a device or a folder is refused at once (not read for ever), exit 65, and no
    /// `.lock` companion appears beside it.
    @Test(arguments: ["/dev/null", "/dev/zero", "FOLDER"])
    func aRegistryThatIsNoFileIsRefused(_ registry: String) throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = registry == "FOLDER" ? dir.path : registry
        let lockExisted = FileManager.default.fileExists(atPath: path + ".lock")
        for command in [["issue", "--product", "examples/ebike-battery.yaml", "--count", "2", "--line", "L1", "--shift", "S"],
                        ["verify"], ["report"], ["lookup", "(01)09520123456795(21)0000000001"]] {
            let result = try Harness.tracelabel(command + ["--registry", path])
            #expect(result.status == 65, "\(command[0]): \(result.stderr)")
            #expect(result.stderr.contains("registry '\(path)' is a") && result.stderr.contains("not a regular file"), "\(command[0]): \(result.stderr)")
        }
        #expect(FileManager.default.fileExists(atPath: path + ".lock") == lockExisted, "a lock file was made beside \(path)")
    }
}

/// Read-only and amending commands never start a registry: a missing one is an error (exit 66) and nothing is made.
struct MissingRegistryTests {
    @Test func aMissingRegistryIsNamedAndNothingIsCreated() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("sub/r.jsonl").path
        let code = "(01)09520123456795(21)0000000001"
        for command in [["report"], ["verify"], ["lookup", code], ["void", "--code", code, "--reason", "x"], ["public-view", code],
                        ["flow", "list"], ["recall", "--code", code, "--reason", "x"], ["report", "--from", "2026-11-27"]] {
            let result = try Harness.tracelabel(command + ["--registry", registry])
            #expect(result.status == 66, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("registry '\(registry)' does not exist"), "\(command): \(result.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "something was created")
    }

    @Test func reportPeriodsAreReadOrRefused() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("r.jsonl").path
        #expect(try Harness.tracelabel(["issue", "--product", "examples/ebike-battery.yaml", "--count", "2", "--line", "L1", "--shift", "S", "--registry", registry]).status == 0)
        let bad = try Harness.tracelabel(["report", "--registry", registry, "--from", "yesterday"])
        #expect(bad.status == 64 && bad.stderr.contains("--from: 'yesterday': must be a date"))
        let reversed = try Harness.tracelabel(["report", "--registry", registry, "--from", "2026-11-29", "--to", "2026-11-28"])
        #expect(reversed.status == 64 && reversed.stderr.contains("is after --to '2026-11-28'"))
        // Today (UTC) as a whole day holds the job; a zoned time after it does not.
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        let day = try Harness.tracelabel(["report", "--registry", registry, "--from", today, "--to", today, "--json"])
        #expect(day.status == 0 && day.stdout.contains("\"issued\" : 2"), "\(day.stdout)")
        let later = try Harness.tracelabel(["report", "--registry", registry, "--from", "2099-01-01T00:00:00+08:00", "--json"])
        #expect(later.status == 0 && !later.stdout.contains("\"issued\" : 2") && later.stdout.contains("\"rows\""), "\(later.stdout)")
    }
}

/// A job refused inside the registry lock leaves the registry byte for byte as it was, torn tail included: repairs
/// are made only by a writer that appends.
struct RefusedJobTests {
    @Test func aRefusedJobOnATornRegistryChangesNothing() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("r.jsonl").path
        #expect(try Harness.tracelabel(["issue", "--product", "examples/ebike-battery.yaml", "--count", "2", "--line", "L1", "--shift", "S", "--registry", registry]).status == 0)
        let handle = try #require(FileHandle(forWritingAtPath: registry))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"seq":9,"kind":"iss"#.utf8))
        handle.closeFile()
        let before = try Data(contentsOf: URL(fileURLWithPath: registry))
        let narrow = dir.appendingPathComponent("narrow.yaml").path
        try Harness.exampleProduct("ebike-battery.yaml").replacingOccurrences(of: "serial_width: 10", with: "serial_width: 6")
            .write(toFile: narrow, atomically: true, encoding: .utf8)
        // Refused only inside the lock, once the registry's counters are known: 999,998 codes fit a 6-digit serial
        // space but not what is left of it after the 2 issued.
        let refused = try Harness.tracelabel(["issue", "--product", narrow, "--count", "999998", "--line", "L1", "--shift", "S", "--registry", registry])
        #expect(refused.status == 65 && refused.stderr.contains("the serial space ends at 999999"), "\(refused.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: registry)) == before, "the refused job changed the registry")
        // The next job that appends repairs the tail and says so.
        #expect(try Harness.tracelabel(["issue", "--product", "examples/ebike-battery.yaml", "--count", "1", "--line", "L1", "--shift", "S", "--registry", registry]).status == 0)
        let kinds = try Harness.registryLines(registry).map { $0["kind"] as? String ?? "" }
        #expect(kinds.contains("recovery"))
        #expect(try Harness.tracelabel(["verify", "--registry", registry]).status == 0)
    }

    @Test func aJobRefusedOnANewRegistryLeavesNoEmptyRegistry() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("r.jsonl").path
        let narrow = dir.appendingPathComponent("narrow.yaml").path
        try Harness.exampleProduct("ebike-battery.yaml").replacingOccurrences(of: "serial_width: 10", with: "serial_width: 6")
            .write(toFile: narrow, atomically: true, encoding: .utf8)
        // More than the whole serial space: refused before the registry or its lock file is touched.
        let refused = try Harness.tracelabel(["issue", "--product", narrow, "--count", "2000000", "--line", "L1", "--shift", "S", "--registry", registry])
        #expect(refused.status == 64 && refused.stderr.contains("--count: '2000000': is more than the 999999 codes"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: registry), "an empty registry was left behind")
        #expect(!FileManager.default.fileExists(atPath: registry + ".lock"), "a lock file was left behind")
    }
}
