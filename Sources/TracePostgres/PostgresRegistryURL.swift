import Foundation

/// Where a PostgreSQL registry lives: `postgres://user[:password]@host[:port]/database`, or a Unix socket folder as
/// `postgres://user@/database?host=/run/postgresql` (libpq's spelling). `postgresql://` is accepted too.
public struct PostgresRegistryURL: Sendable, Equatable, CustomStringConvertible {
    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        case socket(path: String)
    }

    public let endpoint: Endpoint
    public let user: String
    public let password: String?
    public let database: String

    /// Whether `text` names a PostgreSQL registry rather than a file.
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    public init(_ text: String) throws(PostgresRegistryError) {
        func bad(_ rule: String) -> PostgresRegistryError { .badURL(text, rule) }
        guard Self.isPostgres(text), let url = URLComponents(string: text) else {
            throw bad("must be postgres://user@host[:port]/database")
        }
        guard let user = url.user, !user.isEmpty else { throw bad("names no user (postgres://USER@host/database)") }
        let database = String(url.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { throw bad("names no database (postgres://user@host/DATABASE)") }
        self.user = user.removingPercentEncoding ?? user
        self.password = url.password?.removingPercentEncoding
        self.database = database
        let socket = url.queryItems?.first { $0.name == "host" }?.value
        if let socket, socket.hasPrefix("/") {
            endpoint = .socket(path: socket.hasSuffix(".s.PGSQL.\(url.port ?? 5432)") ? socket : socket + "/.s.PGSQL.\(url.port ?? 5432)")
        } else {
            guard let host = url.host, !host.isEmpty else { throw bad("names no host (postgres://user@HOST/database)") }
            endpoint = .tcp(host: host, port: url.port ?? 5432)
        }
        if let unknown = url.queryItems?.first(where: { $0.name != "host" }) {
            throw bad("has an unknown parameter '\(unknown.name)' (only host=<socket folder> is read)")
        }
    }

    /// The URL without its password, for messages and logs.
    public var description: String {
        switch endpoint {
        case .tcp(let host, let port): "postgres://\(user)@\(host):\(port)/\(database)"
        case .socket(let path): "postgres://\(user)@/\(database)?host=\((path as NSString).deletingLastPathComponent)"
        }
    }
}
