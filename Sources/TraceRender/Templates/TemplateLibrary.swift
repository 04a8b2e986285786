import Foundation
import Yams

/// The label designs in `templates/*.yaml` and sheet layouts in `templates/sheets/*.yaml`.
///
/// ```swift
/// let library = try TemplateLibrary.standard()
/// let design = try library.template("battery-60x40")
/// let sheet = try library.sheet("a4-70x37", for: design)
/// ```
public struct TemplateLibrary: Sendable {
    /// The folder holding the templates.
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The built-in library, found as ``TemplateSearch`` says: `$TRACELABEL_TEMPLATES`, else the installation beside
    /// the executable (`<prefix>/share/tracelabel/templates`), else a source checkout above it, else `./templates`.
    /// - Throws: `TemplateError` when none of them is a template folder.
    public static func standard() throws(TemplateError) -> TemplateLibrary {
        TemplateLibrary(directory: try TemplateSearch.current.directory())
    }

    /// Names of the label designs, sorted.
    public func templateNames() -> [String] { yamlNames(in: directory) }

    /// Names of the sheet layouts, sorted, `roll` first.
    public func sheetNames() -> [String] { ["roll"] + yamlNames(in: directory + "/sheets") }

    /// Loads a design by name (a file in the library) or by path (anything ending in `.yaml`/`.yml`).
    public func template(_ nameOrPath: String) throws(TemplateError) -> LabelTemplate {
        let path = isPath(nameOrPath) ? nameOrPath : "\(directory)/\(nameOrPath).yaml"
        guard FileManager.default.fileExists(atPath: path) else {
            throw TemplateError(file: nameOrPath, field: "", value: "",
                                rule: "no such template; built-in templates: \(templateNames().joined(separator: ", "))")
        }
        let file: TemplateFile = try decode(path)
        return try file.validated(file: path, directory: (path as NSString).deletingLastPathComponent)
    }

    /// Loads a sheet layout by name or path (`roll` = one label per page) and checks that `template` fits its slots.
    public func sheet(_ nameOrPath: String, for template: LabelTemplate) throws(TemplateError) -> SheetLayout {
        if nameOrPath == "roll" { return .roll(for: template) }
        let sheet = try sheet(nameOrPath)
        guard template.width <= sheet.labelWidth + 1e-9, template.height <= sheet.labelHeight + 1e-9 else {
            throw TemplateError(file: nameOrPath, field: "label", value: "\(fmt(sheet.labelWidth)) × \(fmt(sheet.labelHeight))",
                                rule: "template '\(template.name)' is \(fmt(template.width)) × \(fmt(template.height)) mm and does not fit this sheet's labels")
        }
        return sheet
    }

    /// Loads a sheet layout file by name or path (not `roll`, which depends on the label).
    public func sheet(_ nameOrPath: String) throws(TemplateError) -> SheetLayout {
        let path = isPath(nameOrPath) ? nameOrPath : "\(directory)/sheets/\(nameOrPath).yaml"
        guard FileManager.default.fileExists(atPath: path) else {
            throw TemplateError(file: nameOrPath, field: "", value: "",
                                rule: "no such sheet layout; built-in sheets: \(sheetNames().joined(separator: ", "))")
        }
        let file: SheetFile = try decode(path)
        return try file.validated(file: path)
    }

    private func isPath(_ s: String) -> Bool { s.hasSuffix(".yaml") || s.hasSuffix(".yml") || s.contains("/") }

    private func yamlNames(in dir: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    private func decode<T: Decodable>(_ path: String) throws(TemplateError) -> T {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw TemplateError(file: path, field: "", value: "", rule: "cannot be read as UTF-8 text")
        }
        do {
            return try YAMLDecoder().decode(T.self, from: text)
        } catch let error as DecodingError {
            throw TemplateError(file: path, field: Self.fieldPath(of: error), value: "", rule: Self.reason(of: error))
        } catch {
            throw TemplateError(file: path, field: "", value: "", rule: "is not valid YAML: \(error)")
        }
    }

    static func fieldPath(of error: DecodingError) -> String {
        let (path, key): ([any CodingKey], (any CodingKey)?) = switch error {
        case .keyNotFound(let k, let c): (c.codingPath, k)
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): (c.codingPath, nil)
        @unknown default: ([], nil)
        }
        var out = ""
        for k in path + (key.map { [$0] } ?? []) {
            if let i = k.intValue { out += "[\(i)]" } else { out += out.isEmpty ? k.stringValue : ".\(k.stringValue)" }
        }
        return out
    }

    static func reason(of error: DecodingError) -> String {
        switch error {
        case .keyNotFound: "is required and missing"
        case .typeMismatch(let t, _): "has the wrong type (expected \(t == Double.self ? "a number in mm" : "\(t)"))"
        case .valueNotFound: "is empty"
        case .dataCorrupted(let c): "is not valid: \(c.debugDescription)"
        @unknown default: "is not valid"
        }
    }
}
