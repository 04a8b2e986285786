import Foundation
import _TraceTestSupport

/// A real `tracelabel serve` on a free loopback port, over a temporary registry, products folder and token file.
/// Stop it with ``stop()`` (SIGTERM) in a `defer`.
final class LiveServer {
    let directory: URL
    let port: Int
    let process: Process
    /// Tokens by name, as `tracelabel token add` printed them.
    let tokens: [String: String]

    var base: String { "http://127.0.0.1:\(port)" }
    var registry: String { directory.appendingPathComponent("registry.jsonl").path }
    var products: URL { directory.appendingPathComponent("products") }

    /// One token to add: name, role, products, lines.
    struct TokenSpec {
        let name: String
        let role: String
        var products: [String] = []
        var lines: [String] = []
    }

    /// The default tokens: one per role, and a line token limited to the e-bike battery on line L1.
    static let standardTokens = [
        TokenSpec(name: "admin", role: "admin"), TokenSpec(name: "qa", role: "qa"), TokenSpec(name: "seller", role: "seller"),
        TokenSpec(name: "line", role: "line"),
        TokenSpec(name: "line-ebike-L1", role: "line", products: ["ebike-battery"], lines: ["L1"]),
    ]

    /// Starts the server with the example products (made to stand alone) and `extraProducts` (name → YAML).
    init(extraProducts: [String: String] = [:], tokens specs: [TokenSpec] = LiveServer.standardTokens,
         maxBodyBytes: Int = 65536, maxCount: Int = 500, resolverBase: String = "https://id.gs1.org",
         idleTimeoutSeconds: Int = 30) throws {
        directory = try Harness.temporaryDirectory()
        let fm = FileManager.default
        try fm.createDirectory(at: directory.appendingPathComponent("products"), withIntermediateDirectories: true)
        try fm.copyItem(at: Harness.root.appendingPathComponent("examples/gas-stove-ecodes.csv"),
                        to: directory.appendingPathComponent("products/gas-stove-ecodes.csv"))
        for name in ["ebike-battery", "cable-reel", "gas-stove"] {
            try Harness.exampleProduct("\(name).yaml").write(to: directory.appendingPathComponent("products/\(name).yaml"), atomically: true, encoding: .utf8)
        }
        for (name, text) in extraProducts {
            try text.write(to: directory.appendingPathComponent("products/\(name).yaml"), atomically: true, encoding: .utf8)
        }
        let config = """
        listen: {host: 127.0.0.1, port: 0}
        registry: registry.jsonl
        products: products
        jobs: jobs
        printers: {printer-1: spool/printer-1}
        tokens: tokens.yaml
        limits: {max_body_bytes: \(maxBodyBytes), max_count: \(maxCount), scan_alert: 5, idle_timeout_seconds: \(idleTimeoutSeconds)}
        resolver: {base_url: "\(resolverBase)", name: Test resolver}
        """
        try config.write(to: directory.appendingPathComponent("service.yaml"), atomically: true, encoding: .utf8)
        var made: [String: String] = [:]
        for spec in specs {
            let args = ["token", "add", "--file", directory.appendingPathComponent("tokens.yaml").path, "--name", spec.name, "--role", spec.role]
                + spec.products.flatMap { ["--product", $0] } + spec.lines.flatMap { ["--line", $0] }
            let out = try Harness.tracelabel(args)
            guard out.status == 0 else { throw ServiceTestError(message: "token add: \(out.stderr)") }
            made[spec.name] = out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        tokens = made
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Harness.tracelabel)
        process.arguments = ["serve", "--config", directory.appendingPathComponent("service.yaml").path]
        process.currentDirectoryURL = Harness.root
        let out = Pipe()
        let log = directory.appendingPathComponent("server.log")
        _ = fm.createFile(atPath: log.path, contents: nil)
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        self.process = process
        // The first stdout line names the port.
        var text = ""
        let deadline = Date().addingTimeInterval(60)
        while !text.contains("\n"), Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let line = text.split(separator: "\n").first, let p = line.split(separator: ":").last.flatMap({ Int($0) }) else {
            process.terminate()
            throw ServiceTestError(message: "server did not start: \(text) \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        }
        port = p
        // Ready when /readyz says so.
        for _ in 0..<100 {
            if (try? get("/readyz").status) == 200 { return }
            usleep(100_000)
        }
        throw ServiceTestError(message: "server never ready")
    }

    /// The server's log (stderr).
    var log: String { (try? String(contentsOf: directory.appendingPathComponent("server.log"), encoding: .utf8)) ?? "" }

    /// SIGTERM, wait, remove the temporary folder.
    func stop(keep: Bool = false) {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        if !keep { try? FileManager.default.removeItem(at: directory) }
    }

    struct Reply {
        let status: Int
        let body: String
        let headers: String
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:] }
        /// `error.id` of an error reply.
        var errorID: String? { (json["error"] as? [String: Any])?["id"] as? String }
        var errorField: String? { (json["error"] as? [String: Any])?["field"] as? String }
    }

