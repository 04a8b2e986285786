import Foundation
import TraceCore

/// Turns reserved counters into AI (21) serials for one GTIN, from the product's serial source.
///
/// - sequential: prefix + zero-padded counter.
/// - ff1: prefix + FF1(key, tweak = GTIN, counter written in `width` numerals): looks random, unique, reversible.
/// - pool: the counter-th line of an imported file (1-based), so a pool is consumed in order, each serial once.
///
/// Each source counts in its own namespace (``namespace``); the registry refuses to mix sources for one GTIN.
public struct SerialGenerator: Sendable {
    /// Why a serial source cannot be used.
    public struct SourceError: Error, Sendable, CustomStringConvertible {
        public let field: String
        public let value: String
        public let rule: String
        public var description: String { "\(field) '\(value)': \(rule)" }
    }

    enum Kind: Sendable {
        case sequential
        case ff1(FF1, alphabet: [UInt8], tweak: [UInt8])
        case pool([String])
    }

    let kind: Kind
    public let format: SerialFormat
    public let gtin: String
    /// Where counters for this source are reserved: `item:<GTIN>`, `ff1:<GTIN>:<key id>` or `pool:<GTIN>:<file hash>`.
    public let namespace: String
    /// The largest counter this source can turn into a serial.
    public let maxCounter: UInt64

    /// Sequential serials (the default source).
    public init(sequential format: SerialFormat, gtin: String) {
        self.init(kind: .sequential, format: format, gtin: gtin, namespace: "item:\(gtin)", maxCounter: format.maxCounter)
    }

    init(kind: Kind, format: SerialFormat, gtin: String, namespace: String, maxCounter: UInt64) {
        self.kind = kind
        self.format = format
        self.gtin = gtin
        self.namespace = namespace
        self.maxCounter = maxCounter
    }

    /// Builds the product's serial source. Relative key and pool paths are taken from `baseDirectory`.
    public init(product: ProductSpec, baseDirectory: String) throws {
        guard let gtin = product.gtin?.digits14 else {
            throw SourceError(field: "product.gtin", value: "", rule: "is required for GS1 serials")
        }
        func resolve(_ p: String) -> String { p.hasPrefix("/") ? p : (baseDirectory as NSString).appendingPathComponent(p) }
        switch product.serialSource {
        case .sequential:
            self.init(sequential: product.serialFormat, gtin: gtin)
        case .ff1(let alphabet, let keyPath, _):
            let keyFile = try SerialKeyFile(path: resolve(keyPath))
            let cipher = try FF1(key: keyFile.key, radix: alphabet.radix, length: product.serialFormat.width)
            var space: UInt64 = 1
            for _ in 0..<product.serialFormat.width { space = space.multipliedReportingOverflow(by: UInt64(alphabet.radix)).partialValue }
            self.init(kind: .ff1(cipher, alphabet: alphabet.characters, tweak: Array(gtin.utf8)), format: product.serialFormat, gtin: gtin,
                      namespace: "ff1:\(gtin):\(keyFile.id)", maxCounter: space - 1)
        case .pool(let poolPath):
            let path = resolve(poolPath)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw SourceError(field: "code.serial_pool", value: path, rule: "cannot be read")
            }
            var serials: [String] = []
            for (i, raw) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let s = raw.trimmingCharacters(in: .whitespacesAndNewlines)
                if s.isEmpty { continue }
                guard s.utf8.count <= 20, s.utf8.allSatisfy({ GS1CharacterSet.cset82.contains($0) }) else {
                    throw SourceError(field: "code.serial_pool", value: "\(path) line \(i + 1): \(s)", rule: "a serial must be 1-20 characters of GS1 CSET 82")
                }
                serials.append(s)
            }
            guard Set(serials).count == serials.count else {
                throw SourceError(field: "code.serial_pool", value: path, rule: "holds the same serial twice; a pool must list each serial once")
            }
            self.init(kind: .pool(serials), format: product.serialFormat, gtin: gtin,
                      namespace: "pool:\(gtin):\(RegistryFile.hexSHA256(data).prefix(16))", maxCounter: UInt64(serials.count))
        }
    }

    /// The serial for `counter` (1 ≤ counter ≤ ``maxCounter``).
    public func serial(for counter: UInt64) throws -> String {
        switch kind {
        case .sequential:
            return format.serial(for: counter)
        case .ff1(let cipher, let alphabet, let tweak):
            var numerals = [Int](repeating: 0, count: format.width)
            var x = counter
            let radix = UInt64(alphabet.count)
            for i in stride(from: format.width - 1, through: 0, by: -1) { numerals[i] = Int(x % radix); x /= radix }
            let out = try cipher.encrypt(numerals, tweak: tweak)
            return format.prefix + String(decoding: out.map { alphabet[$0] }, as: UTF8.self)
        case .pool(let serials):
            return serials[Int(counter) - 1]
        }
    }

    /// Appends the serial for `counter` to `out` as bytes, without building a String (the bulk path).
    public func writeSerial(for counter: UInt64, into out: inout [UInt8]) throws {
        switch kind {
        case .sequential:
            out.append(contentsOf: format.prefix.utf8)
            let start = out.count
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: format.width))
            var x = counter
            var i = out.count - 1
            while x > 0, i >= start { out[i] = UInt8(ascii: "0") + UInt8(x % 10); x /= 10; i -= 1 }
        case .ff1, .pool:
            out.append(contentsOf: try serial(for: counter).utf8)
        }
    }

    /// The counter a serial of this source came from, or `nil` if it cannot be one of its serials.
    public func counter(for serial: String) -> UInt64? {
        guard serial.hasPrefix(format.prefix) || { if case .pool = kind { return true } else { return false } }() else { return nil }
        switch kind {
        case .sequential:
            let digits = serial.dropFirst(format.prefix.count)
            guard digits.count == format.width, let n = UInt64(digits) else { return nil }
            return n
        case .ff1(let cipher, let alphabet, let tweak):
            let body = Array(serial.utf8.dropFirst(format.prefix.utf8.count))
            guard body.count == format.width else { return nil }
            var numerals: [Int] = []
            for c in body {
                guard let i = alphabet.firstIndex(of: c) else { return nil }
                numerals.append(i)
            }
            guard let plain = try? cipher.decrypt(numerals, tweak: tweak) else { return nil }
            return plain.reduce(UInt64(0)) { $0 * UInt64(alphabet.count) + UInt64($1) }
        case .pool(let serials):
            return serials.firstIndex(of: serial).map { UInt64($0) + 1 }
        }
    }

    /// Serials a pool has left after `highestReserved`; `nil` for sources that are not pools.
    public func remaining(afterReserved highestReserved: UInt64) -> UInt64? {
        guard case .pool(let serials) = kind else { return nil }
        return UInt64(serials.count) - min(UInt64(serials.count), highestReserved)
    }
}
