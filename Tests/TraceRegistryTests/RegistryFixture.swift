import Foundation
import TraceCore
@testable import TraceRegistry

/// Builds a registry holding every record kind, through the same calls an issue job makes.
enum RegistryFixture {
    static func open(_ job: String, mode: AllocationMode, count: Int, line: String = "L1") -> RegistryRecord {
        var r = RegistryRecord(kind: .jobOpen, job: job)
        r.time = "2026-11-27T08:00:00Z"
        r.mode = mode
        r.line = line
        r.shift = "2026-11-27-A"
        r.operatorName = "qa \"night\" shift\\2" // needs escaping
        r.gtin = "09520123456795"
        r.count = count
        r.snapshot = #"{"product.model":"TL-4820","product.name":"电动自行车用锂离子蓄电池"}"#
        r.digest = RegistryFile.hexSHA256(Array(r.snapshot!.utf8))
        return r
    }

    static func close(_ job: String, labels: Int) -> RegistryRecord {
        var r = RegistryRecord(kind: .jobClose, job: job)
        r.status = .delivered
        r.labels = labels
        return r
    }

    /// job-open, reserve, issue (item and shared), void, reprint, job-close, party, flow, recall, retention, release +
    /// interrupted close, recovery.
    static func build(at path: String) throws {
        let product = try ProductFixture.product(extra: ["code.lot_format": "{yyMMdd}{line}{seq:3}"])
        let generator = SerialGenerator(sequential: product.serialFormat, gtin: product.gtin!.digits14)
        let registry = RegistryFile(path: path)
        try registry.withExclusiveAccess { w in
            let reg = try JobRegistration.open(open("J1", mode: .item, count: 5), mode: .item, count: 5, product: product,
                                               generator: generator, line: "L1", writer: &w)
            let serials = try reg.registerItems(0..<5, writer: &w).serials()
            let items = try serials.map { try TraceCode.make(for: product, mode: .item, serial: $0) }
            var void = RegistryRecord(kind: .void, job: nil)
            void.code = items[1].hri
            void.reason = "label torn at the applicator"
            void.operatorName = "qa"
            var reprint = RegistryRecord(kind: .reprint, job: "J1")
            reprint.code = items[2].hri
            reprint.count = 1
            reprint.reason = "smudged"
            try w.append([void, reprint, close("J1", labels: 5)])
        }
        try registry.withExclusiveAccess { w in
            let reg = try JobRegistration.open(open("J2", mode: .batch, count: 10), mode: .batch, count: 10, product: product,
                                               generator: nil, line: "L1", writer: &w)
            let code = try TraceCode.make(for: product, mode: .batch, serial: nil, lot: reg.lot)
            try reg.registerShared(code, copies: 10, writer: &w)
            try w.append([close("J2", labels: 10)])
        }
        try appendTraceData(registry: registry)
        // J3 dies after issuing 2 of 5: no job-close.
        try registry.withExclusiveAccess { w in
            let reg = try JobRegistration.open(open("J3", mode: .item, count: 5), mode: .item, count: 5, product: product,
                                               generator: generator, line: "L2", writer: &w)
            _ = try reg.registerItems(0..<2, writer: &w)
        }
        // A torn write at the end, as a crash mid-append leaves it.
        let h = FileHandle(forWritingAtPath: path)!
        h.seekToEndOfFile()
        h.write(Data("{\"seq\":99,\"kind\":\"iss".utf8))
        h.closeFile()
        // The next writer releases J3's tail, closes it as interrupted and records the cut; then one more job.
        try registry.withExclusiveAccess { w in
            let reg = try JobRegistration.open(open("J4", mode: .category, count: 3), mode: .category, count: 3, product: product,
                                               generator: nil, line: "L1", writer: &w)
            try reg.registerShared(try TraceCode.make(for: product, mode: .category, serial: nil), copies: 3, writer: &w)
            try w.append([close("J4", labels: 3)])
        }
    }

    /// party, flow, recall and retention records, through the library's writers where there is one.
    static func appendTraceData(registry: RegistryFile) throws {
        let now = ISO8601DateFormatter().date(from: "2026-11-28T12:00:00Z")!
        let seller = "91330100MA27UKWX15"
        _ = try PartyRegistration.register(uscc: seller, snapshot: #"{"name":"杭州示例电动车销售有限公司","role":"seller","uscc":"\#(seller)"}"#,
                                           operatorName: "office", registry: registry, now: now)
        _ = try FlowRecording.record([FlowEntry(flow: .sellerPurchase, party: seller, at: "2026-11-27", counterparty: "宁波某某车业有限公司",
                                                address: nil, contact: nil, scope: .job("J2"))],
                                     operatorName: "desk", registry: registry, now: now)
        _ = try RecallRecording.recall(.job("J2"), reason: "swelling", operatorName: "qa", registry: registry, now: now)
        var retention = RegistryRecord(kind: .retention, job: nil)
        retention.time = "2026-11-28T12:00:00Z"
        retention.operatorName = "records office"
        retention.reason = "kept 2 years past the shelf life"
        retention.scope = "job:J2"
        retention.count = 1
        try registry.withExclusiveAccess { w in try w.append([retention]) }
    }

    /// Re-hashes the chain from line `i` on, as an attacker without the checkpoint key would after an edit.
    static func rechain(_ lines: inout [String], from i: Int) {
        var prev = lines[i].components(separatedBy: "\"prev\":\"")[1].prefix(64)
        for j in i..<lines.count {
            let body = lines[j].components(separatedBy: ",\"prev\":\"")[0]
            lines[j] = body + ",\"prev\":\"\(prev)\"}"
            prev = Substring(RegistryFile.hexSHA256(Array(lines[j].utf8)))
        }
    }

    static func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    static func write(_ lines: [String], to path: String) throws {
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
}
