import Foundation
import Testing
import TraceCore
@testable import TraceRender
import _TraceTestSupport

/// Every built-in template × 203/300/600 dpi × each symbology it allows, rendered for real codes and read back by
/// zxing-cpp; sheet PDFs rasterised by pdftoppm and read back label by label.
@Suite(.serialized) struct TemplateRenderingTests {
    static let library = TemplateLibrary(directory: Harness.root.appendingPathComponent("templates").path)
    static let fonts = try! FontSet(fontFiles: ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                                                "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"], family: "Noto Sans CJK SC")

    /// Product and producer values as a job fills them (the e-bike battery example), with every optional field set.
    static let productValues: [String: String] = [
        "producer.name": "杭州示例新能源电池有限公司", "producer.uscc": "91330106MA2H7K3LXA",
        "producer.address": "浙江省杭州市西湖区示例路88号", "producer.contact": "0571-88880000",
        "product.name": "电动自行车用锂离子蓄电池", "product.type": "电动自行车用蓄电池", "product.category": "电动自行车",
        "product.model": "TL-4820-LFP 48V 20Ah", "product.gtin": "09520123456795",
        "product.mandatory_standard": "GB 43854-2024", "product.product_standard": "GB/T 36972-2018",
        "product.ccc_certificate": "2025011101234567", "product.production_licence": "(浙)XK06-001-00123",
        "product.certificate_line": "CCC：2025011101234567", "product.warranty": "3年",
        "product.instructions": "禁止拆解、挤压、短路；远离火源", "batch.production_date": "2026-11-27", "batch.lot": "20261127A",
    ]

    /// A real item code; serial `n` padded to 10 digits (the longest the example product issues).
    static func code(_ n: Int) throws -> TraceCode {
        let serial = String(format: "%010d", n)
        return try TraceCode(elements: [AIElement("01", "09520123456795"), AIElement("11", "261127"), AIElement("10", "20261127A"),
                                        AIElement("21", serial)], resolver: "https://id.gs1.org")
    }

    static func values(_ code: TraceCode) -> [String: String] {
        var v = productValues
        v["code.hri"] = code.hri
        v["code.dl"] = code.digitalLink
        v["code.serial"] = code.serial ?? ""
        v["code.element"] = code.data
        return v
    }

    @Test func builtInsAreThere() throws {
        #expect(Self.library.templateNames() == ["battery-60x40", "battery-70x37", "cable-reel-100x70", "product-105x57", "small-50x30"])
        #expect(Self.library.sheetNames() == ["roll", "a4-105x57", "a4-70x37"])
        let a4 = try Self.library.sheet("a4-70x37", for: Self.library.template("battery-70x37"))
        #expect(a4.labelsPerPage == 24 && a4.pageWidth == 210 && a4.pageHeight == 297)
        let a4big = try Self.library.sheet("a4-105x57", for: Self.library.template("product-105x57"))
        #expect(a4big.labelsPerPage == 10)
        let roll = try Self.library.sheet("roll", for: Self.library.template("battery-60x40"))
        #expect(roll.labelsPerPage == 1 && roll.pageWidth == 60 && roll.pageHeight == 40)
        // A 100 × 70 mm design does not fit a 70 × 37 mm sheet.
        #expect(throws: TemplateError.self) { try Self.library.sheet("a4-70x37", for: Self.library.template("cable-reel-100x70")) }
    }

    @Test(arguments: ["battery-60x40", "battery-70x37", "cable-reel-100x70", "product-105x57", "small-50x30"])
    func everyResolutionAndSymbologyDecodes(name: String) throws {
        let template = try Self.library.template(name)
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [String] = []
        var expected: [(text: String, aim: String, gs1: Bool, dpi: Int, case: String)] = []
        var serial = 9_999_999_990
        for dpi in [203, 300, 600] {
            let renderer = RasterLabelRenderer(painter: LabelPainter(template: template, fonts: Self.fonts), dpi: dpi)
            for symbology in template.symbol.symbologies {
                serial += 1
                let code = try Self.code(serial)
                // The production path: static rows deflated once per job and spliced in.
                let png = try renderer.renderPNG(symbol: try symbology.encode(code, box: template.symbol), values: Self.values(code))
                let path = dir.appendingPathComponent("\(name)-\(dpi)-\(symbology.rawValue).png").path
                #expect(FileManager.default.createFile(atPath: path, contents: Data(png)))
                files.append(path)
                expected.append((symbology.readerText(for: code), symbology.symbologyIdentifier, symbology != .qr, dpi,
                                 "\(name) \(dpi) dpi \(symbology.rawValue)"))
            }
        }
        let decoded = try Harness.decode(files)
        #expect(decoded.count == expected.count)
        for (image, want) in zip(decoded, expected) {
            #expect(image.symbols.count == 1, "\(want.case): \(image.symbols.count) symbols")
            #expect(image.symbols.first?.text == want.text, "\(want.case)")
            #expect(image.symbols.first?.symbology_identifier == want.aim, "\(want.case)")
            #expect(image.symbols.first?.gs1 == want.gs1, "\(want.case)")
            #expect(image.mode == "1", "\(want.case): not 1-bit")
            #expect(image.dpi == [want.dpi, want.dpi], "\(want.case)")
            let mm = Double(want.dpi) / 25.4
            #expect(image.width == Int((template.width * mm).rounded()) && image.height == Int((template.height * mm).rounded()), "\(want.case)")
        }
    }

    /// Per-label texts are shaped once per job and redrawn with digit glyphs swapped in: every digit in every
    /// serial position must land exactly where Pango's own layout of that text puts it, at every resolution.
    @Test(arguments: [203, 300, 600]) func reusedShapingDrawsWhatPangoDraws(dpi: Int) throws {
        let template = try Self.library.template("battery-60x40")
        let reused = RasterLabelRenderer(painter: LabelPainter(template: template, fonts: Self.fonts), dpi: dpi)
        let plainPainter = LabelPainter(template: template, fonts: Self.fonts)
        plainPainter.reusesShapes = false
        let plain = RasterLabelRenderer(painter: plainPainter, dpi: dpi)
        var serials = (0...9).map { Int(String(repeating: String($0), count: 10))! }
        serials += [123_456_789, 9_876_543_210, 1_029_384_756, 5_647_382_910, 1, 10, 77]
        for n in serials {
            let code = try Self.code(n)
            let symbol = try Symbology.qr.encode(code, box: template.symbol)
            let a = try reused.render(symbol: symbol, values: Self.values(code))
            let b = try plain.render(symbol: symbol, values: Self.values(code))
            let differing = zip(a.bits, b.bits).filter { $0 != $1 }.count
            #expect(a.width == b.width && a.height == b.height && differing == 0,
                    "serial \(n) at \(dpi) dpi: reused shaping differs from Pango's layout in \(differing) bytes")
        }
    }

    /// The spliced PNG (cached static rows, symbol rows stored or repeated with filter Up, text rows deflated) must
    /// hold exactly the pixels libpng writes for the same bitmap: every template, symbology and resolution.
    @Test(arguments: [("battery-60x40", Symbology.qr), ("battery-70x37", .gs1DataMatrix), ("cable-reel-100x70", .gs1_128),
                      ("cable-reel-100x70", .gs1QR), ("small-50x30", .qr), ("product-105x57", .qr)])
    func splicedPNGsEqualPlainlyEncodedOnes(template name: String, symbology: Symbology) throws {
        let template = try Self.library.template(name)
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var pairs: [String] = []
        for dpi in [203, 300, 600] {
            let renderer = RasterLabelRenderer(painter: LabelPainter(template: template, fonts: Self.fonts), dpi: dpi)
            for n in [1, 2, 77, 9_999_999_999] {
                let code = try Self.code(n)
                let symbol = try symbology.encode(code, box: template.symbol)
                let spliced = try renderer.renderPNG(symbol: symbol, values: Self.values(code))
                let plain = try renderer.render(symbol: symbol, values: Self.values(code)).pngData(dpi: dpi)
                let a = dir.appendingPathComponent("spliced-\(dpi)-\(n).png").path, b = dir.appendingPathComponent("plain-\(dpi)-\(n).png").path
                _ = FileManager.default.createFile(atPath: a, contents: Data(spliced))
                _ = FileManager.default.createFile(atPath: b, contents: Data(plain))
                pairs += [a, b]
            }
        }
        let script = """
        import sys
        from PIL import Image
        args = sys.argv[1:]
        for a, b in zip(args[::2], args[1::2]):
            x, y = Image.open(a), Image.open(b)
            x.load(); y.load()
            print(x.mode == y.mode == "1" and x.size == y.size and x.tobytes() == y.tobytes() and x.info.get("dpi") == y.info.get("dpi"))
        """
        let out = try Harness.run(Harness.python, ["-c", script] + pairs)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout == String(repeating: "True\n", count: pairs.count / 2), "\(name) \(symbology)")
    }

    @Test(arguments: [("product-105x57", "a4-105x57", PDFSymbolStyle.stencil, 23), ("battery-70x37", "a4-70x37", .paths, 26),
                      ("battery-60x40", "roll", .stencil, 3)])
    func sheetPDFDecodesLabelByLabelInOrder(template name: String, sheet sheetName: String, style: PDFSymbolStyle, count: Int) throws {
        let template = try Self.library.template(name)
        let sheet = try Self.library.sheet(sheetName, for: template)
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pdf = dir.appendingPathComponent("sheet.pdf").path
        let painter = LabelPainter(template: template, fonts: Self.fonts)
        let writer = try PDFSheetWriter(path: pdf, sheet: sheet, painter: painter, title: "test")
        writer.symbolStyle = style
        var links: [String] = []
        for n in 1...count {
            let code = try Self.code(n)
            try writer.add(symbol: try Symbology.qr.encode(code, box: template.symbol), values: Self.values(code))
            links.append(code.digitalLink)
        }
        try writer.finish()
        let pages = (count + sheet.labelsPerPage - 1) / sheet.labelsPerPage
        #expect(writer.pageCount == pages)
        let raster = try Harness.run("/usr/bin/pdftoppm", ["-r", "300", "-gray", "-png", pdf, dir.appendingPathComponent("page").path])
        #expect(raster.status == 0, "\(raster.stderr)")
        let images = Harness.files(in: dir.path).filter { $0.hasPrefix("page") }.map { dir.appendingPathComponent($0).path }
        #expect(images.count == pages)
        let decoded = try Harness.decode(images)
        #expect(decoded.flatMap { $0.symbols.map(\.text) } == links)
        let fonts = try Harness.run("/usr/bin/pdffonts", [pdf])
        #expect(!fonts.stdout.split(separator: "\n").dropFirst(2).contains { $0.contains(" no ") }, "a font is not embedded:\n\(fonts.stdout)")
    }

    @Test func startAtSkipsSlotsOnTheFirstSheet() throws {
        let template = try Self.library.template("product-105x57")
        let sheet = try Self.library.sheet("a4-105x57", for: template)
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pdf = dir.appendingPathComponent("sheet.pdf").path
        let writer = try PDFSheetWriter(path: pdf, sheet: sheet, painter: LabelPainter(template: template, fonts: Self.fonts), title: "t")
        writer.skip(7)
        for n in 1...4 {
            let code = try Self.code(n)
            try writer.add(symbol: try Symbology.qr.encode(code, box: template.symbol), values: Self.values(code))
        }
        try writer.finish()
        #expect(writer.pageCount == 2)
        _ = try Harness.run("/usr/bin/pdftoppm", ["-r", "200", "-gray", "-png", pdf, dir.appendingPathComponent("page").path])
        let images = Harness.files(in: dir.path).filter { $0.hasPrefix("page") }.map { dir.appendingPathComponent($0).path }
        let decoded = try Harness.decode(images)
        // Slots 8, 9 and 10 of page 1 (bottom-right, then the last row), then slot 1 of page 2.
        #expect(decoded.map { $0.symbols.count } == [3, 1])
        #expect(decoded[1].symbols.first.map { $0.y < decoded[1].height / 5 } == true)
    }

    @Test func sixtyChineseCharactersShrinkWrapOrFailClearly() throws {
        let sixty = String(repeating: "电动自行车用蓄电池组", count: 6)
        for name in ["battery-60x40", "cable-reel-100x70"] {
            let template = try Self.library.template(name)
            let painter = LabelPainter(template: template, fonts: Self.fonts)
            var values = Self.values(try Self.code(1))
            values["product.name"] = sixty
            do {
                let fitted = try painter.fitTexts(values: values)
                let name = try #require(fitted.first { $0.box.text == "{product.name}" })
                // It fitted: wrapped within the box at a size between the minimum and the design size.
                #expect(name.size >= name.box.minSize && name.size <= name.box.size)
            } catch let error as LayoutError {
                #expect(error.description.contains("{product.name}"), "\(error)")
                #expect(error.description.contains("does not fit even wrapped at the minimum size"), "\(error)")
            }
        }
        // The cable tag's wide title box takes 60 characters; the 60 × 40 label's cannot.
        let tag = LabelPainter(template: try Self.library.template("cable-reel-100x70"), fonts: Self.fonts)
        var values = Self.values(try Self.code(1))
        values["product.name"] = sixty
        #expect(throws: Never.self) { try tag.fitTexts(values: values) }
        let small = LabelPainter(template: try Self.library.template("battery-60x40"), fonts: Self.fonts)
        #expect(throws: LayoutError.self) { try small.fitTexts(values: values) }
    }

    /// A per-label text's size search starts where the box's last text ended; it must find the same size as a
    /// search from the design size down, whichever texts came before (wide and narrow serials, alternating).
    @Test func perLabelFitFromTheLastSizeEqualsFitFromTheTop() throws {
        let template = try Self.library.template("battery-60x40")
        let warm = LabelPainter(template: template, fonts: Self.fonts)
        let serials = ["WWWWWWWWWWWW", "0000000001", "MMMMMMMMMMMMMM", "IIIIIIII", "76RPXGWDZT", "WMWMWMWMWMWM", "1",
                       "QQQQQQQQQQ", "2345678901", "WWWWWWWWWWWWW"]
        var sizes = Set<Double>()
        for serial in serials + serials.reversed() {
            var values = Self.values(try Self.code(1))
            values["code.hri"] = "(01)09520123456795(11)261127(10)20261127A(21)\(serial)"
            let cold = LabelPainter(template: template, fonts: Self.fonts)
            let fromTop = try cold.fitTexts(values: values).first { $0.box.isPerLabel }!
            let fromLast = try warm.fitTexts(values: values).first { $0.box.isPerLabel }!
            #expect(fromLast.size == fromTop.size, "\(serial): \(fromLast.size) pt after the previous text, \(fromTop.size) pt from the top")
            sizes.insert(fromTop.size)
        }
        #expect(sizes.count >= 3, "the serials should need several sizes: \(sizes.sorted())")
    }

    @Test func gs1_128ModulesAndQRModulesLandOnWholeDots() throws {
        let template = try Self.library.template("cable-reel-100x70")
        let code = try Self.code(42)
        for dpi in [203, 300, 600] {
            let dpmm = Double(dpi) / 25.4
            for symbology in [Symbology.qr, .gs1_128] {
                let symbol = try symbology.encode(code, box: template.symbol)
                let placement = try SymbolPlacement(symbol: symbol, box: template.symbol, dotsPerMM: dpmm)
                for v in [placement.module, placement.x, placement.y] {
                    #expect(abs(v * dpmm - (v * dpmm).rounded()) < 1e-6, "\(symbology) at \(dpi) dpi: \(v) mm is not whole dots")
                }
            }
        }
    }

    @Test func templateErrorsNameTheFieldAndRule() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = try String(contentsOfFile: Self.library.directory + "/small-50x30.yaml", encoding: .utf8)
        let cases: [(String, String, String)] = [
            ("symbologies: [qr, gs1-datamatrix]", "symbologies: [qr, code39]", "symbol.symbologies[1]: 'code39': must be one of qr, gs1-qr, gs1-datamatrix, gs1-128"),
            ("min_module: 0.3", "min_module: 0.5", "symbol.module: '0.4': must be at least symbol.min_module (0.5 mm), which must be above 0"),
            ("size: 7, min_size: 4.5", "size: 7, min_size: 9", "texts[0].min_size: '9.0': must be above 0 and at most size (7 pt)"),
            ("{x: 1, y: 21.4, width: 48", "{x: 10, y: 21.4, width: 48", "texts[4]: 'x 10 y 21.4 w 48 h 3': must have a positive size and lie inside the 50 × 30 mm label"),
            ("  module: 0.4\n", "", "symbol.module: is required and missing"),
        ]
        for (old, new, message) in cases {
            #expect(good.contains(old), "fixture lost '\(old)'")
            let path = dir.appendingPathComponent("t.yaml").path
            try? FileManager.default.removeItem(atPath: path)
            try good.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
            do {
                _ = try Self.library.template(path)
                Issue.record("accepted: \(new)")
            } catch {
                #expect(error.description.hasSuffix(message), "\(error.description)")
            }
        }
    }
}

