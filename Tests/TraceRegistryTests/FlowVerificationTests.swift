import Foundation
import Testing
import TraceCore
@testable import TraceRegistry

/// Flows, recalls and parties written through the library verify; a forged record appended with a correct chain
/// fails on the one rule it breaks.
@Suite struct FlowVerificationTests {
    static let producer = "91330106MA2H7K3LXA"
    static let seller = "91330100MA27UKWX15"
    static let now = ISO8601DateFormatter().date(from: "2026-11-28T12:00:00Z")!

    /// A 6-code item job whose job-open names the producer, code 1 voided, and a registered seller.
    struct Setup {
        let dir: URL
        let path: String
        let codes: [String]

        init() throws {
            dir = try ProductFixture.directory()
            path = dir.appendingPathComponent("registry.jsonl").path
            let product = try ProductFixture.product()
            let generator = SerialGenerator(sequential: product.serialFormat, gtin: product.gtin!.digits14)
            let registry = RegistryFile(path: path)
            var open = RegistryFixture.open("J1", mode: .item, count: 6)
            open.lot = "20261127A"
            open.snapshot = #"{"producer.uscc":"\#(FlowVerificationTests.producer)"}"#
            open.digest = RegistryFile.hexSHA256(Array(open.snapshot!.utf8))
            codes = try registry.withExclusiveAccess { w in
                let reg = try JobRegistration.open(open, mode: .item, count: 6, product: product, generator: generator, line: "L1", writer: &w)
                let serials = try reg.registerItems(0..<6, writer: &w).serials()
                let codes = try serials.map { try TraceCode.make(for: product, mode: .item, serial: $0).hri }
                try w.append([RegistryFixture.close("J1", labels: 6)])
                return codes
            }
            try CodeLifecycle.void(code: codes[1], reason: "torn", operatorName: "qa", registry: registry, now: FlowVerificationTests.now)
            let snapshot = #"{"name":"杭州示例电动车销售有限公司","role":"seller","uscc":"\#(FlowVerificationTests.seller)"}"#
            _ = try PartyRegistration.register(uscc: FlowVerificationTests.seller, snapshot: snapshot, operatorName: "qa", registry: registry,
                                               now: FlowVerificationTests.now)
        }

        var registry: RegistryFile { RegistryFile(path: path) }

        func entry(_ flow: FlowKind, _ scope: CodeScope, party: String? = nil) -> FlowEntry {
            FlowEntry(flow: flow, party: party ?? (flow == .producerSale ? FlowVerificationTests.producer : FlowVerificationTests.seller),
                      at: "2026-11-27", counterparty: "宁波某某车业有限公司",
                      address: flow == .producerSale ? "宁波市" : nil, contact: flow == .producerSale ? "0574-1" : nil, scope: scope)
        }

        /// Appends `record` as a forger would: through the writer, so seq and prev are right and only the rule is broken.
        func forge(_ record: RegistryRecord) throws {
            try registry.withExclusiveAccess { w in try w.append([record]) }
        }

        func flowRecord(_ scope: String, flow: String = "producer-sale", party: String = FlowVerificationTests.producer) -> RegistryRecord {
            var r = RegistryRecord(kind: .flow, job: "F-forged")
            r.time = "2026-11-28T12:00:00Z"
            r.operatorName = "forger"
            r.party = party
            r.flow = flow
            r.at = "2026-11-27"
            r.counterparty = "X"
            if flow == "producer-sale" { r.address = "A"; r.contact = "C" }
            r.scope = scope
            r.count = 1
            return r
        }

        func remove() { try? FileManager.default.removeItem(at: dir) }
    }

    @Test func flowsAndRecallsWrittenByTheLibraryVerify() throws {
        let s = try Setup()
        defer { s.remove() }
        let (_, records) = try FlowRecording.record([s.entry(.producerSale, .range(first: s.codes[2], last: s.codes[5])),
                                                     s.entry(.sellerPurchase, .code(s.codes[3]))],
                                                    operatorName: "desk", registry: s.registry, now: FlowVerificationTests.now)
        #expect(records.map(\.count) == [4, 1])
        _ = try RecallRecording.recall(.lot("20261127A", gtin: nil), reason: "swelling", operatorName: "qa", registry: s.registry,
                                       now: FlowVerificationTests.now)
        let report = try RegistryVerifier(path: s.path).verify()
        #expect(report.isIntact, "\(report.problems)")
        #expect((report.parties, report.flows, report.recalls) == (1, 2, 1))
    }

