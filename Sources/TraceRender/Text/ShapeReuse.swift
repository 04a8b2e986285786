import CCairo

/// Per-label texts shaped once per digit shape and redrawn with other digits (``ShapedText``), while that pays.
///
/// When texts differ in more than digits (alphanumeric FF1 serials) almost every label is a new shape, and making
/// one (about fifteen layouts) costs more than it saves: after ``trialShapes`` shapes reused fewer than
/// ``reusesPerShape`` times each, the job's texts are laid out by Pango from then on.
///
/// Not thread-safe: it belongs to one ``LabelPainter``.
final class ShapeReuse {
    /// Shapes made before deciding whether reuse pays.
    static let trialShapes = 8
    /// Reuses per shape made that keep reuse on.
    static let reusesPerShape = 4
    /// Shapes kept at once: texts of a job have few shapes (a serial's width changes rarely), so a full table means
    /// shapes that will not come back.
    static let capacity = 64

    private struct Key: Hashable {
        let box: LabelTemplate.TextBox
        let shape: String
        let size: Double
    }

    /// Off when reuse does not pay, or to compare with Pango's own layout.
    var isEnabled = true
    /// `nil`: this shape cannot be reused and must be laid out by Pango every time.
    private var shapes: [Key: ShapedText?] = [:]
    private var made = 0, reused = 0

    /// The reusable shaping of a per-label text, if its digits can be swapped exactly and it fits at its size.
    /// `layouter` must already be prepared for the surface it is drawn on.
    func shapedText(for item: LabelPainter.FittedText, layouter: TextLayouter) -> ShapedText? {
        guard isEnabled, layouter.digitsAreUniform else { return nil }
        let key = Key(box: item.box, shape: TextLayouter.digitShape(of: item.text), size: item.size)
        if let known = shapes[key] {
            reused += 1
            return known
        }
        if made >= Self.trialShapes && reused < Self.reusesPerShape * made {
            isEnabled = false
            shapes.removeAll()
            return nil
        }
        made += 1
        if shapes.count >= Self.capacity { shapes.removeAll(keepingCapacity: true) }
        let shaped = ShapedText(shape: key.shape) { layouter.makeLayout($0, in: item.box, size: item.size) }
        var fits = false
        // Every text of this shape lays out exactly like it, so this is the fit check for all of them.
        if shaped != nil, let layout = layouter.fittingLayout(key.shape, in: item.box, size: item.size) {
            g_object_unref(UnsafeMutableRawPointer(layout))
            fits = true
        }
        // updateValue, not subscript assignment: assigning nil would remove the key, not record the refusal.
        shapes.updateValue(fits ? shaped : nil, forKey: key)
        return fits ? shaped : nil
    }
}
