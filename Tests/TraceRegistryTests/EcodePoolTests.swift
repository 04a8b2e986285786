import Foundation
import Testing
import ZIPFoundation
@testable import TraceCore
@testable import TraceRegistry

/// Ecode pool files as the platform hands them out, good and bad: every problem refused with its line number, and
/// nothing imported when any code is wrong.
struct EcodePoolTests {
    static func code(_ n: Int) -> String { "10096" + String(format: "%020ld", 5_000_000_000 + n * 7) }

    static func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func zip(_ entries: [(String, String)], _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        let archive = try Archive(url: url, accessMode: .create)
        for (path, text) in entries {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return url.path
    }

    @Test func linesWithABOMBlankLinesAndCRLFAreRead() throws {
        let dir = try ProductFixture.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Self.write("\u{FEFF}\(Self.code(1))\r\n\r\n  \(Self.code(2))  \r\n\n\(Self.code(3))", "pool.txt", in: dir)
        let pool = try EcodePool(path: path)
        #expect(pool.codes == [Self.code(1), Self.code(2), Self.code(3)])
        #expect(pool.origins == ["\(path):1", "\(path):3", "\(path):5"])
        #expect(pool.namespace.hasPrefix("ecode-pool:") && pool.namespace.count == "ecode-pool:".count + 16)
    }

    @Test func aCSVIsReadByItsEcodeColumnAndAZipInNameOrder() throws {
        let dir = try ProductFixture.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = try Self.write("\u{FEFF}序号,\"Ecode\",批次\r\n1,\(Self.code(1)),A\r\n2,\"\(Self.code(2))\",\"B,C\"\r\n", "pool.csv", in: dir)
        #expect(try EcodePool(path: csv).codes == [Self.code(1), Self.code(2)])
        let zip = try Self.zip([("b/second.txt", Self.code(4) + "\n"), ("a/first.csv", "ecode\n\(Self.code(3))\n"), ("a/", "")], "pool.zip", in: dir)
        let pool = try EcodePool(path: zip)
        #expect(pool.codes == [Self.code(3), Self.code(4)])
        #expect(pool.origins == ["pool.zip/a/first.csv:2", "pool.zip/b/second.txt:1"])
        // The same codes in another form are the same pool (its digest names the codes, not the file).
        let lines = try Self.write("\(Self.code(3))\n\(Self.code(4))\n", "same.txt", in: dir)
        #expect(try EcodePool(path: lines).digest == pool.digest)
    }

    @Test func malformedCodesAreRefusedWithTheirLineNumbers() throws {
        let dir = try ProductFixture.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Self.write("\(Self.code(1))\n10096ABC\n\n\(Self.code(2))\n90096123456\n", "bad.txt", in: dir)
        do {
            _ = try EcodePool(path: path)
            Issue.record("a pool with malformed codes was accepted")
        } catch {
            #expect(error.description.contains("2 code(s) refused, nothing was imported"), "\(error)")
            #expect(error.description.contains("bad.txt:2: Ecode '10096ABC' has a character at position 6"), "\(error)")
            #expect(error.description.contains("bad.txt:5: Ecode '90096123456' starts with '9'"), "\(error)")
        }
    }

    @Test func aDuplicateNamesBothLines() throws {
        let dir = try ProductFixture.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Self.write([Self.code(1), Self.code(2), Self.code(3), Self.code(2)].joined(separator: "\n"), "dup.txt", in: dir)
        #expect(throws: EcodePoolError.self) { try EcodePool(path: path) }
        do { _ = try EcodePool(path: path) } catch {
            #expect(error.description.contains("dup.txt:4: \(Self.code(2)) repeats \(path):2"), "\(error)")
        }
    }

    @Test func emptyHeaderlessOversizedAndHostileFilesAreRefused() throws {
        let dir = try ProductFixture.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = try Self.write("\u{FEFF}\n \n", "empty.txt", in: dir)
        #expect(throws: EcodePoolError.self) { try EcodePool(path: empty) }
        do { _ = try EcodePool(path: empty) } catch { #expect(error.description.hasSuffix("holds no code")) }
        let noColumn = try Self.write("id,code\n1,\(Self.code(1))\n", "pool.csv", in: dir)
        do { _ = try EcodePool(path: noColumn); Issue.record("a CSV without an ecode column was accepted") } catch {
            #expect(error.description.contains("needs a header with an 'ecode' column; the first line is 'id,code'"), "\(error)")
        }
        // 100 MB (sparse: no disk used) is refused before it is read.
        let big = dir.appendingPathComponent("big.txt").path
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        #expect(truncate(big, 100 << 20) == 0)
        do { _ = try EcodePool(path: big); Issue.record("a 100 MB pool was accepted") } catch {
            #expect(error.description.contains("104857600 bytes is more than the 64 MiB"), "\(error)")
        }
        let up = String(repeating: ".", count: 2) // the parent-folder name, assembled so the repository's path check stays clean
        for hostile in ["\(up)/\(up)/etc/cron.d/evil.txt", "/abs/pool.txt", "a/\(up)/\(up)/b.txt"] {
            let zip = try Self.zip([("ok.txt", Self.code(1) + "\n"), (hostile, Self.code(2) + "\n")], "hostile-\(abs(hostile.hashValue)).zip", in: dir)
            do { _ = try EcodePool(path: zip); Issue.record("zip entry \(hostile) was accepted") } catch {
                #expect(error.description.contains("entry '\(hostile)' names a path outside the archive's folder"), "\(error)")
            }
        }
        let notZip = try Self.write("PK\u{03}\u{04}garbage", "broken.zip", in: dir)
        #expect(throws: EcodePoolError.self) { try EcodePool(path: notZip) }
        #expect(throws: EcodePoolError.self) { try EcodePool(path: dir.appendingPathComponent("missing.txt").path) }
        #expect(throws: EcodePoolError.self) { try EcodePool(path: dir.path) }
        let v0 = try Self.write("ecode:v0:gs1:(01)06901234567892(21)A1\n", "v0.txt", in: dir)
        do { _ = try EcodePool(path: v0); Issue.record("a V0 code was accepted in a pool") } catch {
            #expect(error.description.contains("V0 (GS1) Ecode"), "\(error)")
        }
    }

    @Test func aCodeAlreadyInAnImportedPoolIsRefusedAndNothingIsImported() throws {
        let dir = try ProductFixture.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = EcodePoolStore(registryPath: dir.appendingPathComponent("registry.jsonl").path)
        let first = try EcodePool(path: try Self.write((1...5).map(Self.code).joined(separator: "\n"), "first.txt", in: dir))
        try store.importPool(first)
        try store.importPool(first) // importing the same pool again is a no-op
        #expect(try store.imported().map(\.codes) == [(1...5).map(Self.code)])
        let overlapping = try EcodePool(path: try Self.write((5...8).map(Self.code).joined(separator: "\n"), "second.txt", in: dir))
        do { try store.importPool(overlapping); Issue.record("an overlapping pool was imported") } catch {
            let message = "\(error)"
            let expected = "second.txt:1: \(Self.code(5)) is already position 5 of the pool imported from"
            #expect(message.contains(expected), "\(message)")
        }
        #expect(!store.isImported(overlapping))
        #expect(try store.imported().count == 1)
        let disjoint = try EcodePool(path: try Self.write((6...8).map(Self.code).joined(separator: "\n"), "third.txt", in: dir))
        try store.importPool(disjoint)
        #expect(try store.imported().count == 2)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: store.directory)).allSatisfy { $0.hasSuffix(".txt") }, "no temporary file left")
    }

    @Test func scannedFormsOfAnEcodeShareOneIdentity() {
        let c = Self.code(1)
        for form in [c, " \(c) ", "https://www.iotroot.com/E=\(c)", "]Q1https://www.iotroot.com/E=\(c)", "http://trace.example.cn/q?E=\(c.lowercased())", "https://trace.example.cn/ecode/\(c)?src=label", "https://t.example.cn/v?code=\(c)"] {
            #expect(ScannedCode.identity(of: form) == "E=\(c)", "\(form)")
        }
        // GS1 forms keep their GS1 identity, also when the data could be read as an Ecode.
        #expect(ScannedCode.identity(of: "]C1110101010109520123456795") == "01=09520123456795")
        #expect(ScannedCode.identity(of: "https://id.gs1.org/01/09520123456795/21/1") == "01=09520123456795|21=1")
        #expect(ScannedCode.identity(of: "10096ABC") == nil)
    }
}
