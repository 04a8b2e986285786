import CCairo

/// A per-label text shaped once and redrawn for every label whose text differs from it only in its ASCII digits
/// (one HRI and the next), by putting each digit's glyph in place of the template's.
///
/// Shaping (Pango itemising, HarfBuzz running the font's GSUB and GPOS tables) was a quarter of the work of drawing
/// a label into a PDF. Swapping glyphs is exact only when no digit changes the layout around it, so a shape is made
/// only after laying it out with every digit in every digit position and every ordered pair of digits side by side:
/// all these layouts must have the same runs, lines and positions, each digit one glyph of one advance, and the
/// other glyphs unchanged. Which glyph a digit gets may depend on its context (the script Pango resolves for the
/// run), so glyphs are taken per position from those layouts. When a check fails the caller lays the text out with
/// Pango as before.
///
/// Not thread-safe: it belongs to one ``LabelPainter``.
final class ShapedText {
    private struct Run {
        /// A copy of the layout's run whose glyph offsets include the run's origin (see ``draw(_:on:x:y:)``).
        let item: UnsafeMutablePointer<PangoGlyphItem>
        /// For each glyph drawing a digit: its index in the run, the byte of the text it draws, and its glyph for 0…9.
        let digits: [(glyph: Int, byte: Int, glyphs: [PangoGlyph])]
    }

    /// One glyph of a layout as compared between layouts.
    private struct Placed: Equatable {
        let run: Int, byte: Int32, glyph: PangoGlyph, width: Int32, xOffset: Int32, yOffset: Int32
    }

    private struct RunShape: Equatable { let offset: Int32, length: Int32, x: Int32, baseline: Int32 }

    /// Keeps the runs alive.
    private let layout: OpaquePointer
    private let runs: [Run]
    /// The shape text (digits as `0`), as UTF-8: labels must match it byte for byte outside digits.
    private let shape: [UInt8]

    /// Lays out `shape` (a text with its digits replaced by `0`) with `makeLayout`, or returns `nil` when the font
    /// could move or substitute glyphs around a digit. `makeLayout` must use the context the text is shown on.
    init?(shape: String, makeLayout: (String) -> OpaquePointer) {
        let bytes = Array(shape.utf8)
        let positions = bytes.indices.filter { bytes[$0] == 0x30 }
        guard !positions.isEmpty else { return nil }
        func filled(_ digitAt: (Int) -> UInt8) -> String {
            var out = bytes
            for (k, p) in positions.enumerated() { out[p] = 0x30 + digitAt(k) }
            return String(decoding: out, as: UTF8.self)
        }
        // The layout with each digit everywhere: same structure, one glyph per digit, one advance.
        var perDigit: [[Placed]] = []
        var structure: [RunShape] = []
        for d in UInt8(0)...9 {
            let layout = makeLayout(filled { _ in d })
            defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
            let (shapes, placed) = Self.describe(layout)
            if d == 0 { structure = shapes } else if shapes != structure { return nil }
            perDigit.append(placed)
        }
        let glyphCount = perDigit[0].count
        guard perDigit.allSatisfy({ $0.count == glyphCount }) else { return nil }
        let isDigit = Set(positions.map(Int32.init))
        let advance = perDigit[0].first { isDigit.contains($0.byte) }?.width
        var glyphFor: [Int: [PangoGlyph]] = [:]   // flat glyph index → glyph of 0…9
        for g in 0..<glyphCount {
            let base = perDigit[0][g]
            if isDigit.contains(base.byte) {
                for d in 0...9 {
                    let p = perDigit[d][g]
                    guard p.run == base.run, p.byte == base.byte, p.width == advance, p.xOffset == 0, p.yOffset == 0 else { return nil }
                }
                glyphFor[g] = (0...9).map { perDigit[$0][g].glyph }
            } else {
                guard (1...9).allSatisfy({ perDigit[$0][g] == base }) else { return nil }
            }
        }
        // Each digit position must be drawn by exactly one glyph.
        guard glyphFor.count == positions.count, Set(glyphFor.keys.map { perDigit[0][$0].byte }).count == positions.count else { return nil }
        // Every ordered pair of digits side by side (pair kerning, contextual forms): lay out digit runs filled with
        // pairs until all 100 have been seen, and compare with the glyphs and positions predicted.
        let adjacent = positions.indices.dropLast().filter { positions[$0 + 1] == positions[$0] + 1 }
        if !adjacent.isEmpty {
            var pending = (0..<100).map { (UInt8($0 / 10), UInt8($0 % 10)) }
            while !pending.isEmpty {
                var digits = [UInt8](repeating: 0, count: positions.count)
                var used = Set<Int>()
                for k in adjacent where !used.contains(k) && !used.contains(k + 1) {
                    guard let pair = pending.popLast() else { break }
                    digits[k] = pair.0
                    digits[k + 1] = pair.1
                    used.formUnion([k, k + 1])
                }
                let layout = makeLayout(filled { digits[$0] })
                defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
                let (shapes, placed) = Self.describe(layout)
                guard shapes == structure, placed.count == glyphCount else { return nil }
                for g in 0..<glyphCount {
                    if let table = glyphFor[g] {
                        let k = positions.firstIndex(of: Int(placed[g].byte))!
                        let want = perDigit[Int(digits[k])][g]
                        guard placed[g] == want, placed[g].glyph == table[Int(digits[k])] else { return nil }
                    } else if placed[g] != perDigit[0][g] {
                        return nil
                    }
                }
            }
        }
        let layout = makeLayout(shape)
        var runs: [Run] = []
        let iter = pango_layout_get_iter(layout)!
        defer { pango_layout_iter_free(iter) }
        var flat = 0
        repeat {
            guard let run = pango_layout_iter_get_run_readonly(iter) else { continue }
            var logical = PangoRectangle()
            pango_layout_iter_get_run_extents(iter, nil, &logical)
            let glyphs = run.pointee.glyphs!.pointee, offset = Int(run.pointee.item.pointee.offset)
            var digits: [(glyph: Int, byte: Int, glyphs: [PangoGlyph])] = []
            for g in 0..<Int(glyphs.num_glyphs) {
                if let table = glyphFor[flat] { digits.append((g, offset + Int(glyphs.log_clusters[g]), table)) }
                flat += 1
            }
            // Pango's layout renderer places a glyph at the layout's origin plus (run origin + glyph offset) in Pango
            // units, from one current point. Folding the run origin into the glyph offsets and drawing every run from
            // the layout's origin reproduces that arithmetic exactly (moving the current point to each run's origin
            // would round it to Cairo's fixed point first, shifting PDF text by up to 1/256 pt).
            let copy = pango_glyph_item_copy(run)!
            let baseline = pango_layout_iter_get_baseline(iter)
            for g in 0..<Int(copy.pointee.glyphs!.pointee.num_glyphs) {
                copy.pointee.glyphs!.pointee.glyphs[g].geometry.x_offset += logical.x
                copy.pointee.glyphs!.pointee.glyphs[g].geometry.y_offset += baseline
            }
            runs.append(Run(item: copy, digits: digits))
        } while pango_layout_iter_next_run(iter) != 0
        self.layout = layout
        self.runs = runs
        self.shape = bytes
    }

