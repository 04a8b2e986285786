import CCairo

/// The font-size search: a text gets the largest size, in 0.25 pt steps down from its box's size to the box's
/// minimum, at which it fits the box wrapped at the box's width.
extension TextLayouter {
    /// The size step of the search, in points.
    static let sizeStep = 0.25

    /// The largest size on the grid at which `text` fits `box`, and its layout (the caller releases it); `nil` when
    /// it does not fit even at the box's minimum size.
    ///
    /// Fitting only gets easier as the size falls, so the search may start at any size on the grid (`start`) and
    /// step up or down from there. A per-label text starts from the size its box's last text got: two layouts a
    /// label instead of one per step from the top (alphanumeric serials that need 6 pt in a 6.5 pt box took three).
    func largestFittingLayout(_ text: String, in box: LabelTemplate.TextBox, from start: Double) -> (size: Double, layout: OpaquePointer)? {
        let step = Self.sizeStep
        var fitted: (size: Double, layout: OpaquePointer)?
        var size = start
        if let layout = fittingLayout(text, in: box, size: size) {
            fitted = (size, layout)
            while size + step <= box.size + 1e-9, let larger = fittingLayout(text, in: box, size: size + step) {
                g_object_unref(UnsafeMutableRawPointer(fitted!.layout))
                size += step
                fitted = (size, larger)
            }
        } else {
            size -= step
            while fitted == nil && size >= box.minSize - 1e-9 {
                if let layout = fittingLayout(text, in: box, size: size) { fitted = (size, layout) } else { size -= step }
            }
        }
        return fitted
    }

    /// `text` laid out at `size`, or smaller while it overflows the box's height and the minimum allows: for a size
    /// that came from another text of the same digit shape, in the rare case that this text's kerning wraps it
    /// differently. The caller releases the layout.
    func layoutShrinkingToFit(_ text: String, in box: LabelTemplate.TextBox, from size: Double) -> OpaquePointer {
        var size = size
        var layout = makeLayout(text, in: box, size: size)
        while !fits(layout, in: box) && size - Self.sizeStep >= box.minSize - 1e-9 {
            g_object_unref(UnsafeMutableRawPointer(layout))
            size -= Self.sizeStep
            layout = makeLayout(text, in: box, size: size)
        }
        return layout
    }
}
