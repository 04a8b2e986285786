/// A barcode as the renderer sees it: a grid of dark and light modules, no symbology knowledge.
///
/// Linear symbols (GS1-128) are one row high; the renderer stretches them to the bar height.
public struct SymbolMatrix: Sendable, Equatable {
    /// Modules across.
    public let width: Int
    /// Modules down.
    public let height: Int
    /// Row-major, `true` = dark.
    public let modules: [Bool]
    /// Quiet zone each symbology needs, in modules, on every side (left/right for linear symbols).
    public let quietZone: Int
    /// What a reader should send for this symbol, e.g. `]Q1` for plain QR, `]Q3` for GS1 QR.
    public let symbologyIdentifier: String

    public init(width: Int, height: Int, modules: [Bool], quietZone: Int, symbologyIdentifier: String) {
        precondition(modules.count == width * height, "module count must be width × height")
        self.width = width
        self.height = height
        self.modules = modules
        self.quietZone = quietZone
        self.symbologyIdentifier = symbologyIdentifier
    }

    public subscript(row: Int, column: Int) -> Bool { modules[row * width + column] }

    /// A rectangle of dark modules, in module units.
    public struct Run: Equatable, Sendable {
        public let x: Int, y: Int, width: Int, height: Int
    }

    /// The dark runs of one row, left to right, each one module high.
    public func rowRuns(_ row: Int) -> [Run] {
        var runs: [Run] = []
        let base = row * width
        var x = 0
        while x < width {
            if modules[base + x] {
                let start = x
                while x < width && modules[base + x] { x += 1 }
                runs.append(Run(x: start, y: row, width: x - start, height: 1))
            } else { x += 1 }
        }
        return runs
    }

    /// Dark modules merged into few rectangles: horizontal runs per row, then a run is extended down while the
    /// rows below repeat it exactly. Vector output draws these, not one square per module.
    public func mergedRuns() -> [Run] {
        var rowRuns: [[(x: Int, w: Int)]] = []
        rowRuns.reserveCapacity(height)
        for y in 0..<height {
            var runs: [(x: Int, w: Int)] = []
            var x = 0
            let base = y * width
            while x < width {
                if modules[base + x] {
                    let start = x
                    while x < width && modules[base + x] { x += 1 }
                    runs.append((start, x - start))
                } else { x += 1 }
            }
            rowRuns.append(runs)
        }
        var used = rowRuns.map { [Bool](repeating: false, count: $0.count) }
        var result: [Run] = []
        for y in 0..<height {
            for (i, run) in rowRuns[y].enumerated() where !used[y][i] {
                var h = 1
                while y + h < height, let j = rowRuns[y + h].firstIndex(where: { $0.x == run.x && $0.w == run.w }), !used[y + h][j] {
                    used[y + h][j] = true
                    h += 1
                }
                result.append(Run(x: run.x, y: y, width: run.w, height: h))
            }
        }
        return result
    }
}