    /// One request with curl.
    func request(_ method: String, _ path: String, token: String? = nil, body: String? = nil, headers: [String] = [],
                 output: String? = nil) throws -> Reply {
        let headerFile = directory.appendingPathComponent("headers-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: headerFile) }
        var args = ["-s", "-X", method, "-D", headerFile, "-w", "\n%{http_code}", "--max-time", "120"]
        if let token { args += ["-H", "Authorization: Bearer \(token)"] }
        for h in headers { args += ["-H", h] }
        if let body {
            let file = directory.appendingPathComponent("body-\(UUID().uuidString)").path
            try Data(body.utf8).write(to: URL(fileURLWithPath: file))
            args += ["-H", "Content-Type: application/json", "--data-binary", "@\(file)"]
        }
        if let output { args += ["-o", output] }
        args.append(base + path)
        let out = try Harness.run("/usr/bin/curl", args)
        guard out.status == 0 else { throw ServiceTestError(message: "curl \(method) \(path): exit \(out.status) \(out.stderr)") }
        var lines = out.stdout.components(separatedBy: "\n")
        let status = Int(lines.removeLast()) ?? 0
        return Reply(status: status, body: lines.joined(separator: "\n"), headers: (try? String(contentsOfFile: headerFile, encoding: .utf8)) ?? "")
    }

    func get(_ path: String, token: String? = nil, headers: [String] = []) throws -> Reply {
        try request("GET", path, token: token, headers: headers)
    }

    func post(_ path: String, token: String? = nil, body: String? = nil) throws -> Reply {
        try request("POST", path, token: token, body: body)
    }

    /// Posts an issue job as `token` and waits for it to finish; returns the final job status.
    func runJob(_ body: String, token: String) throws -> [String: Any] {
        let created = try post("/api/v1/jobs", token: token, body: body)
        guard created.status == 202, let id = created.json["id"] as? String else {
            throw ServiceTestError(message: "job not accepted: \(created.status) \(created.body)")
        }
        return try waitForJob(id, token: token)
    }

    /// Waits for job `id` to succeed or fail; returns its final status.
    @discardableResult
    func waitForJob(_ id: String, token: String) throws -> [String: Any] {
        for _ in 0..<600 {
            let s = try get("/api/v1/jobs/\(id)", token: token).json
            if let status = s["status"] as? String, status == "succeeded" || status == "failed" { return s }
            usleep(100_000)
        }
        throw ServiceTestError(message: "job \(id) did not finish")
    }
}

extension String {
    /// Percent-encoded for one path segment.
    var pathSegment: String { addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? self }
}

extension String {
    /// This path with `query` added (after `?` or `&`).
    func adding(query: String) -> String { self + (contains("?") ? "&" : "?") + query }
}

/// A step of a service test failed.
struct ServiceTestError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
