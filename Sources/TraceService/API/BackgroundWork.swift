import Foundation

/// Runs blocking library work (a job renders for seconds or minutes) on a thread of its own, so that neither the
/// server's event loops nor Swift's cooperative pool wait on it.
enum BackgroundWork {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}
