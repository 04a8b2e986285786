import Foundation
import TraceCore
import Yams

/// Reads a product file (YAML) into a validated ``ProductSpec``.
///
/// Values are taken as the literal text written in the file, so a GTIN with a leading zero or a date is never
/// reinterpreted as a number.
public enum ProductFile {
    /// Loads and validates `path`.
    /// - Throws: `ProductFileError` for unreadable files and YAML syntax, `ProductValidationError` listing every bad field.
    public static func load(path: String, today: CalendarDate) throws -> ProductSpec {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ProductFileError.unreadable(path: path)
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ProductFileError.notUTF8(path: path) }
        var lines: [String: Int] = [:]
        let fields = try flatten(yaml: text, path: path, lines: &lines)
        // `producer: <file>`: the party file registered once; its own findings name its own lines.
        var producer: PartySpec?
        if let reference = fields["producer"], !reference.trimmingCharacters(in: .whitespaces).isEmpty {
            producer = try PartyFile.load(path: DocumentFiles.resolve(reference.trimmingCharacters(in: .whitespaces), besides: path))
        }
        let documents = DocumentFiles.digests(of: fields, paths: ["product.inspection_report.file", "producer.business_licence.file"], besides: path)
        switch ProductSpec.validated(fields: fields, today: today, documents: documents, producer: producer) {
        case .success(let spec): return spec
        case .failure(let error): throw ProductFileError.invalid(path: path, error, lines: lines)
        }
    }

    /// Flattens nested mappings to dotted keys: `product: {gtin: x}` → `["product.gtin": "x"]`.
    public static func flatten(yaml text: String, path: String) throws -> [String: String] {
        var lines: [String: Int] = [:]
        return try flatten(yaml: text, path: path, lines: &lines)
    }

    /// Flattens as above and records the line of every key, dotted paths and their parents alike (`product` and
    /// `product.gtin`), so a finding names the line to edit.
    public static func flatten(yaml text: String, path: String, lines: inout [String: Int]) throws -> [String: String] {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw ProductFileError.syntax(path: path, detail: "\(error)")
        }
        guard let node, case .mapping(let mapping) = node else {
            throw ProductFileError.syntax(path: path, detail: "the top level must be a mapping (producer:, product:, batch:, code:)")
        }
        var fields: [String: String] = [:]
        func walk(_ mapping: Node.Mapping, prefix: String) throws {
            for (key, value) in mapping {
                guard let name = key.string else { throw ProductFileError.syntax(path: path, detail: "a key under '\(prefix)' is not text") }
                let full = prefix.isEmpty ? name : "\(prefix).\(name)"
                // YAML lets a repeated key silently win; a product file that says two things is refused instead.
                if let earlier = lines[full] {
                    throw ProductFileError.syntax(path: path, detail: "'\(full)' is given twice (lines \(earlier) and \(key.mark?.line ?? 0)): keep one")
                }
                if let line = key.mark?.line { lines[full] = line }
                switch value {
                case .scalar(let scalar): fields[full] = scalar.string
                case .mapping(let inner): try walk(inner, prefix: full)
                case .sequence:
                    throw ProductFileError.syntax(path: path, detail: "'\(full)' is a list; it must be a single value")
                }
            }
        }
        try walk(mapping, prefix: "")
        return fields
    }
}

/// Why a product or party file could not be used.
public enum ProductFileError: Error, CustomStringConvertible {
    case unreadable(path: String)
    case notUTF8(path: String)
    case syntax(path: String, detail: String)
    /// Every finding, with the line of each field in the file (`lines`, by dotted path).
    case invalid(path: String, ProductValidationError, lines: [String: Int])

    /// One line per finding, `file:line: error: field: message`: the line of the field, or of the section it
    /// belongs in when it is missing (line 1 when the section is missing too).
    public var findings: [String] {
        guard case .invalid(let p, let e, let lines) = self else { return [description] }
        return e.findings.map { f in
            var key = f.field
            var line = lines[key]
            while line == nil, let dot = key.lastIndex(of: ".") { key = String(key[..<dot]); line = lines[key] }
            return "\(p):\(line ?? 1): error: \(f.description)"
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let p): "\(p): cannot read the file (missing or no permission)"
        case .notUTF8(let p): "\(p): the product file is not UTF-8 text"
        case .syntax(let p, let d): "\(p): not a valid master data file (YAML): \(d)"
        case .invalid(let p, let e, _): "\(p) has \(e.findings.count) problem\(e.findings.count == 1 ? "" : "s"):\n" + findings.joined(separator: "\n")
        }
    }
}
