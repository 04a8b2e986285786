import Foundation
import Testing
import TraceCore
@testable import TraceRegistry

/// FF1 against NIST SP 800-38G's published samples (FF1 examples 1-9: AES-128/192/256, radix 10 and 36),
/// and the serial source built on it.
struct FF1Tests {
    static let k128 = "2B7E151628AED2A6ABF7158809CF4F3C"
    static let k192 = k128 + "EF4359D8D580AA4F"
    static let k256 = k192 + "7F036D6F04FC6A94"
    static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")

    struct Sample: Sendable, CustomStringConvertible {
        let number: Int, key: String, radix: Int, tweak: String, plain: String, cipher: String
        var description: String { "sample \(number)" }
    }

    static let samples: [Sample] = [
        Sample(number: 1, key: k128, radix: 10, tweak: "", plain: "0123456789", cipher: "2433477484"),
        Sample(number: 2, key: k128, radix: 10, tweak: "39383736353433323130", plain: "0123456789", cipher: "6124200773"),
        Sample(number: 3, key: k128, radix: 36, tweak: "3737373770717273373737", plain: "0123456789abcdefghi", cipher: "a9tv40mll9kdu509eum"),
        Sample(number: 4, key: k192, radix: 10, tweak: "", plain: "0123456789", cipher: "2830668132"),
        Sample(number: 5, key: k192, radix: 10, tweak: "39383736353433323130", plain: "0123456789", cipher: "2496655549"),
        Sample(number: 6, key: k192, radix: 36, tweak: "3737373770717273373737", plain: "0123456789abcdefghi", cipher: "xbj3kv35jrawxv32ysr"),
        Sample(number: 7, key: k256, radix: 10, tweak: "", plain: "0123456789", cipher: "6657667009"),
        Sample(number: 8, key: k256, radix: 10, tweak: "39383736353433323130", plain: "0123456789", cipher: "1001623463"),
        Sample(number: 9, key: k256, radix: 36, tweak: "3737373770717273373737", plain: "0123456789abcdefghi", cipher: "xs8a0azh2avyalyzuwd"),
    ]

    static func numerals(_ s: String) -> [Int] { s.map { alphabet.firstIndex(of: $0)! } }
    static func text(_ n: [Int]) -> String { String(n.map { alphabet[$0] }) }

    @Test(arguments: samples) func nistSample(_ s: Sample) throws {
        let ff1 = try FF1(key: SerialKeyFile.bytes(hex: s.key)!, radix: s.radix, length: s.plain.count)
        let tweak = SerialKeyFile.bytes(hex: s.tweak)!
        let c = try ff1.encrypt(Self.numerals(s.plain), tweak: tweak)
        #expect(Self.text(c) == s.cipher)
        #expect(Self.text(try ff1.decrypt(c, tweak: tweak)) == s.plain)
    }

    func generator(alphabet: SerialAlphabet, width: Int, dir: URL) throws -> SerialGenerator {
        let keyPath = dir.appendingPathComponent("serial.key").path
        if !FileManager.default.fileExists(atPath: keyPath) { try SerialKeyFile.create(path: keyPath) }
        let fields = ProductFixture.fields(extra: [
            "code.serial_source": "ff1", "code.serial_alphabet": alphabet.rawValue, "code.serial_width": String(width),
            "code.serial_key": keyPath, "code.planned_volume": "1000000",
        ])
        let product = try ProductSpec.validated(fields: fields, today: ProductFixture.today).get()
        return try SerialGenerator(product: product, baseDirectory: dir.path)
    }

    @Test func aMillionCountersGiveAMillionDistinctSerialsThatDecryptBack() throws {
        let dir = try ProductFixture.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let g = try generator(alphabet: .alphanumeric, width: 12, dir: dir)
        #expect(g.namespace.hasPrefix("ff1:09520123456795:"))
        var seen = Set<String>(minimumCapacity: 1_000_000)
        let alphabetSet = Set(SerialAlphabet.alphanumeric.characters)
        for counter in UInt64(1)...1_000_000 {
            let s = try g.serial(for: counter)
            seen.insert(s)
            if counter % 99_991 == 0 {
                #expect(g.counter(for: s) == counter)
                #expect(s.utf8.count == 12 && s.utf8.allSatisfy { alphabetSet.contains($0) })
            }
        }
        #expect(seen.count == 1_000_000)
    }

    @Test func serialsLookRandomNotSequential() throws {
        let dir = try ProductFixture.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let g = try generator(alphabet: .digits, width: 12, dir: dir)
        let a = try g.serial(for: 1), b = try g.serial(for: 2)
        #expect(a != "000000000001" && b != "000000000002")
        #expect(g.counter(for: a) == 1 && g.counter(for: b) == 2)
        // A mistyped serial decrypts to a counter far outside anything issued.
        #expect(g.counter(for: "999999999999").map { $0 > 1_000_000 } == true)
    }

    @Test func aGuessableSpaceIsRefused() throws {
        let fields = ProductFixture.fields(extra: [
            "code.serial_source": "ff1", "code.serial_width": "10", "code.serial_key": "k", "code.planned_volume": "1000000",
        ])
        guard case .failure(let e) = ProductSpec.validated(fields: fields, today: ProductFixture.today) else {
            Issue.record("1,000,000 serials in 10^10 must be refused"); return
        }
        #expect(e.findings.contains { $0.id == "SERIAL-GUESSABLE" && $0.field == "code.planned_volume" })
        var ok = fields
        ok["code.serial_alphabet"] = "alphanumeric"
        #expect((try? ProductSpec.validated(fields: ok, today: ProductFixture.today).get()) != nil)
    }

    @Test func aKeyFileOthersCanReadIsRefused() throws {
        let dir = try ProductFixture.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("k").path
        try SerialKeyFile.create(path: path)
        #expect((try? SerialKeyFile(path: path)) != nil)
        chmod(path, 0o644)
        #expect(throws: SerialKeyFile.KeyError.self) { try SerialKeyFile(path: path) }
    }
}
