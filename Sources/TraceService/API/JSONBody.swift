import Foundation
import Hummingbird

/// A request's JSON object body, read up to the configured size, with getters that name the field on error.
struct JSONBody {
    let object: [String: Any]
    /// Dotted prefix of nested objects, e.g. `outputs.`.
    let prefix: String

    init(object: [String: Any], prefix: String = "") {
        self.object = object
        self.prefix = prefix
    }

    /// Reads `request`'s body (at most `limit` bytes: 413 beyond) as a JSON object (422 otherwise). An empty body
    /// is an empty object.
    static func read(_ request: Request, limit: Int) async throws -> JSONBody {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch {
            throw APIError(.contentTooLarge, id: "body-too-large", field: "(body)", value: "",
                           message: "the request body is larger than the limit of \(limit) bytes (limits.max_body_bytes)")
        }
        if buffer.readableBytes == 0 { return JSONBody(object: [:]) }
        let data = Data(buffer.readableBytesView)
        guard let parsed = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            throw APIError(.badRequest, id: "malformed-json", field: "(body)", value: String(decoding: data.prefix(80), as: UTF8.self),
                           message: "the body is not valid JSON")
        }
        guard let object = parsed as? [String: Any] else {
            throw APIError.invalid("(body)", String(decoding: data.prefix(80), as: UTF8.self), "the body must be a JSON object")
        }
        return JSONBody(object: object)
    }

    /// Refuses members not in `known`.
    func only(_ known: Set<String>) throws {
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw APIError.invalid(prefix + unknown, "", "is not a field here (known: \(known.sorted().joined(separator: ", ")))")
        }
    }

    func string(_ key: String, maxLength: Int = 200) throws -> String? {
        guard let v = object[key], !(v is NSNull) else { return nil }
        guard let s = v as? String else { throw APIError.invalid(prefix + key, "\(v)", "must be a string") }
        guard !s.trimmingCharacters(in: .whitespaces).isEmpty else { throw APIError.invalid(prefix + key, s, "must not be empty") }
        guard s.count <= maxLength else { throw APIError.invalid(prefix + key, String(s.prefix(40)) + "…", "must be at most \(maxLength) characters") }
        guard !s.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw APIError.invalid(prefix + key, s, "must not contain control characters")
        }
        return s
    }

    func requiredString(_ key: String, maxLength: Int = 200) throws -> String {
        guard let s = try string(key, maxLength: maxLength) else { throw APIError.invalid(prefix + key, "", "is required") }
        return s
    }

    func integer(_ key: String) throws -> Int? {
        guard let v = object[key], !(v is NSNull) else { return nil }
        // JSONSerialization gives NSNumber for numbers and booleans alike: refuse booleans and fractions.
        guard let n = v as? NSNumber, !Self.isBoolean(v), let i = Int(exactly: n.doubleValue), Double(i) == n.doubleValue else {
            throw APIError.invalid(prefix + key, "\(v)", "must be a whole number")
        }
        return i
    }

    func bool(_ key: String) throws -> Bool? {
        guard let v = object[key], !(v is NSNull) else { return nil }
        guard let n = v as? NSNumber, Self.isBoolean(v) else { throw APIError.invalid(prefix + key, "\(v)", "must be true or false") }
        return n.boolValue
    }

    func strings(_ key: String, maxCount: Int) throws -> [String]? {
        guard let v = object[key], !(v is NSNull) else { return nil }
        guard let list = v as? [Any] else { throw APIError.invalid(prefix + key, "\(v)", "must be an array of strings") }
        guard list.count <= maxCount else { throw APIError.invalid(prefix + key, "\(list.count) items", "must hold at most \(maxCount) items") }
        return try list.enumerated().map { i, item in
            guard let s = item as? String else { throw APIError.invalid("\(prefix)\(key)[\(i)]", "\(item)", "must be a string") }
            return s
        }
    }

    /// JSONSerialization returns numbers and booleans both as NSNumber; booleans are its boolean subclass.
    static func isBoolean(_ v: Any) -> Bool {
        String(describing: type(of: v)).contains("Boolean") || (v as? NSNumber).map { String(cString: $0.objCType) == "c" } == true
    }

    func nested(_ key: String) throws -> JSONBody? {
        guard let v = object[key], !(v is NSNull) else { return nil }
        guard let m = v as? [String: Any] else { throw APIError.invalid(prefix + key, "\(v)", "must be a JSON object") }
        return JSONBody(object: m, prefix: prefix + key + ".")
    }
}
