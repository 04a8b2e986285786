import Foundation
import Testing
import TraceFuzzing

/// Replays the fuzzing corpus (`Fuzz/corpus/<target>/`: the seeds and every input a fuzzer once crashed on) through the
/// same functions `make fuzz` runs, so a fixed crash stays fixed. A broken property stops the test process, which
/// fails the run. Seeds named `valid-*` must be accepted and `bad-*` refused, so the corpus reaches both paths.
@Suite struct FuzzCorpusTests {
    static let corpus: String = {
        var dir = URL(fileURLWithPath: #filePath)
        while dir.path != "/" {
            dir.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: dir.path + "/Fuzz/corpus") { return dir.path + "/Fuzz/corpus" }
        }
        return "Fuzz/corpus"
    }()

    static func inputs(_ target: FuzzTarget) -> [String] {
        let folder = corpus + "/" + target.rawValue
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted().map { folder + "/" + $0 }
    }

    @Test(arguments: FuzzTarget.allCases)
    func everyTargetHasAcceptedAndRefusedSeeds(_ target: FuzzTarget) {
        let names = Self.inputs(target).map { ($0 as NSString).lastPathComponent }
        #expect(names.contains { $0.hasPrefix("valid-") }, "\(target.rawValue) has no valid seed")
        #expect(names.contains { $0.hasPrefix("bad-") }, "\(target.rawValue) has no bad seed")
    }

    @Test(arguments: FuzzTarget.allCases)
    func corpusReplaysWithEveryPropertyHolding(_ target: FuzzTarget) throws {
        for path in Self.inputs(target) {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            let accepted = target.run(bytes)
            let name = (path as NSString).lastPathComponent
            if name.hasPrefix("valid-") { #expect(accepted, "\(target.rawValue)/\(name) was refused") }
            if name.hasPrefix("bad-") { #expect(!accepted, "\(target.rawValue)/\(name) was accepted") }
        }
    }
}
