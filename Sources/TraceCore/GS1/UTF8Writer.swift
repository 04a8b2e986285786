/// Writes ASCII/UTF-8 bytes straight into a new string's storage: the fast path for element strings, HRI and
/// Digital Link URIs, which are built millions of times per second.
///
/// Everything is inlined into the builder that uses it: the pieces written are mostly 2-4 byte AIs and values of
/// under 20 bytes, so a call (or a call to `memcpy`) per piece would cost more than the copy itself.
struct UTF8Writer {
    let base: UnsafeMutablePointer<UInt8>
    /// The bytes the string was given; callers size it as an upper bound (debug builds check every write against it).
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
        assert(count < capacity)
        base[count] = b
        count &+= 1
    }

    /// Copies `source`; short runs byte by byte, which beats a call to `memcpy` at these lengths.
    @inline(__always)
    mutating func write(_ source: UnsafeBufferPointer<UInt8>) {
        let n = source.count
        assert(count + n <= capacity)
        if n <= 32 {
            for i in 0..<n { base[count &+ i] = source[i] }
        } else {
            (base + count).update(from: source.baseAddress!, count: n)
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
        assert(count + 3 * source.count <= capacity)
        for b in source {
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
        assert(count + 2 * source.count <= capacity)
        for b in source {
            if b == 0x28 || b == 0x29 { base[count] = 0x5C; count &+= 1 }
            base[count] = b
            count &+= 1
        }
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
