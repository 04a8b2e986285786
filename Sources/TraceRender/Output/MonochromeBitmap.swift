#if canImport(Glibc)
import Glibc
#endif

/// A 1-bit image for thermal printers: rows packed most significant bit first, 1 = black.
public struct MonochromeBitmap: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// Bytes per row.
    public let stride: Int
    public var bits: [UInt8]

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
        stride = (width + 7) / 8
        bits = [UInt8](repeating: 0, count: stride * height)
    }

    public func isBlack(x: Int, y: Int) -> Bool { bits[y * stride + x / 8] & (0x80 >> UInt8(x % 8)) != 0 }

    /// Sets the dots of a rectangle to black (clipped to the bitmap).
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int) {
        let left = max(0, x), right = min(width, x + w), top = max(0, y), bottom = min(height, y + h)
        guard left < right, top < bottom else { return }
        let firstByte = left >> 3, lastByte = (right - 1) >> 3
        let firstMask = UInt8(0xFF) >> UInt8(left & 7)
        let lastMask = UInt8(0xFF) << UInt8(7 - ((right - 1) & 7))
        let stride = self.stride
        bits.withUnsafeMutableBufferPointer { bits in
            for row in top..<bottom {
                let base = row * stride
                if firstByte == lastByte {
                    bits[base + firstByte] |= firstMask & lastMask
                } else {
                    bits[base + firstByte] |= firstMask
                    if lastByte - firstByte > 1 { for i in (firstByte + 1)..<lastByte { bits[base + i] = 0xFF } }
                    bits[base + lastByte] |= lastMask
                }
            }
        }
    }

    /// ORs bytes `bytes` of the one-row bitmap `row` into `count` rows from row `y` (rows outside are skipped).
    mutating func or(row: MonochromeBitmap, bytes: Range<Int>, into y: Int, count: Int) {
        precondition(row.width == width && row.height == 1)
        let stride = self.stride
        let first = max(0, y), end = min(height, y + count)
        guard first < end, !bytes.isEmpty else { return }
        row.bits.withUnsafeBufferPointer { source in
            bits.withUnsafeMutableBufferPointer { bits in
                for r in first..<end {
                    let base = r * stride
                    for i in bytes { bits[base + i] |= source[i] }
                }
            }
        }
    }

    /// The bitmap moved by (`dx`, `dy`) dots (a printer's offset), same size; what moves off the edge is cut.
    public func shifted(dx: Int, dy: Int) -> MonochromeBitmap {
        guard dx != 0 || dy != 0 else { return self }
        var out = MonochromeBitmap(width: width, height: height)
        for y in 0..<height {
            let sy = y - dy
            guard sy >= 0, sy < height else { continue }
            for x in 0..<width {
                let sx = x - dx
                if sx >= 0, sx < width, isBlack(x: sx, y: sy) { out.bits[y * stride + x / 8] |= 0x80 >> UInt8(x % 8) }
            }
        }
        return out
    }
}
