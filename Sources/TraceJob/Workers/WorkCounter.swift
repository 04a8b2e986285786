import Synchronization

/// Hands out consecutive blocks of indices to worker threads, so a thread slowed by other work takes fewer, and
/// blocks are taken in order (labels needed first are encoded first).
final class WorkCounter: Sendable {
    private let next = Mutex(0)
    private let block = 16

    /// The next block below `count`, or `nil` when all are taken.
    func take(upTo count: Int) -> Range<Int>? {
        next.withLock { next in
            guard next < count else { return nil }
            let start = next
            next = min(count, next + block)
            return start..<next
        }
    }
}
