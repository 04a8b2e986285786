import TraceCore
import TraceRender

/// The symbols of one chunk of labels, encoded on the job's encoder threads and handed out in print order as each
/// becomes ready.
///
/// A PDF is drawn on one thread; encoding (libqrencode's mask search is most of a label's cost) runs on every core.
/// Waiting for all symbols before drawing the first left a core idle for the whole encoding; taking them one by one
/// lets drawing start after the first symbol and overlap the rest.
///
/// A code repeated on consecutive labels (batch and category modes) is encoded once.
final class SymbolEncoding: Sendable {
    /// For each label, the index of its symbol in `results`.
    private let source: [Int]
    /// Filled in by the encoder threads, in any order.
    private let results: SignalledState<[Result<SymbolMatrix, SymbolError>?]>

    /// Starts encoding `codes` (one per label, in print order) on `encoders`; `previous` is the last label of the
    /// previous chunk, so a chunk starting with the same code reuses its symbol.
    init(codes: [TraceCode], previous: (code: TraceCode, symbol: SymbolMatrix)?, encoders: [JobThread<Void>],
         encode: @escaping @Sendable (TraceCode) throws(SymbolError) -> SymbolMatrix) {
        var unique: [TraceCode] = []
        var source: [Int] = []
        var preset: [Result<SymbolMatrix, SymbolError>?] = []
        source.reserveCapacity(codes.count)
        for (i, code) in codes.enumerated() {
            if i > 0, code == codes[i - 1] {
                source.append(source[i - 1])
            } else if i == 0, let previous, previous.code == code {
                unique.append(code)
                preset.append(.success(previous.symbol))
                source.append(0)
            } else {
                unique.append(code)
                preset.append(nil)
                source.append(unique.count - 1)
            }
        }
        self.source = source
        let results = SignalledState(preset)
        self.results = results
        let todo = unique.indices.filter { preset[$0] == nil }
        let codes = unique
        guard !todo.isEmpty else { return }
        let next = WorkCounter()
        for encoder in encoders.prefix(max(1, todo.count)) {
            encoder.run { _ in
                while let range = next.take(upTo: todo.count) {
                    for k in range {
                        let index = todo[k]
                        let result = Result { () throws(SymbolError) in try encode(codes[index]) }
                        results.update { $0[index] = result }
                    }
                }
            }
        }
    }

    /// The symbol of label `index` (0-based in the chunk), waiting until it is encoded.
    /// - Throws: the `SymbolError` of that label's code.
    func symbol(_ index: Int) throws(SymbolError) -> SymbolMatrix {
        let k = source[index]
        return try results.wait(for: { $0[k] }).get()
    }
}
