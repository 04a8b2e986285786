import Foundation
import Synchronization

/// State shared by a job's threads that one of them can wait on: a `Mutex` guards the value, a condition wakes the
/// threads waiting for it to change.
///
/// Only threads the job owns wait here (``JobThread``s and the job's caller), never a thread of Dispatch's or Swift's
/// pool, so waiting never holds up a pool that the awaited work needs.
final class SignalledState<State: Sendable>: Sendable {
    private let state: Mutex<State>
    /// Held only to wait or to wake: the value itself is guarded by `state`, so the compiler checks every access.
    private let changed = NSCondition()

    init(_ initial: State) {
        state = Mutex(initial)
    }

    /// Reads or changes the state without waiting; wakes the threads waiting on it.
    @discardableResult
    func update<T: Sendable>(_ body: (inout State) -> T) -> T {
        let result = state.withLock { body(&$0) }
        // Taking the condition's lock orders this wake-up after a waiter's check of the state: none is lost.
        changed.lock()
        changed.broadcast()
        changed.unlock()
        return result
    }

    /// Reads the state without waiting and without waking anyone.
    func read<T: Sendable>(_ body: (State) -> T) -> T {
        state.withLock { body($0) }
    }

    /// Waits until `take` returns a value (it may change the state as it does), and returns it.
    func wait<T: Sendable>(for take: (inout State) -> T?) -> T {
        if let value = state.withLock({ take(&$0) }) { return value }
        changed.lock()
        defer { changed.unlock() }
        while true {
            if let value = state.withLock({ take(&$0) }) { return value }
            changed.wait()
        }
    }
}
