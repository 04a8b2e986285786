/// A ``RegistryLedger`` kept current as the registry grows, for a long-running reader (the resolver): each
/// ``catchUp()`` reads only the complete lines appended since the last one, never the whole registry again.
///
/// The registry is append-only; if it is found shorter than what was read (replaced or cut back by hand),
/// the follower starts over from the first line.
public struct LedgerFollower: Sendable {
    /// The ledger of every complete record read so far.
    public private(set) var ledger = RegistryLedger()
    /// Position just past the last complete line applied.
    public private(set) var offset: UInt64 = 0
    /// Records applied since the follower started (or last started over).
    public private(set) var records = 0
    /// Where the records are read from.
    public let source: any RegistrySource
    public var path: String { source.location }

    /// A follower of the registry file at `path` that has read nothing yet (call ``catchUp()``).
    public init(path: String) {
        self.init(source: RegistryFile(path: path))
    }

    /// A follower of `source` that has read nothing yet (call ``catchUp()``).
    public init(source: any RegistrySource) {
        self.source = source
    }

    /// Applies the complete records appended since the last call. Cheap when nothing changed (one `fstat`).
    /// - Returns: the number of records applied.
    /// - Throws: `RegistryError` if the registry cannot be read or a new line is corrupt.
    @discardableResult
    public mutating func catchUp() throws -> Int {
        guard let end = try source.end() else { return 0 }
        if end == offset { return 0 }
        if end < offset {
            ledger = RegistryLedger()
            offset = 0
            records = 0
        }
        var scanner = RecordScanner()
        var applied = 0
        var lineNumber = records
        let location = source.location
        let extent: RegistryExtent
        do {
            extent = try source.forEachLine(from: offset) { line, _ in
                lineNumber += 1
                do {
                    try scanner.parse(line)
                    ledger.add(try scanner.record(in: line))
                } catch let e as LineFormatError {
                    throw RegistryError.corruptLine(path: location, line: lineNumber, reason: e.description)
                }
                applied += 1
            }
        } catch RegistryError.missing {
            return 0
        }
        offset = extent.complete
        records += applied
        return applied
    }
}

extension RegistryLedger {
    /// An empty ledger, filled record by record: by ``LedgerFollower``, and by readers that need more of each record
    /// than the ledger keeps (the exports and the retention review).
    public init() {}
}
