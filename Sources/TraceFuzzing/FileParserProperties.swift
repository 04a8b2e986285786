import Foundation
import TraceCore
import TraceJob
import TraceRender

/// The YAML readers, which take a path: each input is written to a file of its own in a private folder first.
enum FileParserProperties {
    /// A folder per process, under the system's temporary directory, reused for every input.
    nonisolated(unsafe) static var folder: String = {
        let path = NSTemporaryDirectory() + "tracelabel-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    static func write(_ bytes: [UInt8], as name: String) -> String {
        let path = folder + "/" + name
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    /// Any product file: a spec or an error, never a crash; a spec's values are the ones validation allows.
    static func productFile(_ bytes: [UInt8]) -> Bool {
        let path = write(bytes, as: "product.yaml")
        guard let spec = try? ProductFile.load(path: path, today: CalendarDate(year: 2026, month: 11, day: 28)) else { return false }
        if let gtin = spec.gtin, (try? GTIN(gtin.digits14)) == nil {
            FuzzFailure.stop("product file accepted GTIN \(gtin.digits14), which GTIN refuses", bytes)
        }
        return true
    }

    /// Any template file: a template or an error, never a crash; an accepted template lies inside its label.
    static func template(_ bytes: [UInt8]) -> Bool {
        let path = write(bytes, as: "template.yaml")
        guard let library = try? TemplateLibrary.standard(), let template = try? library.template(path) else { return false }
        let s = template.symbol
        guard template.width > 0, template.height > 0, s.x >= 0, s.y >= 0,
              s.x + s.maxWidth <= template.width + 1e-9, s.y + s.maxHeight <= template.height + 1e-9 else {
            FuzzFailure.stop("template accepted with its symbol outside the \(template.width) × \(template.height) mm label", bytes)
        }
        for t in template.texts where t.x < 0 || t.y < 0 || t.x + t.width > template.width + 1e-9 || t.y + t.height > template.height + 1e-9 {
            FuzzFailure.stop("template accepted with a text box outside the label: \(t.x), \(t.y), \(t.width) × \(t.height)", bytes)
        }
        return true
    }
}
