import Testing
@testable import TraceCore

/// The Ecode scheme of a product file: MD layouts, URL patterns and the validation that refuses a layout which could
/// outgrow its version before anything is allocated.
struct EcodeSchemeTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 28)
    static let base: [String: String] = [
        "producer.name": "宁波示例厨房电器有限公司", "producer.uscc": "91330212MA2GX3Q71C", "producer.address": "宁波",
        "producer.contact": "0574-88886666", "product.name": "家用燃气灶具", "product.type": "家用燃气灶具",
        "product.model": "NB-1", "product.mandatory_standard": "GB 16410-2020", "product.ccc_certificate": "2024011005001234", "product.inspection_report.reference": "NB-1", "product.inspection_report.sha256": "abababababababababababababababababababababababababababababababab",
            "producer.business_licence.reference": "营业执照", "producer.business_licence.sha256": "abababababababababababababababababababababababababababababababab",
        "batch.production_date": "2026-11-28", "batch.lot": "20261128G1",
    ]

    static func validate(_ extra: [String: String]) -> Result<ProductSpec, ProductValidationError> {
        ProductSpec.validated(fields: base.merging(extra) { $1 }, today: today)
    }

    static func findings(_ extra: [String: String]) -> [ProductFinding] {
        if case .failure(let e) = validate(extra) { return e.findings }
        return []
    }

    @Test func layoutWritesAndReadsBackItsCounter() throws {
        let layout = try EcodeLayout(version: 1, nsi: "0096", md: "{date}88{serial:12}")
        #expect(layout.serialWidth == 12 && layout.maxCounter == 999_999_999_999)
        let code = layout.code(counter: 42, gtin: nil, lot: "L", date: Self.today)
        #expect(code == "1009626112888000000000042")
        #expect(layout.counter(of: code, gtin: nil, lot: "L", date: Self.today) == 42)
        #expect(layout.counter(of: "1009626112788000000000042", gtin: nil, lot: "L", date: Self.today) == nil, "another date")
        #expect(layout.counter(of: "100962611288800000000004", gtin: nil, lot: "L", date: Self.today) == nil, "too short")
        let fixed = try EcodeLayout(version: 2, nsi: "1234", md: "{gtin}")
        #expect(fixed.serialWidth == nil && fixed.maxCounter == 0)
        #expect(fixed.code(counter: 9, gtin: "09520123456795", lot: "L", date: Self.today) == "2123409520123456795")
    }

    @Test func malformedLayoutsAreRefusedWithTheRule() {
        #expect(throws: EcodeLayoutError.syntax("{gtin", "a '{' at character 1 is never closed")) { try EcodeLayout(version: 1, nsi: "0096", md: "{gtin") }
        #expect(throws: EcodeLayoutError.self) { try EcodeLayout(version: 1, nsi: "0096", md: "{sku}") }
        #expect(throws: EcodeLayoutError.self) { try EcodeLayout(version: 1, nsi: "0096", md: "{serial:0}") }
        #expect(throws: EcodeLayoutError.self) { try EcodeLayout(version: 1, nsi: "0096", md: "{serial:19}") }
        #expect(throws: EcodeLayoutError.self) { try EcodeLayout(version: 1, nsi: "0096", md: "{serial:3}{serial:3}") }
        #expect(throws: EcodeLayoutError.self) { try EcodeLayout(version: 1, nsi: "0096", md: "12}") }
    }

    @Test func aMintedProductNeedsNoGTINAndGetsItsSettings() throws {
        let spec = try Self.validate(["code.scheme": "ecode", "code.ecode.source": "mint", "code.ecode.version": "1",
                                      "code.ecode.nsi": "0096", "code.ecode.md": "{date}{serial:10}", "code.ecode.payload": "plain"]).get()
        #expect(spec.gtin == nil)
        guard case .ecode(let settings) = spec.scheme, case .mint(let layout) = settings.source else {
            Issue.record("expected a minted Ecode scheme, got \(spec.scheme)"); return
        }
        #expect(layout.text == "{date}{serial:10}" && settings.payload == .plain && settings.resolver == "https://www.iotroot.com")
        let code = TraceCode(ecode: try Ecode("1009626112800000000001"), settings: settings)
        #expect(code.payload == "1009626112800000000001" && code.digitalLink == "https://www.iotroot.com/E=1009626112800000000001")
        #expect(code.humanReadable == "Ecode: 1009626112800000000001" && code.elements.isEmpty && code.identity == "E=1009626112800000000001")
    }

    @Test func aLayoutThatCanOutgrowItsVersionIsRefusedUpFront() {
        // V1 allows 20 MD digits: a GTIN-14 and a 7-digit counter make 21 at the largest counter.
        let found = Self.findings(["product.gtin": "9520123456795", "code.scheme": "ecode", "code.ecode.source": "mint",
                                   "code.ecode.version": "1", "code.ecode.nsi": "0096", "code.ecode.md": "{gtin}{serial:7}"])
        #expect(found.map(\.id) == ["ECODE-MD-WIDTH"])
        #expect(found.first?.field == "code.ecode.md" && found.first?.rule.contains("10096095201234567959999999") == true, "\(found)")
        // Six digits fit exactly.
        #expect(Self.findings(["product.gtin": "9520123456795", "code.scheme": "ecode", "code.ecode.source": "mint",
                               "code.ecode.version": "1", "code.ecode.nsi": "0096", "code.ecode.md": "{gtin}{serial:6}"]).isEmpty)
        // Letters in a digits-only version are refused through the largest code too.
        #expect(Self.findings(["code.scheme": "ecode", "code.ecode.source": "mint", "code.ecode.version": "1",
                               "code.ecode.nsi": "0096", "code.ecode.md": "{lot}{serial:3}"]).map(\.id) == ["ECODE-MD-WIDTH"])
    }

    @Test func everySchemeMistakeIsReportedAtOnce() {
        let found = Self.findings(["code.scheme": "ecode", "code.ecode.source": "mint", "code.ecode.version": "4",
                                   "code.ecode.nsi": "96", "code.ecode.md": "{serial:8}", "code.ecode.url": "ftp://x/{ecode}",
                                   "code.ecode.payload": "text"])
        #expect(Set(found.map(\.id)) == ["ECODE-VERSION", "ECODE-URL", "ECODE-PAYLOAD"], "\(found)")
        #expect(Self.findings(["code.scheme": "ecode", "code.ecode.source": "mint", "code.ecode.version": "1",
                               "code.ecode.nsi": "96", "code.ecode.md": "{serial:8}"]).map(\.id) == ["ECODE-NSI"])
        #expect(Self.findings(["code.scheme": "ecode", "code.ecode.source": "pool"]).map(\.id) == ["ECODE-POOL"])
        #expect(Self.findings(["code.scheme": "ecode", "code.ecode.source": "pool", "code.ecode.pool": "p.txt", "code.ecode.nsi": "0096"]).map(\.id) == ["ECODE-NOT-MINT"])
        #expect(Self.findings(["code.scheme": "ecode", "code.ecode.source": "buy"]).map(\.id) == ["ECODE-SOURCE"])
        #expect(Self.findings(["code.scheme": "epc"]).map(\.id).contains("CODE-SCHEME"))
        // Ecode settings on a GS1 product are a mistake, not silently ignored; GS1 still needs its GTIN.
        #expect(Set(Self.findings(["code.ecode.pool": "p.txt"]).map(\.id)) == ["ECODE-NOT-SCHEME", "FIELD-MISSING"])
        #expect(Self.findings(["code.scheme": "ecode", "code.ecode.source": "pool", "code.ecode.pool": "p.txt",
                               "code.serial_width": "9"]).map(\.id) == ["ECODE-GS1-FIELD"])
    }

    @Test func versionZeroStaysGS1() throws {
        let spec = try Self.validate(["product.gtin": "9520123456795", "code.scheme": "ecode", "code.ecode.version": "0"]).get()
        #expect(spec.scheme == .gs1)
        #expect(Self.findings(["code.scheme": "ecode", "code.ecode.version": "0"]).map(\.field) == ["product.gtin"])
    }

    @Test func urlPatternsAreChecked() {
        #expect(EcodeSettings.patternProblem("{resolver}/E={ecode}", resolver: "https://www.iotroot.com") == nil)
        #expect(EcodeSettings.patternProblem("https://t.example.cn/q?code={ecode}", resolver: "x") == nil)
        #expect(EcodeSettings.patternProblem("{resolver}/E=", resolver: "https://a.cn") == "must contain {ecode} exactly once")
        #expect(EcodeSettings.patternProblem("{resolver}/{ecode}/{ecode}", resolver: "https://a.cn") == "must contain {ecode} exactly once")
        #expect(EcodeSettings.patternProblem("{resolver}/{lot}/{ecode}", resolver: "https://a.cn")?.contains("placeholders") == true)
        #expect(EcodeSettings.patternProblem("{resolver}/追溯/{ecode}", resolver: "https://a.cn")?.contains("escape") == true)
        let settings = EcodeSettings(source: .pool(file: "p"), urlPattern: "{resolver}/v/{ecode}", resolver: "https://a.cn///")
        #expect(settings.url(for: try! Ecode("1009600000000000000000123")) == "https://a.cn/v/1009600000000000000000123")
    }
}
