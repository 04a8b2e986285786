/// Writes ASCII/UTF-8 bytes straight into a new string's storage: the fast path for element strings, HRI and
/// Digital Link URIs, which are built millions of times per second.
///
/// Everything is inlined into the builder that uses it: the pieces written are mostly 2-4 byte AIs and values of
/// under 20 bytes, so a call (or a call to `memcpy`) per piece would cost more than the copy itself.
struct UTF8Writer {
    let base: UnsafeMutablePointer<UInt8>
    /// The bytes the string was given; callers size it as an upper bound. Every write is checked against it with
    /// `precondition`, kept in release builds: a capacity computed wrong must stop the program, never write past the
    /// string's storage (one compare per write call).
    let capacity: Int
    var count = 0

    /// Builds a string of at most `capacity` bytes.
    @inline(__always)
    static func string(capacity: Int, _ body: (inout UTF8Writer) -> Void) -> String {
        String(unsafeUninitializedCapacity: max(capacity, 1)) { buffer in
            var writer = UTF8Writer(base: buffer.baseAddress!, capacity: buffer.count)
            body(&writer)
            return writer.count
        }
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        precondition(count < capacity)
        base[count] = b
        count &+= 1
    }

    /// Copies `source`. Runs of up to 32 bytes (AIs, values, most stems) are moved as overlapping words from both
    /// ends, the way `memcpy` does inside: a call to `memcpy` costs more than the copy at these lengths.
    @inline(__always)
    mutating func write(_ source: UnsafeBufferPointer<UInt8>) {
        let n = source.count
        precondition(count + n <= capacity)
        guard n > 0, let from = source.baseAddress else { return }
        let to = UnsafeMutableRawPointer(base + count)
        let src = UnsafeRawPointer(from)
        if n > 16 && n <= 32 {
            let a = src.loadUnaligned(as: UInt64.self), b = src.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            let c = src.loadUnaligned(fromByteOffset: n - 16, as: UInt64.self)
            let d = src.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            to.storeBytes(of: a, as: UInt64.self)
            to.storeBytes(of: b, toByteOffset: 8, as: UInt64.self)
            to.storeBytes(of: c, toByteOffset: n - 16, as: UInt64.self)
            to.storeBytes(of: d, toByteOffset: n - 8, as: UInt64.self)
        } else if n >= 8 && n <= 16 {
            let head = src.loadUnaligned(as: UInt64.self), tail = src.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            to.storeBytes(of: head, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: n - 8, as: UInt64.self)
        } else if n >= 4 && n < 8 {
            let head = src.loadUnaligned(as: UInt32.self), tail = src.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: n - 4, as: UInt32.self)
        } else if n < 4 {
            // 1-3 bytes: first, middle and last (the same byte more than once for short runs).
            to.storeBytes(of: from[0], as: UInt8.self)
            to.storeBytes(of: from[n >> 1], toByteOffset: n >> 1, as: UInt8.self)
            to.storeBytes(of: from[n - 1], toByteOffset: n - 1, as: UInt8.self)
        } else {
            to.copyMemory(from: src, byteCount: n)
        }
        count &+= n
    }

    @inline(__always)
    mutating func write(_ s: String) {
        UTF8Writer.withBytes(of: s) { write($0) }
    }

    /// Writes `s` percent-encoded per GS1 Digital Link (`A-Z a-z 0-9 - . _ ~` unchanged, the rest `%XX`).
    @inline(__always)
    mutating func writePercentEncoded(_ s: String) {
        UTF8Writer.withBytes(of: s) { writePercentEncoded($0) }
    }

    @inline(__always)
    mutating func writePercentEncoded(_ source: UnsafeBufferPointer<UInt8>) {
        precondition(count + 3 * source.count <= capacity)
        // Most values need no encoding: find the first byte that does and copy everything before it in one go.
        var clean = 0
        while clean < source.count && DigitalLink.isUnreserved(source[clean]) { clean &+= 1 }
        write(UnsafeBufferPointer(rebasing: source[0..<clean]))
        if clean == source.count { return }
        for b in UnsafeBufferPointer(rebasing: source[clean...]) {
            if DigitalLink.isUnreserved(b) {
                base[count] = b
                count &+= 1
            } else {
                base[count] = 0x25
                base[count &+ 1] = UTF8Writer.hexDigit(b >> 4)
                base[count &+ 2] = UTF8Writer.hexDigit(b & 0xF)
                count &+= 3
            }
        }
    }

    /// Writes `s` with `(` and `)` escaped as `\(` and `\)`.
    @inline(__always)
    mutating func writeEscapingParentheses(_ s: String) {
        UTF8Writer.withBytes(of: s) { writeEscapingParentheses($0) }
    }

    @inline(__always)
    mutating func writeEscapingParentheses(_ source: UnsafeBufferPointer<UInt8>) {
        precondition(count + 2 * source.count <= capacity)
        // Values almost never hold parentheses: look for them eight bytes at a time, then copy in one go.
        if !UTF8Writer.containsParenthesis(source) { write(source); return }
        for b in source {
            if b == 0x28 || b == 0x29 { base[count] = 0x5C; count &+= 1 }
            base[count] = b
            count &+= 1
        }
    }

    /// True when `source` holds `(` or `)`, testing a word at a time (overlapping words cover the tail, so nothing
    /// is read outside `source`).
    @inline(__always)
    static func containsParenthesis(_ source: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = source.count
        guard n > 0, let from = source.baseAddress else { return false }
        let p = UnsafeRawPointer(from)
        if n >= 8 {
            var i = 0
            while i &+ 8 < n {
                if hasParenthesis(p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { return true }
                i &+= 8
            }
            return hasParenthesis(p.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self))
        }
        if n >= 4 {
            // Zero bytes in the upper half never match.
            let word = UInt64(p.loadUnaligned(as: UInt32.self)) | UInt64(p.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)) << 32
            return hasParenthesis(word)
        }
        for b in source where b == 0x28 || b == 0x29 { return true }
        return false
    }

    /// True when a byte of `word` is `(` (0x28) or `)` (0x29). Setting each byte's low bit maps both to `)`; XOR with
    /// `)` then zeroes exactly those bytes, and the exact zero-byte test finds them (adding 0x7F to a 7-bit value
    /// never carries into the next byte, so there are no false positives).
    @inline(__always)
    static func hasParenthesis(_ word: UInt64) -> Bool {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let v = (word | 0x0101_0101_0101_0101) ^ 0x2929_2929_2929_2929
        return ~(((v & low7) &+ low7) | v | low7) != 0
    }

    /// Upper-case hex digit of `nibble` (0-15), computed: a table would cost a lazy global's access check per use.
    @inline(__always)
    static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 &+ nibble : 0x37 &+ nibble }

    /// Runs `body` on the UTF-8 bytes of `s`. Native strings (every string on Linux, small ones included) hand out
    /// their storage; a bridged string that cannot is copied first.
    @inline(__always)
    static func withBytes<R>(of s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = s.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(s.utf8).withUnsafeBufferPointer(body)
    }
}
