import Foundation
import TraceCore

/// Turns reserved counters into Ecodes for one product: the counter-th code of an imported pool, or the code a
/// minted MD layout writes for the counter. Each source counts in its own namespace, like GS1 serial sources:
/// `ecode-pool:<pool sha256>` or `ecode:<version><NSI>:<MD with the counter as #>`.
public struct EcodeGenerator: Sendable {
    enum Kind: Sendable {
        case pool(EcodePool)
        case mint(EcodeLayout, gtin: String?, lot: String, date: CalendarDate)
    }

    let kind: Kind
    /// The product's Ecode settings (URL pattern, payload).
    public let settings: EcodeSettings
    /// Where counters are reserved; `nil` for a minted layout without a counter (one fixed code, nothing to reserve).
    public let namespace: String?
    /// The largest counter (the pool's size, or 10^N − 1 for `{serial:N}`).
    public let maxCounter: UInt64

    /// Builds the product's source; a relative pool path is taken from `baseDirectory`.
    /// - Throws: ``EcodePoolError`` for a pool file that cannot be used.
    public init(product: ProductSpec, settings: EcodeSettings, baseDirectory: String) throws {
        self.settings = settings
        switch settings.source {
        case .pool(let file):
            let path = file.hasPrefix("/") ? file : (baseDirectory as NSString).appendingPathComponent(file)
            let pool = try EcodePool(path: path)
            kind = .pool(pool)
            namespace = pool.namespace
            maxCounter = UInt64(pool.codes.count)
        case .mint(let layout):
            let gtin = product.gtin?.digits14
            kind = .mint(layout, gtin: gtin, lot: product.lot, date: product.productionDate)
            if let width = layout.serialWidth {
                let (before, after) = layout.frame(gtin: gtin, lot: product.lot, date: product.productionDate)
                namespace = "ecode:" + before + String(repeating: "#", count: width) + after
            } else {
                namespace = nil
            }
            maxCounter = layout.maxCounter
        }
    }

    /// The imported pool, for a pool source.
    public var pool: EcodePool? { if case .pool(let p) = kind { p } else { nil } }

    /// The Ecode for `counter` (1 ≤ counter ≤ ``maxCounter``; ignored for a layout without a counter).
    public func ecode(for counter: UInt64) throws -> Ecode {
        switch kind {
        case .pool(let pool):
            guard counter >= 1, counter <= UInt64(pool.codes.count) else {
                throw RegistryError.counterExhausted(namespace: pool.namespace, next: counter, needed: 1, max: UInt64(pool.codes.count))
            }
            return try Ecode(pool.codes[Int(counter) - 1])
        case .mint(let layout, let gtin, let lot, let date):
            return try Ecode(layout.code(counter: counter, gtin: gtin, lot: lot, date: date))
        }
    }

    /// The trace code for `counter`, with its URL and payload.
    public func code(for counter: UInt64) throws -> TraceCode { TraceCode(ecode: try ecode(for: counter), settings: settings) }

    /// The longest code this source can produce: what a job lays out before it registers anything.
    public func longestCode() throws -> TraceCode {
        switch kind {
        case .pool(let pool):
            let longest = pool.codes.indices.max { pool.codes[$0].utf8.count < pool.codes[$1].utf8.count } ?? 0
            return try code(for: UInt64(longest) + 1)
        case .mint:
            return try code(for: maxCounter)
        }
    }

    /// The counter of `text` (an Ecode in any form, or `#N` for position N of a pool), or nil if it is not one of
    /// this source's codes.
    public func counter(for text: String) -> UInt64? {
        if text.hasPrefix("#"), let n = UInt64(text.dropFirst()), n >= 1, n <= maxCounter { return n }
        guard let ecode = try? Ecode(text) else { return nil }
        switch kind {
        case .pool(let pool):
            return pool.codes.firstIndex(of: ecode.description).map { UInt64($0) + 1 }
        case .mint(let layout, let gtin, let lot, let date):
            return layout.counter(of: ecode.description, gtin: gtin, lot: lot, date: date)
        }
    }

    /// Codes a pool has left after `highestReserved`; nil for a minted source.
    public func remaining(afterReserved highestReserved: UInt64) -> UInt64? {
        guard case .pool(let pool) = kind else { return nil }
        return UInt64(pool.codes.count) - min(UInt64(pool.codes.count), highestReserved)
    }
}
