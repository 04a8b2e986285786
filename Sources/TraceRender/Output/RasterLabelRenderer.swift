import CCairo
import CPNGEncoder

/// Renders labels to 1-bit bitmaps at a printer's resolution: symbol modules on whole dots, text antialiased
/// then thresholded at 50 %.
///
/// The static layer is drawn and thresholded once and reused while the static texts stay the same (a job);
/// per label only the symbol (set directly as whole dots) and the `{code.…}` texts are drawn.
/// One renderer per thread, like its ``LabelPainter``.
public final class RasterLabelRenderer {
    public let painter: LabelPainter
    public let dpi: Int
    private var staticTexts: [String]?
    private var staticLayer: MonochromeBitmap?
    private var pngEncoder: StaticRowsPNGEncoder?
    /// What each row of the last ``render(symbol:values:)`` may hold (`CPNGEncoder_row…`: static, any, symbol only).
    private var rowKinds: [UInt8] = []
    /// The bytes of a row the last symbol covers.
    private var symbolBytes: Range<Int> = 0..<0
    /// The bitmap, row kinds and symbol span of the last PNG (see ``reusedBitmap()``).
    private var spare: (bitmap: MonochromeBitmap, kinds: [UInt8], span: Range<Int>)?
    /// One module row of the symbol as dots, reused from label to label.
    private var scratchRow: [UInt8] = []
    /// The 8-bit surface texts are drawn on (see ``rasterize(into:x:y:width:height:_:)``), all zero between uses.
    private var textSurface: OpaquePointer?

    public init(painter: LabelPainter, dpi: Int) {
        self.painter = painter
        self.dpi = dpi
    }

    deinit { if let textSurface { cairo_surface_destroy(textSurface) } }

    var dotsPerMM: Double { Double(dpi) / 25.4 }

    /// Label size in dots.
    public var pixelSize: (width: Int, height: Int) {
        (Int((painter.template.width * dotsPerMM).rounded()), Int((painter.template.height * dotsPerMM).rounded()))
    }

    /// Renders one label.
    /// - Throws: `FontError`, `LayoutError` (text or symbol does not fit, module too small), `RenderError`.
    public func render(symbol: SymbolMatrix, values: [String: String]) throws -> MonochromeBitmap {
        let texts = try painter.fitTexts(values: values)
        let placement = try SymbolPlacement(symbol: symbol, box: painter.template.symbol, dotsPerMM: dotsPerMM)
        let key = texts.filter { !$0.box.isPerLabel }.map(\.text)
        if staticLayer == nil || key != staticTexts {
            let (w, h) = pixelSize
            var layer = MonochromeBitmap(width: w, height: h)
            try rasterize(into: &layer, x: 0, y: 0, width: w, height: h) { cr throws(RenderError) in
                try painter.drawStatic(on: cr, texts: texts)
            }
            staticLayer = layer
            staticTexts = key
            pngEncoder = nil
            spare = nil
        }
        var bitmap = reusedBitmap() ?? staticLayer!
        rowKinds = [UInt8](repeating: UInt8(CPNGEncoder_rowStatic), count: bitmap.height)
        drawSymbol(symbol, at: placement, into: &bitmap)
        for item in texts where item.box.isPerLabel {
            // Only the text's box (plus 1 mm for overhanging glyphs) is drawn and thresholded.
            let x0 = max(0, Int(((item.box.x - 1) * dotsPerMM).rounded(.down)))
            let y0 = max(0, Int(((item.box.y - 1) * dotsPerMM).rounded(.down)))
            let x1 = min(bitmap.width, Int(((item.box.x + item.box.width + 1) * dotsPerMM).rounded(.up)))
            let y1 = min(bitmap.height, Int(((item.box.y + item.box.height + 1) * dotsPerMM).rounded(.up)))
            guard x1 > x0, y1 > y0 else { continue }
            // Only rows that received ink can differ from the static layer (the PNG encoder copies the others).
            let inked = try rasterize(into: &bitmap, x: x0, y: y0, width: x1 - x0, height: y1 - y0) { cr in
                painter.drawText(on: cr, item)
            }
            for row in inked { markDirty(row, row + 1) }
        }
        return bitmap
    }

