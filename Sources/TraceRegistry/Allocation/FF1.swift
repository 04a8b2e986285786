import Crypto
import _CryptoExtras

/// NIST SP 800-38G FF1 format-preserving encryption over numerals of a small radix.
///
/// Used to turn a counter into a serial that looks random but is unique (a permutation of the numeral strings
/// of length `length`) and decrypts back to the counter. Each half of the string must fit a `UInt64`
/// (radix^ceil(n/2) < 2^64: up to 38 decimal digits or 24 base-36 characters); TraceLabel uses ≤ 20.
/// `@unchecked Sendable`: every stored property is immutable; `SymmetricKey` is not marked Sendable by swift-crypto 3.
public struct FF1: @unchecked Sendable {
    /// A parameter FF1 does not accept.
    public struct ParameterError: Error, Sendable, CustomStringConvertible {
        public let rule: String
        public var description: String { "FF1: \(rule)" }
    }

    let key: SymmetricKey
    public let radix: Int
    public let length: Int
    let u: Int, v: Int
    let b: Int, d: Int
    let modulusU: UInt64, modulusV: UInt64

    /// - Parameters:
    ///   - key: 16, 24 or 32 bytes (AES-128/192/256).
    ///   - radix: 2...2^16, but halves must fit 64 bits.
    ///   - length: numerals per string; radix^length ≥ 100 (the 2016 minimum) is required.
    public init(key: [UInt8], radix: Int, length: Int) throws(ParameterError) {
        guard [16, 24, 32].contains(key.count) else { throw ParameterError(rule: "the key must be 16, 24 or 32 bytes, not \(key.count)") }
        guard radix >= 2, radix <= 65536 else { throw ParameterError(rule: "radix \(radix) is outside 2...65536") }
        guard length >= 2 else { throw ParameterError(rule: "length \(length) is below 2") }
        self.key = SymmetricKey(data: key)
        self.radix = radix
        self.length = length
        u = length / 2
        v = length - u
        func power(_ e: Int) -> UInt64? {
            var p: UInt64 = 1
            for _ in 0..<e {
                let (m, o) = p.multipliedReportingOverflow(by: UInt64(radix))
                if o { return nil }
                p = m
            }
            return p
        }
        guard let mu = power(u), let mv = power(v) else {
            throw ParameterError(rule: "radix \(radix) and length \(length) make halves wider than 64 bits")
        }
        guard Double(mu) * Double(mv) >= 100 else { throw ParameterError(rule: "radix^length must be at least 100") }
        modulusU = mu
        modulusV = mv
        // b = ceil(ceil(v·log2(radix)) / 8); ceil(log2(x)) is the bit length of x − 1.
        let bits = mv <= 1 ? 0 : UInt64.bitWidth - (mv - 1).leadingZeroBitCount
        b = (bits + 7) / 8
        d = 4 * ((b + 3) / 4) + 4
    }

    /// Encrypts numerals `x` (each < radix) under `tweak`.
    public func encrypt(_ x: [Int], tweak: [UInt8]) throws -> [Int] { try run(x, tweak: tweak, decrypting: false) }

    /// Decrypts numerals `x` under `tweak`.
    public func decrypt(_ x: [Int], tweak: [UInt8]) throws -> [Int] { try run(x, tweak: tweak, decrypting: true) }

    func num(_ digits: ArraySlice<Int>) -> UInt64 {
        var n: UInt64 = 0
        for digit in digits { n = n &* UInt64(radix) &+ UInt64(digit) }
        return n
    }

    func str(_ value: UInt64, _ count: Int) -> [Int] {
        var out = [Int](repeating: 0, count: count)
        var x = value
        for i in stride(from: count - 1, through: 0, by: -1) {
            out[i] = Int(x % UInt64(radix))
            x /= UInt64(radix)
        }
        return out
    }

    func run(_ x: [Int], tweak: [UInt8], decrypting: Bool) throws -> [Int] {
        guard x.count == length else { throw ParameterError(rule: "expected \(length) numerals, got \(x.count)") }
        guard x.allSatisfy({ $0 >= 0 && $0 < radix }) else { throw ParameterError(rule: "a numeral is outside 0..<\(radix)") }
        let t = tweak.count
        // P = [1]1 [2]1 [1]1 [radix]3 [10]1 [u mod 256]1 [n]4 [t]4
        var block: [UInt8] = [1, 2, 1, UInt8((radix >> 16) & 0xFF), UInt8((radix >> 8) & 0xFF), UInt8(radix & 0xFF), 10, UInt8(u & 0xFF)]
        for shift in [24, 16, 8, 0] { block.append(UInt8((length >> shift) & 0xFF)) }
        for shift in [24, 16, 8, 0] { block.append(UInt8((t >> shift) & 0xFF)) }
        // Q = T [0]^((−t−b−1) mod 16) [i]1 [NUM(B)]b
        let padding = ((-t - b - 1) % 16 + 16) % 16
        block.append(contentsOf: tweak)
        block.append(contentsOf: [UInt8](repeating: 0, count: padding))
        block.append(0)
        block.append(contentsOf: [UInt8](repeating: 0, count: b))
        // PRF(P || Q) is CBC-MAC. Only Q's last block changes between rounds (it holds [i] and NUM(B), b + 1 ≤ 16
        // bytes), so the chaining value over everything before it is computed once per call.
        var chain = [UInt8](repeating: 0, count: 16)
        let lastBlock = block.count - 16
        for start in stride(from: 0, to: lastBlock, by: 16) {
            for j in 0..<16 { chain[j] ^= block[start + j] }
            try AES.permute(&chain, key: key)
        }
        let roundIndex = 15 - b
        var r = [UInt8](repeating: 0, count: 16)
        var a = num(x[0..<u]), bb = num(x[u..<length])
        for step in 0..<10 {
            let i = decrypting ? 9 - step : step
            for j in 0..<16 { r[j] = block[lastBlock + j] }
            r[roundIndex] = UInt8(i)
            var numeral = decrypting ? a : bb
            for j in stride(from: 15, to: 15 - b, by: -1) {
                r[j] = UInt8(numeral & 0xFF)
                numeral >>= 8
            }
            for j in 0..<16 { r[j] ^= chain[j] }
            // R = PRF(P || Q); d ≤ 12 here, so S = R[0..<d].
            try AES.permute(&r, key: key)
            let m = i % 2 == 0 ? u : v
            let modulus = m == u ? modulusU : modulusV
            var y: UInt64 = 0
            for k in 0..<d {
                let (high, low) = y.multipliedFullWidth(by: 256)
                let (sum, carry) = low.addingReportingOverflow(UInt64(r[k]))
                y = modulus.dividingFullWidth((high + (carry ? 1 : 0), sum)).remainder
            }
            if decrypting {
                // c = (NUM(B) − y) mod radix^m; B ← A; A ← c
                let c = bb >= y ? bb - y : modulus - (y - bb)
                bb = a
                a = c
            } else {
                // c = (NUM(A) + y) mod radix^m; A ← B; B ← c
                let c = a >= modulus - y ? a - (modulus - y) : a + y
                a = bb
                bb = c
            }
        }
        return str(a, u) + str(bb, v)
    }
}
