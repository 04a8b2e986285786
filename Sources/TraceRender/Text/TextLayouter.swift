import CCairo

/// Makes Pango layouts of label texts in one private Pango context on a ``FontSet``'s fontconfig configuration.
///
/// Layouts are returned with one reference the caller owns (`g_object_unref`). Not thread-safe: Pango contexts are
/// not, so each ``LabelPainter`` has its own.
final class TextLayouter {
    /// Kept so its fontconfig configuration outlives the font map using it.
    private let fonts: FontSet
    private let fontMap: UnsafeMutablePointer<PangoFontMap>
    private let context: OpaquePointer
    private let family: String

    /// A context with unhinted metrics on `fonts`' private configuration.
    init(fonts: FontSet) {
        self.fonts = fonts
        family = fonts.family
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

    /// Gives the context the font options of the surface `cr` draws on. Call it before making the layouts to be
    /// drawn there: updating after making one would need `pango_layout_context_changed`, which throws the layout away
    /// and shapes the text again when it is shown (twice the HarfBuzz work per label).
    func prepare(for cr: OpaquePointer) {
        pango_cairo_update_context(cr, context)
    }

    /// `text` in `box`'s weight and alignment at `size` pt, wrapped at the box width.
    func makeLayout(_ text: String, in box: LabelTemplate.TextBox, size: Double) -> OpaquePointer {
        let layout = pango_layout_new(context)!
        let desc = pango_font_description_new()
        pango_font_description_set_family(desc, family)
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

    /// True when `layout` fits the height of `box` (it is wrapped at the box width already).
    func fits(_ layout: OpaquePointer, in box: LabelTemplate.TextBox) -> Bool {
        var w: Int32 = 0, h: Int32 = 0
        pango_layout_get_size(layout, &w, &h)
        return Double(h) / Double(PANGO_SCALE) <= box.height + 1e-6
    }

    /// `text` laid out in `box` at `size` if it fits the box's height (the caller releases it), else `nil`.
    func fittingLayout(_ text: String, in box: LabelTemplate.TextBox, size: Double) -> OpaquePointer? {
        let layout = makeLayout(text, in: box, size: size)
        if fits(layout, in: box) { return layout }
        g_object_unref(UnsafeMutableRawPointer(layout))
        return nil
    }

    /// The width of `layout` in Pango units.
    func width(of layout: OpaquePointer) -> Int32 {
        var w: Int32 = 0, h: Int32 = 0
        pango_layout_get_size(layout, &w, &h)
        return w
    }

    /// True when every digit has the same advance in both weights with no kerning between digits, so two texts that
    /// differ only in their digits (one HRI and the next) lay out to exactly the same lines and size. Measured once,
    /// on first use.
    private(set) lazy var digitsAreUniform: Bool = {
        var widths = Set<Int32>()
        for bold in [false, true] {
            let probe = LabelTemplate.TextBox(x: 0, y: 0, width: 1000, height: 1000, content: .empty, size: 10, minSize: 10,
                                              bold: bold, align: .left)
            for digit in "0123456789" {
                let layout = makeLayout("(\(String(repeating: digit, count: 12)))", in: probe, size: 10)
                widths.insert(width(of: layout))
                g_object_unref(UnsafeMutableRawPointer(layout))
            }
            if widths.count > 1 { return false }
            widths.removeAll()
        }
        return true
    }()

    /// `text` with every ASCII digit replaced by `0`: texts of the same digit shape lay out alike when
    /// ``digitsAreUniform``.
    static func digitShape(of text: String) -> String {
        String(decoding: text.utf8.map { $0 >= 0x30 && $0 <= 0x39 ? 0x30 : $0 }, as: UTF8.self)
    }
}
