import Foundation
import Testing
@testable import TraceRender
import _TraceTestSupport

/// The one parser of template text: segments, placeholder names, per-label texts, filling, and malformed texts
/// refused with the file, field, value and rule, when the template is loaded.
struct TemplateTextTests {
    static func parse(_ text: String) throws(TemplateError) -> TemplateText {
        try TemplateText(text, file: "t.yaml", field: "texts[2].text")
    }

    @Test func splitsIntoLiteralsAndPlaceholders() throws {
        let text = try Self.parse("生产日期：{batch.production_date}    批号：{batch.lot}")
        #expect(text.segments == [.literal("生产日期："), .placeholder("batch.production_date"), .literal("    批号："),
                                  .placeholder("batch.lot")])
        #expect(text.placeholders == ["batch.production_date", "batch.lot"])
        #expect(!text.isPerLabel)
        #expect(text.source == "生产日期：{batch.production_date}    批号：{batch.lot}")
        #expect(try Self.parse("").segments.isEmpty)
        #expect(try Self.parse("plain").segments == [.literal("plain")])
        // Adjacent placeholders, and a name used twice is listed once.
        let twice = try Self.parse("{a}{b}-{a}")
        #expect(twice.segments == [.placeholder("a"), .placeholder("b"), .literal("-"), .placeholder("a")])
        #expect(twice.placeholders == ["a", "b"])
    }

    @Test func aCodePlaceholderMakesTheTextPerLabel() throws {
        #expect(try Self.parse("{code.hri}").isPerLabel)
        #expect(try Self.parse("序列号 {code.serial} / {product.model}").isPerLabel)
        // Any `code.` name: a new per-code value needs no change here.
        #expect(try Self.parse("{code.ecode}").isPerLabel)
        #expect(!(try Self.parse("{product.code}")).isPerLabel)
        #expect(!(try Self.parse("code.hri")).isPerLabel)
    }

    @Test func fillsFromValuesAndKeepsUnknownNames() throws {
        let text = try Self.parse("型号：{product.model} ({code.serial})")
        #expect(text.filled(with: ["product.model": "TL-4820", "code.serial": "0000000001"]) == "型号：TL-4820 (0000000001)")
        #expect(text.filled(with: ["product.model": ""]) == "型号： ({code.serial})")
        #expect(try Self.parse("no placeholders").filled(with: ["x": "y"]) == "no placeholders")
    }

    @Test(arguments: [
        ("批号：{batch.lot", "the '{' at character 4 is never closed by a '}'"),
        ("{", "the '{' at character 1 is never closed by a '}'"),
        ("a{}b", "has an empty placeholder '{}' at character 2"),
        ("{product.name{x}}", "the '{' at character 1 is not closed before the '{' at character 14"),
        ("lot}", "the '}' at character 4 closes no '{'"),
    ])
    func malformedTextIsATemplateErrorNamingFileFieldValueAndRule(text: String, rule: String) {
        do {
            _ = try Self.parse(text)
            Issue.record("accepted '\(text)'")
        } catch {
            #expect(error.file == "t.yaml")
            #expect(error.field == "texts[2].text")
            #expect(error.value == text)
            #expect(error.rule.hasPrefix(rule), "\(error.rule)")
            #expect(error.description.hasPrefix("t.yaml: texts[2].text: '\(text)': \(rule)"), "\(error.description)")
        }
    }

    @Test func aTemplateWithAMalformedTextIsRefusedWhenLoaded() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let library = TemplateLibrary(directory: Harness.root.appendingPathComponent("templates").path)
        let good = try String(contentsOfFile: library.directory + "/battery-60x40.yaml", encoding: .utf8)
        #expect(good.contains("\"{code.hri}\""), "fixture lost its {code.hri} text")
        let path = dir.appendingPathComponent("bad.yaml").path
        try good.replacingOccurrences(of: "\"{code.hri}\"", with: "\"{code.hri\"").write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try library.template(path)
            Issue.record("a template with an unclosed '{' was loaded")
        } catch {
            #expect(error.file == path)
            #expect(error.field.hasPrefix("texts[") && error.field.hasSuffix("].text"), "\(error.field)")
            #expect(error.value == "{code.hri")
            #expect(error.rule.contains("never closed"), "\(error.rule)")
        }
        // The unchanged template loads, with its HRI text per label and the others static.
        let template = try library.template("battery-60x40")
        #expect(template.texts.filter(\.isPerLabel).map(\.text) == ["{code.hri}"])
        #expect(template.placeholders.contains("code.hri") && template.placeholders.contains("product.name"))
    }
}
