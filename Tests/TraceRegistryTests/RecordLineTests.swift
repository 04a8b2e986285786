import Foundation
import Testing
import TraceCore
@testable import TraceRegistry

/// The hand-written serialiser and scanner: canonical bytes, fast paths identical to the general one, round trips.
struct RecordLineTests {
    @Test func theBulkIssuePathsWriteTheSameBytesAsTheGeneralOne() throws {
        let product = try ProductFixture.product(extra: ["code.serial_prefix": "C", "code.serial_width": "9"])
        let generator = SerialGenerator(sequential: product.serialFormat, gtin: product.gtin!.digits14)
        let template = try ItemCodeTemplate(product: product)
        for counter: UInt64 in [1, 42, 999_999_999] {
            let serial = try generator.serial(for: counter)
            let code = try TraceCode.make(for: product, mode: .item, serial: serial)
            var r = RegistryRecord(kind: .issue, job: "J\"1")
            r.counter = counter
            r.code = code.hri
            r.dl = code.digitalLink
            var general = RecordLine()
            general.add(record: r, seq: 7)
            general.finish(prev: ChainHash.genesis)
            var strings = RecordLine()
            strings.addIssue(seq: 7, job: "J\"1", counter: counter, code: code.hri, dl: code.digitalLink)
            strings.finish(prev: ChainHash.genesis)
            var bytes: [UInt8] = []
            try generator.writeSerial(for: counter, into: &bytes)
            var fast = RecordLine()
            fast.addIssue(seq: 7, jobJSON: RecordLine.escaped("J\"1"), counter: counter, serial: bytes, template: template)
            fast.finish(prev: ChainHash.genesis)
            #expect(strings.bytes == general.bytes)
            #expect(fast.bytes == general.bytes, "\(String(decoding: fast.bytes, as: UTF8.self))")
            #expect(try template.code(serial: serial) == (code.hri, code.digitalLink))
        }
    }

    @Test func everyFieldRoundTripsThroughTheScanner() throws {
        var r = RegistryRecord(kind: .jobOpen, job: "J1")
        r.time = "2026-11-27T08:00:00Z"
        r.mode = .batch
        r.line = "L1"
        r.shift = "S\n1"
        r.operatorName = "张三 \"qa\" \\ /"
        r.product = "examples/x.yaml"
        r.gtin = "09520123456795"
        r.lot = "261127L1001"
        r.count = 12
        r.template = "battery-70x37"
        r.pdf = "/tmp/a.pdf"
        r.spool = "/tmp/s"
        r.host = "h"
        r.pid = 4242
        r.ns = "lot:x"
        r.first = 1
        r.last = UInt64.max
        r.counter = 0
        r.code = "(01)1"
        r.dl = "https://x/01/1"
        r.copies = 3
        r.reason = "r\u{1}"
        r.status = .delivered
        r.labels = 2
        r.spooled = 1
        r.error = "e\t"
        var line = RecordLine()
        line.add(record: r, seq: 5)
        line.finish(prev: ChainHash.genesis)
        let text = String(decoding: line.bytes, as: UTF8.self)
        #expect(text.hasPrefix("{\"seq\":5,\"kind\":\"job-open\",\"time\":"))
        #expect(text.contains("\\u0001") && text.contains("\\n") && text.contains("\\\"qa\\\""))
        // Any JSON parser reads it.
        let parsed = try JSONSerialization.jsonObject(with: Data(line.bytes)) as! [String: Any]
        #expect(parsed["operator"] as? String == r.operatorName)
        var scanner = RecordScanner()
        var back = try line.bytes.withUnsafeBytes { raw in
            try scanner.parse(raw)
            return try scanner.record(in: raw)
        }
        #expect(back.seq == 5 && back.prev == String(repeating: "0", count: 64))
        back.seq = nil
        back.prev = nil
        #expect(back == r)
    }

    @Test func nonCanonicalLinesAreRefused() {
        let bad = [
            "{\"kind\":\"issue\",\"seq\":1,\"prev\":\"x\"}", // key order
            "{\"seq\":1, \"kind\":\"issue\",\"prev\":\"x\"}", // whitespace
            "{\"seq\":01,\"kind\":\"issue\",\"prev\":\"x\"}", // leading zero
            "{\"seq\":1,\"kind\":\"issue\",\"color\":\"red\",\"prev\":\"x\"}", // unknown key
            "{\"seq\":1,\"kind\":\"issue\"}", // no prev
        ]
        for text in bad {
            var scanner = RecordScanner()
            #expect(throws: LineFormatError.self, "\(text)") { try Array(text.utf8).withUnsafeBytes { try scanner.parse($0) } }
        }
    }
}
