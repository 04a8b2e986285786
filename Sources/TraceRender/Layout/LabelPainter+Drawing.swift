import CCairo

/// Drawing the static layer, the per-label texts and vector symbols onto a Cairo context whose user space is
/// millimetres from the label's top-left.
extension LabelPainter {
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
            let surface = try images.surface(image.file)
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
