import Foundation
import Synchronization

/// A one-line progress bar with rate and ETA on stderr, shown only when stderr is a terminal.
///
/// Advanced from the job's delivery thread while the command waits on its own: the count is `Mutex`-guarded, and a
/// line is written while holding it so lines never interleave.
final class ProgressBar: Sendable {
    private let total: Int
    private let start = Date()
    private let done = Mutex(0)

    /// `nil` when stderr is not a terminal: then nothing extra is printed.
    init?(total: Int) {
        guard isatty(STDERR_FILENO) == 1, total > 0 else { return nil }
        self.total = total
    }

    func advance(by n: Int) {
        done.withLock { done in
            done = min(total, done + n)
            draw(done: done)
        }
    }

    private func draw(done: Int) {
        let elapsed = max(Date().timeIntervalSince(start), 1e-3)
        let rate = Double(done) / elapsed
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let width = 30
        let filled = width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let line = String(format: "\r[%@] %d/%d  %.0f labels/s  ETA %02d:%02d", bar, done, total, rate, Int(eta) / 60, Int(eta) % 60)
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Ends the line.
    func finish() {
        done.withLock { _ in FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
