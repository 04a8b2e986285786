import CCairo

/// Draws labels from a template with Cairo and Pango. It knows geometry and text, not symbologies.
///
/// A label has a static layer (lines, boxes, images and texts that use no `{code.…}` placeholder), the same on
/// every label of a job, and a per-label layer (the symbol and the code texts). Renderers lay out and draw the
/// static layer once per job and only the per-label layer per label.
///
/// One painter per thread: Pango contexts are not thread-safe.
public final class LabelPainter: @unchecked Sendable {
    /// The design it draws.
    public let template: LabelTemplate
    /// The fonts every text is checked against and set in.
    public let fonts: FontSet
    private let fontMap: UnsafeMutablePointer<PangoFontMap>
    private let context: OpaquePointer
    /// Fitted font size (pt) per text box and text, so repeated static text is measured once per job.
    private var fittedSizes: [FitKey: Double] = [:]
    /// The size each per-label text box last fitted at, by box index: where the next label's search starts.
    private var lastFitted: [Int: Double] = [:]
    /// The layout a per-label text was last measured with in ``fitTexts(values:)``, kept for ``drawText(on:_:)``
    /// so a text that must be shaped per label (one that differs in more than digits) is shaped once, not twice.
    private var measured: [LabelTemplate.TextBox: (text: String, size: Double, layout: OpaquePointer)] = [:]
    /// Decoded template images, by path.
    private var images: [String: OpaquePointer] = [:]

    struct FitKey: Hashable { let box: Int; let text: String }

    /// True when every digit has the same advance in both weights with no kerning between digits, so two texts
    /// that differ only in their digits (one HRI and the next) lay out to exactly the same lines and size.
    private lazy var digitsAreUniform: Bool = {
        var widths = Set<Int32>()
        for bold in [false, true] {
            let probe = LabelTemplate.TextBox(x: 0, y: 0, width: 1000, height: 1000, content: .empty, size: 10, minSize: 10, bold: bold, align: .left)
            for digit in "0123456789" {
                let layout = makeLayout(text: "(\(String(repeating: digit, count: 12)))", box: probe, size: 10)
                var w: Int32 = 0, h: Int32 = 0
                pango_layout_get_size(layout, &w, &h)
                g_object_unref(UnsafeMutableRawPointer(layout))
                widths.insert(w)
            }
            if widths.count > 1 { return false }
            widths.removeAll()
        }
        return true
    }()

    /// The cache key of a fitted text: per-label texts with uniform digits are keyed with their digits as `0`.
    private func fitKey(box index: Int, text: String, perLabel: Bool) -> FitKey {
        guard perLabel, digitsAreUniform else { return FitKey(box: index, text: text) }
        return FitKey(box: index, text: Self.shape(of: text))
    }

    /// `text` with every ASCII digit replaced by `0`.
    private static func shape(of text: String) -> String {
        String(decoding: text.utf8.map { $0 >= 0x30 && $0 <= 0x39 ? 0x30 : $0 }, as: UTF8.self)
    }

    /// Reuse the shaping of per-label texts across labels (``ShapedText``); off only to compare with Pango's own.
    var reusesShapes = true

    private struct ShapeKey: Hashable { let box: LabelTemplate.TextBox; let shape: String; let size: Double }
    /// Per-label texts shaped once per shape (`nil`: this shape must be laid out by Pango every time).
    private var shapes: [ShapeKey: ShapedText?] = [:]
    /// Shapes made and labels that reused one: when texts differ in more than digits (alphanumeric FF1 serials),
    /// almost every label is a new shape, and making one (about fifteen layouts) costs more than it saves.
    private var shapesMade = 0, shapesReused = 0

