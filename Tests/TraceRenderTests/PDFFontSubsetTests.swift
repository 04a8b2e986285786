import Foundation
import Testing
import TraceCore
@testable import TraceRender
import _TraceTestSupport

/// A job's PDF embeds only the glyphs the job can draw (the fonts cut down with HarfBuzz before Cairo sees them),
/// still embedded, subset and with a Unicode map, its text layer intact, and its labels drawn exactly as with the
/// whole font.
@Suite(.serialized) struct PDFFontSubsetTests {
    typealias T = TemplateRenderingTests

    /// The fonts a job on `template` uses for its PDF.
    static func jobFonts(_ template: LabelTemplate) throws -> FontSet {
        try T.fonts.subset(covering: template.characters(filledWith: T.productValues))
    }

    /// 200 labels (a shift) of the A4 battery sheet: with the CFF subroutines Cairo 1.16 embeds whole, the fonts
    /// alone took about 0.96 MB; the bound leaves room for the labels (about 0.3 KB each) and nothing near that.
    @Test func aShiftPDFEmbedsSubsetFontsWithAUnicodeMapAndStaysSmall() throws {
        let template = try T.library.template("battery-70x37")
        let sheet = try T.library.sheet("a4-70x37", for: template)
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pdf = dir.appendingPathComponent("shift.pdf").path
        let writer = try PDFSheetWriter(path: pdf, sheet: sheet, painter: LabelPainter(template: template, fonts: try Self.jobFonts(template)),
                                        title: "shift")
        var codes: [TraceCode] = []
        for n in 1...200 {
            let code = try T.code(9_999_999_000 + n)
            try writer.add(symbol: try Symbology.qr.encode(code, box: template.symbol), values: T.values(code))
            codes.append(code)
        }
        try writer.finish()

        let size = try FileManager.default.attributesOfItem(atPath: pdf)[.size] as? Int ?? 0
        #expect(size > 0 && size < 200_000, "a 200-label PDF of \(size) bytes: the fonts are not cut to the job's glyphs")

        // pdffonts: name type encoding emb sub uni object ID; every font embedded, subset, with a ToUnicode map.
        let fonts = try Harness.run("/usr/bin/pdffonts", [pdf])
        let rows = fonts.stdout.split(separator: "\n").dropFirst(2)
        #expect(rows.count >= 2, "expected the regular and bold faces:\n\(fonts.stdout)")
        for row in rows {
            let columns = row.split(separator: " ", omittingEmptySubsequences: true)
            #expect(row.contains("NotoSansCJK"), "\(row)")
            #expect(columns.count >= 7 && Array(columns.suffix(5).prefix(3)) == ["yes", "yes", "yes"],
                    "not embedded, subset and Unicode-mapped: \(row)")
        }

        // The text layer: the Chinese product name and each label's own HRI.
        let text = try Harness.run("/usr/bin/pdftotext", [pdf, "-"])
        #expect(text.stdout.contains("电动自行车用锂离子蓄电池"))
        #expect(text.stdout.contains("杭州示例新能源电池有限公司"))
        for code in codes { #expect(text.stdout.contains(code.hri), "the text layer lacks \(code.hri)") }

        // Page 1's symbols still decode, in order.
        _ = try Harness.run("/usr/bin/pdftoppm", ["-r", "300", "-gray", "-png", "-f", "1", "-l", "1", pdf, dir.appendingPathComponent("page").path])
        let page = Harness.files(in: dir.path).filter { $0.hasPrefix("page") }.map { dir.appendingPathComponent($0).path }
        #expect(try Harness.decode(page).first?.symbols.map(\.text) == codes.prefix(24).map(\.digitalLink))
    }

    /// The subset draws every label exactly as the whole font does (same shaping, same outlines), at every printer
    /// resolution, on every built-in template.
    @Test(arguments: ["battery-60x40", "battery-70x37", "cable-reel-100x70", "product-105x57", "small-50x30"])
    func theSubsetDrawsWhatTheWholeFontDraws(name: String) throws {
        let template = try T.library.template(name)
        let subset = try Self.jobFonts(template)
        for dpi in [203, 300, 600] {
            let whole = RasterLabelRenderer(painter: LabelPainter(template: template, fonts: T.fonts), dpi: dpi)
            let cut = RasterLabelRenderer(painter: LabelPainter(template: template, fonts: subset), dpi: dpi)
            for n in [1, 9_876_543_210] {
                let code = try T.code(n)
                let symbol = try Symbology.qr.encode(code, box: template.symbol)
                let a = try whole.render(symbol: symbol, values: T.values(code)), b = try cut.render(symbol: symbol, values: T.values(code))
                let differing = zip(a.bits, b.bits).filter { $0 != $1 }.count
                #expect(a.width == b.width && a.height == b.height && differing == 0, "\(name) at \(dpi) dpi: \(differing) bytes differ")
            }
        }
    }

    /// A character the job did not plan for is refused by name, never drawn as an empty box.
    @Test func aCharacterOutsideTheSubsetIsMissingFromIt() throws {
        let subset = try T.fonts.subset(covering: Set("电池 (01)".unicodeScalars))
        #expect(subset.missingCharacters(in: "电池 (01)").isEmpty)
        #expect(subset.missingCharacters(in: "电动车") == ["动", "车"])
        #expect(T.fonts.missingCharacters(in: "电动车").isEmpty)
        // A subset of a subset is cut from the whole faces again.
        #expect(try subset.subset(covering: Set("动车".unicodeScalars)).missingCharacters(in: "动车").isEmpty)
    }
}
