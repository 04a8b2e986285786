import Foundation
import Synchronization
import Testing
@testable import TraceRegistry

/// One registry reached by several spellings (a symlink, `./`) is one registry: one lock file, one in-process lock,
/// one poisoned mark.
struct FileIdentityTests {
    static func spellings() throws -> (dir: URL, real: String, link: String, dotted: String) {
        let dir = try ProductFixture.directory()
        let real = dir.appendingPathComponent("r.jsonl").path
        let link = dir.appendingPathComponent("link.jsonl").path
        FileManager.default.createFile(atPath: real, contents: nil)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        return (dir, real, link, dir.path + "/./r.jsonl")
    }

    @Test func everySpellingTakesTheSameLocks() throws {
        let s = try Self.spellings()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let inside = Mutex(0)
        let overlaps = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 3) { i in
            let file = RegistryFile(path: [s.real, s.link, s.dotted][i])
            for _ in 0..<20 {
                try? file.withExclusiveAccess { _ in
                    if inside.withLock({ n in n += 1; return n }) > 1 { overlaps.withLock { $0 += 1 } }
                    usleep(200)
                    inside.withLock { $0 -= 1 }
                }
            }
        }
        #expect(overlaps.withLock { $0 } == 0, "two spellings of one registry were inside its lock at once")
        let locks = try FileManager.default.contentsOfDirectory(atPath: s.dir.path).filter { $0.hasSuffix(".lock") }
        #expect(locks == ["r.jsonl.lock"], "one lock file, beside the real file: \(locks)")
    }

    @Test func aPoisonedRegistryIsPoisonedUnderEveryName() throws {
        // The folder is left in place: an inode freed during the run could be reused and inherit the mark.
        let s = try Self.spellings()
        let fd = open(s.real, O_RDONLY)
        defer { close(fd) }
        #expect(!RegistryFile(path: s.link).isPoisoned)
        RegistryFile(path: s.real).poison(fd: fd)
        for path in [s.real, s.link, s.dotted] {
            #expect(RegistryFile(path: path).isPoisoned, "\(path)")
            #expect(throws: RegistryError.self) { try RegistryFile(path: path).withExclusiveAccess { _ in } }
        }
        #expect(!RegistryFile(path: s.dir.appendingPathComponent("other.jsonl").path).isPoisoned)
    }
}
