import Foundation
import Testing
import TraceCore
@testable import TraceRegistry

/// `registered`: a job given no output issued its codes and made no label. The verifier holds it to that.
struct JobStatusTests {
    func registry(status: JobStatus, labels: Int) throws -> (URL, VerificationReport) {
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
        let (dir, report) = try registry(status: .registered, labels: 0)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(report.isIntact, "\(report.summary)")
    }

    @Test func aRegisteredJobClaimingLabelsIsNamed() throws {
        let (dir, report) = try registry(status: .registered, labels: 4)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(!report.isIntact)
        #expect(report.problems.map(\.rule) == [.registeredWithLabels(job: "J1", labels: 4)], "\(report.summary)")
    }

    /// A status outside the enum cannot be written through the record model; forged into the line (chain re-hashed),
    /// the verifier names it as a malformed record, and a writer refuses to append after it.
    @Test func anUnknownStatusIsNamed() throws {
        let (dir, _) = try registry(status: .delivered, labels: 4)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("registry.jsonl").path
        var lines = try RegistryFixture.lines(path)
        let i = try #require(lines.firstIndex { $0.contains("\"kind\":\"job-close\"") })
        lines[i] = lines[i].replacingOccurrences(of: "\"status\":\"delivered\"", with: "\"status\":\"printed\"")
        RegistryFixture.rechain(&lines, from: i)
        try RegistryFixture.write(lines, to: path)
        let report = try RegistryVerifier(path: path).verify()
        #expect(report.problems.map(\.line) == [i + 1], "\(report.summary)")
        #expect(report.summary.contains("status 'printed' is not one of delivered, registered, partly-delivered, interrupted"), "\(report.summary)")
        #expect(throws: RegistryError.self) { try RegistryFile(path: path).withExclusiveAccess { _ in } }
    }
}
