import Foundation

/// A thread of one job's own, running the tasks handed to it one after the other on a value only it touches.
///
/// The job engine blocks threads: a PDF is drawn in print order as symbols become ready, PNGs are collected before the
/// spool is written. Blocking a thread of Dispatch's pool or of Swift's cooperative pool on work queued to that same
/// pool starves it once a server runs several jobs; so every thread that waits in a job is one the job owns.
///
/// `Owned` (a renderer, a PDF writer) is made on the thread by `make` and never leaves it: it need not be `Sendable`,
/// and the compiler sees that no other thread can reach it. The thread ends when the `JobThread` is released (or
/// ``close()`` is called) and its queued tasks are done.
final class JobThread<Owned>: Sendable {
    typealias Task = @Sendable (inout Owned) -> Void

    private struct Queue: Sendable {
        var tasks: [Task] = []
        /// A task is running: the queue is not idle although `tasks` is empty.
        var running = false
        var closed = false
    }

    private let queue = SignalledState(Queue())

    /// Starts the thread named `name`, which first makes its `Owned` value.
    init(name: String, owning make: @escaping @Sendable () -> Owned) {
        let thread = Thread { [queue] in
            var owned = make()
            while let task = queue.wait(for: { q -> Task?? in
                if !q.tasks.isEmpty {
                    q.running = true
                    return .some(q.tasks.removeFirst())
                }
                return q.closed ? .some(nil) : nil
            }) {
                task(&owned)
                queue.update { $0.running = false }
            }
        }
        thread.name = name
        // Pango and HarfBuzz recurse deeply on long texts: the main thread's stack size, not Foundation's 512 KB.
        thread.stackSize = 8 << 20
        thread.start()
    }

    deinit { close() }

    /// Queues `task`; it runs after every task queued before it.
    func run(_ task: @escaping Task) {
        queue.update { $0.tasks.append(task) }
    }

    /// Runs `task` on the thread after every task queued before it and waits for its result.
    /// - Throws: what `task` throws.
    func perform<T: Sendable, Failure: Error>(_ task: @escaping @Sendable (inout Owned) throws(Failure) -> T) throws(Failure) -> T {
        let result = SignalledState<Result<T, Failure>?>(nil)
        run { owned in
            let outcome = Result { () throws(Failure) -> T in try task(&owned) }
            result.update { $0 = outcome }
        }
        return try result.wait(for: { $0 }).get()
    }

    /// Waits until every task queued so far is done.
    func waitUntilIdle() {
        queue.wait(for: { q in q.tasks.isEmpty && !q.running ? () : nil })
    }

    /// Lets the thread end once its queued tasks are done.
    func close() {
        queue.update { $0.closed = true }
    }
}
