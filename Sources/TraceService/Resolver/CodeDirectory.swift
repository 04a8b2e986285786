import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import TraceCore
import TraceRegistry

/// The server's in-memory view of the registry: a ``LedgerFollower`` that reads only what was appended since the
/// last request, and how often each code was scanned at the resolver.
public final class CodeDirectory: Sendable {
    struct State: Sendable {
        var follower: LedgerFollower
        var scans: [String: Int] = [:]
        var totalScans = 0
        /// Public views by code identity, valid until the registry grows (a new record may void or recall a code),
        /// with their JSON once a client asked for it.
        var views: [String: (view: PublicView, renderings: [String: [UInt8]])] = [:]
        /// Code identities by the text a client sent (parsing a Digital Link costs more than the rest of a lookup).
        var identities: [String: String] = [:]

        /// Reads what was appended; drops the cached views if anything was.
        mutating func refresh() throws {
            if try follower.catchUp() > 0 { views.removeAll(keepingCapacity: true) }
        }
    }

    /// At most this many cached views; the cache starts over beyond it.
    static let viewCacheLimit = 100_000

    /// A resolved code: the public view and how often the code was scanned.
    public struct Resolution: Sendable {
        public let view: PublicView
        /// Resolver requests for this code since the server started, this one included.
        public let scans: Int
        /// Scanned far more often than the average code (see ``CodeDirectory/isUnusual(_:total:codes:)``).
        public let flagged: Bool
        /// What `render` made of the view (cached with it for the same `variant`), if it was asked for.
        public var rendering: [UInt8]? = nil
    }

    private let state: Mutex<State>
    /// The registry file.
    let path: String
    /// Below this many scans a code is never flagged.
    let scanAlertMinimum: Int

    public init(registryPath: String, scanAlertMinimum: Int = 20) {
        state = Mutex(State(follower: LedgerFollower(path: registryPath)))
        path = registryPath
        self.scanAlertMinimum = scanAlertMinimum
    }

    /// Reads what was appended to the registry since the last call.
    /// - Returns: records read so far in all.
    @discardableResult
    public func catchUp() throws -> Int {
        try state.withLock { s in
            try s.refresh()
            return s.follower.records
        }
    }

    /// The ledger as of now (a copy: cheap, copy-on-write), for reports and checks.
    public func ledger() throws -> RegistryLedger {
        try state.withLock { s in
            try s.refresh()
            return s.follower.ledger
        }
    }

    /// The public view of `raw` (any code form), counting the scan when `countScan`; with `render`, also the view
    /// rendered (JSON, a page in one language: named by `variant`), cached with the view until the registry grows.
    public func resolve(_ raw: String, countScan: Bool = true, variant: String = "",
                        render: ((PublicView) -> [UInt8])? = nil) throws -> Resolution {
        // One stat outside the lock: the common case (nothing appended) then takes the lock only for the lookup.
        var info = stat()
        let size: Int64 = stat(path, &info) == 0 ? Int64(info.st_size) : -1
        return try state.withLock { s in
            if size < 0 || UInt64(size) != s.follower.offset { try s.refresh() }
            var key = s.identities[raw]
            if key == nil, let identity = ScannedCode.identity(of: raw) {
                if s.identities.count >= Self.viewCacheLimit { s.identities.removeAll(keepingCapacity: true) }
                s.identities[raw] = identity
                key = identity
            }
            var entry: (view: PublicView, renderings: [String: [UInt8]])
            if let key, let cached = s.views[key] {
                entry = cached
            } else {
                entry = (s.follower.ledger.publicView(of: raw), [:])
            }
            if let render, entry.renderings[variant] == nil {
                entry.renderings[variant] = render(entry.view)
            }
            if let key, entry.view.status != .unknown {
                if s.views[key] == nil, s.views.count >= Self.viewCacheLimit { s.views.removeAll(keepingCapacity: true) }
                s.views[key] = entry
            }
            guard countScan, entry.view.status != .unknown, let key else {
                return Resolution(view: entry.view, scans: 0, flagged: false, rendering: entry.renderings[variant])
            }
            let n = s.scans[key, default: 0] + 1
            s.scans[key] = n
            s.totalScans += 1
            return Resolution(view: entry.view, scans: n, flagged: isUnusual(n, total: s.totalScans, codes: s.scans.count),
                              rendering: entry.renderings[variant])
        }
    }

    /// The registry's record of `raw`, with the issuing job; nil if never issued.
    public func record(of raw: String) throws -> (code: RegistryLedger.Code, job: RegistryLedger.Job?)? {
        try state.withLock { s in
            try s.refresh()
            guard let key = ScannedCode.identity(of: raw), let code = s.follower.ledger.codes[key] else { return nil }
            return (code, s.follower.ledger.job(code.job))
        }
    }

    /// A count is unusual when it reaches the minimum and is at least ten times the average count of the other
    /// scanned codes (any count at the minimum when no other code was scanned).
    func isUnusual(_ count: Int, total: Int, codes: Int) -> Bool {
        guard count >= scanAlertMinimum else { return false }
        guard codes > 1 else { return true }
        return Double(count) >= 10 * Double(total - count) / Double(codes - 1)
    }
}
