import Foundation
import TraceCore

/// Reads a party file (YAML: `party:` with role, name, uscc, address, contact, business_licence; `visibility:`)
/// into a validated ``PartySpec``, hashing the business licence file it names.
public enum PartyFile {
    /// Whether the YAML file at `path` is a party file (it has a `party:` section) rather than a product file.
    public static func isPartyFile(path: String) throws -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { throw ProductFileError.unreadable(path: path) }
        guard let text = String(data: data, encoding: .utf8) else { throw ProductFileError.notUTF8(path: path) }
        return try ProductFile.flatten(yaml: text, path: path).keys.contains { $0.hasPrefix("party.") }
    }

    /// Loads and validates `path`.
    /// - Throws: `ProductFileError` (unreadable, syntax, or every finding with its line in this file).
    public static func load(path: String) throws -> PartySpec {
        guard let data = FileManager.default.contents(atPath: path) else { throw ProductFileError.unreadable(path: path) }
        guard let text = String(data: data, encoding: .utf8) else { throw ProductFileError.notUTF8(path: path) }
        var lines: [String: Int] = [:]
        let fields = try ProductFile.flatten(yaml: text, path: path, lines: &lines)
        let documents = DocumentFiles.digests(of: fields, paths: ["party.business_licence.file"], besides: path)
        switch PartySpec.validated(fields: fields, digests: documents) {
        case .success(let party): return party
        case .failure(let error): throw ProductFileError.invalid(path: path, error, lines: lines)
        }
    }
}
