/// Checks AI values against their definitions: length, character set, check digit and date linters.
public enum AIValidation {
    /// Validates one element. Throws the first fault found, with its position.
    public static func validate(_ element: AIElement) throws(GS1Error) {
        guard let definition = ApplicationIdentifierTable.definition(for: element.ai) else {
            throw GS1Error(.unknownAI, ai: element.ai, found: "AI '\(element.ai)'", expected: "an AI from the GS1 Syntax Dictionary")
        }
        let bytes = Array(element.value.utf8)
        if bytes.count < definition.minLength {
            throw GS1Error(.tooShort, ai: element.ai, found: "'\(element.value)' (\(bytes.count) characters)",
                           expected: "at least \(definition.minLength)")
        }
        if bytes.count > definition.maxLength {
            throw GS1Error(.tooLong, ai: element.ai, found: "'\(element.value)' (\(bytes.count) characters)",
                           expected: "at most \(definition.maxLength)")
        }
        var offset = 0
        for (index, component) in definition.components.enumerated() {
            let remaining = bytes.count - offset
            let isLast = index == definition.components.count - 1
            let length = isLast ? remaining : min(component.maxLength, remaining)
            let slice = bytes[offset..<(offset + length)]
            for (i, byte) in slice.enumerated() where !component.characterSet.contains(byte) {
                let shown = String(decoding: element.value.utf8.dropFirst(offset + i).prefix(1), as: UTF8.self)
                throw GS1Error(.badCharacter, ai: element.ai, position: offset + i + 1,
                               found: "'\(shown.isEmpty ? "non-ASCII byte" : shown)' in '\(element.value)'",
                               expected: characterSetName(component.characterSet))
            }
            for linter in component.linters {
                try apply(linter, to: slice, element: element, offset: offset)
            }
            offset += length
        }
    }

    static func characterSetName(_ set: GS1CharacterSet) -> String {
        switch set {
        case .numeric: "a digit 0-9"
        case .cset82: "a GS1 CSET 82 character (A-Z a-z 0-9 and !\"%&'()*+,-./:;<=>?_, no spaces, no Chinese)"
        case .cset39: "a GS1 CSET 39 character (A-Z 0-9 # - /)"
        case .cset64: "a GS1 CSET 64 character (A-Z a-z 0-9 - _ =)"
        }
    }

    static func apply(_ linter: GS1Linter, to slice: ArraySlice<UInt8>, element: AIElement, offset: Int) throws(GS1Error) {
        switch linter {
        case .csum:
            let text = String(decoding: slice, as: UTF8.self)
            guard let expected = GS1CheckDigit.compute(text.dropLast()) else { return }
            let found = Int(slice.last! - 0x30)
            if found != expected {
                throw GS1Error(.badCheckDigit, ai: element.ai, position: offset + slice.count,
                               found: "check digit '\(found)' in '\(element.value)'", expected: "'\(expected)'")
            }
        case .yymmd0, .yymmdd:
            let d = Array(slice).map { Int($0) - 0x30 }
            let yy = d[0] * 10 + d[1], mm = d[2] * 10 + d[3], dd = d[4] * 10 + d[5]
            guard (1...12).contains(mm) else {
                throw GS1Error(.badDate, ai: element.ai, position: offset + 3, found: "month '\(mm)' in '\(element.value)'",
                               expected: "a month 01-12")
            }
            if dd == 0 && linter == .yymmd0 { return }
            let days = GS1Date.daysInMonth(year: GS1Date.fullYear(yy), month: mm)
            guard (1...days).contains(dd) else {
                throw GS1Error(.badDate, ai: element.ai, position: offset + 5, found: "day '\(dd)' in '\(element.value)'",
                               expected: linter == .yymmd0 ? "a day 00-\(days)" : "a day 01-\(days)")
            }
        }
    }
}

/// GS1 six-digit dates.
public enum GS1Date {
    /// Resolves a two-digit year with the GenSpecs sliding window around `currentYear`.
    public static func fullYear(_ yy: Int, currentYear: Int = 2026) -> Int {
        let century = currentYear / 100 * 100
        let diff = yy - currentYear % 100
        if diff >= 51 { return century - 100 + yy }
        if diff <= -50 { return century + 100 + yy }
        return century + yy
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
