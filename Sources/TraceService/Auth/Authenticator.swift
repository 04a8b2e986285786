import Foundation

/// Checks bearer tokens against the token file's hashes, in constant time per entry.
public struct Authenticator: Sendable {
    let entries: [TokenEntry]

    public init(entries: [TokenEntry]) {
        self.entries = entries
    }

    /// The entry whose hash matches `authorization` (`Bearer <token>`), or nil. Every entry is compared, whatever
    /// matches, and each comparison reads every byte.
    public func entry(authorization: String?) -> TokenEntry? {
        guard let authorization, authorization.count > 7, authorization.prefix(7).lowercased() == "bearer " else { return nil }
        let token = authorization.dropFirst(7).trimmingCharacters(in: .whitespaces)
        guard !token.isEmpty else { return nil }
        let presented = Array(TokenFile.hash(token).utf8)
        var found: TokenEntry?
        for entry in entries where Self.constantTimeEqual(Array(entry.sha256.utf8), presented) { found = entry }
        return found
    }

    /// True if `a` and `b` are equal, in time that depends only on their lengths.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<a.count { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
