import Foundation
import TraceCore

/// The registry half of an issue job: opens it (reserving what it needs), registers its codes chunk by chunk,
/// and closes it. Every method appends and syncs before returning, so a caller may render what it got.
public struct JobRegistration {
    /// Item codes registered by one call: consecutive counters of the job's reservation. Serials are derived
    /// on demand, so a caller that does not render them (a bulk export) never pays for Strings.
    public struct RegisteredItems: Sendable {
        public let counters: ClosedRange<UInt64>
        let generator: SerialGenerator
        public var count: Int { counters.count }
        /// The serials, in counter order.
        public func serials() throws -> [String] { try counters.map { try generator.serial(for: $0) } }
        /// The serial of one counter of this range.
        public func serial(for counter: UInt64) throws -> String { try generator.serial(for: counter) }
    }

    public let job: String
    public let mode: AllocationMode
    /// Item mode: the first reserved counter.
    public let firstCounter: UInt64
    /// Item mode: the number of counters reserved.
    public let count: Int
    /// One-batch mode with `code.lot_format`: the lot reserved for this job.
    public let lot: String?
    /// The lot reservation (namespace, sequence number), if any.
    let lotReservation: (ns: String, sequence: UInt64)?
    let generator: SerialGenerator?
    let template: ItemCodeTemplate?
    /// Ecode products: where the job's codes come from.
    let ecode: EcodeGenerator?

    /// Appends `open` (a `job-open` record) and, in item mode, a `reserve` of `count` counters from the
    /// generator's namespace; with a lot format in batch mode, a `reserve` of the next lot sequence number.
    /// Throws before writing anything when the serial space or the lot sequence is exhausted, or when the GTIN
    /// already has serials from another source.
    public static func open(_ open: RegistryRecord, mode: AllocationMode, count: Int, product: ProductSpec,
                            generator: SerialGenerator?, line: String, writer: inout RegistryFile.Writer) throws -> JobRegistration {
        guard let job = open.job else { throw RegistryError.corruptLine(path: writer.path, line: 0, reason: "job-open without a job id") }
        var records = [open]
        var first: UInt64 = 0
        var lot: String?
        var lotReservation: (ns: String, sequence: UInt64)?
        let gtin = product.gtin?.digits14 ?? ""
        if mode == .item, let generator {
            if let other = writer.state.serialNamespaces[gtin]?.first(where: { $0 != generator.namespace }) {
                throw RegistryError.mixedSerialSources(gtin: gtin, existing: other, requested: generator.namespace)
            }
            first = writer.state.nextCounter(in: generator.namespace)
            let last = first + UInt64(count) - 1
            guard last <= generator.maxCounter else {
                throw RegistryError.counterExhausted(namespace: generator.namespace, next: first, needed: count, max: generator.maxCounter)
            }
            var reserve = RegistryRecord(kind: .reserve, job: job)
            reserve.ns = generator.namespace
            reserve.gtin = gtin
            reserve.first = first
            reserve.last = last
            records.append(reserve)
        } else if mode == .batch, let format = product.lotFormat {
            let scope = format.scope(date: product.productionDate, line: line)
            let ns = "lot:\(gtin):\(scope)"
            let seq = writer.state.nextCounter(in: ns)
            guard seq <= format.maxSequence else {
                throw RegistryError.counterExhausted(namespace: ns, next: seq, needed: 1, max: format.maxSequence)
            }
            lot = format.lot(date: product.productionDate, line: line, sequence: seq)
            lotReservation = (ns, seq)
            var reserve = RegistryRecord(kind: .reserve, job: job)
            reserve.ns = ns
            reserve.gtin = gtin
            reserve.lot = lot
            reserve.first = seq
            reserve.last = seq
            records.append(reserve)
            records[0].lot = lot
        }
        try writer.append(records)
        let template = mode == .item ? try ItemCodeTemplate(product: product) : nil
        return JobRegistration(job: job, mode: mode, firstCounter: first, count: count, lot: lot, lotReservation: lotReservation,
                               generator: generator, template: template, ecode: nil)
    }