    /// Renders one label and encodes it as a 1-bit PNG with pHYs. Without a printer offset, the rows outside the
    /// symbol and the code texts are taken from the job's static layer, deflated once.
    /// - Parameter offset: a printer's offset in dots, applied to the whole label.
    public func renderPNG(symbol: SymbolMatrix, values: [String: String], offset: (dx: Int, dy: Int) = (0, 0)) throws -> [UInt8] {
        let bitmap = try render(symbol: symbol, values: values)
        guard offset.dx == 0 && offset.dy == 0 else { return try bitmap.shifted(dx: offset.dx, dy: offset.dy).pngData(dpi: dpi) }
        if pngEncoder == nil { pngEncoder = try StaticRowsPNGEncoder(staticLayer: staticLayer!, dpi: dpi) }
        let png = try pngEncoder!.encode(bitmap, rowKinds: rowKinds, span: symbolBytes)
        spare = (bitmap, rowKinds, symbolBytes)
        return png
    }

    /// The last label's bitmap with the rows it changed copied back from the static layer, if ``renderPNG`` handed it
    /// back: the next label is drawn into it instead of into a fresh copy of the whole static layer (a 50 KB copy
    /// and allocation per label at 300 dpi, where a label changes about a quarter of its bytes).
    private func reusedBitmap() -> MonochromeBitmap? {
        guard let (last, kinds, span) = spare, let staticLayer else { return nil }
        spare = nil
        var bitmap = last
        let stride = bitmap.stride
        staticLayer.bits.withUnsafeBufferPointer { source in
            bitmap.bits.withUnsafeMutableBufferPointer { bits in
                for y in 0..<bitmap.height where kinds[y] != UInt8(CPNGEncoder_rowStatic) {
                    let range = kinds[y] == UInt8(CPNGEncoder_rowAny) ? (y * stride)..<((y + 1) * stride)
                        : (y * stride + span.lowerBound)..<(y * stride + min(span.upperBound, stride))
                    for i in range { bits[i] = source[i] }
                }
            }
        }
        return bitmap
    }

    /// Rows `from..<to` may differ anywhere (a per-label text).
    private func markDirty(_ from: Int, _ to: Int) {
        let a = max(0, from), b = min(rowKinds.count, to)
        if a < b { for y in a..<b { rowKinds[y] = UInt8(CPNGEncoder_rowAny) } }
    }

    /// Rows `from..<to` differ only inside the symbol's bytes, unless a text already claims them.
    private func markSymbol(_ from: Int, _ to: Int, dots: Range<Int>) {
        symbolBytes = (max(0, dots.lowerBound) >> 3)..<((dots.upperBound + 7) >> 3)
        let a = max(0, from), b = min(rowKinds.count, to)
        if a < b { for y in a..<b where rowKinds[y] == UInt8(CPNGEncoder_rowStatic) { rowKinds[y] = UInt8(CPNGEncoder_rowInSpan) } }
    }

