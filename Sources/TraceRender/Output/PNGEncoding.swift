import CPNGEncoder
#if canImport(Glibc)
import Glibc
#endif

extension MonochromeBitmap {
    /// Encodes as a 1-bit greyscale PNG with a pHYs chunk giving `dpi`.
    public func pngData(dpi: Int) throws(RenderError) -> [UInt8] {
        var out: UnsafeMutablePointer<UInt8>?
        var length = 0
        var message = [CChar](repeating: 0, count: 256)
        let pixelsPerMetre = UInt32((Double(dpi) / 0.0254).rounded())
        let status = bits.withUnsafeBufferPointer { rows in
            CPNGEncoder_encode1Bit(rows.baseAddress, stride, UInt32(width), UInt32(height), pixelsPerMetre, &out, &length, &message, message.count)
        }
        guard status == 0, let out else { throw RenderError.png(String(cString: message)) }
        defer { free(out) }
        return Array(UnsafeBufferPointer(start: out, count: length))
    }
}

/// 1-bit PNGs of labels that share a static layer: the rows outside the per-label areas (symbol, code texts) are
/// deflated once per job and spliced into every label's PNG (libpng is not used: the file is assembled directly).
/// One encoder per thread.
final class StaticRowsPNGEncoder {
    private let encoder: OpaquePointer
    let width: Int, height: Int

    /// An encoder for images the size of `staticLayer`, which every encoded image equals outside its dirty rows.
    init(staticLayer: MonochromeBitmap, dpi: Int) throws(RenderError) {
        let ppm = UInt32((Double(dpi) / 0.0254).rounded())
        guard let e = staticLayer.bits.withUnsafeBufferPointer({
            CPNGEncoder_staticRowsCreate($0.baseAddress, staticLayer.stride, UInt32(staticLayer.width), UInt32(staticLayer.height), ppm)
        }) else { throw RenderError.png("out of memory creating the label PNG encoder") }
        encoder = e
        width = staticLayer.width
        height = staticLayer.height
    }

    deinit { CPNGEncoder_staticRowsDestroy(encoder) }

    /// Encodes `bitmap`. `rowKinds[y]` says what row y may hold (`CPNGEncoder_row…`): equal to the static layer, any
    /// bits, or static outside the symbol's bytes `span`.
    func encode(_ bitmap: MonochromeBitmap, rowKinds: [UInt8], span: Range<Int>) throws(RenderError) -> [UInt8] {
        precondition(bitmap.width == width && bitmap.height == height && rowKinds.count == height)
        var out: UnsafeMutablePointer<UInt8>?
        var length = 0
        let status = bitmap.bits.withUnsafeBufferPointer { rows in
            rowKinds.withUnsafeBufferPointer {
                CPNGEncoder_staticRowsEncode(encoder, rows.baseAddress, $0.baseAddress, UInt32(span.lowerBound), UInt32(span.upperBound), &out, &length)
            }
        }
        guard status == 0, let out else { throw RenderError.png("out of memory encoding a label PNG") }
        defer { free(out) }
        return Array(UnsafeBufferPointer(start: out, count: length))
    }
}
