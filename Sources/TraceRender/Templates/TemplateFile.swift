import Foundation

/// The YAML schema of `templates/*.yaml` (label designs) and `templates/sheets/*.yaml` (sheet layouts), as
/// documented in `templates/README.md`. Decoded, then checked and turned into ``LabelTemplate`` / ``SheetLayout``.
struct TemplateFile: Decodable {
    struct Symbol: Decodable {
        var x: Double, y: Double, max_width: Double, max_height: Double, module: Double, min_module: Double
        var linear_module: Double?
        var symbologies: [String]?
        var ecc: String?
        var min_version: Int?
    }
    struct Text: Decodable {
        var x: Double, y: Double, width: Double, height: Double
        var text: String
        var size: Double
        var min_size: Double?
        var weight: String?
        var align: String?
    }
    struct Line: Decodable { var x1: Double, y1: Double, x2: Double, y2: Double, thickness: Double? }
    struct Box: Decodable { var x: Double, y: Double, width: Double, height: Double, thickness: Double?, filled: Bool? }
    struct Image: Decodable { var x: Double, y: Double, width: Double, height: Double, file: String }

    var name: String
    var description: String?
    var width: Double
    var height: Double
    var sheet: String?
    var symbol: Symbol
    var texts: [Text]?
    var lines: [Line]?
    var boxes: [Box]?
    var images: [Image]?

    /// Checks every rule and builds the template; image paths are resolved against `directory`.
    func validated(file: String, directory: String) throws(TemplateError) -> LabelTemplate {
        func fail(_ field: String, _ value: Any, _ rule: String) -> TemplateError {
            TemplateError(file: file, field: field, value: "\(value)", rule: rule)
        }
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw fail("name", name, "must be 1 or more of A-Z a-z 0-9 - _")
        }
        guard width > 0, width <= 1000 else { throw fail("width", width, "must be a label width in mm, 0 < width ≤ 1000") }
        guard height > 0, height <= 1000 else { throw fail("height", height, "must be a label height in mm, 0 < height ≤ 1000") }
        func inside(_ field: String, _ x: Double, _ y: Double, _ w: Double, _ h: Double) throws(TemplateError) {
            guard x >= 0, y >= 0, w > 0, h > 0, x + w <= width + 1e-9, y + h <= height + 1e-9 else {
                throw fail(field, "x \(fmt(x)) y \(fmt(y)) w \(fmt(w)) h \(fmt(h))",
                           "must have a positive size and lie inside the \(fmt(width)) × \(fmt(height)) mm label")
            }
        }
        try inside("symbol", symbol.x, symbol.y, symbol.max_width, symbol.max_height)
        guard symbol.min_module > 0, symbol.module >= symbol.min_module else {
            throw fail("symbol.module", symbol.module, "must be at least symbol.min_module (\(fmt(symbol.min_module)) mm), which must be above 0")
        }
        if let linear = symbol.linear_module, linear < symbol.min_module {
            throw fail("symbol.linear_module", linear, "must be at least symbol.min_module (\(fmt(symbol.min_module)) mm)")
        }
        var symbologies: [Symbology] = []
        for (i, raw) in (symbol.symbologies ?? ["qr"]).enumerated() {
            guard let s = Symbology(rawValue: raw) else {
                throw fail("symbol.symbologies[\(i)]", raw, "must be one of \(Symbology.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            symbologies.append(s)
        }
        guard !symbologies.isEmpty else { throw fail("symbol.symbologies", "[]", "must list at least one symbology") }
        guard let ecc = QRCodeEncoder.ErrorCorrection(rawValue: symbol.ecc ?? "M") else {
            throw fail("symbol.ecc", symbol.ecc ?? "", "must be L, M, Q or H")
        }
        let minVersion = symbol.min_version ?? 1
        guard (1...40).contains(minVersion) else { throw fail("symbol.min_version", minVersion, "must be a QR version from 1 to 40") }
        var texts: [LabelTemplate.TextBox] = []
        for (i, t) in (self.texts ?? []).enumerated() {
            let field = "texts[\(i)]"
            try inside(field, t.x, t.y, t.width, t.height)
            let minSize = t.min_size ?? t.size
            guard t.size > 0, minSize > 0, minSize <= t.size else {
                throw fail("\(field).min_size", minSize, "must be above 0 and at most size (\(fmt(t.size)) pt)")
            }
            let weight = t.weight ?? "regular"
            guard weight == "regular" || weight == "bold" else { throw fail("\(field).weight", weight, "must be regular or bold") }
            guard let align = LabelTemplate.Alignment(rawValue: t.align ?? "left") else {
                throw fail("\(field).align", t.align ?? "", "must be left, center or right")
            }
            let content = try TemplateText(t.text, file: file, field: "\(field).text")
            texts.append(.init(x: t.x, y: t.y, width: t.width, height: t.height, content: content, size: t.size, minSize: minSize,
                               bold: weight == "bold", align: align))
        }
        var lines: [LabelTemplate.Line] = []
        for (i, l) in (self.lines ?? []).enumerated() {
            for (n, v, limit) in [("x1", l.x1, width), ("x2", l.x2, width), ("y1", l.y1, height), ("y2", l.y2, height)] where v < 0 || v > limit + 1e-9 {
                throw fail("lines[\(i)].\(n)", v, "must lie inside the label (0 to \(fmt(limit)) mm)")
            }
            let thickness = l.thickness ?? 0.25
            guard thickness > 0 else { throw fail("lines[\(i)].thickness", thickness, "must be above 0 mm") }
            lines.append(.init(x1: l.x1, y1: l.y1, x2: l.x2, y2: l.y2, thickness: thickness))
        }
        var boxes: [LabelTemplate.Box] = []
        for (i, b) in (self.boxes ?? []).enumerated() {
            try inside("boxes[\(i)]", b.x, b.y, b.width, b.height)
            let thickness = b.thickness ?? 0.25
            guard thickness > 0 else { throw fail("boxes[\(i)].thickness", thickness, "must be above 0 mm") }
            boxes.append(.init(x: b.x, y: b.y, width: b.width, height: b.height, thickness: thickness, filled: b.filled ?? false))
        }
        var images: [LabelTemplate.Image] = []
        for (i, m) in (self.images ?? []).enumerated() {
            try inside("images[\(i)]", m.x, m.y, m.width, m.height)
            let path = m.file.hasPrefix("/") ? m.file : (directory as NSString).appendingPathComponent(m.file)
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw fail("images[\(i)].file", m.file, "must name a readable PNG file (looked for '\(path)')")
            }
            images.append(.init(x: m.x, y: m.y, width: m.width, height: m.height, file: path))
        }
        let box = LabelTemplate.SymbolBox(x: symbol.x, y: symbol.y, maxWidth: symbol.max_width, maxHeight: symbol.max_height,
                                          module: symbol.module, minModule: symbol.min_module, linearModule: symbol.linear_module,
                                          symbologies: symbologies,
                                          errorCorrection: ecc, minimumVersion: minVersion)
        return LabelTemplate(name: name, description: description ?? "", width: width, height: height, defaultSheet: sheet ?? "roll",
                             symbol: box, texts: texts, lines: lines, boxes: boxes, images: images)
    }
}

