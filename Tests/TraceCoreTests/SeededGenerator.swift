@testable import TraceCore

/// SplitMix64: a small deterministic generator, so property tests are reproducible from their seed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random valid AI sets for property tests and the biip oracle.
enum RandomAISets {
    static let cset82 = Array("!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz")
    /// A narrower alphabet for values that biip must also read back (biip follows CSET 82 too).
    static func text(_ n: Int, _ g: inout SeededGenerator) -> String { String((0..<n).map { _ in cset82.randomElement(using: &g)! }) }
    static func digits(_ n: Int, _ g: inout SeededGenerator) -> String { String((0..<n).map { _ in Character(String(Int.random(in: 0...9, using: &g))) }) }
    static func withCheckDigit(_ body: String) -> String { body + String(GS1CheckDigit.compute(body)!) }
    static func date(_ g: inout SeededGenerator) -> String {
        let m = Int.random(in: 1...12, using: &g), d = Int.random(in: 1...28, using: &g)
        return digits(2, &g) + (m < 10 ? "0\(m)" : "\(m)") + (d < 10 ? "0\(d)" : "\(d)")
    }

    /// A valid item-level set: GTIN plus a random choice of dates, lot, serial, variant, count, weight, internal AIs.
    static func itemSet(_ g: inout SeededGenerator) -> [AIElement] {
        var set = [AIElement("01", withCheckDigit(digits(13, &g)))]
        var optional: [AIElement] = []
        if Bool.random(using: &g) { optional.append(AIElement("11", date(&g))) }
        if Bool.random(using: &g) { optional.append(AIElement("17", date(&g))) }
        if Bool.random(using: &g) { optional.append(AIElement("10", text(Int.random(in: 1...20, using: &g), &g))) }
        if Bool.random(using: &g) { optional.append(AIElement("21", text(Int.random(in: 1...20, using: &g), &g))) }
        if Bool.random(using: &g) { optional.append(AIElement("22", text(Int.random(in: 1...20, using: &g), &g))) }
        if Bool.random(using: &g) { optional.append(AIElement("30", digits(Int.random(in: 1...8, using: &g), &g))) }
        if Bool.random(using: &g) { optional.append(AIElement("310\(Int.random(in: 0...5, using: &g))", digits(6, &g))) }
        if Bool.random(using: &g) { optional.append(AIElement("240", text(Int.random(in: 1...30, using: &g), &g))) }
        if Bool.random(using: &g) { optional.append(AIElement("7003", date(&g) + "1230")) }
        if Bool.random(using: &g) { optional.append(AIElement("422", "156")) }
        if Bool.random(using: &g) { optional.append(AIElement("91", text(Int.random(in: 1...90, using: &g), &g))) }
        optional.shuffle(using: &g)
        set += optional
        return set
    }
}
