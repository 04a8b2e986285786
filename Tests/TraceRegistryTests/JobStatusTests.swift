import Foundation
import Testing
import TraceCore
@testable import TraceRegistry

/// `registered`: a job given no output issued its codes and made no label. The verifier holds it to that.
struct JobStatusTests {
    func registry(status: String, labels: Int) throws -> (URL, VerificationReport) {
        let dir = try ProductFixture.directory()
        let path = dir.appendingPathComponent("registry.jsonl").path
        let product = try ProductFixture.product()
        let generator = SerialGenerator(sequential: product.serialFormat, gtin: product.gtin!.digits14)
        try RegistryFile(path: path).withExclusiveAccess { w in
            let reg = try JobRegistration.open(RegistryFixture.open("J1", mode: .item, count: 4), mode: .item, count: 4, product: product,
                                               generator: generator, line: "L1", writer: &w)
            _ = try reg.registerItems(0..<4, writer: &w)
            var close = RegistryFixture.close("J1", labels: labels)
            close.status = status
            try w.append([close])
        }
        return (dir, try RegistryVerifier(path: path).verify())
    }

    @Test func aRegisteredJobWithNoLabelVerifies() throws {
        let (dir, report) = try registry(status: "registered", labels: 0)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(report.isIntact, "\(report.summary)")
    }

    @Test func aRegisteredJobClaimingLabelsIsNamed() throws {
        let (dir, report) = try registry(status: "registered", labels: 4)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(!report.isIntact)
        #expect(report.summary.contains("says registered (no output) but reports 4 label(s) made"), "\(report.summary)")
    }

    @Test func anUnknownStatusIsNamed() throws {
        let (dir, report) = try registry(status: "printed", labels: 4)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(report.summary.contains("job-close status 'printed' is not delivered, registered, partly-delivered or interrupted"), "\(report.summary)")
    }
}
