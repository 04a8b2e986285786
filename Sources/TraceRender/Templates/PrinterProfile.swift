import Foundation
import Yams

/// A printer's calibration, applied at output time and never part of a template: where that printer really
/// puts the label's top-left, in mm (positive x moves the print right, positive y down).
///
/// File (YAML): `name: line1-zebra`, `offset: {x: 0.5, y: -0.25}`.
public struct PrinterProfile: Sendable, Equatable {
    public var name: String
    public var offsetX: Double
    public var offsetY: Double

    public init(name: String, offsetX: Double, offsetY: Double) {
        self.name = name
        self.offsetX = offsetX
        self.offsetY = offsetY
    }

    /// No offset.
    public static let none = PrinterProfile(name: "none", offsetX: 0, offsetY: 0)

    private struct File: Decodable {
        struct Offset: Decodable { var x: Double, y: Double }
        var name: String
        var offset: Offset
    }

    /// Reads a profile file.
    /// - Throws: `TemplateError` naming the file and field; offsets beyond ±10 mm are refused as typos.
    public static func load(path: String) throws(TemplateError) -> PrinterProfile {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw TemplateError(file: path, field: "", value: "", rule: "printer profile cannot be read")
        }
        let file: File
        do { file = try YAMLDecoder().decode(File.self, from: text) } catch let error as DecodingError {
            throw TemplateError(file: path, field: TemplateLibrary.fieldPath(of: error), value: "", rule: TemplateLibrary.reason(of: error))
        } catch {
            throw TemplateError(file: path, field: "", value: "", rule: "is not valid YAML: \(error)")
        }
        for (field, v) in [("offset.x", file.offset.x), ("offset.y", file.offset.y)] where abs(v) > 10 {
            throw TemplateError(file: path, field: field, value: fmt(v), rule: "must be within ±10 mm (a larger offset is a mis-loaded roll, not calibration)")
        }
        return PrinterProfile(name: file.name, offsetX: file.offset.x, offsetY: file.offset.y)
    }

    /// The offset in whole dots at `dpi`.
    public func dots(dpi: Int) -> (dx: Int, dy: Int) {
        (Int((offsetX * Double(dpi) / 25.4).rounded()), Int((offsetY * Double(dpi) / 25.4).rounded()))
    }
}
