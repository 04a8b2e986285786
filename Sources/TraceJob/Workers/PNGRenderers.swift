import TraceCore
import TraceRegistry
import TraceRender

/// A label's PNG and the hex SHA-256 the spool manifest records for it.
struct RenderedPNG: Sendable {
    let bytes: [UInt8]
    let sha256: String
}

/// The job's threads that draw spool PNGs, each with its own ``RasterLabelRenderer`` (Pango is not thread-safe), made
/// on that thread and kept for the job: the static layer of the label is laid out once per thread and job.
final class PNGRenderers: Sendable {
    private let threads: [JobThread<RasterLabelRenderer>]

    /// `count` threads drawing `template` at `dpi` with `fonts`.
    init(count: Int, template: LabelTemplate, fonts: FontSet, dpi: Int) {
        threads = (0..<max(1, count)).map { n in
            JobThread(name: "tracelabel.png-\(n)") { RasterLabelRenderer(painter: LabelPainter(template: template, fonts: fonts), dpi: dpi) }
        }
    }

    /// PNG bytes and their SHA-256 for the labels at `indices` of `labels` (hashed on the drawing threads, not one
    /// after the other while the spool is written), in the order of `indices`. Each label starts as soon as its symbol
    /// is encoded: no barrier between encoding and drawing. Waits until all are drawn; the caller is the delivery's own
    /// thread.
    /// - Throws: the first label's failure, in print order.
    func render(_ indices: [Int], of labels: [LabelDelivery.Label], symbols: SymbolEncoding, productValues: [String: String],
                offset: (dx: Int, dy: Int)) throws -> [RenderedPNG] {
        let results = SignalledState([Result<RenderedPNG, any Error>?](repeating: nil, count: indices.count))
        let next = WorkCounter()
        let codes = labels.map(\.code)
        let (dx, dy) = offset
        for thread in threads.prefix(indices.count) {
            thread.run { renderer in
                while let range = next.take(upTo: indices.count) {
                    for k in range {
                        let i = indices[k]
                        let result = Result { () throws -> RenderedPNG in
                            let png = try renderer.renderPNG(symbol: try symbols.symbol(i),
                                                             values: LabelValues.with(code: codes[i], product: productValues), offset: (dx, dy))
                            return RenderedPNG(bytes: png, sha256: RegistryFile.hexSHA256(png))
                        }
                        results.update { $0[k] = result }
                    }
                }
            }
        }
        for thread in threads.prefix(indices.count) { thread.waitUntilIdle() }
        return try results.read { $0 }.map { try $0!.get() }
    }
}