    @Test func theWriterRefusesVoidedUnregisteredAndRecalledCases() throws {
        let s = try Setup()
        defer { s.remove() }
        let before = try Data(contentsOf: URL(fileURLWithPath: s.path))
        do {
            _ = try FlowRecording.record([s.entry(.producerSale, .range(first: s.codes[2], last: s.codes[3])),
                                          s.entry(.producerSale, .range(first: s.codes[0], last: s.codes[2])),
                                          s.entry(.sellerSale, .code(s.codes[4]), party: "91310000MA1FL4QJ87")],
                                         operatorName: "desk", registry: s.registry, now: FlowVerificationTests.now)
            Issue.record("expected a refusal")
        } catch let batch as FlowBatchError {
            #expect(batch.rejections.map(\.index) == [1, 2], "the good entry 0 is not blamed")
            #expect(batch.rejections[0].error.rule.contains("voided code(s): \(s.codes[1])"))
            #expect(batch.rejections[1].error.field == "party" && batch.rejections[1].error.rule.contains("not registered"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: s.path)) == before, "all or nothing")

        _ = try RecallRecording.recall(.code(s.codes[4]), reason: "swelling", operatorName: "qa", registry: s.registry, now: FlowVerificationTests.now)
        #expect(throws: FlowBatchError.self) {
            try FlowRecording.record([s.entry(.sellerSale, .code(s.codes[4]))], operatorName: "desk", registry: s.registry, now: FlowVerificationTests.now)
        }
        // A purchase of a recalled unit is recorded: it tells where the unit is.
        let (_, purchase) = try FlowRecording.record([s.entry(.sellerPurchase, .code(s.codes[4]))], operatorName: "desk", registry: s.registry,
                                                     now: FlowVerificationTests.now)
        #expect(purchase.count == 1)
    }

    @Test func aForgedFlowOfANeverIssuedCodeFails() throws {
        let s = try Setup()
        defer { s.remove() }
        let never = s.codes[0].replacingOccurrences(of: "(21)0000000001", with: "(21)0000000099")
        #expect(never != s.codes[0])
        try s.forge(s.flowRecord("code:\(never)"))
        let report = try RegistryVerifier(path: s.path).verify()
        let line = try RegistryFixture.lines(s.path).count
        #expect(report.problems == [VerificationFinding(line: line, rule: .scopeCodeNeverIssued(scope: "code:\(never)", code: never))],
                "\(report.problems)")
    }

    @Test(arguments: ["voided", "range-voided", "unregistered", "not-producer", "no-address", "late", "bad-scope", "missing", "bad-uscc"])
    func aForgedFlowBreakingOneRuleFails(kind: String) throws {
        let s = try Setup()
        defer { s.remove() }
        #expect(try RegistryVerifier(path: s.path).verify().isIntact)
        var r = s.flowRecord("code:\(s.codes[0])")
        switch kind {
        case "voided": r = s.flowRecord("code:\(s.codes[1])")
        case "range-voided": r = s.flowRecord("range:\(s.codes[0])|\(s.codes[3])")
        case "unregistered": r = s.flowRecord("code:\(s.codes[0])", flow: "seller-sale", party: "91310000MA1FL4QJ87")
        case "not-producer": r = s.flowRecord("code:\(s.codes[0])", party: FlowVerificationTests.seller)
        case "no-address": r.address = nil
        case "late": r.at = "2026-11-30"
        case "bad-scope": r.scope = "lot:"
        case "bad-uscc": r.party = "91330106MA2H7K3LXB"
        default: r.counterparty = nil
        }
        try s.forge(r)
        let product = try ProductFixture.product()
        let namespace = SerialGenerator(sequential: product.serialFormat, gtin: product.gtin!.digits14).namespace
        // The reasons other parts of the library give (a flow's date, a scope's syntax), as they give them.
        let late = try #require(catchError { try FlowTime.validate("2026-11-30", now: FlowVerificationTests.now) })
        let badScope = try #require(catchError { _ = try CodeScope("lot:") })
        let expected: VerificationFinding.Rule = switch kind {
        case "voided": .flowOfVoided(job: "F-forged", what: s.codes[1])
        case "range-voided": .flowOfVoided(job: "F-forged", what: "counter 2 of \(namespace)")
        case "unregistered": .sellerNotRegistered(flow: "seller-sale", party: "91310000MA1FL4QJ87")
        case "not-producer": .producerMismatch(party: FlowVerificationTests.seller, job: "J1", producer: FlowVerificationTests.producer)
        case "no-address": .producerSaleWithoutBuyer
        case "late": .flowTime(job: "F-forged", reason: "\(late)", time: "2026-11-28T12:00:00Z")
        case "bad-scope": .scopeInvalid(reason: "\(badScope)")
        case "bad-uscc": .flowPartyNotUSCC(job: "F-forged", party: "91330106MA2H7K3LXB")
        default: .missingFields(kind: .flow, fields: ["counterparty"])
        }
        let report = try RegistryVerifier(path: s.path).verify()
        #expect(report.problems == [VerificationFinding(line: try RegistryFixture.lines(s.path).count, rule: expected)], "\(kind): \(report.problems)")
    }

    private func catchError(_ body: () throws -> Void) -> (any Error)? {
        do { try body() } catch { return error }
        return nil
    }
}
