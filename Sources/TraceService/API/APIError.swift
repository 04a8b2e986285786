import Foundation
import Hummingbird
import TraceCore

/// Every error the service answers, in one JSON shape: `{"error":{"id","field","value","message"}}`.
/// 4xx for what the client can fix; 5xx only for the server's own faults (I/O, a broken registry).
public struct APIError: Error, HTTPResponseError, CustomStringConvertible, Sendable {
    public let status: HTTPResponse.Status
    /// A stable identifier, e.g. `invalid-field`, `unauthorized`, `forbidden`, `not-found`.
    public let id: String
    public let field: String
    public let value: String
    public let message: String

    public init(_ status: HTTPResponse.Status, id: String, field: String = "", value: String = "", message: String) {
        self.status = status
        self.id = id
        self.field = field
        self.value = value
        self.message = message
    }

    public var description: String { "\(status.code) \(id): \(field) '\(value)': \(message)" }

    /// The JSON body.
    public struct Body: Encodable, Sendable {
        /// The error object of the body.
        public struct Inner: Encodable, Sendable {
            public let id: String
            public let field: String
            public let value: String
            public let message: String
        }
        public let error: Inner
    }

    /// The error object.
    public var inner: Body.Inner { .init(id: id, field: field, value: value, message: message) }

    /// The JSON body.
    var json: ByteBuffer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Body(error: inner))) ?? Data()
        return ByteBuffer(bytes: data)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"tracelabel\"" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: json))
    }

    static func invalid(_ field: String, _ value: String, _ message: String) -> APIError {
        APIError(.unprocessableContent, id: "invalid-field", field: field, value: value, message: message)
    }

    static func notFound(_ field: String, _ value: String, _ message: String) -> APIError {
        APIError(.notFound, id: "not-found", field: field, value: value, message: message)
    }

    /// The status with its reason phrase (a status made from a bare code has none).
    static func status(_ code: Int) -> HTTPResponse.Status {
        let named: [HTTPResponse.Status] = [.notFound, .conflict, .unprocessableContent, .internalServerError, .serviceUnavailable]
        return named.first { $0.code == code } ?? HTTPResponse.Status(code: code)
    }

    /// The API error for a library error: its id, field, value and message, and the HTTP status of its category
    /// (`ErrorCategory.httpStatus`, the one table).
    static func from(_ error: any Error) -> APIError {
        switch error {
        case let e as APIError:
            return e
        case let e as any TraceError:
            return APIError(status(e.category.httpStatus), id: e.id, field: e.field, value: e.value, message: e.description)
        case let e as HTTPError:
            return APIError(e.status, id: e.status.code == 404 ? "not-found" : "http-\(e.status.code)", message: e.body ?? e.status.reasonPhrase)
        case let e as any HTTPResponseError:
            return APIError(e.status, id: "http-\(e.status.code)", message: e.status.reasonPhrase)
        default:
            return APIError(.internalServerError, id: "internal", message: "\(error)")
        }
    }
}

/// Turns every error thrown below it, Hummingbird's own included (unknown route, wrong method, body too large),
/// into the ``APIError`` JSON shape.
struct ErrorShapeMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let e = APIError.from(error)
            if e.status.code >= 500 { context.logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"]) }
            throw e
        }
    }
}
