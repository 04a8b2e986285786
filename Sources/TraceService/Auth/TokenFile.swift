import Crypto
import Foundation
import Yams

/// One bearer token as stored: never the token itself, only the hex SHA-256 of it.
public struct TokenEntry: Sendable, Equatable {
    /// Who holds it; recorded as the operator of every write made with it.
    public var name: String
    public var role: Role
    /// Lowercase hex SHA-256 of the token.
    public var sha256: String
    /// Product names (product files without `.yaml`) it may act on; empty = any.
    public var products: [String]
    /// Production lines it may act on; empty = any.
    public var lines: [String]

    public init(name: String, role: Role, sha256: String, products: [String] = [], lines: [String] = []) {
        self.name = name
        self.role = role
        self.sha256 = sha256
        self.products = products
        self.lines = lines
    }
}

/// Why a token file cannot be used or changed.
public struct TokenFileError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let field: String
    public let value: String
    public let rule: String
    /// Stable rule id: `TOKEN-NAME-TAKEN` for a name that has a token already, else `TOKEN-FILE`.
    public var id = "TOKEN-FILE"
    public var description: String { message(naming: { $0 }) }
}

/// The token file (`tokens.yaml`): a list of ``TokenEntry``.
public enum TokenFile {
    /// Reads `path`; a missing file holds no tokens.
    public static func load(path: String) throws(TokenFileError) -> [TokenEntry] {
        func fail(_ field: String, _ value: String, _ rule: String) -> TokenFileError {
            TokenFileError(file: path, field: field, value: value, rule: rule)
        }
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        guard let data = FileManager.default.contents(atPath: path) else { throw fail("(file)", path, "cannot be read") }
        let root: Any?
        do { root = try Yams.load(yaml: String(decoding: data, as: UTF8.self)) } catch { throw fail("(file)", path, "is not valid YAML: \(error)") }
        guard let root else { return [] }
        guard let top = root as? [String: Any], let list = (top["tokens"] ?? [Any]()) as? [Any] else {
            throw fail("tokens", "", "the file must be a mapping with a 'tokens' list")
        }
        var entries: [TokenEntry] = []
        for (i, item) in list.enumerated() {
            let at = "tokens[\(i)]"
            guard let m = item as? [String: Any] else { throw fail(at, "\(item)", "must be a mapping") }
            guard let name = m["name"] as? String, !name.isEmpty else { throw fail("\(at).name", "\(m["name"] ?? "")", "is required") }
            guard let roleText = m["role"] as? String, let role = Role(rawValue: roleText) else {
                throw fail("\(at).role", "\(m["role"] ?? "")", "must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let hash = m["sha256"] as? String, hash.count == 64, hash.allSatisfy(\.isHexDigit) else {
                throw fail("\(at).sha256", "\(m["sha256"] ?? "")", "must be 64 hex digits (the SHA-256 of the token)")
            }
            let products = (m["products"] as? [Any] ?? []).map { "\($0)" }
            let lines = (m["lines"] as? [Any] ?? []).map { "\($0)" }
            entries.append(TokenEntry(name: name, role: role, sha256: hash.lowercased(), products: products, lines: lines))
        }
        return entries
    }

    /// Writes `entries` to `path` (replacing it atomically).
    public static func save(_ entries: [TokenEntry], path: String) throws {
        var list: [[String: Any]] = []
        for e in entries {
            var m: [String: Any] = ["name": e.name, "role": e.role.rawValue, "sha256": e.sha256]
            if !e.products.isEmpty { m["products"] = e.products }
            if !e.lines.isEmpty { m["lines"] = e.lines }
            list.append(m)
        }
        let text = "# TraceLabel service tokens: only SHA-256 hashes are stored (tracelabel token add).\n"
            + (try Yams.dump(object: ["tokens": list], sortKeys: true))
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// Adds a token for `name` and returns the token, which is shown once and stored only as its hash.
    /// - Throws: ``TokenFileError`` if the name is taken or empty.
    public static func add(path: String, name: String, role: Role, products: [String] = [], lines: [String] = []) throws -> String {
        var entries = try load(path: path)
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw TokenFileError(file: path, field: "name", value: name, rule: "must not be empty")
        }
        guard !entries.contains(where: { $0.name == name }) else {
            throw TokenFileError(file: path, field: "name", value: name, rule: "already has a token (names are unique: they are recorded as the operator)", id: "TOKEN-NAME-TAKEN")
        }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let token = "tl_" + bytes.map { String(format: "%02x", $0) }.joined()
        entries.append(TokenEntry(name: name, role: role, sha256: hash(token), products: products, lines: lines))
        try save(entries, path: path)
        return token
    }

    /// Lowercase hex SHA-256 of `token`.
    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
