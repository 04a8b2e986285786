/// Where a registry's records are read from, in order: the seam between the readers (``RegistryReplay``'s
/// consumers — verify, the QA ledger, the service's follower — and the lookup index) and the backend that holds
/// the records. ``RegistryFile`` implements it; a database registry would implement it by reading the same
/// canonical lines back in `seq` order.
///
/// Lines, not records, because the hash chain covers the exact bytes of each line: a reader that checks the chain
/// must see what was hashed. A position is opaque to readers: increasing along the registry, given by
/// ``forEachLine(from:_:)`` and handed back to ``line(at:)`` (a byte offset in a file).
public protocol RegistrySource: Sendable {
    /// The registry as a person names it (a file's path), for messages.
    var location: String { get }

    /// Calls `body(line, position)` for every complete line (without its newline) from `position` (0: the first
    /// line; otherwise a position a previous read ended at), in order.
    /// - Returns: where the complete lines end (the position to read on from later) and the bytes after them that
    ///   are not a complete line (a write torn by a crash).
    /// - Throws: ``RegistryError/missing(path:)`` if there is no registry, or a read error.
    func forEachLine(from position: UInt64, _ body: (UnsafeRawBufferPointer, UInt64) throws -> Void) throws -> RegistryExtent

    /// The bytes of the line at `position` (one ``forEachLine(from:_:)`` gave), without its newline.
    func line(at position: UInt64) throws -> [UInt8]

    /// Where the complete and torn lines end now (cheap: the follower polls it), or nil if there is no registry yet.
    func end() throws -> UInt64?
}

/// How far a read got.
public struct RegistryExtent: Sendable, Equatable {
    /// The position just past the last complete line.
    public var complete: UInt64
    /// Bytes after it that are not a complete line (a write torn by a crash; the next writer repairs it).
    public var tornBytes: Int
}

extension RegistrySource {
    /// Calls `body` with every complete record, in order.
    /// - Throws: ``RegistryError/corruptLine(path:line:reason:)`` for a line that is not a record.
    public func forEachRecord(_ body: (RegistryRecord) throws -> Void) throws {
        var scanner = RecordScanner()
        var lineNumber = 0
        _ = try forEachLine(from: 0) { line, _ in
            lineNumber += 1
            do {
                try scanner.parse(line)
                try body(try scanner.record(in: line))
            } catch let e as LineFormatError {
                throw RegistryError.corruptLine(path: location, line: lineNumber, reason: e.description)
            }
        }
    }
}
