import Foundation
import TraceCore
import TraceRegistry

/// The files that master data names (party files, inspection reports, business licences): where they are and
/// what they hash to.
enum DocumentFiles {
    /// Documents larger than this are refused rather than read whole (a scanned report is a few MB).
    static let maximumBytes = 256 << 20

    /// `reference` as written in the YAML file at `yamlPath`: relative paths are relative to that file's folder,
    /// so a folder of master data can be moved or copied as a whole.
    static func resolve(_ reference: String, besides yamlPath: String) -> String {
        if reference.hasPrefix("/") { return reference }
        let folder = (yamlPath as NSString).deletingLastPathComponent
        return folder.isEmpty ? reference : (folder as NSString).appendingPathComponent(reference)
    }

    /// The SHA-256 of each document file named by one of `paths` in `fields`.
    static func digests(of fields: [String: String], paths: [String], besides yamlPath: String) -> [String: DocumentDigest] {
        var result: [String: DocumentDigest] = [:]
        for field in paths {
            guard let raw = fields[field]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { continue }
            result[field] = digest(of: resolve(raw, besides: yamlPath))
        }
        return result
    }

    static func digest(of file: String) -> DocumentDigest {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isFolder) else { return .unreadable("'\(file)' does not exist") }
        guard !isFolder.boolValue else { return .unreadable("'\(file)' is a folder, not a document") }
        guard let size = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber else {
            return .unreadable("'\(file)' cannot be examined (no permission)")
        }
        guard size.intValue <= maximumBytes else { return .unreadable("'\(file)' is \(size.intValue) bytes, over the \(maximumBytes >> 20) MiB a document may have") }
        guard let data = FileManager.default.contents(atPath: file) else { return .unreadable("'\(file)' cannot be read (no permission)") }
        return .sha256(RegistryFile.hexSHA256(data))
    }
}
