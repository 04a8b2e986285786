import Foundation
import Logging
import PostgresNIO
import TraceRegistry

/// A registry kept in PostgreSQL, shared by line processes on any number of machines.
///
/// The records are the exact lines of the file format (``RecordLine``: canonical JSON with `seq` and `prev`), one row
/// each, hash-chained as in the file, so `export` writes a file that `verify` checks byte for byte. Appends are
/// serialised by the database: one transaction per chunk takes the chain's head row (`SELECT … FOR UPDATE`), reserves
/// counters with a single `INSERT … ON CONFLICT DO UPDATE … RETURNING` when the chunk opens a reservation, inserts the
/// lines and moves the head, and commits (synchronous_commit on) before the caller makes any label. No client lock is
/// held between chunks, so lines render in parallel.
///
/// One connection per instance (a line process writes one chunk at a time), opened on first use: an unreachable
/// server fails the first call at once instead of waiting in a pool that retries for ever.
public actor PostgresRegistry {
    /// Counters a chunk reserves: `count` of `namespace`, refused past `max`.
    public struct Reservation: Sendable {
        public let namespace: String
        public let count: UInt64
        public let max: UInt64

        public init(namespace: String, count: UInt64, max: UInt64) {
            self.namespace = namespace
            self.count = count
            self.max = max
        }
    }

    /// What one append did.
    public struct Appended: Sendable {
        /// The counters reserved, if any.
        public let reserved: ClosedRange<UInt64>?
        /// `seq` of the first record appended, and how many.
        public let firstSeq: Int
        public let count: Int
    }

    public let url: PostgresRegistryURL
    private let logger: Logger
    private var open: PostgresConnection?

    public init(url: PostgresRegistryURL, logger: Logger = Logger(label: "tracelabel.postgres")) {
        self.url = url
        self.logger = logger
    }

    /// The connection, opened on first use (and again after the server dropped it).
    private func connection() async throws -> PostgresConnection {
        if let open, !open.isClosed { return open }
        var configuration: PostgresConnection.Configuration = switch url.endpoint {
        case .tcp(let host, let port):
            .init(host: host, port: port, username: url.user, password: url.password, database: url.database, tls: .disable)
        case .socket(let path):
            .init(unixSocketPath: path, username: url.user, password: url.password, database: url.database)
        }
        configuration.options.connectTimeout = .seconds(10)
        let made = try await failing("connect") {
            try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        }
        open = made
        return made
    }

    /// Closes the connection (a later call opens it again). Call it before letting go of the registry: postgres-nio
    /// requires every connection closed before it is released (``using(_:_:)`` does it for you).
    public func close() async {
        try? await open?.close()
        open = nil
    }

    /// Runs `body` with a registry on `url` and closes its connection afterwards, whatever `body` did.
    public static func using<T: Sendable>(_ url: PostgresRegistryURL, _ body: (PostgresRegistry) async throws -> T) async throws -> T {
        let registry = PostgresRegistry(url: url)
        do {
            let value = try await body(registry)
            await registry.close()
            return value
        } catch {
            await registry.close()
            throw error
        }
    }

    /// Wraps a database failure with what was being done.
    private func failing<T: Sendable>(_ operation: String, _ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as PostgresRegistryError { throw error } catch {
            throw PostgresRegistryError.database(url: url.description, operation: operation, detail: Self.detail(of: error))
        }
    }

    static func detail(of error: any Error) -> String {
        if let psql = error as? PSQLError {
            if let message = psql.serverInfo?[.message] { return message }
            return "\(psql.code)"
        }
        return "\(error)"
    }

    /// Applies every migration the database lacks, in order, in one transaction (an advisory lock keeps two
    /// migrating processes apart). Returns the versions applied now.
    @discardableResult
    public func migrate() async throws -> [Int] {
        let logger = self.logger
        let connection = try await connection()
        return try await failing("migrate") {
            try await connection.withTransaction(logger: logger) { connection -> [Int] in
                try await connection.query("SELECT pg_advisory_xact_lock(7283419)", logger: logger)
                try await connection.query("""
                    CREATE TABLE IF NOT EXISTS tracelabel_migrations (
                        version integer PRIMARY KEY, name text NOT NULL, applied timestamptz NOT NULL DEFAULT now())
                    """, logger: logger)
                var present: Set<Int> = []
                for try await version in try await connection.query("SELECT version FROM tracelabel_migrations", logger: logger).decode(Int.self) {
                    present.insert(version)
                }
                var applied: [Int] = []
                for migration in RegistryMigration.all where !present.contains(migration.version) {
                    for statement in migration.statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query(
                        "INSERT INTO tracelabel_migrations (version, name) VALUES (\(migration.version), \(migration.name))", logger: logger)
                    applied.append(migration.version)
                }
                return applied
            }
        }
    }

    /// The schema version in the database (0 before the first migration).
    public func schemaVersion() async throws -> Int {
        let connection = try await connection()
        return try await failing("read the schema version") {
            // Two statements: the server plans a query on a table that does not exist yet as an error.
            var exists = false
            for try await e in try await connection.query("SELECT to_regclass('tracelabel_migrations') IS NOT NULL", logger: logger).decode(Bool.self) {
                exists = e
            }
            guard exists else { return 0 }
            let rows = try await connection.query("SELECT coalesce(max(version), 0) FROM tracelabel_migrations", logger: logger)
            var version = 0
            for try await v in rows.decode(Int.self) { version = v }
            return version
        }
    }

    /// Refuses a database whose schema is not the one this program writes.
    public func checkSchema() async throws {
        let found = try await schemaVersion()
        guard found == RegistryMigration.latest else {
            throw PostgresRegistryError.schema(url: url.description, found: found, expected: RegistryMigration.latest)
        }
    }

    /// Appends one chunk in one transaction: reserves `reserving` (if given) with one atomic statement, builds the
    /// chunk's records from the reserved range, chains them after the head and commits. Nothing is left behind if
    /// `records` throws or the reservation does not fit.
    @discardableResult
    public func append(reserving: Reservation? = nil,
                       _ records: @Sendable (ClosedRange<UInt64>?) throws -> [RegistryRecord]) async throws -> Appended {
        let logger = self.logger
        let connection = try await connection()
        return try await failing("append") {
            try await connection.withTransaction(logger: logger) { connection -> Appended in
                var seq = 0
                var prev: [UInt8] = ChainHash.genesis
                for try await (s, h) in try await connection.query(
                    "SELECT seq, hash FROM tracelabel_head WHERE id = 1 FOR UPDATE", logger: logger).decode((Int64, String).self) {
                    seq = Int(s)
                    prev = Array(h.utf8)
                }
                var reserved: ClosedRange<UInt64>?
                if let r = reserving, r.count > 0 {
                    let count = Int64(r.count)
                    var next: Int64 = 0
                    for try await n in try await connection.query("""
                        INSERT INTO tracelabel_counters AS c (namespace, next) VALUES (\(r.namespace), \(count + 1))
                        ON CONFLICT (namespace) DO UPDATE SET next = c.next + \(count)
                        RETURNING next
                        """, logger: logger).decode(Int64.self) {
                        next = n
                    }
                    let first = UInt64(next - count), last = UInt64(next - 1)
                    guard last <= r.max else {
                        throw PostgresRegistryError.counterExhausted(namespace: r.namespace, next: first, needed: r.count, max: r.max)
                    }
                    reserved = first...last
                }
                let built = try records(reserved)
                guard !built.isEmpty else { return Appended(reserved: reserved, firstSeq: seq, count: 0) }
                var line = RecordLine()
                var seqs: [Int64] = [], lines: [String] = [], hashes: [String] = []
                var hash = prev
                for (i, record) in built.enumerated() {
                    line.reset()
                    line.add(record: record, seq: seq + i)
                    line.finish(prev: hash)
                    line.withCurrentLine { ChainHash.hex(of: $0, into: &hash) }
                    seqs.append(Int64(seq + i))
                    lines.append(String(decoding: line.bytes, as: UTF8.self))
                    hashes.append(String(decoding: hash, as: UTF8.self))
                }
                try await connection.query("""
                    INSERT INTO tracelabel_records (seq, line, hash)
                    SELECT * FROM unnest(\(seqs)::bigint[], \(lines)::text[], \(hashes)::text[])
                    """, logger: logger)
                let newSeq = Int64(seq + built.count), head = String(decoding: hash, as: UTF8.self)
                try await connection.query("UPDATE tracelabel_head SET seq = \(newSeq), hash = \(head) WHERE id = 1", logger: logger)
                return Appended(reserved: reserved, firstSeq: seq, count: built.count)
            }
        }
    }

    /// Every record line in `seq` order, to `body` (without newlines).
    public func forEachLine(_ body: (String) throws -> Void) async throws {
        let connection = try await connection()
        try await failing("read the records") {
            let rows = try await connection.query("SELECT line FROM tracelabel_records ORDER BY seq", logger: logger)
            for try await line in rows.decode(String.self) { try body(line) }
        }
    }

    /// Writes the registry as a file in the file format (`verify` checks it as it checks any file registry), through
    /// the exports' ``ExportOutput`` (a temporary file beside `path`, synced, then renamed). Refuses to overwrite.
    /// Returns the record count.
    @discardableResult
    public func export(to path: String) async throws -> Int {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw PostgresRegistryError.database(url: url.description, operation: "export to '\(path)'", detail: "the file exists (an export never overwrites)")
        }
        let out = try ExportOutput(path: path)
        var count = 0
        var buffer = Data()
        try await forEachLine { line in
            buffer.append(contentsOf: line.utf8)
            buffer.append(0x0A)
            count += 1
            if buffer.count >= 1 << 20 { try out.write(buffer); buffer.removeAll(keepingCapacity: true) }
        }
        try out.write(buffer)
        try out.commit()
        return count
    }
}
