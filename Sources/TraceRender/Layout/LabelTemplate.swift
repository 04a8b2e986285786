/// A label design: its size and what sits where, in millimetres from the top-left corner.
///
/// Templates are data: they are read from YAML files in `templates/` by ``TemplateLibrary`` (the schema is in
/// `templates/README.md`). Text holds placeholders such as `{product.name}` (``TemplateText``), filled per label
/// from the job's values.
public struct LabelTemplate: Sendable, Equatable {
    /// Where the symbol goes, how big its modules are, and which symbologies the design allows.
    public struct SymbolBox: Sendable, Equatable {
        /// Top-left of the box that holds the symbol *and* its quiet zone.
        public var x: Double, y: Double
        /// The largest the symbol with its quiet zone may be.
        public var maxWidth: Double, maxHeight: Double
        /// Requested module size (X-dimension) in mm.
        public var module: Double
        /// Smallest module size allowed after snapping to printer dots.
        public var minModule: Double
        /// Module size for linear symbols (GS1-128), whose bars are `maxHeight` tall; `nil` = `module`.
        public var linearModule: Double?
        /// The symbologies this design allows; the first is the default.
        public var symbologies: [Symbology]
        /// QR error-correction level (plain QR and GS1 QR).
        public var errorCorrection: QRCodeEncoder.ErrorCorrection
        /// Smallest QR version to use (1…40); larger when the data needs it.
        public var minimumVersion: Int

        /// A symbol box; sizes in mm. The defaults are plain QR at level M from version 1.
        public init(x: Double, y: Double, maxWidth: Double, maxHeight: Double, module: Double, minModule: Double,
                    linearModule: Double? = nil, symbologies: [Symbology] = [.qr], errorCorrection: QRCodeEncoder.ErrorCorrection = .M,
                    minimumVersion: Int = 1) {
            self.linearModule = linearModule
            self.x = x
            self.y = y
            self.maxWidth = maxWidth
            self.maxHeight = maxHeight
            self.module = module
            self.minModule = minModule
            self.symbologies = symbologies
            self.errorCorrection = errorCorrection
            self.minimumVersion = minimumVersion
        }
    }

    /// Horizontal alignment inside a text box.
    public enum Alignment: String, Sendable, Codable { case left, center, right }

    /// A box of text. It wraps, then shrinks down to `minSize`, then the job fails.
    public struct TextBox: Sendable, Hashable {
        /// The box, in mm: text wraps at `width` and must fit in `height`.
        public var x: Double, y: Double, width: Double, height: Double
        /// The text with its `{placeholders}`, parsed.
        public var content: TemplateText
        /// Font size in points, and the smallest it may shrink to.
        public var size: Double, minSize: Double
        /// Bold weight (the font's Bold file) instead of Regular.
        public var bold: Bool
        /// Alignment of each line within the box width.
        public var align: Alignment

        /// A text box; sizes in mm, font sizes in pt.
        public init(x: Double, y: Double, width: Double, height: Double, content: TemplateText, size: Double, minSize: Double,
                    bold: Bool, align: Alignment) {
            self.x = x
            self.y = y
            self.width = width
            self.height = height
            self.content = content
            self.size = size
            self.minSize = minSize
            self.bold = bold
            self.align = align
        }

        /// The text as written in the template, e.g. `批号：{batch.lot}`: what error messages name.
        public var text: String { content.source }

        /// True when the text changes from label to label (it uses a `{code.…}` placeholder).
        public var isPerLabel: Bool { content.isPerLabel }
    }

    /// A straight line, `thickness` mm wide.
    public struct Line: Sendable, Equatable {
        /// End points and thickness, in mm.
        public var x1: Double, y1: Double, x2: Double, y2: Double, thickness: Double
        /// A line; all values in mm.
        public init(x1: Double, y1: Double, x2: Double, y2: Double, thickness: Double) {
            self.x1 = x1; self.y1 = y1; self.x2 = x2; self.y2 = y2; self.thickness = thickness
        }
    }

    /// A rectangle outline (`thickness` mm) or, when `filled`, a solid rectangle.
    public struct Box: Sendable, Equatable {
        /// Position, size and outline thickness in mm; `filled` draws a solid rectangle instead of an outline.
        public var x: Double, y: Double, width: Double, height: Double, thickness: Double, filled: Bool
        /// A box; all lengths in mm.
        public init(x: Double, y: Double, width: Double, height: Double, thickness: Double, filled: Bool) {
            self.x = x; self.y = y; self.width = width; self.height = height; self.thickness = thickness; self.filled = filled
        }
    }

    /// A PNG (a CCC mark, a logo) scaled into a box, keeping its aspect ratio, centred.
    public struct Image: Sendable, Equatable {
        /// The box the image is fitted into, in mm.
        public var x: Double, y: Double, width: Double, height: Double
        /// Absolute path of the PNG (the library resolves paths relative to the template file).
        public var file: String
        /// An image box; lengths in mm, `file` an absolute path.
        public init(x: Double, y: Double, width: Double, height: Double, file: String) {
            self.x = x; self.y = y; self.width = width; self.height = height; self.file = file
        }
    }

    /// What `--template` names, e.g. `battery-60x40`.
    public var name: String
    /// One line for `template list`.
    public var description: String
    /// Label size in mm.
    public var width: Double
    public var height: Double
    /// The sheet used when the job names none: `roll` or a sheet layout's name.
    public var defaultSheet: String
    /// The symbol's box and settings.
    public var symbol: SymbolBox
    /// The other elements. Drawn lines first, then boxes, images and texts on top.
    public var texts: [TextBox]
    public var lines: [Line]
    public var boxes: [Box]
    public var images: [Image]

    /// A label design; lengths in mm.
    public init(name: String, description: String = "", width: Double, height: Double, defaultSheet: String = "roll",
                symbol: SymbolBox, texts: [TextBox], lines: [Line] = [], boxes: [Box] = [], images: [Image] = []) {
        self.name = name
        self.description = description
        self.width = width
        self.height = height
        self.defaultSheet = defaultSheet
        self.symbol = symbol
        self.texts = texts
        self.lines = lines
        self.boxes = boxes
        self.images = images
    }
}

extension LabelTemplate {
    /// Every `{placeholder}` name the template's texts use, in order of first use, each once.
    public var placeholders: [String] {
        var names: [String] = []
        for box in texts {
            for name in box.content.placeholders where !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// Every character the template can draw with `values`: its texts filled in, and printable ASCII for the
    /// `{code.…}` placeholders (codes are written in GS1's character sets, which are printable ASCII). A font cut
    /// down to these (``FontSet/subset(covering:)``) draws any label of the job.
    public func characters(filledWith values: [String: String]) -> Set<Unicode.Scalar> {
        var characters = Set((0x20...0x7E).compactMap(Unicode.Scalar.init))
        for box in texts { characters.formUnion(box.content.filled(with: values).unicodeScalars) }
        return characters
    }

}
