import CPNGShims
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

    /// Encodes as a 1-bit greyscale PNG with a pHYs chunk giving `dpi`.
    public func pngData(dpi: Int) throws(RenderError) -> [UInt8] {
        var out: UnsafeMutablePointer<UInt8>?
        var length = 0
        var message = [CChar](repeating: 0, count: 256)
        let pixelsPerMetre = UInt32((Double(dpi) / 0.0254).rounded())
        let status = bits.withUnsafeBufferPointer { rows in
            CPNGShims_encode1Bit(rows.baseAddress, stride, UInt32(width), UInt32(height), pixelsPerMetre, &out, &length, &message, message.count)
        }
        guard status == 0, let out else { throw RenderError.png(String(cString: message)) }
        defer { free(out) }
        return Array(UnsafeBufferPointer(start: out, count: length))
    }
}
