import CCairo

/// Renders labels to 1-bit bitmaps at a printer's resolution: symbol modules on whole dots, text antialiased
/// then thresholded at 50 %.
public struct RasterLabelRenderer {
    public let painter: LabelPainter
    public let dpi: Int

    public init(painter: LabelPainter, dpi: Int) {
        self.painter = painter
        self.dpi = dpi
    }

    /// Label size in dots.
    public var pixelSize: (width: Int, height: Int) {
        let dpmm = Double(dpi) / 25.4
        return (Int((painter.template.width * dpmm).rounded()), Int((painter.template.height * dpmm).rounded()))
    }

    /// Renders one label.
    public func render(symbol: SymbolMatrix, values: [String: String]) throws -> MonochromeBitmap {
        let texts = try painter.fitTexts(values: values)
        let (w, h) = pixelSize
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_A8, Int32(w), Int32(h)) else {
            throw RenderError.cairo(function: "cairo_image_surface_create", status: "NULL")
        }
        defer { cairo_surface_destroy(surface) }
        let cr = cairo_create(surface)!
        defer { cairo_destroy(cr) }
        let dpmm = Double(dpi) / 25.4
        cairo_scale(cr, dpmm, dpmm)
        try painter.draw(on: cr, symbol: symbol, texts: texts, dotsPerMM: dpmm)
        cairo_surface_flush(surface)
        let status = cairo_status(cr)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderError.cairo(function: "drawing", status: String(cString: cairo_status_to_string(status)))
        }
        var bitmap = MonochromeBitmap(width: w, height: h)
        let data = cairo_image_surface_get_data(surface)!
        let sourceStride = Int(cairo_image_surface_get_stride(surface))
        bitmap.bits.withUnsafeMutableBufferPointer { bits in
            for y in 0..<h {
                let row = data + y * sourceStride
                let outRow = y * bitmap.stride
                for x in 0..<w where row[x] >= 128 {
                    bits[outRow + x >> 3] |= 0x80 >> UInt8(x & 7)
                }
            }
        }
        return bitmap
    }
}
