import Foundation
import Testing
import _TraceTestSupport

/// `tracelabel check <kind> <value>`: canonical forms on success (exit 0), the error on failure (exit 65).
struct CheckCommandTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let status: Int32
        let output: [String]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["gtin", "9520123456788"], status: 0,
             output: ["gtin14", "09520123456788", "demonstration prefix", "https://id.gs1.org/01/09520123456788"]),
        Case(arguments: ["gtin", "9520123456789"], status: 65, output: ["GTIN '9520123456789' has check digit 9, expected 8"]),
        Case(arguments: ["hri", "(01)09520123456788(17)261231(10)LOT1(21)SER1"], status: 0,
             output: ["01095201234567881726123110LOT1<GS>21SER1", "https://id.gs1.org/01/09520123456788/10/LOT1/21/SER1?17=261231"]),
        Case(arguments: ["element", "0109520123456788^10ABC^21XYZ"], status: 0, output: ["(01)09520123456788(10)ABC(21)XYZ"]),
        Case(arguments: ["scan", "]Q1(01)09520123456788"], status: 65, output: ["[GS1-NOT-GS1]"]),
        Case(arguments: ["scan", "]d20109520123456788<GS>"], status: 0, output: ["(01)09520123456788"]),
        Case(arguments: ["dl", "https://id.gs1.org/01/09520123456788?21=1"], status: 65, output: ["[GS1-DL-PATH-ONLY]"]),
        Case(arguments: ["dl", "https://id.gs1.org/01/09520123456788/21/1", "--stem", "https://trace.example.cn/p", "--gcp-length", "7"], status: 0,
             output: ["https://trace.example.cn/p/01/09520123456788/21/1", "urn:epc:id:sgtin:9520123.045678.1"]),
        Case(arguments: ["uscc", "91440300192317458F"], status: 0, output: ["91440300192317458F"]),
        Case(arguments: ["uscc", "91440300192317458E"], status: 65, output: ["check character 'E', expected 'F'"]),
        Case(arguments: ["ccc", "2024011101234567"], status: 0, output: ["2024011101234567"]),
        Case(arguments: ["licence", "(浙)XK06-001-00123"], status: 0, output: ["(浙)XK06-001-00123", "province 浙"]),
        Case(arguments: ["standard", "GB 43854—2024"], status: 0, output: ["GB 43854-2024", "yes"]),
        Case(arguments: ["ecode", "1009600000000000000000123"], status: 0, output: ["https://www.iotroot.com/E=1009600000000000000000123"]),
        Case(arguments: ["epc", "3074257BF7194E4000001A85"], status: 0, output: ["urn:epc:id:sgtin:0614141.812345.6789", "(01)80614141123458(21)6789"]),
        Case(arguments: ["epc", "(01)09520123456788(21)0123", "--gcp-length", "7"], status: 65, output: ["a leading zero would be lost"]),
    ]

    @Test(arguments: cases)
    func check(_ c: Case) throws {
        let result = try Harness.tracelabel(["check"] + c.arguments)
        #expect(result.status == c.status, "stdout: \(result.stdout) stderr: \(result.stderr)")
        for text in c.output {
            #expect((result.stdout + result.stderr).contains(text), "missing '\(text)' in \(result.stdout) \(result.stderr)")
        }
    }

    @Test func jsonForMachines() throws {
        let ok = try Harness.tracelabel(["check", "hri", "(01)09520123456788(21)A1", "--json"])
        #expect(ok.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(ok.stdout.utf8)) as? [String: Any])
        #expect(object["valid"] as? Bool == true)
        #expect(object["digital_link"] as? String == "https://id.gs1.org/01/09520123456788/21/A1")

        let bad = try Harness.tracelabel(["check", "hri", "(01)09520123456788(17)261332", "--json"])
        #expect(bad.status == 65)
        let error = try #require((try JSONSerialization.jsonObject(with: Data(bad.stdout.utf8)) as? [String: Any])?["error"] as? [String: Any])
        #expect(error["id"] as? String == "GS1-DATE")
        #expect(error["ai"] as? String == "17")
        #expect(error["position"] as? Int == 3)
        #expect(error["input_position"] as? Int == 25)
        #expect(error["expected"] as? String == "a month 01-12")
    }
}
