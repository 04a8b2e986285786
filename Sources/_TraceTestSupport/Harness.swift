import Foundation

/// Paths and process helpers for tests that run the built `tracelabel` and the Python oracles.
public enum Harness {
    /// The repository root, found from this file's path.
    public static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built CLI, next to the test bundle.
    public static var tracelabel: String {
        // `make faults` points the tests at the release build.
        if let chosen = ProcessInfo.processInfo.environment["TRACELABEL_BIN"], !chosen.isEmpty { return chosen }
        let buildDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidate = buildDir.appendingPathComponent("tracelabel").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        return root.appendingPathComponent(".build/debug/tracelabel").path
    }

    public static var python: String { root.appendingPathComponent(".venv/bin/python").path }

    public struct Output {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// Runs `executable` with `arguments` from the repository root (or `cwd`) and collects its output.
    /// - Parameter environment: the whole environment of the process; `nil` inherits this one.
    public static func run(_ executable: String, _ arguments: [String], cwd: URL? = nil,
                           environment: [String: String]? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = cwd ?? root
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes concurrently with the process so a full pipe never blocks it.
        nonisolated(unsafe) var errData = Data()
        let errReader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        errReader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errReader.isFinished { usleep(1000) }
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    public static func tracelabel(_ arguments: [String]) throws -> Output { try run(tracelabel, arguments) }

    /// `tracelabel` with `arguments` as a process not yet started, run from the checkout with its output discarded:
    /// for tests that start, watch and kill it.
    public static func tracelabelProcess(_ arguments: [String]) -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tracelabel)
        p.arguments = arguments
        p.currentDirectoryURL = root
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        return p
    }

    /// A fresh temporary directory, removed by the caller.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tracelabel-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// One decoded image from tools/decode.py.
    public struct DecodedImage: Decodable {
        public struct Symbol: Decodable {
            public let text: String
            public let bytes: String
            public let format: String
            public let symbology_identifier: String
            public let gs1: Bool
            /// Top-left of the symbol in the image, in pixels.
            public let x: Int
            public let y: Int
        }
        public let file: String
        public let width: Int
        public let height: Int
        public let mode: String
        public let dpi: [Int]
        public let symbols: [Symbol]
    }

    /// Decodes images with zxing-cpp (the reference reader).
    public static func decode(_ files: [String]) throws -> [DecodedImage] {
        let result = try run(python, [root.appendingPathComponent("tools/decode.py").path] + files)
        guard result.status == 0 else { throw HarnessError(message: "decode.py failed: \(result.stderr)") }
        return try result.stdout.split(separator: "\n").map { try JSONDecoder().decode(DecodedImage.self, from: Data($0.utf8)) }
    }

    /// Registry lines parsed as JSON objects.
    public static func registryLines(_ path: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    /// Every file under `directory`, hidden ones included.
    public static func files(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }
}

/// A helper process failed.
public struct HarnessError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

extension Harness {
    /// The text of `examples/<name>` made to stand anywhere: its producer file's data written inline as the
    /// `producer:` section and every document path made absolute, so a test can edit it and write it to a
    /// temporary folder.
    public static func exampleProduct(_ name: String) throws -> String {
        let examples = root.appendingPathComponent("examples")
        let text = try String(contentsOf: examples.appendingPathComponent(name), encoding: .utf8)
        var out: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("producer: ") {
                let file = line.dropFirst("producer: ".count).split(separator: " ")[0]
                let party = try String(contentsOf: examples.appendingPathComponent(String(file)), encoding: .utf8)
                out.append("producer:")
                var inParty = false
                for p in party.split(separator: "\n") {
                    if p.hasPrefix("party:") { inParty = true; continue }
                    if !p.hasPrefix(" ") { inParty = false }
                    if inParty && !p.contains("role:") { out.append(String(p)) }
                }
            } else {
                out.append(String(line))
            }
        }
        return out.joined(separator: "\n").replacingOccurrences(of: "file: documents/", with: "file: \(examples.path)/documents/")
    }
}