    /// Sets the symbol's dark modules as whole dots (the placement is already snapped to the dot grid).
    private func drawSymbol(_ symbol: SymbolMatrix, at placement: SymbolPlacement, into bitmap: inout MonochromeBitmap) {
        let dpmm = dotsPerMM
        let module = Int((placement.module * dpmm).rounded())
        let x0 = Int((placement.x * dpmm).rounded()), y0 = Int((placement.y * dpmm).rounded())
        if symbol.height == 1 {
            let bar = Int((placement.barHeight * dpmm).rounded())
            markSymbol(y0, y0 + bar, dots: x0..<(x0 + symbol.width * module))
            for run in symbol.rowRuns(0) { bitmap.fill(x: x0 + run.x * module, y: y0, width: run.width * module, height: bar) }
        } else {
            markSymbol(y0, y0 + symbol.height * module, dots: x0..<(x0 + symbol.width * module))
            // Each module row is set once in a one-row scratch buffer, then ORed into its `module` dot rows. Plain
            // pointers and no run arrays: this was a tenth of a label's instructions (an array of runs per row,
            // a copy-on-write check per fill).
            let bytes = symbolBytes.clamped(to: 0..<bitmap.stride)
            if scratchRow.count != bitmap.stride { scratchRow = [UInt8](repeating: 0, count: bitmap.stride) }
            let stride = bitmap.stride, width = bitmap.width, height = bitmap.height, columns = symbol.width
            symbol.modules.withUnsafeBufferPointer { modules in
                scratchRow.withUnsafeMutableBufferPointer { row in
                    bitmap.bits.withUnsafeMutableBufferPointer { bits in
                        for r in 0..<symbol.height {
                            for i in bytes { row[i] = 0 }
                            let base = r * columns
                            var c = 0
                            while c < columns {
                                guard modules[base + c] else { c += 1; continue }
                                let start = c
                                while c < columns && modules[base + c] { c += 1 }
                                Self.setDots(row, from: max(0, x0 + start * module), to: min(width, x0 + c * module))
                            }
                            let top = y0 + r * module
                            for y in max(0, top)..<max(max(0, top), min(height, top + module)) {
                                let out = y * stride
                                for i in bytes { bits[out + i] |= row[i] }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Sets dots `from..<to` of a one-row buffer (most significant bit first).
    private static func setDots(_ row: UnsafeMutableBufferPointer<UInt8>, from: Int, to: Int) {
        guard from < to else { return }
        let firstByte = from >> 3, lastByte = (to - 1) >> 3
        let firstMask = UInt8(0xFF) >> UInt8(from & 7), lastMask = UInt8(0xFF) << UInt8(7 - ((to - 1) & 7))
        if firstByte == lastByte {
            row[firstByte] |= firstMask & lastMask
            return
        }
        row[firstByte] |= firstMask
        var i = firstByte + 1
        while i < lastByte { row[i] = 0xFF; i += 1 }
        row[lastByte] |= lastMask
    }

    /// Draws with Cairo into an 8-bit alpha surface covering the dot rectangle (x, y, width, height) of the
    /// label, user space in mm from the label's top-left, and ORs the pixels at or above 50 % into `bitmap`.
    /// - Returns: the rows of `bitmap` where at least one dot was set.
    @discardableResult
    private func rasterize(into bitmap: inout MonochromeBitmap, x: Int, y: Int, width: Int, height: Int,
                           _ draw: (OpaquePointer) throws(RenderError) -> Void) throws(RenderError) -> [Int] {
        // The same text box is drawn for every label: its surface is kept rather than allocated each time. It is
        // cleared with Cairo (a memset), which also lets Cairo know it is clear: drawing glyphs onto an image Cairo
        // does not know to be clear goes through a mask and cost about ten times as much here.
        if textSurface.map({ cairo_image_surface_get_width($0) != Int32(width) || cairo_image_surface_get_height($0) != Int32(height) }) ?? true {
            if let old = textSurface { cairo_surface_destroy(old) }
            textSurface = cairo_image_surface_create(CAIRO_FORMAT_A8, Int32(width), Int32(height))
            guard let created = textSurface, cairo_surface_status(created) == CAIRO_STATUS_SUCCESS else {
                if let created = textSurface { cairo_surface_destroy(created) }
                textSurface = nil
                throw RenderError.cairo(function: "cairo_image_surface_create", status: "NULL")
            }
        }
        let surface = textSurface!
        let cr = cairo_create(surface)!
        cairo_set_operator(cr, CAIRO_OPERATOR_CLEAR)
        cairo_paint(cr)
        cairo_set_operator(cr, CAIRO_OPERATOR_OVER)
        defer { cairo_destroy(cr) }
        cairo_translate(cr, Double(-x), Double(-y))
        cairo_scale(cr, dotsPerMM, dotsPerMM)
        try draw(cr)
        cairo_surface_flush(surface)
        let status = cairo_status(cr)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderError.cairo(function: "drawing", status: String(cString: cairo_status_to_string(status)))
        }
        let data = cairo_image_surface_get_data(surface)!
        let sourceStride = Int(cairo_image_surface_get_stride(surface))
        let stride = bitmap.stride
        var inked: [Int] = []
        bitmap.bits.withUnsafeMutableBufferPointer { bits in
            for row in 0..<height {
                let source = data + row * sourceStride
                let out = (y + row) * stride
                var ink = false
                var col = 0
                while col < width {
                    // Eight alpha bytes at a time: a byte is at or above 50 % (128) exactly when its top bit is set,
                    // so the eight top bits, gathered into one byte by a multiply (pixel 0 into bit 7), are the dots.
                    var word: UInt64 = 0
                    if col + 8 <= width {
                        word = UInt64(littleEndian: UnsafeRawPointer(source + col).loadUnaligned(as: UInt64.self))
                    } else {
                        for k in 0..<(width - col) { word |= UInt64(source[col + k]) << UInt64(8 * k) }
                    }
                    let top = word & 0x8080_8080_8080_8080
                    if top != 0 {
                        let dots = UInt8(truncatingIfNeeded: ((top >> 7) &* 0x8040_2010_0804_0201) >> 56)
                        let px = x + col, shift = px & 7
                        bits[out + px >> 3] |= dots >> UInt8(shift)
                        // Dots spilling into the next byte lie inside the rectangle, hence inside the row.
                        let spill = UInt8(truncatingIfNeeded: UInt16(dots) << UInt16(8 - shift))
                        if spill != 0 { bits[out + px >> 3 + 1] |= spill }
                        ink = true
                    }
                    col += 8
                }
                if ink { inked.append(y + row) }
            }
        }
        return inked
    }
}
