/// Where labels sit on a page: page size, grid, first label's origin and the pitch between labels, in mm.
///
/// A sheet is separate from the label design, so one design prints on a roll (``roll(for:)``: one label per
/// page, the page the size of the label) or on any sheet whose slots are at least as big as the label.
public struct SheetLayout: Sendable, Equatable {
    /// What `--sheet` names, e.g. `a4-70x37`; `roll` for ``roll(for:)``.
    public var name: String
    /// One line for `template list`.
    public var description: String
    /// Page size in mm.
    public var pageWidth: Double, pageHeight: Double
    /// Labels across and down a page.
    public var columns: Int, rows: Int
    /// Top-left of the first slot: the page's left and top margins.
    public var originX: Double, originY: Double
    /// Distance between the top-left corners of neighbouring slots.
    public var pitchX: Double, pitchY: Double
    /// Size of one slot (the label stock), which the design must not exceed.
    public var labelWidth: Double, labelHeight: Double

    /// A sheet layout; lengths in mm.
    public init(name: String, description: String = "", pageWidth: Double, pageHeight: Double, columns: Int, rows: Int,
                originX: Double, originY: Double, pitchX: Double, pitchY: Double, labelWidth: Double, labelHeight: Double) {
        self.name = name
        self.description = description
        self.pageWidth = pageWidth
        self.pageHeight = pageHeight
        self.columns = columns
        self.rows = rows
        self.originX = originX
        self.originY = originY
        self.pitchX = pitchX
        self.pitchY = pitchY
        self.labelWidth = labelWidth
        self.labelHeight = labelHeight
    }

    /// Slots on one page.
    public var labelsPerPage: Int { columns * rows }

    /// A roll: one label per page, the page exactly the label's size.
    public static func roll(for template: LabelTemplate) -> SheetLayout {
        SheetLayout(name: "roll", description: "one \(fmt(template.width)) × \(fmt(template.height)) mm label per page",
                    pageWidth: template.width, pageHeight: template.height, columns: 1, rows: 1,
                    originX: 0, originY: 0, pitchX: template.width, pitchY: template.height,
                    labelWidth: template.width, labelHeight: template.height)
    }

    /// Top-left of slot `index` (0-based within its page), in mm.
    public func origin(ofSlot index: Int) -> (x: Double, y: Double) {
        (originX + Double(index % columns) * pitchX, originY + Double(index / columns) * pitchY)
    }
}
