import Foundation
import Testing
import _TraceTestSupport

/// The public page looks right to a person: headless Chromium renders it at a phone's size and the text a person
/// reads is there, in Chinese and in English.
@Suite(.serialized) struct PhonePageTests {
    static let chromium = "/usr/bin/chromium"

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: chromium), "chromium (make setup) is not installed"))
    func thePageReadsRightAtPhoneSize() throws {
        let server = try LiveServer()
        defer { server.stop() }
        let job = try server.runJob(#"{"product":"ebike-battery","count":1,"line":"L1","shift":"S1"}"#, token: server.tokens["admin"]!)
        let link = job["first_link"] as! String
        let url = server.base + String(link.dropFirst("https://id.gs1.org".count))
        let common = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=390,844",
                      "--user-data-dir=\(server.directory.appendingPathComponent("chromium").path)"]
        let dom = try Harness.run(Self.chromium, common + ["--dump-dom", url])
        #expect(dom.status == 0, "\(dom.stderr.suffix(1000))")
        for text in ["正品追溯码 · 有效", "电动自行车用锂离子蓄电池", "GB 43854-2024", "20261127A", "2025011101234567", "杭州示例新能源电池有限公司", "English"] {
            #expect(dom.stdout.contains(text), "the page lacks \(text)")
        }
        let english = try Harness.run(Self.chromium, common + ["--dump-dom", url.adding(query: "lang=en")])
        #expect(english.stdout.contains("Valid trace code") && english.stdout.contains("product name"))
        let shot = server.directory.appendingPathComponent("page.png").path
        let screenshot = try Harness.run(Self.chromium, common + ["--screenshot=\(shot)", url])
        #expect(screenshot.status == 0)
        // A PNG of the phone's size (IHDR width and height).
        let png = try Data(contentsOf: URL(fileURLWithPath: shot))
        #expect(png.count > 10_000)
        let size = png.subdata(in: 16..<24).map { UInt32($0) }
        #expect((size[0] << 24 | size[1] << 16 | size[2] << 8 | size[3]) == 390)
        #expect((size[4] << 24 | size[5] << 16 | size[6] << 8 | size[7]) == 844)
    }
}
