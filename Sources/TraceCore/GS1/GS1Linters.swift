/// The GS1 Syntax Dictionary linters, applied to one component of a value.
///
/// Each failure names the AI, the 1-based position in the value, what was found and what was expected.
enum GS1Linters {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    static func apply(_ linter: GS1Linter, to s: Bytes, element: AIElement, offset: Int) throws(GS1Error) {
        let ai = element.ai
        let v = element.value
        func fail(_ kind: GS1Error.Kind, _ at: Int, _ found: String, _ expected: String) -> GS1Error {
            GS1Error(kind, ai: ai, position: offset + at + 1, found: found, expected: expected)
        }
        func digits(_ from: Int, _ n: Int) -> Int? {
            guard from + n <= s.count else { return nil }
            var x = 0
            for i in from..<(from + n) {
                guard s[i] >= 0x30, s[i] <= 0x39 else { return nil }
                x = x * 10 + Int(s[i] - 0x30)
            }
            return x
        }
        var text: String { String(decoding: s, as: UTF8.self) }
        switch linter {
        case .csum:
            var sum = 0, weight = 3
            for i in stride(from: s.count - 2, through: 0, by: -1) {
                sum += Int(s[i] &- 0x30) * weight
                weight = 4 - weight
            }
            let expected = (10 - sum % 10) % 10
            let found = Int(s[s.count - 1] &- 0x30)
            if found != expected {
                throw fail(.badCheckDigit, s.count - 1, "check digit '\(found)' in '\(v)'", "'\(expected)'")
            }
        case .csumalpha:
            try checkPair(s, fail: fail, value: v)
        case .gcppos1, .gcppos2:
            let start = linter == .gcppos1 ? 0 : 1
            if s.count < start + 4 {
                throw fail(.badCompanyPrefix, start, "'\(text)' (too short to start with a GS1 Company Prefix)",
                           "at least 4 digits of GS1 Company Prefix from position \(offset + start + 1)")
            }
            for i in start..<(start + 4) where !(s[i] >= 0x30 && s[i] <= 0x39) {
                throw fail(.badCompanyPrefix, i, "\(AIValidation.shown(s[i], in: v)) in '\(v)'",
                           "a digit: a GS1 Company Prefix (at least 4 digits) starts at position \(offset + start + 1)")
            }
        case .yymmd0, .yymmdd:
            try checkDate(s, yearDigits: 2, allowDayZero: linter == .yymmd0, fail: fail, value: v)
        case .yyyymmdd:
            try checkDate(s, yearDigits: 4, allowDayZero: false, fail: fail, value: v)
        case .hh:
            guard let h = digits(0, 2), h <= 23 else { throw fail(.badTime, 0, "hour '\(text)' in '\(v)'", "an hour 00-23") }
        case .mi:
            guard let m = digits(0, 2), m <= 59 else { throw fail(.badTime, 0, "minute '\(text)' in '\(v)'", "a minute 00-59") }
        case .ss:
            guard let x = digits(0, 2), x <= 59 else { throw fail(.badTime, 0, "second '\(text)' in '\(v)'", "a second 00-59") }
        case .hhmi:
            guard let h = digits(0, 2), h <= 23 else {
                throw fail(.badTime, 0, "hour '\(text.prefix(2))' in '\(v)'", "an hour 00-23")
            }
            guard let m = digits(2, 2), m <= 59 else {
                throw fail(.badTime, 2, "minute '\(text.dropFirst(2).prefix(2))' in '\(v)'", "a minute 00-59")
            }
        case .iso3166:
            guard GS1CodeLists.contains(GS1CodeLists.iso3166, s) else {
                throw fail(.badValue, 0, "country code '\(text)' in '\(v)'", "an ISO 3166-1 numeric country code, e.g. 156 for China")
            }
        case .iso3166999:
            guard GS1CodeLists.contains(GS1CodeLists.iso3166, s) || text == "999" else {
                throw fail(.badValue, 0, "country code '\(text)' in '\(v)'", "an ISO 3166-1 numeric country code or 999")
            }
        case .iso4217:
            guard GS1CodeLists.contains(GS1CodeLists.iso4217, s) else {
                throw fail(.badValue, 0, "currency code '\(text)' in '\(v)'", "an ISO 4217 numeric currency code, e.g. 156 for CNY")
            }
        case .iso3166alpha2:
            guard GS1CodeLists.containsAlpha2(s) else {
                throw fail(.badValue, 0, "'\(text)' in '\(v)'", "an ISO 3166-1 alpha-2 country code (two upper-case letters, e.g. CN)")
            }
        case .iso5218:
            guard s.count == 1, [0x30, 0x31, 0x32, 0x39].contains(s[0]) else {
                throw fail(.badValue, 0, "'\(text)' in '\(v)'", "an ISO/IEC 5218 sex code: 0, 1, 2 or 9")
            }
        case .iban:
            try checkIBAN(s, fail: fail, value: v)
        case .mediatype:
            guard let m = digits(0, 2), s.count == 2, (1...10).contains(m) || (80...99).contains(m) else {
                throw fail(.badValue, 0, "media type '\(text)' in '\(v)'", "an AIDC media type 01-10 or 80-99")
            }
        case .latitude:
            guard let x = digits(0, 10), x <= 1_800_000_000 else {
                throw fail(.badValue, 0, "latitude '\(text)' in '\(v)'", "0000000000-1800000000")
            }
        case .longitude:
            guard let x = digits(0, 10), x <= 3_600_000_000 else {
                throw fail(.badValue, 0, "longitude '\(text)' in '\(v)'", "0000000000-3600000000")
            }
        case .pieceoftotal:
            let piece = digits(0, s.count / 2) ?? 0, total = digits(s.count / 2, s.count - s.count / 2) ?? 0
            if piece == 0 { throw fail(.badValue, 0, "piece number '\(text.prefix(s.count / 2))' in '\(v)'", "a piece number from 1") }
            if total == 0 {
                throw fail(.badValue, s.count / 2, "total '\(text.dropFirst(s.count / 2))' in '\(v)'", "a total number of pieces from 1")
            }
            if piece > total {
                throw fail(.badValue, 0, "piece \(piece) of \(total) in '\(v)'", "a piece number not above the total")
            }
        case .pcenc:
            var i = 0
            while i < s.count {
                if s[i] == 0x25 {
                    guard i + 2 < s.count, isHex(s[i + 1]), isHex(s[i + 2]) else {
                        throw fail(.badValue, i, "'%' not followed by two hex digits in '\(v)'", "percent-encoding '%XX'")
                    }
                    i += 3
                } else { i += 1 }
            }
        case .nonzero:
            if s.allSatisfy({ $0 == 0x30 }) { throw fail(.badValue, 0, "'\(text)' in '\(v)'", "a value that is not all zeros") }
        case .zero:
            if !(s.count == 1 && s[0] == 0x30) { throw fail(.badValue, 0, "'\(text)' in '\(v)'", "'0'") }
        case .nozeroprefix:
            if s.count > 1 && s[0] == 0x30 { throw fail(.badValue, 0, "leading zero in '\(v)'", "no leading zero (unless the value is 0)") }
        case .hasnondigit:
            if s.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                throw fail(.badValue, 0, "only digits in '\(v)'", "at least one character that is not a digit")
            }
        case .yesno:
            guard s.count == 1, s[0] == 0x30 || s[0] == 0x31 else { throw fail(.badValue, 0, "'\(text)' in '\(v)'", "0 (no) or 1 (yes)") }
        case .hyphen:
            if !s.allSatisfy({ $0 == 0x2D }) { throw fail(.badValue, 0, "'\(text)' in '\(v)'", "'-'") }
        case .winding:
            guard s.count == 1, [0x30, 0x31, 0x39].contains(s[0]) else {
                throw fail(.badValue, 0, "winding direction '\(text)' in '\(v)'", "0, 1 or 9")
            }
        case .importeridx:
            let ok = s.count == 1 && (s[0] == 0x2D || s[0] == 0x5F || (s[0] >= 0x30 && s[0] <= 0x39)
                                      || (s[0] >= 0x41 && s[0] <= 0x5A) || (s[0] >= 0x61 && s[0] <= 0x7A))
            if !ok { throw fail(.badValue, 0, "importer index '\(text)' in '\(v)'", "one of - 0-9 A-Z _ a-z") }
        case .posinseqslash:
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, let n = Int(parts[0]), let m = Int(parts[1]),
                  parts[0].allSatisfy(\.isASCII), parts[1].allSatisfy(\.isASCII), n >= 1, n <= m else {
                throw fail(.badValue, 0, "'\(text)' in '\(v)'", "a position in sequence 'n/m' with 1 <= n <= m")
            }
        case .packagetype, .couponcode, .couponposoffer:
            return  // Not evaluated: TraceCore does not hold these code lists or coupon structures.
        }
    }

    /// True for the linters `passesQuickly` decides (for the others it always answers false).
    static func hasQuickCheck(_ linter: GS1Linter) -> Bool {
        switch linter {
        case .csum, .gcppos1, .gcppos2, .yymmd0, .yymmdd: true
        default: false
        }
    }

    /// The common linters as plain checks, without building messages: true when `s` certainly passes. When false,
    /// `apply` runs and throws the full error (or passes, for linters this fast path does not cover).
    @inline(__always)
    static func passesQuickly(_ linter: GS1Linter, _ s: Bytes) -> Bool {
        switch linter {
        case .csum:
            var sum = 0, weight = 3
            var i = s.count - 2
            while i >= 0 {
                sum &+= Int(s[i] &- 0x30) &* weight
                weight = 4 - weight
                i -= 1
            }
            return Int(s[s.count - 1] &- 0x30) == (10 - sum % 10) % 10
        case .gcppos1, .gcppos2:
            let start = linter == .gcppos1 ? 0 : 1
            guard s.count >= start + 4 else { return false }
            for i in start..<(start + 4) where s[i] &- 0x30 > 9 { return false }
            return true
        case .yymmd0, .yymmdd:
            guard s.count == 6 else { return false }
            let mm = Int(s[2] &- 0x30) * 10 + Int(s[3] &- 0x30), dd = Int(s[4] &- 0x30) * 10 + Int(s[5] &- 0x30)
            guard mm >= 1, mm <= 12 else { return false }
            if dd == 0 { return linter == .yymmd0 }
            if dd <= 28 { return true }
            let year = GS1Date.fullYear(Int(s[0] &- 0x30) * 10 + Int(s[1] &- 0x30))
            return dd <= GS1Date.daysInMonth(year: year, month: mm)
        default:
            return false
        }
    }

    static func isHex(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66) }

    /// CSET 64 padding: `=` only at the end, at most two, and only when the whole length is a multiple of 3.
    static func checkPadding(_ s: Bytes, element: AIElement, offset: Int) throws(GS1Error) {
        var pads = 0
        while pads < s.count && s[s.count - 1 - pads] == 0x3D { pads += 1 }
        if let i = s.prefix(s.count - pads).firstIndex(of: 0x3D) {
            throw GS1Error(.badCharacter, ai: element.ai, position: offset + i + 1, found: "'=' inside '\(element.value)'",
                           expected: "'=' only as padding at the end")
        }
        if pads > 2 || (pads > 0 && s.count % 3 != 0) {
            throw GS1Error(.badCharacter, ai: element.ai, position: offset + s.count - pads + 1,
                           found: "\(pads) '=' padding character(s) on \(s.count) characters in '\(element.value)'",
                           expected: "at most two '=' and only when the length is a multiple of 3")
        }
    }

    static func checkDate(_ s: Bytes, yearDigits: Int, allowDayZero: Bool,
                          fail: (GS1Error.Kind, Int, String, String) -> GS1Error, value: String) throws(GS1Error) {
        func d(_ i: Int) -> Int { Int(s[i]) - 0x30 }
        var year = 0
        for i in 0..<yearDigits { year = year * 10 + d(i) }
        if yearDigits == 2 { year = GS1Date.fullYear(year) }
        let mm = d(yearDigits) * 10 + d(yearDigits + 1)
        let dd = d(yearDigits + 2) * 10 + d(yearDigits + 3)
        guard (1...12).contains(mm) else {
            throw fail(.badDate, yearDigits, "month '\(pad(mm))' in '\(value)'", "a month 01-12")
        }
        if dd == 0 && allowDayZero { return }
        let days = GS1Date.daysInMonth(year: year, month: mm)
        guard (1...days).contains(dd) else {
            throw fail(.badDate, yearDigits + 2, "day '\(pad(dd))' in '\(value)'",
                       allowDayZero ? "a day 00-\(days) (month \(pad(mm)) of \(year))" : "a day 01-\(days) (month \(pad(mm)) of \(year))")
        }
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// The csumalpha check pair: CSET 82 values weighted by primes from the right, mod 1021, split into two CSET 32 characters.
    static func checkPair(_ s: Bytes, fail: (GS1Error.Kind, Int, String, String) -> GS1Error, value: String) throws(GS1Error) {
        let cset82 = Array("!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz".utf8)
        let cset32 = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ".utf8)
        guard s.count >= 2 else { throw fail(.badCheckPair, 0, "'\(value)'", "at least the two check characters") }
        var primes: [Int] = []
        var n = 2
        while primes.count < s.count - 2 {
            if !primes.contains(where: { n % $0 == 0 }) { primes.append(n) }
            n += 1
        }
        var sum = 0
        for i in 0..<(s.count - 2) {
            guard let w = cset82.firstIndex(of: s[i]) else {
                throw fail(.badCharacter, i, "\(AIValidation.shown(s[i], in: value)) in '\(value)'", "a CSET 82 character")
            }
            sum += w * primes[s.count - 3 - i]
        }
        sum %= 1021
        let a = cset32[sum >> 5], b = cset32[sum & 31]
        if s[s.count - 2] != a || s[s.count - 1] != b {
            let found = String(decoding: s.suffix(2), as: UTF8.self)
            throw fail(.badCheckPair, s.count - 2, "check characters '\(found)' in '\(value)'",
                       "'\(String(decoding: [a, b], as: UTF8.self))'")
        }
    }

    static func checkIBAN(_ s: Bytes, fail: (GS1Error.Kind, Int, String, String) -> GS1Error, value: String) throws(GS1Error) {
        guard s.count >= 5 else { throw fail(.badValue, 0, "'\(value)'", "an IBAN of at least 5 characters") }
        for i in 0..<2 where !(s[i] >= 0x41 && s[i] <= 0x5A) {
            throw fail(.badValue, i, "\(AIValidation.shown(s[i], in: value)) in '\(value)'", "an upper-case country code letter")
        }
        for i in 2..<4 where !(s[i] >= 0x30 && s[i] <= 0x39) {
            throw fail(.badValue, i, "\(AIValidation.shown(s[i], in: value)) in '\(value)'", "an IBAN check digit")
        }
        var remainder = 0
        for k in 0..<s.count {
            let b = s[(k + 4) % s.count]
            if b >= 0x30 && b <= 0x39 {
                remainder = (remainder * 10 + Int(b - 0x30)) % 97
            } else if b >= 0x41 && b <= 0x5A {
                remainder = (remainder * 100 + Int(b - 0x41) + 10) % 97
            } else {
                throw fail(.badValue, (k + 4) % s.count, "\(AIValidation.shown(b, in: value)) in '\(value)'", "A-Z or 0-9 in an IBAN")
            }
        }
        if remainder != 1 { throw fail(.badValue, 2, "IBAN check digits '\(value.dropFirst(2).prefix(2))' in '\(value)'", "IBAN mod-97 remainder 1") }
    }
}
