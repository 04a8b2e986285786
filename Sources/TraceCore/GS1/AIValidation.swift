/// Checks AI values against their definitions: length, character set, check digit and the other linters; and a set
/// of elements against the association rules (requisites, exclusions, repeated AIs).
public enum AIValidation {
    /// Validates one element. Throws the first fault found, with its position.
    public static func validate(_ element: AIElement) throws(GS1Error) {
        // The one-pass check from the plain-data table first, so a valid value touches no definition object.
        if let slot = ApplicationIdentifierTable.slot(for: element.ai), let format = ApplicationIdentifierTable.info[slot].quickFormat,
           UTF8Writer.withBytes(of: element.value, { passesQuickly($0, format) }) {
            return
        }
        guard let definition = ApplicationIdentifierTable.definition(for: element.ai) else {
            throw GS1Error(.unknownAI, ai: element.ai, found: "AI '\(element.ai)'", expected: "an AI from the GS1 Syntax Dictionary")
        }
        try validateFully(element, against: definition)
    }

    /// Validates one element against a known definition.
    public static func validate(_ element: AIElement, against definition: AIDefinition) throws(GS1Error) {
        if let format = definition.quickFormat, UTF8Writer.withBytes(of: element.value, { passesQuickly($0, format) }) { return }
        try validateFully(element, against: definition)
    }

    /// True when `bytes` certainly satisfies `format`: length, character set and linters in one pass, no messages.
    /// False means "run `validateFully`", which finds the fault (or, for a linter that is only cheap to confirm,
    /// passes after all).
    @inline(__always)
    static func passesQuickly(_ bytes: UnsafeBufferPointer<UInt8>, _ format: QuickFormat) -> Bool {
        let n = bytes.count
        guard n >= format.minLength, n <= format.maxLength, firstOutside(format.characterSet, bytes) == nil else { return false }
        if let linter = format.linters.0, !GS1Linters.passesQuickly(linter, bytes) { return false }
        if let linter = format.linters.1, !GS1Linters.passesQuickly(linter, bytes) { return false }
        return true
    }

    /// The component-by-component check, which finds the first fault and describes it.
    static func validateFully(_ element: AIElement, against definition: AIDefinition) throws(GS1Error) {
        var failure: GS1Error?
        let done: Void? = element.value.utf8.withContiguousStorageIfAvailable { bytes in
            do throws(GS1Error) { try validate(bytes, element: element, definition: definition) } catch { failure = error }
        }
        if done == nil {
            Array(element.value.utf8).withUnsafeBufferPointer { bytes in
                do throws(GS1Error) { try validate(bytes, element: element, definition: definition) } catch { failure = error }
            }
        }
        if let failure { throw failure }
    }

    @inline(__always)
    static func validate(_ bytes: UnsafeBufferPointer<UInt8>, element: AIElement, definition: AIDefinition) throws(GS1Error) {
        let count = bytes.count
        if count < definition.minLength {
            throw GS1Error(.tooShort, ai: element.ai, found: "'\(element.value)' (\(count) characters)",
                           expected: "at least \(definition.minLength)")
        }
        if count > definition.maxLength {
            throw GS1Error(.tooLong, ai: element.ai, found: "'\(element.value)' (\(count) characters)",
                           expected: "at most \(definition.maxLength)")
        }
        var offset = 0
        for component in definition.components {
            let remaining = count - offset
            if remaining == 0 && component.isOptional { break }
            let length = min(component.maxLength, remaining)
            if length < component.minLength {
                throw GS1Error(.tooShort, ai: element.ai, position: offset + 1,
                               found: "'\(element.value)' ends after \(count) characters",
                               expected: "\(component.minLength) more character(s) for the component at position \(offset + 1)")
            }
            let slice = UnsafeBufferPointer(rebasing: bytes[offset..<(offset + length)])
            let set = component.characterSet
            if let bad = firstOutside(set, slice) {
                let i = bad
                throw GS1Error(.badCharacter, ai: element.ai, position: offset + i + 1,
                               found: "\(shown(slice[i], in: element.value)) in '\(element.value)'",
                               expected: characterSetName(set))
            }
            if set == .cset64 { try GS1Linters.checkPadding(slice, element: element, offset: offset) }
            for linter in component.linters where !GS1Linters.passesQuickly(linter, slice) {
                try GS1Linters.apply(linter, to: slice, element: element, offset: offset)
            }
            offset += length
        }
        if offset < count {
            throw GS1Error(.tooLong, ai: element.ai, position: offset + 1, found: "'\(element.value)' (\(count) characters)",
                           expected: "at most \(offset)")
        }
    }

    /// Index of the first byte outside `set`, if any.
    @inline(__always)
    static func firstOutside(_ set: GS1CharacterSet, _ s: UnsafeBufferPointer<UInt8>) -> Int? {
        // Plain while loops with wrapping increments: a `for i in 0..<n` adds an overflow check per byte here.
        let n = s.count
        var i = 0
        switch set {
        case .numeric:
            while i < n && s[i] &- 0x30 <= 9 { i &+= 1 }
        case .cset82:
            while i < n && ASCIISet.cset82.contains(s[i]) { i &+= 1 }
        case .cset39, .cset64:
            while i < n && set.contains(s[i]) { i &+= 1 }
        }
        return i < n ? i : nil
    }

    /// A byte shown for a message: the character in quotes, or its hex value when it is not printable ASCII.
    static func shown(_ byte: UInt8, in value: String) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        if byte == 0x20 { return "a space" }
        if byte == 0x1D { return "a GS separator (0x1D)" }
        if byte >= 0x80 { return "a non-ASCII character" }
        let hex = String(byte, radix: 16, uppercase: true)
        return "control character 0x\(hex.count == 1 ? "0" + hex : hex)"
    }

    static func characterSetName(_ set: GS1CharacterSet) -> String {
        switch set {
        case .numeric: "a digit 0-9"
        case .cset82: "a GS1 CSET 82 character (A-Z a-z 0-9 and !\"%&'()*+,-./:;<=>?_, no spaces, no Chinese)"
        case .cset39: "a GS1 CSET 39 character (A-Z 0-9 # - /)"
        case .cset64: "a GS1 CSET 64 character (A-Z a-z 0-9 - _ and = padding)"
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

    /// Days in `month` of `year`, leap years included.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
