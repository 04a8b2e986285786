import Foundation

/// Hands out consecutive blocks of indices to worker threads, so a thread slowed by other work takes fewer, and
/// blocks are taken in order (labels needed first are encoded first).
final class WorkCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let block = 16

    /// The next block below `count`, or `nil` when all are taken.
    func take(upTo count: Int) -> Range<Int>? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        let start = next
        next = min(count, next + block)
        return start..<next
    }
}