    /// The reusable shaping of a per-label text, if its digits can be swapped exactly and it fits at its size.
    private func shapedText(for item: FittedText) -> ShapedText? {
        guard reusesShapes, digitsAreUniform else { return nil }
        let key = ShapeKey(box: item.box, shape: Self.shape(of: item.text), size: item.size)
        if let known = shapes[key] {
            shapesReused += 1
            return known
        }
        if shapesMade >= 8 && shapesReused < 4 * shapesMade {
            // Texts of this job rarely share a shape: lay each out with Pango from now on.
            reusesShapes = false
            shapes.removeAll()
            return nil
        }
        shapesMade += 1
        if shapes.count >= 64 { shapes.removeAll(keepingCapacity: true) }
        let shaped = ShapedText(shape: key.shape) { makeLayout(text: $0, box: item.box, size: item.size) }
        var fits = false
        // Every text of this shape lays out exactly like it, so this is the fit check for all of them.
        if shaped != nil, let layout = fittingLayout(text: key.shape, box: item.box, size: item.size) {
            g_object_unref(UnsafeMutableRawPointer(layout))
            fits = true
        }
        // updateValue, not subscript assignment: assigning nil would remove the key, not record the refusal.
        shapes.updateValue(fits ? shaped : nil, forKey: key)
        return fits ? shaped : nil
    }

    /// One text of a label, filled in and fitted.
    public typealias FittedText = (box: LabelTemplate.TextBox, text: String, size: Double)