    deinit {
        for run in runs { pango_glyph_item_free(run.item) }
        g_object_unref(UnsafeMutableRawPointer(layout))
    }

    /// Draws `text`, which must have this shape, with the layout's top-left at (`x`, `y`) in the user space of `cr`.
    /// The glyphs are drawn with `text` as their characters, so a PDF's text layer holds the label's real digits.
    func draw(_ text: String, on cr: OpaquePointer, x: Double, y: Double) {
        var bytes = Array(text.utf8)
        precondition(bytes.count == shape.count, "ShapedText drawn with a text of another shape")
        bytes.append(0)
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cText in
                for run in runs {
                    let glyphs = run.item.pointee.glyphs!.pointee.glyphs!
                    for digit in run.digits { glyphs[digit.glyph].glyph = digit.glyphs[Int(buffer[digit.byte] &- 0x30) % 10] }
                    cairo_move_to(cr, x, y)
                    pango_cairo_show_glyph_item(cr, cText.baseAddress, run.item)
                }
            }
        }
    }

    /// The runs (offset, length, position) and glyphs of `layout`, in order.
    private static func describe(_ layout: OpaquePointer) -> ([RunShape], [Placed]) {
        var shapes: [RunShape] = []
        var placed: [Placed] = []
        let iter = pango_layout_get_iter(layout)!
        defer { pango_layout_iter_free(iter) }
        repeat {
            guard let run = pango_layout_iter_get_run_readonly(iter) else { continue }
            var logical = PangoRectangle()
            pango_layout_iter_get_run_extents(iter, nil, &logical)
            let item = run.pointee.item.pointee
            shapes.append(RunShape(offset: item.offset, length: item.length, x: logical.x, baseline: pango_layout_iter_get_baseline(iter)))
            let glyphs = run.pointee.glyphs!.pointee
            for g in 0..<Int(glyphs.num_glyphs) {
                let info = glyphs.glyphs[g]
                placed.append(Placed(run: shapes.count - 1, byte: item.offset + glyphs.log_clusters[g], glyph: info.glyph,
                                     width: info.geometry.width, xOffset: info.geometry.x_offset, yOffset: info.geometry.y_offset))
            }
        } while pango_layout_iter_next_run(iter) != 0
        return (shapes, placed)
    }
}
