import Foundation
import Testing
@testable import TraceRender
import _TraceTestSupport

/// The spool hand-off as a printer daemon sees it: complete files only, never a temporary name left behind.
@Suite(.serialized) struct SpoolDeliveryTests {
    /// `count` distinct files of `size` bytes, each ending in a marker a reader checks for.
    static func files(_ count: Int, size: Int, prefix: String = "L") -> [(name: String, bytes: [UInt8])] {
        (0..<count).map { i in
            var bytes = [UInt8](repeating: UInt8(i & 0xFF), count: size - 4)
            bytes += Array("END\n".utf8)
            return (name: String(format: "\(prefix)-%06d.png", i + 1), bytes: bytes)
        }
    }

    @Test func aPollingReaderNeverSeesAPartialFile() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spool = try SpoolDirectory(path: dir.appendingPathComponent("printer").path)
        let size = 64 * 1024
        let batches = (0..<6).map { b in Self.files(50, size: size, prefix: "B\(b)") }
        let done = Mutex(false)
        let seen = Mutex(0)
        let partial = Mutex<[String]>([])
        let path = spool.path
        let reader = Thread {
            while true {
                let finished = done.withLock { $0 }
                for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] where !name.hasPrefix(".") {
                    guard let data = FileManager.default.contents(atPath: "\(path)/\(name)") else { continue }
                    seen.withLock { $0 += 1 }
                    if data.count != size || !data.suffix(4).elementsEqual("END\n".utf8) { partial.withLock { $0.append(name) } }
                }
                if finished { break }
            }
        }
        reader.start()
        var delivered = 0
        for batch in batches { try spool.deliver(batch: batch, delivered: &delivered) }
        done.withLock { $0 = true }
        while !reader.isFinished { usleep(1000) }
        #expect(delivered == 300)
        #expect(partial.withLock { $0 }.isEmpty, "reader saw partial files: \(partial.withLock { $0 })")
        #expect(seen.withLock { $0 } > 0)
        #expect(Harness.files(in: spool.path).count == 300)
    }

    @Test func aFullSpoolLeavesNoTemporaryFile() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let small = try SmallFilesystem(path: dir.appendingPathComponent("tmpfs").path, size: "512k")
        defer { small.unmount() }
        let mount = small.path
        let spool = try SpoolDirectory(path: mount)
        var delivered = 0
        // 4 batches of 10 × 20 KB: the first two fit in 512 KB, the third runs out of space half way.
        var failure: RenderError?
        for b in 0..<4 {
            do { try spool.deliver(batch: Self.files(10, size: 20 * 1024, prefix: "B\(b)"), delivered: &delivered) } catch {
                failure = error
                break
            }
        }
        #expect(failure?.errnoValue == ENOSPC, "\(String(describing: failure))")
        let names = Harness.files(in: mount)
        #expect(names.filter { $0.hasPrefix(".") }.isEmpty, "temporary files left: \(names.filter { $0.hasPrefix(".") })")
        #expect(names.count == delivered)
        #expect(delivered >= 10 && delivered % 10 == 0, "a batch is delivered whole or not at all: \(delivered)")
        for name in names {
            let data = FileManager.default.contents(atPath: "\(mount)/\(name)")
            #expect(data?.count == 20 * 1024 && data?.suffix(4).elementsEqual("END\n".utf8) == true, "\(name) is incomplete")
        }
    }

    @Test func aSpoolThatDisappearsFailsCleanly() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spool = try SpoolDirectory(path: dir.appendingPathComponent("printer").path)
        try FileManager.default.removeItem(atPath: spool.path)
        var delivered = 0
        #expect(throws: RenderError.self) { try spool.deliver(batch: Self.files(3, size: 100), delivered: &delivered) }
        #expect(delivered == 0)
    }

    @Test func aTakenNameIsNeverOverwritten() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spool = try SpoolDirectory(path: dir.appendingPathComponent("printer").path)
        try spool.deliver(name: "L-000002.png", bytes: [7])
        var delivered = 0
        #expect(throws: RenderError.self) { try spool.deliver(batch: Self.files(3, size: 100), delivered: &delivered) }
        #expect(delivered == 1)
        #expect(Harness.files(in: spool.path) == ["L-000001.png", "L-000002.png"])
        #expect(FileManager.default.contents(atPath: spool.path + "/L-000002.png") == Data([7]))
    }
}

/// A minimal lock for test threads.
final class Mutex<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
