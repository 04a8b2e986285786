import Foundation
import Testing
@testable import TraceCore

/// The shortcuts of the per-code paths agree with the definitions they stand in for.
struct FastPathTests {
    /// Bytes 0-255 in `set`.
    static func members(_ set: ASCIISet) -> [UInt8] { (0...255).map(UInt8.init).filter(set.contains) }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8).sorted() }

    static let letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

    @Test func asciiSetsMatchTheirDefinitions() {
        #expect(Self.members(.unreserved) == Self.bytes(Self.letters + "0123456789-._~"))
        #expect(Self.members(.plainStem) == Self.bytes(Self.letters + "0123456789-._~/:"))
        #expect(Self.members(.uriPath) == Self.bytes(Self.letters + "0123456789-._~!$&'()*+,;=:@/%"))
        #expect(Self.members(.cset82) == Self.bytes(Self.letters + "0123456789!\"%&'()*+,-./:;<=>?_"))
        // The same CSET 82 as the public table (built from its own character list).
        #expect(Self.members(.cset82) == (0...255).map(UInt8.init).filter { GS1CharacterSet.cset82Table[Int($0)] })
    }

    /// Every copy length the writer treats differently (1-3, 4-7, 8-16, 17-32, longer), plain and escaped.
    @Test func writerCopiesEveryLength() {
        for n in 0...80 {
            let text = String((0..<n).map { Character(Unicode.Scalar(UInt8(0x41 + $0 % 26))) })
            #expect(UTF8Writer.string(capacity: n + 2) { w in w.byte(0x5B); w.write(text); w.byte(0x5D) } == "[" + text + "]")
            #expect(UTF8Writer.string(capacity: 3 * n) { $0.writePercentEncoded(text) } == text)
            #expect(UTF8Writer.string(capacity: 2 * n) { $0.writeEscapingParentheses(text) } == text)
            // A byte to encode or escape after a clean run of n bytes, and clean bytes after it.
            #expect(UTF8Writer.string(capacity: 3 * (n + 4)) { $0.writePercentEncoded(text + " /é") } == text + "%20%2F%C3%A9")
            #expect(UTF8Writer.string(capacity: 2 * n + 6) { $0.writeEscapingParentheses(text + "(x)") } == text + "\\(x\\)")
        }
    }

    /// The word-at-a-time search finds a parenthesis at every position of every length, and nothing else: not the
    /// bytes next to it (`'`, `*`), nor non-ASCII bytes with the same low bits (é is C3 A9).
    @Test func parenthesesFoundAtEveryPosition() {
        for n in 1...40 {
            for position in 0..<n {
                for odd in ["(", ")", "'", "*", "é"] {
                    var chars = Array(repeating: "a", count: n)
                    chars[position] = odd
                    let text = chars.joined()
                    let expected = text.replacingOccurrences(of: "(", with: "\\(").replacingOccurrences(of: ")", with: "\\)")
                    #expect(UTF8Writer.string(capacity: 2 * text.utf8.count) { $0.writeEscapingParentheses(text) } == expected,
                            "\(odd) at \(position) of \(n)")
                }
            }
        }
    }

    @Test func quickFormatsCoverTheCommonAIs() {
        for ai in ["00", "01", "02", "10", "11", "17", "21", "22", "30", "414"] {
            #expect(ApplicationIdentifierTable.definition(for: ai)?.quickFormat != nil, "(\(ai))")
        }
        // Not one pass: CSET 64 padding, two components, linters without a quick check.
        for ai in ["8030", "253", "8006", "422", "8013"] {
            #expect(ApplicationIdentifierTable.definition(for: ai)?.quickFormat == nil, "(\(ai))")
        }
    }

    /// Values near the edges of each format: lengths around the bounds, one foreign character, random check digits
    /// and dates (so linters fail about as often as they pass).
    static func probe(_ format: QuickFormat, _ g: inout SeededGenerator) -> String {
        let n = Int.random(in: max(0, format.minLength - 1)...(format.maxLength + 1), using: &g)
        var chars: [Character]
        switch format.characterSet {
        case .numeric: chars = Array(RandomAISets.digits(n, &g))
        default: chars = Array(RandomAISets.text(n, &g))
        }
        if n > 0, Int.random(in: 0..<8, using: &g) == 0 {
            chars[Int.random(in: 0..<n, using: &g)] = ["A", " ", "#", "é", "\u{1D}", "0"].randomElement(using: &g)!
        }
        return String(chars)
    }

    @Test(arguments: [UInt64(3), 11])
    func quickCheckAcceptsExactlyWhatTheFullCheckAccepts(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        var accepted = 0, refused = 0
        for definition in ApplicationIdentifierTable.all {
            guard let format = definition.quickFormat else { continue }
            for _ in 0..<40 {
                let value = Self.probe(format, &g)
                let quick = Array(value.utf8).withUnsafeBufferPointer { AIValidation.passesQuickly($0, format) }
                let full = (try? AIValidation.validateFully(AIElement(definition.ai, value), against: definition)) != nil
                #expect(quick == full, "(\(definition.ai))\(value): quick \(quick), full \(full)")
                if full { accepted += 1 } else { refused += 1 }
            }
        }
        // Both outcomes are exercised, not just one.
        #expect(accepted > 1000)
        #expect(refused > 1000)
    }
}
