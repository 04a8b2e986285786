/// A label design: its size and what sits where, in millimetres from the top-left corner.
///
/// Text boxes hold placeholders such as `{product.name}`, filled per label from the job's values.
public struct LabelTemplate: Sendable, Codable, Equatable {
    /// Where the symbol goes and how big its modules are.
    public struct SymbolBox: Sendable, Codable, Equatable {
        /// Top-left of the box that holds the symbol *and* its quiet zone.
        public var x: Double, y: Double
        /// The largest the symbol with its quiet zone may be.
        public var maxWidth: Double, maxHeight: Double
        /// Requested module size (X-dimension) in mm.
        public var module: Double
        /// Smallest module size allowed after snapping to printer dots.
        public var minModule: Double
    }

    /// Horizontal alignment inside a text box.
    public enum Alignment: String, Sendable, Codable { case left, center, right }

    /// A box of text. It wraps, then shrinks down to `minSize`, then the job fails.
    public struct TextBox: Sendable, Codable, Equatable {
        public var x: Double, y: Double, width: Double, height: Double
        /// Text with `{placeholders}`.
        public var text: String
        /// Font size in points, and the smallest it may shrink to.
        public var size: Double, minSize: Double
        public var bold: Bool
        public var align: Alignment
    }

    public var name: String
    public var width: Double
    public var height: Double
    public var symbol: SymbolBox
    public var texts: [TextBox]
}

extension LabelTemplate {
    /// 70 × 37 mm, three across and eight down an A4 sheet: QR on the left, product text on the right, HRI below.
    public static let battery70x37 = LabelTemplate(
        name: "battery-70x37", width: 70, height: 37,
        symbol: SymbolBox(x: 1, y: 1, maxWidth: 23, maxHeight: 29, module: 0.42, minModule: 0.33),
        texts: [
            TextBox(x: 24, y: 2, width: 44.5, height: 7, text: "{product.name}", size: 8, minSize: 6, bold: true, align: .left),
            TextBox(x: 24, y: 9.5, width: 44.5, height: 3.2, text: "型号：{product.model}", size: 6.5, minSize: 5, bold: false, align: .left),
            TextBox(x: 24, y: 12.9, width: 44.5, height: 3.2, text: "生产日期：{batch.production_date}  批号：{batch.lot}", size: 6.5, minSize: 5, bold: false, align: .left),
            TextBox(x: 24, y: 16.3, width: 44.5, height: 3.2, text: "执行标准：{product.mandatory_standard}", size: 6.5, minSize: 5, bold: false, align: .left),
            TextBox(x: 24, y: 19.7, width: 44.5, height: 3.2, text: "{product.certificate_line}", size: 6.5, minSize: 5, bold: false, align: .left),
            TextBox(x: 24, y: 23.1, width: 44.5, height: 6.5, text: "{producer.name}", size: 6, minSize: 4.5, bold: false, align: .left),
            TextBox(x: 2, y: 31, width: 66, height: 5, text: "{code.hri}", size: 6.5, minSize: 5, bold: false, align: .left),
        ])

    /// Every `{placeholder}` name the template's texts use.
    public var placeholders: [String] {
        var names: [String] = []
        for box in texts {
            var rest = Substring(box.text)
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                let name = String(rest[rest.index(after: open)..<close])
                if !names.contains(name) { names.append(name) }
                rest = rest[rest.index(after: close)...]
            }
        }
        return names
    }

    /// Substitutes `values` into `text`; unknown placeholders are left for the caller to have refused earlier.
    public static func fill(_ text: String, with values: [String: String]) -> String {
        guard text.contains("{") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            out += values[name] ?? "{\(name)}"
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }
}

/// Where labels sit on a page: page size, grid, first label's origin and the pitch between labels, in mm.
public struct SheetLayout: Sendable, Codable, Equatable {
    public var name: String
    public var pageWidth: Double, pageHeight: Double
    public var columns: Int, rows: Int
    public var originX: Double, originY: Double
    public var pitchX: Double, pitchY: Double

    public var labelsPerPage: Int { columns * rows }

    /// A4 portrait, 3 × 8 labels of 70 × 37 mm with 0.5 mm top and bottom margins.
    public static let a4_70x37 = SheetLayout(name: "a4-70x37", pageWidth: 210, pageHeight: 297, columns: 3, rows: 8,
                                             originX: 0, originY: 0.5, pitchX: 70, pitchY: 37)

    /// Top-left of slot `index` (0-based within its page), in mm.
    public func origin(ofSlot index: Int) -> (x: Double, y: Double) {
        (originX + Double(index % columns) * pitchX, originY + Double(index / columns) * pitchY)
    }
}
