import Foundation
import Testing
@testable import TraceRender
import _TraceTestSupport

struct TextAndSpoolTests {
    static let fonts = try! FontSet(fontFiles: ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"], family: "Noto Sans CJK SC")
    static let battery70x37 = try! TemplateLibrary(directory: Harness.root.appendingPathComponent("templates").path).template("battery-70x37")

    @Test func fontReportsMissingCharacters() {
        #expect(Self.fonts.missingCharacters(in: "电动自行车用锂离子蓄电池 GB 43854-2024 ℃±×Ω①").isEmpty)
        #expect(Self.fonts.missingCharacters(in: "厂名𓀀") == ["𓀀"])
    }

    @Test func missingGlyphFailsNamingTheField() {
        let painter = LabelPainter(template: Self.battery70x37, fonts: Self.fonts)
        do {
            _ = try painter.fitTexts(values: ["product.name": "电池𓀀"])
            Issue.record("a missing glyph was accepted")
        } catch let error as FontError {
            #expect(error.description.contains("{product.name}"))
            #expect(error.description.contains("U+13000"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func longNameShrinksThenFails() throws {
        let painter = LabelPainter(template: Self.battery70x37, fonts: Self.fonts)
        let twenty = String(repeating: "电动自行车用蓄电池组", count: 2)
        let fitted = try painter.fitTexts(values: ["product.name": twenty])
        let nameBox = fitted[0]
        #expect(nameBox.size < Self.battery70x37.texts[0].size, "20 characters should need a smaller size")
        #expect(nameBox.size >= Self.battery70x37.texts[0].minSize)
        let sixty = String(repeating: "电动自行车用蓄电池组", count: 6)
        #expect(throws: LayoutError.self) { try painter.fitTexts(values: ["product.name": sixty]) }
    }

    @Test func spoolNeverOverwritesAndLeavesNoTemporaryFile() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spool = try SpoolDirectory(path: dir.appendingPathComponent("printer").path)
        try spool.deliver(name: "a.png", bytes: [1, 2, 3])
        #expect(throws: RenderError.self) { try spool.deliver(name: "a.png", bytes: [4]) }
        #expect(Harness.files(in: spool.path) == ["a.png"])
        #expect(FileManager.default.contents(atPath: spool.path + "/a.png") == Data([1, 2, 3]))
    }

    @Test func pngCarriesOneBitAndResolution() throws {
        var bitmap = MonochromeBitmap(width: 10, height: 3)
        bitmap.bits[0] = 0x80
        let png = try bitmap.pngData(dpi: 203)
        // IHDR: bit depth 1, colour type 0. pHYs: 7992 dots per metre, unit 1.
        let bytes = [UInt8](png)
        let ihdr = bytes.firstRange(of: Array("IHDR".utf8))!.upperBound
        #expect(bytes[ihdr + 8] == 1 && bytes[ihdr + 9] == 0)
        let phys = bytes.firstRange(of: Array("pHYs".utf8))!.upperBound
        let ppm = bytes[phys..<(phys + 4)].reduce(0) { $0 << 8 | Int($1) }
        #expect(ppm == 7992)
        #expect(bytes[phys + 8] == 1)
    }
}