/// The YAML schema of a sheet layout (`templates/sheets/*.yaml`).
struct SheetFile: Decodable {
    struct Size: Decodable { var width: Double, height: Double }
    struct Grid: Decodable { var columns: Int, rows: Int }
    struct Point: Decodable { var x: Double, y: Double }

    var name: String
    var description: String?
    var page: Size
    var label: Size
    var grid: Grid
    /// Top-left of the first label: the left and top margins.
    var origin: Point
    var pitch: Point

    func validated(file: String) throws(TemplateError) -> SheetLayout {
        func fail(_ field: String, _ value: Any, _ rule: String) -> TemplateError {
            TemplateError(file: file, field: field, value: "\(value)", rule: rule)
        }
        guard name != "roll", !name.isEmpty else { throw fail("name", name, "must be a name other than 'roll' (roll is built in)") }
        guard page.width > 0, page.height > 0 else { throw fail("page", "\(page.width) × \(page.height)", "must have a positive size in mm") }
        guard grid.columns >= 1, grid.rows >= 1 else { throw fail("grid", "\(grid.columns) × \(grid.rows)", "must have at least one column and one row") }
        guard label.width > 0, label.height > 0, pitch.x >= label.width - 1e-9, pitch.y >= label.height - 1e-9 else {
            throw fail("pitch", "\(pitch.x) × \(pitch.y)", "must be at least the label size \(fmt(label.width)) × \(fmt(label.height)) mm so labels never overlap")
        }
        let right = origin.x + Double(grid.columns - 1) * pitch.x + label.width
        let bottom = origin.y + Double(grid.rows - 1) * pitch.y + label.height
        guard origin.x >= 0, origin.y >= 0, right <= page.width + 1e-9, bottom <= page.height + 1e-9 else {
            throw fail("grid", "\(grid.columns) × \(grid.rows)", "labels reach \(fmt(right)) × \(fmt(bottom)) mm, beyond the \(fmt(page.width)) × \(fmt(page.height)) mm page")
        }
        return SheetLayout(name: name, description: description ?? "", pageWidth: page.width, pageHeight: page.height,
                           columns: grid.columns, rows: grid.rows, originX: origin.x, originY: origin.y,
                           pitchX: pitch.x, pitchY: pitch.y, labelWidth: label.width, labelHeight: label.height)
    }
}
