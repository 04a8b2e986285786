import Foundation
import Testing
import TraceCore
@testable import TraceRender
import _TraceTestSupport

/// A renderer draws each label into the previous label's bitmap with the changed rows put back from the static
/// layer: a sequence of labels must encode exactly as each label drawn by a fresh renderer, whatever the previous
/// label's symbol size and text.
@Suite struct LabelSequenceTests {
    typealias T = TemplateRenderingTests

    /// Serials of different lengths: other symbol sizes (spans, rows) and HRI lengths from one label to the next.
    static func code(serial: String) throws -> TraceCode {
        try TraceCode(elements: [AIElement("01", "09520123456795"), AIElement("11", "261127"), AIElement("10", "20261127A"),
                                 AIElement("21", serial)], resolver: "https://id.gs1.org")
    }

    @Test(arguments: [("battery-60x40", Symbology.qr), ("battery-70x37", .gs1DataMatrix), ("cable-reel-100x70", .gs1_128)])
    func aSequenceEncodesAsLabelsDrawnAlone(template name: String, symbology: Symbology) throws {
        let template = try T.library.template(name)
        let serials = ["1", "AB12", "77", "0000000001", "X", "1234567890"]
        for dpi in [203, 300] {
            let sequence = RasterLabelRenderer(painter: LabelPainter(template: template, fonts: T.fonts), dpi: dpi)
            for serial in serials {
                let code = try Self.code(serial: serial)
                let symbol = try symbology.encode(code, box: template.symbol)
                let inSequence = try sequence.renderPNG(symbol: symbol, values: T.values(code))
                let alone = try RasterLabelRenderer(painter: LabelPainter(template: template, fonts: T.fonts), dpi: dpi)
                    .renderPNG(symbol: symbol, values: T.values(code))
                #expect(inSequence == alone, "\(name) \(symbology) \(dpi) dpi, serial \(serial) after the others")
            }
        }
    }
}