/// Images, printer offsets and profiles.
struct LabelElementTests {
    @Test func imagesAreDrawnFromTheirFileAndOffsetsMoveTheWholeLabel() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A solid black 20 × 20 pixel "logo".
        var logo = MonochromeBitmap(width: 20, height: 20)
        logo.fill(x: 0, y: 0, width: 20, height: 20)
        let logoPath = dir.appendingPathComponent("logo.png").path
        #expect(FileManager.default.createFile(atPath: logoPath, contents: Data(try logo.pngData(dpi: 300))))
        let yaml = """
        name: logo-test
        width: 40
        height: 20
        symbol: {x: 1, y: 1, max_width: 19, max_height: 19, module: 0.4, min_module: 0.3}
        images:
          - {x: 25, y: 5, width: 10, height: 10, file: logo.png}
        boxes:
          - {x: 0, y: 0, width: 40, height: 20, thickness: 0.5}
        """
        let path = dir.appendingPathComponent("logo-test.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let template = try TemplateRenderingTests.library.template(path)
        #expect(template.images.first?.file == logoPath)
        let renderer = RasterLabelRenderer(painter: LabelPainter(template: template, fonts: TemplateRenderingTests.fonts), dpi: 300)
        let symbol = try QRCodeEncoder.encode("https://id.gs1.org/01/09520123456788/21/1")
        let bitmap = try renderer.render(symbol: symbol, values: [:])
        let dpmm = 300 / 25.4
        // The logo's centre is black, the space between symbol and logo white, the frame black.
        #expect(bitmap.isBlack(x: Int(30 * dpmm), y: Int(10 * dpmm)))
        #expect(!bitmap.isBlack(x: Int(22 * dpmm), y: Int(10 * dpmm)))
        #expect(bitmap.isBlack(x: 1, y: Int(10 * dpmm)))
        // A printer profile 1 mm right, 0.5 mm down moves every dot by 12 and 6 dots at 300 dpi.
        let profileYAML = dir.appendingPathComponent("printer.yaml").path
        try "name: line1\noffset: {x: 1, y: 0.5}\n".write(toFile: profileYAML, atomically: true, encoding: .utf8)
        let profile = try PrinterProfile.load(path: profileYAML)
        #expect(profile.dots(dpi: 300) == (12, 6))
        let moved = bitmap.shifted(dx: 12, dy: 6)
        for (x, y) in [(Int(30 * dpmm), Int(10 * dpmm)), (Int(22 * dpmm), Int(10 * dpmm)), (100, 100)] {
            #expect(moved.isBlack(x: x + 12, y: y + 6) == bitmap.isBlack(x: x, y: y))
        }
        try "name: line1\noffset: {x: 25, y: 0}\n".write(toFile: profileYAML, atomically: true, encoding: .utf8)
        #expect(throws: TemplateError.self) { try PrinterProfile.load(path: profileYAML) }
    }
}
