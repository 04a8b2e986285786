import CCairo

/// Draws labels from a template with Cairo and Pango. It knows geometry and text, not symbologies.
///
/// A label has a static layer (lines, boxes, images and texts that use no `{code.…}` placeholder), the same on
/// every label of a job, and a per-label layer (the symbol and the code texts). Renderers lay out and draw the
/// static layer once per job and only the per-label layer per label.
///
/// The work is split by topic: ``TextLayouter`` (Pango layouts) and its size search, ``TextFitMemory`` (what is
/// remembered between labels), ``ShapeReuse`` (per-label texts shaped once), ``TemplateImages`` and the drawing of
/// the static layer and symbols (`LabelPainter+Drawing.swift`). Texts are parsed once, by ``TemplateText``.
///
/// One painter per thread: Pango contexts are not thread-safe, so a painter is not `Sendable`; a job's threads each
/// make their own.
public final class LabelPainter {
    /// The design it draws.
    public let template: LabelTemplate
    /// The fonts every text is checked against and set in.
    public let fonts: FontSet
    let layouter: TextLayouter
    private let memory = TextFitMemory()
    private let shapes = ShapeReuse()
    let images = TemplateImages()

    /// One text of a label, filled in and fitted.
    public typealias FittedText = (box: LabelTemplate.TextBox, text: String, size: Double)

    /// A painter with its own Pango context on `fonts`' private fontconfig configuration.
    public init(template: LabelTemplate, fonts: FontSet) {
        self.template = template
        self.fonts = fonts
        layouter = TextLayouter(fonts: fonts)
    }

    /// Reuse the shaping of per-label texts across labels (``ShapedText``); off only to compare with Pango's own.
    var reusesShapes: Bool {
        get { shapes.isEnabled }
        set { shapes.isEnabled = newValue }
    }

    /// The template's texts with `values` filled in, checked against the font, each fitted into its box:
    /// wrapped at the box width, then shrunk in 0.25 pt steps down to the box's minimum size.
    /// - Throws: `FontError.missingGlyphs` or `LayoutError.textDoesNotFit`, naming the template text.
    public func fitTexts(values: [String: String]) throws -> [FittedText] {
        var result: [FittedText] = []
        result.reserveCapacity(template.texts.count)
        for (index, box) in template.texts.enumerated() {
            let text = box.content.filled(with: values)
            // Per-label texts of one digit shape fit alike when the digits are uniform: one measurement per shape.
            let key = box.isPerLabel && layouter.digitsAreUniform
                ? TextFitMemory.Key(box: index, text: TextLayouter.digitShape(of: text))
                : TextFitMemory.Key(box: index, text: text)
            if let size = memory.size(of: key) {
                // Same text, or the same shape with other digits (which the font has): no need to check glyphs again.
                result.append((box, text, size))
                continue
            }
            let missing = fonts.missingCharacters(in: text)
            if !missing.isEmpty { throw FontError.missingGlyphs(field: box.text, text: text, characters: missing, family: fonts.family) }
            let fitted = layouter.largestFittingLayout(text, in: box, from: memory.startSize(of: index, box: box))
            if let fitted, box.isPerLabel {
                memory.keep(fitted.layout, text: text, size: fitted.size, box: box, index: index)
            } else if let fitted {
                g_object_unref(UnsafeMutableRawPointer(fitted.layout))
            }
            guard let fitted else { throw LayoutError.textDoesNotFit(field: box.text, text: text, minimumSize: box.minSize) }
            memory.remember(fitted.size, for: key, perLabel: box.isPerLabel)
            result.append((box, text, fitted.size))
        }
        return result
    }

    /// Draws one fitted text with its box's top-left at (box.x, box.y) in the user space (mm) of `cr`.
    func drawText(on cr: OpaquePointer, _ item: FittedText) {
        // Before any layout is made: the layouts below are then shaped once, for this surface.
        layouter.prepare(for: cr)
        if item.box.isPerLabel, let shaped = shapes.shapedText(for: item, layouter: layouter) {
            shaped.draw(item.text, on: cr, x: item.box.x, y: item.box.y)
            return
        }
        let kept = item.box.isPerLabel ? memory.takeMeasured(for: item.box) : nil
        if let kept, kept.text == item.text && kept.size == item.size {
            // Measured for this very text and size by fitTexts: it fits, and is shaped already.
            cairo_move_to(cr, item.box.x, item.box.y)
            pango_cairo_show_layout(cr, kept.layout)
            g_object_unref(UnsafeMutableRawPointer(kept.layout))
            return
        }
        if let kept { g_object_unref(UnsafeMutableRawPointer(kept.layout)) }
        // A per-label size may come from a text of the same shape (other digits): confirm it on this text.
        let layout = item.box.isPerLabel
            ? layouter.layoutShrinkingToFit(item.text, in: item.box, from: item.size)
            : layouter.makeLayout(item.text, in: item.box, size: item.size)
        cairo_move_to(cr, item.box.x, item.box.y)
        pango_cairo_show_layout(cr, layout)
        g_object_unref(UnsafeMutableRawPointer(layout))
    }
}
