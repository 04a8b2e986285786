import Foundation
import TraceCore
import TraceRender

/// The job manifest a printer daemon waits for: written last, so when it exists every label file is complete.
///
/// It is JSON: `labels` (one entry per file, in print order) and the job's `dpi`, `gtin`, `job`, `line`, `shift`
/// and `template`. Entries are streamed to a hidden temporary file as labels are delivered, so a long job's memory
/// does not grow with its manifest; ``SpoolManifest/Writer/deliver(name:job:line:shift:gtin:dpi:template:)`` closes the
/// JSON and gives the file its final name.
public struct SpoolManifest: Codable, Sendable {
    public struct Entry: Codable, Sendable {
        public let file: String
        public let code: String
        public let digitalLink: String
        public let sha256: String
        public let bytes: Int

        public init(file: String, code: String, digitalLink: String, sha256: String, bytes: Int) {
            self.file = file
            self.code = code
            self.digitalLink = digitalLink
            self.sha256 = sha256
            self.bytes = bytes
        }
    }

    public let job: String
    public let line: String
    public let shift: String
    public let gtin: String
    public let dpi: Int
    public let template: String
    public let labels: [Entry]

    /// Streams entries to the spool and delivers the manifest at the end.
    public final class Writer {
        let file: StreamedSpoolFile
        private var count = 0

        /// Opens the temporary manifest of `job` in `spool`.
        public init(spool: SpoolDirectory, job: String) throws {
            file = try StreamedSpoolFile(spool: spool, stem: "\(job).manifest")
            try file.append(Array("{\n  \"labels\" : [".utf8))
        }

        /// Appends entries (one write for the lot).
        public func append(_ entries: [Entry]) throws {
            guard !entries.isEmpty else { return }
            var out = ""
            out.reserveCapacity(entries.count * 260)
            for e in entries {
                out += count == 0 ? "\n    " : ",\n    "
                out += "{\"bytes\" : \(e.bytes), \"code\" : \(json(e.code)), \"digitalLink\" : \(json(e.digitalLink)), "
                out += "\"file\" : \(json(e.file)), \"sha256\" : \(json(e.sha256))}"
                count += 1
            }
            try file.append(Array(out.utf8))
        }

        /// Closes the JSON, syncs it and delivers it as `name`; returns its path.
        public func deliver(name: String, job: String, line: String, shift: String, gtin: String, dpi: Int, template: String) throws -> String {
            let tail = "\n  ],\n  \"dpi\" : \(dpi),\n  \"gtin\" : \(json(gtin)),\n  \"job\" : \(json(job)),\n  \"line\" : \(json(line)),\n"
                + "  \"shift\" : \(json(shift)),\n  \"template\" : \(json(template))\n}\n"
            try file.append(Array(tail.utf8))
            return try file.commit(as: name)
        }

        /// Drops the temporary manifest.
        public func discard() { file.discard() }

        /// A JSON string literal (`JSONString`: a JSONEncoder per entry costs more than rendering the label's text).
        func json(_ s: String) -> String { JSONString.quoted(s) }
    }
}