    /// A painter with its own Pango context on `fonts`' private fontconfig configuration.
    public init(template: LabelTemplate, fonts: FontSet) {
        self.template = template
        self.fonts = fonts
        fontMap = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT)
        pango_fc_font_map_set_config(OpaquePointer(fontMap), fonts.config)
        context = pango_font_map_create_context(fontMap)
        // Unhinted metrics: text measures the same in the PDF and at every printer resolution.
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(context, options)
        // User space is millimetres: Pango's default rounding of glyph positions to whole units would round to
        // whole millimetres and scramble the spacing.
        pango_context_set_round_glyph_positions(context, 0)
        cairo_font_options_destroy(options)
    }

    deinit {
        for kept in measured.values { g_object_unref(UnsafeMutableRawPointer(kept.layout)) }
        for surface in images.values { cairo_surface_destroy(surface) }
        g_object_unref(UnsafeMutableRawPointer(context))
        g_object_unref(UnsafeMutableRawPointer(fontMap))
    }

    /// The template's texts with `values` filled in, checked against the font, each fitted into its box:
    /// wrapped at the box width, then shrunk in 0.25 pt steps down to the box's minimum size.
    /// - Throws: `FontError.missingGlyphs` or `LayoutError.textDoesNotFit`, naming the template text.
    public func fitTexts(values: [String: String]) throws -> [FittedText] {
        var result: [FittedText] = []
        result.reserveCapacity(template.texts.count)
        for (index, box) in template.texts.enumerated() {
            let text = box.content.filled(with: values)
            let key = fitKey(box: index, text: text, perLabel: box.isPerLabel)
            if let size = fittedSizes[key] {
                // Same text, or the same shape with other digits (which the font has): no need to check glyphs again.
                result.append((box, text, size))
                continue
            }
            let missing = fonts.missingCharacters(in: text)
            if !missing.isEmpty { throw FontError.missingGlyphs(field: box.text, text: text, characters: missing, family: fonts.family) }
            // Sizes step down from box.size by 0.25 pt; the text gets the largest that fits. Fitting only gets easier
            // as the size falls, so a per-label text starts from the size its box's last text got and steps up or
            // down from there: two layouts a label instead of one per step from the top (alphanumeric serials
            // that need 6 pt in a 6.5 pt box took three).
            var fitted: (size: Double, layout: OpaquePointer)?
            var size = box.isPerLabel ? (lastFitted[index] ?? box.size) : box.size
            if let layout = fittingLayout(text: text, box: box, size: size) {
                fitted = (size, layout)
                while size + 0.25 <= box.size + 1e-9, let larger = fittingLayout(text: text, box: box, size: size + 0.25) {
                    g_object_unref(UnsafeMutableRawPointer(fitted!.layout))
                    size += 0.25
                    fitted = (size, larger)
                }
            } else {
                size -= 0.25
                while fitted == nil && size >= box.minSize - 1e-9 {
                    if let layout = fittingLayout(text: text, box: box, size: size) { fitted = (size, layout) } else { size -= 0.25 }
                }
            }
            if let fitted, box.isPerLabel {
                lastFitted[index] = fitted.size
                if let old = measured.updateValue((text, fitted.size, fitted.layout), forKey: box) { g_object_unref(UnsafeMutableRawPointer(old.layout)) }
            } else if let fitted {
                g_object_unref(UnsafeMutableRawPointer(fitted.layout))
            }
            guard let fitted else { throw LayoutError.textDoesNotFit(field: box.text, text: text, minimumSize: box.minSize) }
            // Per-label texts (the HRI) differ on every label: keep the cache from growing with the job.
            if box.isPerLabel && fittedSizes.count > 256 { fittedSizes.removeAll(keepingCapacity: true) }
            fittedSizes[key] = fitted.size
            result.append((box, text, fitted.size))
        }
        return result
    }

    /// `text` laid out in `box` at `size` if it fits the box's height (the caller releases it), else `nil`.
    private func fittingLayout(text: String, box: LabelTemplate.TextBox, size: Double) -> OpaquePointer? {
        let layout = makeLayout(text: text, box: box, size: size)
        var w: Int32 = 0, h: Int32 = 0
        pango_layout_get_size(layout, &w, &h)
        if Double(h) / Double(PANGO_SCALE) <= box.height + 1e-6 { return layout }
        g_object_unref(UnsafeMutableRawPointer(layout))
        return nil
    }

    private func makeLayout(text: String, box: LabelTemplate.TextBox, size: Double) -> OpaquePointer {
        let layout = pango_layout_new(context)!
        let desc = pango_font_description_new()
        pango_font_description_set_family(desc, fonts.family)
        pango_font_description_set_weight(desc, box.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        // User space is millimetres, so sizes are given in mm.
        pango_font_description_set_absolute_size(desc, size * 25.4 / 72 * Double(PANGO_SCALE))
        pango_layout_set_font_description(layout, desc)
        pango_font_description_free(desc)
        pango_layout_set_width(layout, Int32(box.width * Double(PANGO_SCALE)))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        switch box.align {
        case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        }
        pango_layout_set_text(layout, text, -1)
        return layout
    }

    /// Draws one fitted text with its box's top-left at (box.x, box.y) in the user space (mm) of `cr`.
    func drawText(on cr: OpaquePointer, _ item: FittedText) {
        // The context takes the surface's font options first, so the layout made next is shaped once, for this
        // surface. (Updating after making the layout would need pango_layout_context_changed, which throws the
        // layout away and shapes the text again when it is shown: twice the HarfBuzz work per label.)
        pango_cairo_update_context(cr, context)
        if item.box.isPerLabel, let shaped = shapedText(for: item) {
            shaped.draw(item.text, on: cr, x: item.box.x, y: item.box.y)
            return
        }
        var size = item.size
        let kept = item.box.isPerLabel ? measured.removeValue(forKey: item.box) : nil
        if let kept, kept.text == item.text && kept.size == item.size {
            // Measured for this very text and size by fitTexts: it fits, and is shaped already.
            cairo_move_to(cr, item.box.x, item.box.y)
            pango_cairo_show_layout(cr, kept.layout)
            g_object_unref(UnsafeMutableRawPointer(kept.layout))
            return
        }
        if let kept { g_object_unref(UnsafeMutableRawPointer(kept.layout)) }
        var layout = makeLayout(text: item.text, box: item.box, size: size)
        if item.box.isPerLabel {
            // The size may come from a text of the same shape (other digits): confirm it on the layout being drawn
            // and shrink further in the rare case that this text's kerning makes it wrap differently.
            var w: Int32 = 0, h: Int32 = 0
            pango_layout_get_size(layout, &w, &h)
            while Double(h) / Double(PANGO_SCALE) > item.box.height + 1e-6 && size - 0.25 >= item.box.minSize - 1e-9 {
                g_object_unref(UnsafeMutableRawPointer(layout))
                size -= 0.25
                layout = makeLayout(text: item.text, box: item.box, size: size)
                pango_layout_get_size(layout, &w, &h)
            }
        }
        cairo_move_to(cr, item.box.x, item.box.y)
        pango_cairo_show_layout(cr, layout)
        g_object_unref(UnsafeMutableRawPointer(layout))
    }

    /// Draws the static layer (lines, boxes, images, texts without `{code.…}`) with the label's top-left at the
    /// origin of `cr`, whose user space must be millimetres.
    func drawStatic(on cr: OpaquePointer, texts: [FittedText]) throws(RenderError) {
        cairo_set_source_rgb(cr, 0, 0, 0)
        for line in template.lines {
            cairo_set_line_width(cr, line.thickness)
            cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
            cairo_move_to(cr, line.x1, line.y1)
            cairo_line_to(cr, line.x2, line.y2)
            cairo_stroke(cr)
        }
        for box in template.boxes {
            if box.filled {
                cairo_rectangle(cr, box.x, box.y, box.width, box.height)
                cairo_fill(cr)
            } else {
                // The outline lies inside the box.
                let t = box.thickness
                cairo_set_line_width(cr, t)
                cairo_rectangle(cr, box.x + t / 2, box.y + t / 2, box.width - t, box.height - t)
                cairo_stroke(cr)
            }
        }
        for image in template.images {
            let surface = try loadImage(image.file)
            let w = Double(cairo_image_surface_get_width(surface)), h = Double(cairo_image_surface_get_height(surface))
            let scale = min(image.width / w, image.height / h)
            cairo_save(cr)
            cairo_translate(cr, image.x + (image.width - w * scale) / 2, image.y + (image.height - h * scale) / 2)
            cairo_scale(cr, scale, scale)
            cairo_set_source_surface(cr, surface, 0, 0)
            cairo_paint(cr)
            cairo_restore(cr)
            cairo_set_source_rgb(cr, 0, 0, 0)
        }
        for item in texts where !item.box.isPerLabel { drawText(on: cr, item) }
    }

    private func loadImage(_ path: String) throws(RenderError) -> OpaquePointer {
        if let surface = images[path] { return surface }
        guard let surface = cairo_image_surface_create_from_png(path) else {
            throw RenderError.cairo(function: "cairo_image_surface_create_from_png('\(path)')", status: "NULL")
        }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw RenderError.cairo(function: "cairo_image_surface_create_from_png('\(path)')", status: String(cString: cairo_status_to_string(status)))
        }
        images[path] = surface
        return surface
    }

    /// Draws the `{code.…}` texts (the per-label texts) with the label's top-left at the origin of `cr` (mm).
    func drawPerLabelTexts(on cr: OpaquePointer, _ texts: [FittedText]) {
        cairo_set_source_rgb(cr, 0, 0, 0)
        for item in texts where item.box.isPerLabel { drawText(on: cr, item) }
    }

    /// Draws the symbol as true vector paths for PDF (``PDFSymbolStyle/paths``): 2-D symbols as one stroked path of
    /// merged horizontal runs in module units, linear symbols as filled bars.
    func drawSymbolPaths(on cr: OpaquePointer, symbol: SymbolMatrix) throws(LayoutError) {
        let placement = try SymbolPlacement(symbol: symbol, box: template.symbol, dotsPerMM: nil)
        cairo_set_source_rgb(cr, 0, 0, 0)
        cairo_save(cr)
        defer { cairo_restore(cr) }
        if symbol.height == 1 {
            for run in symbol.rowRuns(0) {
                cairo_rectangle(cr, placement.x + Double(run.x) * placement.module, placement.y,
                                Double(run.width) * placement.module, placement.barHeight)
            }
            cairo_fill(cr)
            return
        }
        // Each run a line through the middle of its row, one module wide with butt caps.
        cairo_translate(cr, placement.x, placement.y)
        cairo_scale(cr, placement.module, placement.module)
        cairo_translate(cr, 0, 0.5)
        cairo_set_line_width(cr, 1)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
        for row in 0..<symbol.height {
            for run in symbol.rowRuns(row) {
                cairo_move_to(cr, Double(run.x), Double(row))
                cairo_line_to(cr, Double(run.x + run.width), Double(row))
            }
        }
        cairo_stroke(cr)
    }
}
