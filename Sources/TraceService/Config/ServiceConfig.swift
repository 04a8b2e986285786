import Foundation
import Yams

/// What `tracelabel serve` needs, read from a YAML file (`service.yaml`). Relative paths are taken from the
/// folder holding the file.
///
/// ```yaml
/// listen: {host: 127.0.0.1, port: 8080}
/// registry: out/registry.jsonl
/// products: examples              # product files, named by the API without .yaml
/// jobs: out/jobs                  # the API jobs' PDFs
/// printers: {printer-1: out/spool/printer-1}
/// tokens: out/tokens.yaml
/// limits: {max_body_bytes: 1048576, max_count: 10000, idle_timeout_seconds: 30}
/// resolver: {base_url: https://id.gs1.org, name: TraceLabel resolver}
/// ```
public struct ServiceConfig: Sendable {
    public var host: String
    public var port: Int
    public var registryPath: String
    public var productsDirectory: String
    public var jobsDirectory: String
    /// Spool directories by printer name: clients name a printer, never a path.
    public var printers: [String: String]
    public var tokensPath: String
    public var maxBodyBytes: Int
    public var maxCount: Int
    /// Public base URL of the resolver (scheme, host and any path prefix), e.g. `https://id.example.cn/trace`.
    public var resolverBaseURL: String
    public var resolverName: String
    /// A code scanned at least this many times, and far more than the average code, is flagged.
    public var scanAlertMinimum: Int
    /// A connection that sends nothing for this long is closed, so idle or stalled clients cannot hold the server's
    /// connections for ever.
    public var idleTimeoutSeconds: Int

    public init(host: String = "127.0.0.1", port: Int = 8080, registryPath: String, productsDirectory: String, jobsDirectory: String,
                printers: [String: String] = [:], tokensPath: String, maxBodyBytes: Int = 1 << 20, maxCount: Int = 10_000,
                resolverBaseURL: String = "https://id.gs1.org", resolverName: String = "TraceLabel resolver", scanAlertMinimum: Int = 20,
                idleTimeoutSeconds: Int = 30) {
        self.host = host
        self.port = port
        self.registryPath = registryPath
        self.productsDirectory = productsDirectory
        self.jobsDirectory = jobsDirectory
        self.printers = printers
        self.tokensPath = tokensPath
        self.maxBodyBytes = maxBodyBytes
        self.maxCount = maxCount
        self.resolverBaseURL = resolverBaseURL
        self.resolverName = resolverName
        self.scanAlertMinimum = scanAlertMinimum
        self.idleTimeoutSeconds = idleTimeoutSeconds
    }

    /// Reads and checks `path`.
    /// - Throws: ``ServiceConfigError`` naming the first bad field.
    public static func load(path: String) throws(ServiceConfigError) -> ServiceConfig {
        func fail(_ field: String, _ value: String, _ rule: String) -> ServiceConfigError {
            ServiceConfigError(file: path, field: field, value: value, rule: rule)
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw fail("(file)", path, "cannot be read") }
        let root: [String: Any]
        do {
            guard let object = try Yams.load(yaml: String(decoding: data, as: UTF8.self)) as? [String: Any] else {
                throw fail("(file)", path, "must be a YAML mapping of settings")
            }
            root = object
        } catch let e as ServiceConfigError { throw e } catch { throw fail("(file)", path, "is not valid YAML: \(error)") }
        let known: Set<String> = ["listen", "registry", "products", "jobs", "printers", "tokens", "limits", "resolver"]
        if let unknown = root.keys.sorted().first(where: { !known.contains($0) }) {
            throw fail(unknown, "", "is not a setting (known: \(known.sorted().joined(separator: ", ")))")
        }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        func absolute(_ p: String) -> String { p.hasPrefix("/") ? p : base.appendingPathComponent(p).standardizedFileURL.path }
        func string(_ object: [String: Any], _ key: String, _ field: String) throws(ServiceConfigError) -> String? {
            guard let v = object[key] else { return nil }
            guard let s = v as? String, !s.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw fail(field, "\(v)", "must be a non-empty text")
            }
            return s
        }
        func required(_ key: String) throws(ServiceConfigError) -> String {
            guard let s = try string(root, key, key) else { throw fail(key, "", "is required") }
            return s
        }
        func mapping(_ key: String) throws(ServiceConfigError) -> [String: Any] {
            guard let v = root[key] else { return [:] }
            guard let m = v as? [String: Any] else { throw fail(key, "\(v)", "must be a mapping") }
            return m
        }
        func integer(_ object: [String: Any], _ key: String, _ field: String, default value: Int, range: ClosedRange<Int>) throws(ServiceConfigError) -> Int {
            guard let v = object[key] else { return value }
            guard let n = v as? Int, range.contains(n) else {
                throw fail(field, "\(v)", "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return n
        }
        let listen = try mapping("listen")
        let host = try string(listen, "host", "listen.host") ?? "127.0.0.1"
        let port = try integer(listen, "port", "listen.port", default: 8080, range: 0...65535)
        let registry = absolute(try required("registry"))
        let products = absolute(try required("products"))
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: products, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw fail("products", products, "must be an existing folder of product files")
        }
        let jobs = absolute(try string(root, "jobs", "jobs") ?? "jobs")
        var printers: [String: String] = [:]
        for (name, value) in try mapping("printers") {
            guard PrinterName.isValid(name) else { throw fail("printers", name, "a printer name is letters, digits, '-', '_' or '.'") }
            guard let dir = value as? String, !dir.isEmpty else { throw fail("printers.\(name)", "\(value)", "must be a spool folder path") }
            printers[name] = absolute(dir)
        }
        let tokens = absolute(try required("tokens"))
        let limits = try mapping("limits")
        let maxBody = try integer(limits, "max_body_bytes", "limits.max_body_bytes", default: 1 << 20, range: 1024...(256 << 20))
        let maxCount = try integer(limits, "max_count", "limits.max_count", default: 10_000, range: 1...10_000_000)
        let scanAlert = try integer(limits, "scan_alert", "limits.scan_alert", default: 20, range: 2...1_000_000)
        let idle = try integer(limits, "idle_timeout_seconds", "limits.idle_timeout_seconds", default: 30, range: 1...3600)
        let resolver = try mapping("resolver")
        let baseURL = try string(resolver, "base_url", "resolver.base_url") ?? "https://id.gs1.org"
        guard let url = URLComponents(string: baseURL), ["http", "https"].contains(url.scheme ?? ""), url.host?.isEmpty == false,
              url.query == nil else {
            throw fail("resolver.base_url", baseURL, "must be an http(s) URL with a host and no query, e.g. https://id.example.cn")
        }
        let name = try string(resolver, "name", "resolver.name") ?? "TraceLabel resolver"
        return ServiceConfig(host: host, port: port, registryPath: registry, productsDirectory: products, jobsDirectory: jobs,
                             printers: printers, tokensPath: tokens, maxBodyBytes: maxBody, maxCount: maxCount,
                             resolverBaseURL: baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL, resolverName: name,
                             scanAlertMinimum: scanAlert, idleTimeoutSeconds: idle)
    }
}

/// Names the client may use for products and printers: never a path.
enum PrinterName {
    static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 100 && !name.hasPrefix(".")
            && name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || "-_.".unicodeScalars.contains($0) }
    }
}