    /// Opens an Ecode job: appends `open` and a `reserve` of the job's counters in the source's namespace (item
    /// mode: one per label; batch and category: one for the job's shared code; none for a fixed minted code).
    /// A pool is imported into the registry's pool store first (checked against every pool imported before).
    /// Throws before writing anything when the source is exhausted or the pool repeats an imported code.
    public static func open(_ open: RegistryRecord, mode: AllocationMode, count: Int, ecode: EcodeGenerator,
                            writer: inout RegistryFile.Writer) throws -> JobRegistration {
        guard let job = open.job else { throw RegistryError.corruptLine(path: writer.path, line: 0, reason: "job-open without a job id") }
        var records = [open]
        var first: UInt64 = 0
        let needed = mode == .item ? count : 1
        if mode == .category, let ns = ecode.namespace, let earlier = try categoryCode(in: ns, path: writer.path) {
            // One code per product: a later category job prints the code the first one registered, reserving nothing.
            try writer.append(records)
            return JobRegistration(job: job, mode: mode, firstCounter: earlier, count: 0, lot: nil, lotReservation: nil,
                                   generator: nil, template: nil, ecode: ecode)
        }
        if let ns = ecode.namespace {
            if let pool = ecode.pool { try EcodePoolStore(registryPath: writer.path).importPool(pool) }
            first = writer.state.nextCounter(in: ns)
            let last = first + UInt64(needed) - 1
            guard last <= ecode.maxCounter else {
                throw RegistryError.counterExhausted(namespace: ns, next: first, needed: needed, max: ecode.maxCounter)
            }
            var reserve = RegistryRecord(kind: .reserve, job: job)
            reserve.ns = ns
            reserve.first = first
            reserve.last = last
            records.append(reserve)
        }
        try writer.append(records)
        return JobRegistration(job: job, mode: mode, firstCounter: first, count: needed, lot: nil, lotReservation: nil,
                               generator: nil, template: nil, ecode: ecode)
    }

    /// The counter of the code an earlier category job registered from namespace `ns`, if any.
    static func categoryCode(in ns: String, path: String) throws -> UInt64? {
        let ledger = try RegistryLedger(path: path)
        for r in ledger.reservations where r.ns == ns && ledger.job(r.job)?.mode == AllocationMode.category.rawValue {
            if ledger.counters[ns]?[r.first] != nil { return r.first }
        }
        return nil
    }

    /// Registers Ecode item codes `range` (0-based positions within the job), synced before returning.
    public func registerEcodes(_ range: Range<Int>, writer: inout RegistryFile.Writer) throws -> [TraceCode] {
        guard let ecode, mode == .item, !range.isEmpty, range.upperBound <= count else {
            throw RegistryError.counterExhausted(namespace: ecode?.namespace ?? "none", next: firstCounter + UInt64(range.lowerBound),
                                                 needed: range.count, max: firstCounter + UInt64(count) - 1)
        }
        let counters = (firstCounter + UInt64(range.lowerBound))...(firstCounter + UInt64(range.upperBound) - 1)
        let codes = try counters.map { try ecode.code(for: $0) }
        try writer.appendIssues(job: job, zip(counters, codes).map { ($0, $1.hri, $1.digitalLink) })
        return codes
    }

    /// The one Ecode of a batch or category job (its reserved counter, or the layout's fixed code).
    public func sharedEcode() throws -> TraceCode? {
        guard let ecode, mode != .item else { return nil }
        return try ecode.code(for: firstCounter)
    }

    /// Registers item codes `range` (0-based positions within the job), synced before returning.
    public func registerItems(_ range: Range<Int>, writer: inout RegistryFile.Writer) throws -> RegisteredItems {
        guard let generator, let template, !range.isEmpty, range.upperBound <= count else {
            throw RegistryError.counterExhausted(namespace: generator?.namespace ?? "none", next: firstCounter + UInt64(range.lowerBound),
                                                 needed: range.count, max: firstCounter + UInt64(count) - 1)
        }
        let counters = (firstCounter + UInt64(range.lowerBound))...(firstCounter + UInt64(range.upperBound) - 1)
        try writer.appendItemIssues(job: job, counters: counters, generator: generator, template: template)
        return RegisteredItems(counters: counters, generator: generator)
    }

    /// `release` records for the reserved counters past the first `issued` (a job that failed part-way), so the
    /// gap is explained in the same append as the job's `job-close`.
    public func releases(afterIssuing issued: Int, reason: String) -> [RegistryRecord] {
        if let lotReservation, issued == 0 {
            var r = RegistryRecord(kind: .release, job: job)
            r.ns = lotReservation.ns
            r.first = lotReservation.sequence
            r.last = lotReservation.sequence
            r.reason = reason
            return [r]
        }
        if let ecode, let ns = ecode.namespace, issued < count {
            var r = RegistryRecord(kind: .release, job: job)
            r.ns = ns
            r.first = firstCounter + UInt64(issued)
            r.last = firstCounter + UInt64(count) - 1
            r.reason = reason
            return [r]
        }
        guard mode == .item, let generator, issued < count else { return [] }
        var r = RegistryRecord(kind: .release, job: job)
        r.ns = generator.namespace
        r.gtin = generator.gtin
        r.first = firstCounter + UInt64(issued)
        r.last = firstCounter + UInt64(count) - 1
        r.reason = reason
        return [r]
    }

    /// Registers the one code of a batch or category job, with the number of identical labels.
    public func registerShared(_ code: TraceCode, copies: Int, writer: inout RegistryFile.Writer) throws {
        var r = RegistryRecord(kind: .issue, job: job)
        r.code = code.hri
        r.dl = code.digitalLink
        r.copies = copies
        try writer.append([r])
    }
}
