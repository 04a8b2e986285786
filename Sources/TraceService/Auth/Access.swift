import Hummingbird

/// Who may call what: the role each endpoint needs, and the products and lines a token is limited to.
struct Access: Sendable {
    let tokens: TokenStore

    /// The token's entry if it may call an endpoint open to `roles`.
    /// - Throws: ``APIError`` 401 without a valid token, 403 with the wrong role.
    func require(_ request: Request, roles: Set<Role>, endpoint: String) throws -> TokenEntry {
        guard let header = request.headers[.authorization] else {
            throw APIError(.unauthorized, id: "unauthorized", field: "Authorization", message: "a bearer token is required (Authorization: Bearer <token>)")
        }
        guard let entry = tokens.authenticator.entry(authorization: header) else {
            throw APIError(.unauthorized, id: "unauthorized", field: "Authorization", value: "Bearer …", message: "the bearer token is not valid")
        }
        guard roles.contains(entry.role) || entry.role == .admin else {
            throw APIError(.forbidden, id: "forbidden", field: "role", value: entry.role.rawValue,
                           message: "\(endpoint) needs the role \(roles.map(\.rawValue).sorted().joined(separator: " or "))")
        }
        return entry
    }

    /// Refuses a token limited to products or lines on an endpoint that answers for the whole registry (verify,
    /// report, exports, flows, recalls): its answer would show, or act on, what the token may not touch.
    func requireWholeRegistry(_ entry: TokenEntry, endpoint: String) throws {
        guard entry.products.isEmpty, entry.lines.isEmpty else {
            throw APIError(.forbidden, id: "forbidden", field: entry.products.isEmpty ? "line" : "product",
                           value: (entry.products.isEmpty ? entry.lines : entry.products).joined(separator: ","),
                           message: "\(endpoint) answers for the whole registry; token '\(entry.name)' is limited to \(entry.products.isEmpty ? "lines" : "products") \((entry.products.isEmpty ? entry.lines : entry.products).joined(separator: ", "))")
        }
    }

    /// Refuses `entry` unless it may act on one of `products` (a token limited to products) and on `line`.
    func check(_ entry: TokenEntry, products: [String], line: String?) throws {
        if !entry.products.isEmpty, !products.contains(where: entry.products.contains) {
            throw APIError(.forbidden, id: "forbidden", field: "product", value: products.first ?? "",
                           message: "token '\(entry.name)' may act only on \(entry.products.joined(separator: ", "))")
        }
        if !entry.lines.isEmpty, let line, !entry.lines.contains(line) {
            throw APIError(.forbidden, id: "forbidden", field: "line", value: line,
                           message: "token '\(entry.name)' may act only on line \(entry.lines.joined(separator: ", "))")
        }
    }
}
