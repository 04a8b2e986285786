/// Writes ASCII/UTF-8 bytes straight into a new string's storage: the fast path for element strings, HRI and
/// Digital Link URIs, which are built millions of times per second.
struct UTF8Writer {
    var buffer: UnsafeMutableBufferPointer<UInt8>
    var count = 0

    /// Builds a string of at most `capacity` bytes.
    static func string(capacity: Int, _ body: (inout UTF8Writer) -> Void) -> String {
        String(unsafeUninitializedCapacity: max(capacity, 1)) { buffer in
            var writer = UTF8Writer(buffer: buffer)
            body(&writer)
            return writer.count
        }
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        buffer[count] = b
        count += 1
    }

    @inline(__always)
    mutating func write(_ s: String) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { source in
            UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[count...]).copyMemory(from: UnsafeRawBufferPointer(source))
            count += source.count
        }
        if done == nil { for b in s.utf8 { buffer[count] = b; count += 1 } }
    }

    /// Writes `s` percent-encoded per GS1 Digital Link (`A-Z a-z 0-9 - . _ ~` unchanged, the rest `%XX`).
    mutating func writePercentEncoded(_ s: String) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { source in
            let unreserved = UTF8Writer.unreserved
            var plain = true
            for b in source where !unreserved[Int(b)] { plain = false; break }
            if plain {
                UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[count...]).copyMemory(from: UnsafeRawBufferPointer(source))
                count += source.count
                return
            }
            for b in source {
                if unreserved[Int(b)] {
                    buffer[count] = b
                    count += 1
                } else {
                    buffer[count] = 0x25
                    buffer[count + 1] = UTF8Writer.hex[Int(b >> 4)]
                    buffer[count + 2] = UTF8Writer.hex[Int(b & 0xF)]
                    count += 3
                }
            }
        }
        if done == nil { writePercentEncoded(String(decoding: Array(s.utf8), as: UTF8.self)) }
    }

    /// Writes `s` with `(` and `)` escaped as `\(` and `\)`.
    mutating func writeEscapingParentheses(_ s: String) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { source in
            if !source.contains(where: { $0 == 0x28 || $0 == 0x29 }) {
                UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[count...]).copyMemory(from: UnsafeRawBufferPointer(source))
                count += source.count
                return
            }
            for b in source {
                if b == 0x28 || b == 0x29 { buffer[count] = 0x5C; count += 1 }
                buffer[count] = b
                count += 1
            }
        }
        if done == nil { writeEscapingParentheses(String(decoding: Array(s.utf8), as: UTF8.self)) }
    }

    /// Bytes GS1 Digital Link leaves unencoded: `A-Z a-z 0-9 - . _ ~`.
    static let unreserved: [Bool] = (0..<256).map { DigitalLink.isUnreserved(UInt8($0)) }

    static let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
}
