import Foundation
import TraceRender

/// The job manifest a printer daemon waits for: written last, so when it exists every label file is complete.
public struct SpoolManifest: Codable, Sendable {
    public struct Entry: Codable, Sendable {
        public let file: String
        public let code: String
        public let digitalLink: String
        public let sha256: String
        public let bytes: Int
    }

    public let job: String
    public let line: String
    public let shift: String
    public let gtin: String
    public let dpi: Int
    public let template: String
    public let labels: [Entry]

    /// Delivers the manifest as `name` (default `<job>.manifest.json`) and returns its path.
    public func deliver(to spool: SpoolDirectory, name: String? = nil) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(self)
        let name = name ?? "\(job).manifest.json"
        try spool.deliver(name: name, bytes: Array(data))
        return (spool.path as NSString).appendingPathComponent(name)
    }
}
