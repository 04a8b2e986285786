import Foundation
import _TraceTestSupport
import TraceRegistry

/// A registry with every allocation mode, an Ecode job, a void, a seller's registration and flows of every kind,
/// made by the CLI (jobs, void) and the TraceRegistry API (party and flow records: their CLI is another branch's).
struct ExportFixture {
    static let itemPrefix = "(01)09520123456795(11)261127(10)20261127A(21)"
    static let producer = "91330106MA2H7K3LXA"
    static let gasProducer = "91330212MA2GX3Q71C"
    static let seller = "91110105MA01ABCD2X"

    let dir: URL
    let registry: String
    /// Job ids by mode: item, batch, category, ecode.
    var jobs: [String: String] = [:]

    init(flows: Bool = true) throws {
        dir = try Harness.temporaryDirectory()
        registry = dir.appendingPathComponent("registry.jsonl").path
        for (mode, count, line, product) in [("item", 20, "L1", "examples/ebike-battery.yaml"), ("batch", 5, "L2", "examples/ebike-battery.yaml"),
                                             ("category", 3, "L1", "examples/ebike-battery.yaml"), ("ecode", 4, "L3", "examples/gas-stove.yaml")] {
            let out = try Harness.tracelabel(["issue", "--product", product, "--mode", mode == "ecode" ? "item" : mode, "--count", String(count),
                                              "--line", line, "--shift", "S1", "--registry", registry])
            guard out.status == 0 else { throw FixtureError(message: "issue \(mode): \(out.stderr)") }
            let opens = try Harness.registryLines(registry).filter { $0["kind"] as? String == "job-open" }
            jobs[mode] = opens.last?["job"] as? String
        }
        let void = try Harness.tracelabel(["void", "--registry", registry, "--code", Self.itemPrefix + "0000000005", "--reason", "torn at applicator"])
        guard void.status == 0 else { throw FixtureError(message: "void: \(void.stderr)") }
        guard flows else { return }
        var party = RegistryRecord(kind: .party, job: nil)
        party.time = "2026-11-28T08:00:00Z"
        party.operatorName = "seller-clerk"
        party.party = Self.seller
        party.snapshot = #"{"party.address":"北京市朝阳区示例街1号","party.contact":"010-66668888","party.name":"北京示例电动车销售有限公司","party.role":"seller","party.uscc":"91110105MA01ABCD2X","visibility.flows":"public"}"#
        try append([
            party,
            Self.flow("F1", party: Self.producer, "producer-sale", at: "2026-11-28", counterparty: "北京示例电动车销售有限公司",
                      scope: "lot:20261127A@09520123456795", count: 28, address: "北京市朝阳区示例街1号", contact: "010-66668888"),
            Self.flow("F2", party: Self.seller, "seller-purchase", at: "2026-11-29T09:00:00", counterparty: "杭州示例新能源电池有限公司",
                      scope: "range:\(Self.itemPrefix)0000000001|\(Self.itemPrefix)0000000010", count: 10),
            Self.flow("F3", party: Self.seller, "seller-sale", at: "2026-11-30T15:30:00+08:00", counterparty: "Shop, \"Best\" Ltd.",
                      scope: "code:\(Self.itemPrefix)0000000003", count: 1),
            Self.flow("F4", party: Self.gasProducer, "producer-sale", at: "2026-11-28", counterparty: "宁波示例五金店",
                      scope: "job:\(jobs["ecode"]!)", count: 4, address: "浙江省宁波市示例路2号", contact: "0574-1234567"),
        ])
    }

    static func flow(_ id: String, party: String, _ kind: String, at: String, counterparty: String, scope: String, count: Int,
                     address: String? = nil, contact: String? = nil) -> RegistryRecord {
        var r = RegistryRecord(kind: .flow, job: id)
        r.time = "2026-11-30T10:00:00Z"
        r.operatorName = "clerk"
        r.party = party
        r.flow = kind
        r.at = at
        r.counterparty = counterparty
        r.address = address
        r.contact = contact
        r.scope = scope
        r.count = count
        return r
    }

    /// Appends records as the CLI does, under the registry's exclusive lock.
    func append(_ records: [RegistryRecord]) throws {
        try RegistryFile(path: registry).withExclusiveAccess { writer in try writer.append(records) }
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// `tracelabel export --registry <registry> <arguments>`.
    func export(_ arguments: [String]) throws -> Harness.Output {
        try Harness.tracelabel(["export", "--registry", registry] + arguments)
    }

    /// Runs tools/validate-epcis.py (jsonschema, the schema's own draft, format checks) on documents.
    static func validate(_ paths: [String]) throws -> Harness.Output {
        try Harness.run(Harness.python, [Harness.root.appendingPathComponent("tools/validate-epcis.py").path] + paths)
    }

    static func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    }

    func remove() { try? FileManager.default.removeItem(at: dir) }
}
