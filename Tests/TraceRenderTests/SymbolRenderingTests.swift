import Foundation
import Testing
import TraceCore
@testable import TraceRender
import _TraceTestSupport

/// Symbols rendered to real PNGs and read back by zxing-cpp.
@Suite(.serialized) struct SymbolRenderingTests {
    static let fonts = try! FontSet(fontFiles: ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"], family: "Noto Sans CJK SC")

    /// A label holding only a symbol box, big enough for any symbol used here.
    static func bareTemplate(module: Double, width: Double = 60) -> LabelTemplate {
        LabelTemplate(name: "bare", width: width, height: 40,
                      symbol: .init(x: 1, y: 1, maxWidth: width - 2, maxHeight: 38, module: module, minModule: 0.2), texts: [])
    }

    func renderAndDecode(_ symbol: SymbolMatrix, module: Double = 0.5, dpi: Int = 300, width: Double = 60) throws -> Harness.DecodedImage {
        let painter = LabelPainter(template: Self.bareTemplate(module: module, width: width), fonts: Self.fonts)
        let bitmap = try RasterLabelRenderer(painter: painter, dpi: dpi).render(symbol: symbol, values: [:])
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("symbol.png").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(try bitmap.pngData(dpi: dpi))))
        return try Harness.decode([path])[0]
    }

    static let element = try! ElementString([
        AIElement("01", "09520123456788"), AIElement("11", "261127"), AIElement("10", "LOT7"), AIElement("21", "ABC123"),
    ])

    @Test(arguments: [(ZintEncoder.GS1Symbology.gs1QR, "]Q3"), (.gs1DataMatrix, "]d2"), (.gs1_128, "]C1")])
    func gs1SymbolsDecodeWithTheGS1Flag(symbology: ZintEncoder.GS1Symbology, aim: String) throws {
        let bracketed = Self.element.elements.map { "[\($0.ai)]\($0.value)" }.joined()
        let symbol = try ZintEncoder.encode(bracketed: bracketed, as: symbology)
        #expect(symbol.symbologyIdentifier == aim)
        let image = try renderAndDecode(symbol, module: symbology == .gs1_128 ? 0.25 : 0.5, width: symbology == .gs1_128 ? 100 : 60)
        #expect(image.symbols.count == 1)
        #expect(image.symbols.first?.symbology_identifier == aim)
        #expect(image.symbols.first?.gs1 == true)
        // zxing-cpp shows GS1 content as HRI text; the raw bytes carry the GS separators.
        #expect(image.symbols.first?.text == Self.element.hri)
        #expect(image.symbols.first?.bytes == Self.element.data)
    }

    @Test func zintRefusesABadCheckDigit() {
        #expect(throws: SymbolError.self) { try ZintEncoder.encode(bracketed: "[01]09520123456789", as: .gs1QR) }
    }

    @Test(arguments: [203, 300, 600])
    func plainQRDecodesAtEveryPrinterResolution(dpi: Int) throws {
        let uri = "https://id.gs1.org/01/09520123456788/10/LOT7/21/ABC123?11=261127"
        let image = try renderAndDecode(try QRCodeEncoder.encode(uri), module: 0.42, dpi: dpi)
        #expect(image.symbols.map(\.text) == [uri])
        #expect(image.symbols.first?.symbology_identifier == "]Q1")
        #expect(image.dpi == [dpi, dpi])
        #expect(image.mode == "1")
    }

    @Test func modulesLandOnWholeDots() throws {
        let symbol = try QRCodeEncoder.encode("https://id.gs1.org/01/09520123456788/21/1")
        let painter = LabelPainter(template: Self.bareTemplate(module: 0.42), fonts: Self.fonts)
        let bitmap = try RasterLabelRenderer(painter: painter, dpi: 300).render(symbol: symbol, values: [:])
        // 0.42 mm at 300 dpi snaps to 5 dots; the box starts at 1 mm = 11.8 → 12 dots, plus 4 quiet modules.
        let dots = 5, origin = 12 + 4 * dots
        for row in 0..<symbol.height {
            for col in 0..<symbol.width {
                for dy in 0..<dots {
                    for dx in 0..<dots {
                        let black = bitmap.isBlack(x: origin + col * dots + dx, y: origin + row * dots + dy)
                        if black != symbol[row, col] {
                            Issue.record("module (\(row), \(col)) dot (\(dx), \(dy)) is \(black), expected \(symbol[row, col])")
                            return
                        }
                    }
                }
            }
        }
        // The quiet zone is white.
        for x in (origin - 4 * dots)..<origin { #expect(!bitmap.isBlack(x: x, y: origin)) }
    }

    @Test func mergedRunsCoverExactlyTheDarkModules() throws {
        let symbol = try QRCodeEncoder.encode("https://id.gs1.org/01/09520123456788/10/20261127A/21/0000000001?11=261127")
        let runs = symbol.mergedRuns()
        var covered = [Bool](repeating: false, count: symbol.width * symbol.height)
        for run in runs {
            for y in run.y..<(run.y + run.height) {
                for x in run.x..<(run.x + run.width) {
                    #expect(!covered[y * symbol.width + x], "overlap at \(x),\(y)")
                    covered[y * symbol.width + x] = true
                }
            }
        }
        #expect(covered == symbol.modules)
        #expect(runs.count < symbol.modules.filter { $0 }.count / 2, "runs barely merged: \(runs.count)")
    }

    @Test func snappedModuleBelowMinimumIsRefused() throws {
        let symbol = try QRCodeEncoder.encode("https://id.gs1.org/01/09520123456788")
        let box = LabelTemplate.SymbolBox(x: 1, y: 1, maxWidth: 30, maxHeight: 30, module: 0.33, minModule: 0.33)
        // 0.33 mm at 203 dpi is 2.6 dots → 3 dots = 0.375 mm: fine. At 300 dpi → 4 dots = 0.339: fine.
        #expect(throws: Never.self) { try SymbolPlacement(symbol: symbol, box: box, dotsPerMM: 203 / 25.4) }
        // 0.25 mm at 300 dpi is 2.95 dots → 3 dots = 0.254 mm, below the 0.33 mm minimum.
        let tight = LabelTemplate.SymbolBox(x: 1, y: 1, maxWidth: 30, maxHeight: 30, module: 0.25, minModule: 0.33)
        #expect(throws: LayoutError.self) { try SymbolPlacement(symbol: symbol, box: tight, dotsPerMM: 300 / 25.4) }
        let small = LabelTemplate.SymbolBox(x: 1, y: 1, maxWidth: 10, maxHeight: 10, module: 0.42, minModule: 0.33)
        #expect(throws: LayoutError.self) { try SymbolPlacement(symbol: symbol, box: small, dotsPerMM: nil) }
    }
}
