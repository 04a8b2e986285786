/// Where a symbol's modules land on a label, after snapping the module size to printer dots.
public struct SymbolPlacement: Sendable, Equatable {
    /// Top-left of the first module (inside the quiet zone), in mm.
    public let x: Double, y: Double
    /// Module size in mm (a whole number of dots when rendered for a printer).
    public let module: Double
    /// Height of a bar for one-row (linear) symbols, in mm.
    public let barHeight: Double

    /// Computes the placement of `symbol` in `box`.
    /// - Parameter dotsPerMM: the printer's resolution; `nil` for vector output, which keeps the requested size.
    /// - Throws: `LayoutError` when the snapped module is below the minimum or the symbol and its quiet zone do not fit.
    public init(symbol: SymbolMatrix, box: LabelTemplate.SymbolBox, dotsPerMM: Double?) throws(LayoutError) {
        let isLinear = symbol.height == 1
        let requested = isLinear ? (box.linearModule ?? box.module) : box.module
        var module = requested
        var originX = box.x, originY = box.y
        if let dpmm = dotsPerMM {
            let dots = max(1, (requested * dpmm).rounded())
            module = dots / dpmm
            originX = (box.x * dpmm).rounded() / dpmm
            originY = (box.y * dpmm).rounded() / dpmm
            guard module + 1e-9 >= box.minModule else {
                throw LayoutError.moduleTooSmall(requested: requested, snapped: module, dots: Int(dots), minimum: box.minModule)
            }
        }
        let q = Double(symbol.quietZone)
        let totalWidth = (Double(symbol.width) + 2 * q) * module
        let totalHeight = isLinear ? box.maxHeight : (Double(symbol.height) + 2 * q) * module
        guard totalWidth <= box.maxWidth + 1e-9 else {
            throw LayoutError.symbolDoesNotFit(modules: symbol.width, quietZone: symbol.quietZone, module: module,
                                               needed: totalWidth, available: box.maxWidth)
        }
        guard totalHeight <= box.maxHeight + 1e-9 else {
            throw LayoutError.symbolDoesNotFit(modules: symbol.height, quietZone: symbol.quietZone, module: module,
                                               needed: totalHeight, available: box.maxHeight)
        }
        x = originX + q * module
        y = isLinear ? originY : originY + q * module
        self.module = module
        barHeight = isLinear ? box.maxHeight : module
    }
}

/// Why a label could not be laid out.
public enum LayoutError: Error, Equatable, Sendable, CustomStringConvertible {
    case moduleTooSmall(requested: Double, snapped: Double, dots: Int, minimum: Double)
    case symbolDoesNotFit(modules: Int, quietZone: Int, module: Double, needed: Double, available: Double)
    case textDoesNotFit(field: String, text: String, minimumSize: Double)
    case unknownPlaceholder(String, template: String)

    public var description: String {
        switch self {
        case .moduleTooSmall(let r, let s, let d, let m):
            "module size \(fmt(r)) mm snaps to \(d) printer dots = \(fmt(s)) mm, below the template minimum \(fmt(m)) mm: use a higher dpi or a larger module"
        case .symbolDoesNotFit(let n, let q, let module, let needed, let available):
            "a \(n)-module symbol with its \(q)-module quiet zone at \(fmt(module)) mm needs \(fmt(needed)) mm but the template's symbol box (symbol.max_width/max_height) has \(fmt(available)) mm: use a larger box, a smaller module or another symbology"
        case .textDoesNotFit(let field, let text, let min):
            "text box '\(field)': '\(text)' does not fit even wrapped at the minimum size \(fmt(min)) pt"
        case .unknownPlaceholder(let name, let template):
            "template '\(template)' uses {\(name)}, which no product field or code form provides"
        }
    }
}

func fmt(_ v: Double) -> String {
    let r = (v * 1000).rounded() / 1000
    return r == r.rounded() ? String(Int(r)) : String(r)
}
