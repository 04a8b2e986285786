import CCairo

/// How symbols are written into a PDF.
public enum PDFSymbolStyle: String, Sendable, CaseIterable {
    /// The symbols of a page share one 1-bit stencil mask (`/ImageMask`), one bit per module, each label showing
    /// its own block of it through a clip. Lossless at any zoom, and about 200 bytes a QR code (the default).
    case stencil
    /// Pure vector paths: merged module runs, one path per symbol (about 3 KB a QR code with Cairo 1.16).
    case paths
}

/// The symbols of one PDF page packed into one 1-bit image, stacked top to bottom, so that the page holds a single
/// image object instead of one per label (Cairo writes a dictionary, a length object and an xref entry per image).
struct SymbolStencilAtlas {
    struct Entry {
        /// Label origin on the page (mm), and the symbol's placement inside the label.
        let origin: (x: Double, y: Double)
        let placement: SymbolPlacement
        let symbol: SymbolMatrix
    }

    private(set) var entries: [Entry] = []

    var isEmpty: Bool { entries.isEmpty }

    mutating func add(origin: (x: Double, y: Double), placement: SymbolPlacement, symbol: SymbolMatrix) {
        entries.append(Entry(origin: origin, placement: placement, symbol: symbol))
    }

    /// Paints every symbol onto `cr` (user space: mm from the page's top-left) and empties the atlas.
    mutating func paint(on cr: OpaquePointer) {
        defer { entries.removeAll(keepingCapacity: true) }
        guard !entries.isEmpty else { return }
        let width = entries.map(\.symbol.width).max()!
        let height = entries.reduce(0) { $0 + $1.symbol.height }
        guard let mask = cairo_image_surface_create(CAIRO_FORMAT_A1, Int32(width), Int32(height)) else { return }
        defer { cairo_surface_destroy(mask) }
        cairo_surface_flush(mask)
        let data = cairo_image_surface_get_data(mask)!
        let stride = Int(cairo_image_surface_get_stride(mask))
        var top = 0
        var tops: [Int] = []
        for entry in entries {
            tops.append(top)
            // Cairo's A1 pixels are bits of native-endian 32-bit words: on little-endian machines the leftmost
            // pixel is the least significant bit of the first byte.
            for row in 0..<entry.symbol.height {
                let base = (top + row) * stride
                for run in entry.symbol.rowRuns(row) {
                    for x in run.x..<(run.x + run.width) { data[base + x >> 3] |= UInt8(1) << UInt8(x & 7) }
                }
            }
            top += entry.symbol.height
        }
        cairo_surface_mark_dirty(mask)
        let pattern = cairo_pattern_create_for_surface(mask)!
        defer { cairo_pattern_destroy(pattern) }
        cairo_pattern_set_filter(pattern, CAIRO_FILTER_NEAREST)
        cairo_set_source_rgb(cr, 0, 0, 0)
        for (entry, top) in zip(entries, tops) {
            let p = entry.placement
            cairo_save(cr)
            cairo_translate(cr, entry.origin.x + p.x, entry.origin.y + p.y)
            cairo_scale(cr, p.module, entry.symbol.height == 1 ? p.barHeight : p.module)
            cairo_rectangle(cr, 0, 0, Double(entry.symbol.width), Double(entry.symbol.height))
            cairo_clip(cr)
            var matrix = cairo_matrix_t()
            cairo_matrix_init_translate(&matrix, 0, Double(top))
            cairo_pattern_set_matrix(pattern, &matrix)
            cairo_mask(cr, pattern)
            cairo_restore(cr)
        }
    }
}
