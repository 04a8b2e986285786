import Foundation
import Testing
import TraceRegistry
import _TraceTestSupport

/// The resolver's index: a follower reads only complete lines appended since its last catch-up, and ends up with
/// the same ledger as a fresh read of the whole file.
@Suite struct LedgerFollowerTests {
    @Test func followsAppendsAndTornTails() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let full = dir.appendingPathComponent("full.jsonl").path
        for shift in ["S1", "S2"] {
            let out = try Harness.tracelabel(["issue", "--product", "examples/cable-reel.yaml", "--count", "5", "--line", "L2", "--shift", shift, "--registry", full])
            #expect(out.status == 0, "\(out.stderr)")
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: full))
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let followed = dir.appendingPathComponent("followed.jsonl")
        var follower = LedgerFollower(path: followed.path)
        #expect(try follower.catchUp() == 0, "a missing file is an empty registry")
        // The first 7 lines and half of the 8th (a write in progress).
        let seven = lines.prefix(7).map { Data($0) + Data([0x0A]) }.reduce(Data(), +)
        let half = Data(lines[7].prefix(lines[7].count / 2))
        try (seven + half).write(to: followed)
        #expect(try follower.catchUp() == 7)
        #expect(follower.offset == UInt64(seven.count))
        #expect(try follower.catchUp() == 0, "nothing new, the torn tail is not read")
        // The rest arrives.
        try bytes.write(to: followed)
        let rest = lines.count - 1 - 7
        #expect(try follower.catchUp() == rest)
        #expect(follower.records == lines.count - 1)
        let fresh = try RegistryLedger(path: followed.path)
        #expect(follower.ledger.codes.count == fresh.codes.count)
        #expect(follower.ledger.codes.count == 10)
        #expect(follower.ledger.jobs.map(\.id) == fresh.jobs.map(\.id))
        #expect(follower.ledger.jobs.map(\.status) == fresh.jobs.map(\.status))
        // A file replaced by a shorter one: the follower starts over.
        try (seven).write(to: followed)
        #expect(try follower.catchUp() == 7)
        #expect(follower.ledger.codes.count == (try RegistryLedger(path: followed.path)).codes.count)
    }
}
