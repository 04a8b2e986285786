import Foundation
import TraceCore
import TraceRegistry
import TraceRender

/// A real label for a product, rendered with sample codes and no registry: what `template preview` shows before
/// a design goes to the line.
public enum LabelPreview {
    /// Renders a preview to `output`: a `.png` is one 1-bit label at `settings.dpi`; a `.pdf` is one full sheet
    /// (`settings.sheet`) of labels with outlines and crop marks. The sample codes use the product's longest serials
    /// (the worst case for fitting), counting down from the largest.
    /// - Returns: the sample codes drawn.
    public static func render(productPath: String, settings: LabelDelivery.Settings, font: FontChoice, today: CalendarDate,
                              output: String) throws -> [TraceCode] {
        let product = try ProductFile.load(path: productPath, today: today)
        let values = LabelValues.product(product)
        let fonts = try LabelDelivery.fonts(font, template: settings.template, productValues: values)
        let top = product.serialFormat.maxCounter
        let count = output.hasSuffix(".pdf") ? settings.sheet.labelsPerPage : 1
        let codes: [TraceCode]
        if let ecodeSettings = product.scheme.ecode {
            // Ecode products: the longest codes of their pool or layout (the worst case for fitting), no registry.
            let directory = (productPath as NSString).deletingLastPathComponent
            let source = try EcodeGenerator(product: product, settings: ecodeSettings, baseDirectory: directory.isEmpty ? "." : directory)
            let longest = try source.longestCode()
            codes = try (0..<UInt64(count)).map { i throws in
                // Minted codes count down from the largest; pool and fixed codes repeat the longest.
                guard source.pool == nil, source.namespace != nil, i < source.maxCounter else { return longest }
                return try source.code(for: source.maxCounter - i)
            }
        } else {
            codes = try (0..<UInt64(count)).map { i throws in
                try TraceCode.make(for: product, mode: .item, serial: product.serialFormat.serial(for: top - i))
            }
        }
        try LabelDelivery.check(settings: settings, sample: codes[0], productValues: values, fonts: fonts)
        if FileManager.default.fileExists(atPath: output) { throw RenderError.fileExists(path: output) }
        let painter = LabelPainter(template: settings.template, fonts: fonts)
        if output.hasSuffix(".pdf") {
            let writer = try PDFSheetWriter(path: output, sheet: settings.sheet, painter: painter, title: "preview \(settings.template.name)")
            writer.proofMarks = true
            writer.offset = (settings.printer.offsetX, settings.printer.offsetY)
            for code in codes {
                try writer.add(symbol: try settings.symbology.encode(code, box: settings.template.symbol),
                               values: LabelValues.with(code: code, product: values))
            }
            try writer.finish()
        } else {
            guard output.hasSuffix(".png") else {
                throw IssueError(field: "out", value: output, rule: "must end in .png (one label) or .pdf (one sheet)")
            }
            let renderer = RasterLabelRenderer(painter: painter, dpi: settings.dpi)
            let bitmap = try renderer.render(symbol: try settings.symbology.encode(codes[0], box: settings.template.symbol),
                                             values: LabelValues.with(code: codes[0], product: values))
            let offset = settings.printer.dots(dpi: settings.dpi)
            let png = try bitmap.shifted(dx: offset.dx, dy: offset.dy).pngData(dpi: settings.dpi)
            let directory = (output as NSString).deletingLastPathComponent
            let spool = try SpoolDirectory(path: directory.isEmpty ? "." : directory)
            try spool.deliver(name: (output as NSString).lastPathComponent, bytes: png)
        }
        return codes
    }
}
