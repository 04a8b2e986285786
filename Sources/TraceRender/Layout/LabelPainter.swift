import CCairo

/// Draws labels from a template with Cairo and Pango. It knows geometry and text, not symbologies.
///
/// One painter per thread: Pango contexts are not thread-safe.
public final class LabelPainter: @unchecked Sendable {
    public let template: LabelTemplate
    public let fonts: FontSet
    private let fontMap: UnsafeMutablePointer<PangoFontMap>
    private let context: OpaquePointer
    /// Fitted font size (pt) per text box and text, so repeated static text is measured once per job.
    private var fittedSizes: [FitKey: Double] = [:]

    struct FitKey: Hashable { let box: Int; let text: String }

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
        g_object_unref(UnsafeMutableRawPointer(context))
        g_object_unref(UnsafeMutableRawPointer(fontMap))
    }

    /// The template's texts with `values` filled in, checked against the font, each fitted into its box.
    /// - Throws: `FontError.missingGlyphs` or `LayoutError.textDoesNotFit`, naming the template text.
    public func fitTexts(values: [String: String]) throws -> [(box: LabelTemplate.TextBox, text: String, size: Double)] {
        var result: [(LabelTemplate.TextBox, String, Double)] = []
        for (index, box) in template.texts.enumerated() {
            let text = LabelTemplate.fill(box.text, with: values)
            let key = FitKey(box: index, text: text)
            if let size = fittedSizes[key] {
                result.append((box, text, size))
                continue
            }
            let missing = fonts.missingCharacters(in: text)
            if !missing.isEmpty { throw FontError.missingGlyphs(field: box.text, text: text, characters: missing, family: fonts.family) }
            var size = box.size
            var fitted: Double?
            while size >= box.minSize - 1e-9 {
                let layout = makeLayout(text: text, box: box, size: size)
                var w: Int32 = 0, h: Int32 = 0
                pango_layout_get_size(layout, &w, &h)
                g_object_unref(UnsafeMutableRawPointer(layout))
                if Double(h) / Double(PANGO_SCALE) <= box.height + 1e-6 { fitted = size; break }
                size -= 0.25
            }
            guard let fitted else { throw LayoutError.textDoesNotFit(field: box.text, text: text, minimumSize: box.minSize) }
            fittedSizes[key] = fitted
            result.append((box, text, fitted))
        }
        return result
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

    /// Draws one label with its top-left at the current origin of `cr`, whose user space must be millimetres.
    /// - Parameter dotsPerMM: set for raster output so modules land on whole dots; `nil` for vector output.
    func draw(on cr: OpaquePointer, symbol: SymbolMatrix, texts: [(box: LabelTemplate.TextBox, text: String, size: Double)],
              dotsPerMM: Double?) throws(LayoutError) {
        let placement = try SymbolPlacement(symbol: symbol, box: template.symbol, dotsPerMM: dotsPerMM)
        cairo_set_source_rgb(cr, 0, 0, 0)
        cairo_save(cr)
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE)
        for run in symbol.mergedRuns() {
            cairo_rectangle(cr, placement.x + Double(run.x) * placement.module,
                            placement.y + Double(run.y) * placement.barHeight,
                            Double(run.width) * placement.module, Double(run.height) * placement.barHeight)
        }
        cairo_fill(cr)
        cairo_restore(cr)
        for item in texts {
            let layout = makeLayout(text: item.text, box: item.box, size: item.size)
            cairo_move_to(cr, item.box.x, item.box.y)
            pango_cairo_update_context(cr, context)
            pango_layout_context_changed(layout)
            pango_cairo_show_layout(cr, layout)
            g_object_unref(UnsafeMutableRawPointer(layout))
        }
    }
}
