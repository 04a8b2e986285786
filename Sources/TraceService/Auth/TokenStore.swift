import Foundation
import Synchronization

/// The token file as the server sees it: reread when its modification time or size changes, so a token added
/// with `tracelabel token add` while the server runs works at once. A file that becomes unreadable or invalid
/// keeps the last good tokens (and says so in the log).
final class TokenStore: Sendable {
    struct State {
        var stamp: String
        var authenticator: Authenticator
    }
    let path: String
    private let state: Mutex<State>

    init(path: String, entries: [TokenEntry]) {
        self.path = path
        state = Mutex(State(stamp: Self.stamp(path), authenticator: Authenticator(entries: entries)))
    }

    /// Modification time and size of the file ("" if missing).
    static func stamp(_ path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "" }
        return "\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec):\(info.st_size)"
    }

    /// The current tokens, rereading the file if it changed.
    var authenticator: Authenticator {
        let now = Self.stamp(path)
        return state.withLock { s in
            if s.stamp != now, let entries = try? TokenFile.load(path: path) {
                s.authenticator = Authenticator(entries: entries)
                s.stamp = now
            }
            return s.authenticator
        }
    }
}
