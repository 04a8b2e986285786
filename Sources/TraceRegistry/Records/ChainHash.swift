import Crypto

/// SHA-256 as the chain uses it: lower-case hex of the exact line bytes (without the newline).
public enum ChainHash {
    /// `prev` of the first line.
    public static let genesis: [UInt8] = Array(repeating: UInt8(ascii: "0"), count: 64)

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The hex SHA-256 of `bytes`.
    public static func hex(of bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 64)
        hex(of: bytes, into: &out)
        return out
    }

    /// Writes the hex SHA-256 of `bytes` into `out` (64 bytes), reusing its storage.
    public static func hex(of bytes: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        var hasher = SHA256()
        hasher.update(bufferPointer: bytes)
        let digest = hasher.finalize()
        precondition(out.count >= 64)
        digest.withUnsafeBytes { d in
            out.withUnsafeMutableBufferPointer { o in
                hexDigits.withUnsafeBufferPointer { h in
                    for k in 0..<32 {
                        let byte = d[k]
                        o[2 * k] = h[Int(byte >> 4)]
                        o[2 * k + 1] = h[Int(byte & 0xF)]
                    }
                }
            }
        }
    }
}
