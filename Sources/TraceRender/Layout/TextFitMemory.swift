import CCairo

/// What ``LabelPainter/fitTexts(values:)`` remembers from one label to the next, so the texts of a job are measured
/// about once: the size each text fitted at, the size each per-label box last got, and the layout each per-label
/// text was last measured with (so ``LabelPainter/drawText(on:_:)`` does not lay it out again).
///
/// Not thread-safe: it belongs to one ``LabelPainter``.
final class TextFitMemory {
    /// A fitted text: its box's index and the text, with the digits of per-label texts as `0` when the font's digits
    /// are uniform (every text of that shape fits at the same size).
    struct Key: Hashable {
        let box: Int
        let text: String
    }

    /// A per-label text's layout from the size search, waiting to be drawn.
    struct Measured {
        let text: String
        let size: Double
        let layout: OpaquePointer
    }

    /// Per-label texts differ on every label: past this many sizes the memory is cleared rather than grow with the job.
    static let sizeLimit = 256

    private var sizes: [Key: Double] = [:]
    private var lastSizes: [Int: Double] = [:]
    private var measured: [LabelTemplate.TextBox: Measured] = [:]

    deinit {
        for kept in measured.values { g_object_unref(UnsafeMutableRawPointer(kept.layout)) }
    }

    /// The size `key`'s text fitted at before, if it did.
    func size(of key: Key) -> Double? { sizes[key] }

    /// Remembers that `key`'s text fits at `size`.
    func remember(_ size: Double, for key: Key, perLabel: Bool) {
        if perLabel && sizes.count > Self.sizeLimit { sizes.removeAll(keepingCapacity: true) }
        sizes[key] = size
    }

    /// Where the size search for text box `index` starts: its last size for a per-label text, else the box's size.
    func startSize(of index: Int, box: LabelTemplate.TextBox) -> Double {
        box.isPerLabel ? (lastSizes[index] ?? box.size) : box.size
    }

    /// Keeps the layout a per-label text was measured with for drawing (taking over its reference), and its size as
    /// where box `index`'s next search starts.
    func keep(_ layout: OpaquePointer, text: String, size: Double, box: LabelTemplate.TextBox, index: Int) {
        lastSizes[index] = size
        if let old = measured.updateValue(Measured(text: text, size: size, layout: layout), forKey: box) {
            g_object_unref(UnsafeMutableRawPointer(old.layout))
        }
    }

    /// The layout kept for `box`, removed from the memory: the caller owns its reference.
    func takeMeasured(for box: LabelTemplate.TextBox) -> Measured? {
        measured.removeValue(forKey: box)
    }
}
