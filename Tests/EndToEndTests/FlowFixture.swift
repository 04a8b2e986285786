import Foundation
import _TraceTestSupport
import TraceRegistry

/// A registry with one 20-code item job of examples/ebike-battery.yaml (producer 91330106MA2H7K3LXA) and,
/// optionally, a registered seller, for the flow and recall suites.
struct FlowFixture {
    static let producer = "91330106MA2H7K3LXA"
    static let seller = "91330100MA27UKWX15"

    let dir: URL
    let registry: String
    /// The job's codes (HRI) in counter order.
    let codes: [String]
    let job: String
    let lot: String

    init(count: Int = 20) throws {
        dir = try Harness.temporaryDirectory()
        registry = dir.appendingPathComponent("registry.jsonl").path
        let issued = try Harness.tracelabel(["issue", "--product", Harness.root.appendingPathComponent("examples/ebike-battery.yaml").path,
                                             "--mode", "item", "--count", "\(count)", "--registry", registry, "--line", "L1", "--shift", "S"])
        guard issued.status == 0 else { throw FixtureError(message: "issue failed: \(issued.stderr)") }
        let lines = try Harness.registryLines(registry)
        codes = lines.filter { $0["kind"] as? String == "issue" }.map { $0["code"] as! String }
        let open = lines.first { $0["kind"] as? String == "job-open" }!
        job = open["job"] as! String
        lot = open["lot"] as! String
    }

    /// Registers the seller through the library (what `party register` appends).
    func registerSeller(role: String = "seller") throws {
        let values = ["role": role, "name": "杭州示例电动车销售有限公司", "uscc": FlowFixture.seller, "address": "浙江省杭州市西湖区文三路1号",
                      "contact": "0571-88880000", "business_licence.reference": "营业执照 \(FlowFixture.seller)",
                      "business_licence.sha256": String(repeating: "ab", count: 32), "visibility.flows": "private"]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: values, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
        _ = try PartyRegistration.register(uscc: FlowFixture.seller, snapshot: json, operatorName: "qa", registry: RegistryFile(path: registry))
    }

    func flow(_ args: [String]) throws -> Harness.Output {
        try Harness.tracelabel(["flow", "add", "--registry", registry, "--operator", "sales-desk"] + args)
    }

    func producerSale(_ scope: [String], to buyer: String = "宁波某某车业有限公司", at: String = "2026-11-20") throws -> Harness.Output {
        try flow(scope + ["--flow", "producer-sale", "--party", FlowFixture.producer, "--at", at, "--counterparty", buyer,
                          "--address", "浙江省宁波市鄞州区1号", "--contact", "0574-12345678"])
    }

    func records(_ kind: String) throws -> [[String: Any]] {
        try Harness.registryLines(registry).filter { $0["kind"] as? String == kind }
    }

    func bytes() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: registry)) }

    func remove() { try? FileManager.default.removeItem(at: dir) }
}

struct FixtureError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
