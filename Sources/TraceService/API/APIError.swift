import Foundation
import Hummingbird
import TraceJob
import TraceRegistry
import TraceRender

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

    /// The API error for a library error: the field names of the CLI (`--count`) become the API's (`count`).
    static func from(_ error: any Error) -> APIError {
        func name(_ field: String) -> String {
            var f = field.hasPrefix("--") ? String(field.dropFirst(2)) : field
            f = f.replacingOccurrences(of: "-", with: "_")
            return f
        }
        switch error {
        case let e as APIError:
            return e
        case let e as IssueError:
            return .invalid(name(e.field), e.value, e.rule)
        case let e as TemplateError:
            return .invalid(e.field.hasPrefix("--") ? name(e.field) : "template", e.value, e.description)
        case let e as ProductFileError:
            return APIError(.unprocessableContent, id: "invalid-product", field: "product", value: "", message: e.description)
        case let e as CodeLifecycle.LifecycleError:
            if e.rule.contains("never issued") { return .notFound("code", e.code, e.rule) }
            if e.rule.contains("not a trace code") || e.rule.contains("needs a reason") { return .invalid("code", e.code, e.rule) }
            return APIError(.conflict, id: "conflict", field: "code", value: e.code, message: e.rule)
        case let e as RangeCheck.RangeError:
            return .invalid("range", e.value, e.rule)
        case let e as RegistryError:
            switch e {
            case .counterExhausted, .mixedSerialSources:
                return APIError(.conflict, id: "registry-refused", field: "product", message: e.description)
            case .missing:
                // No job has written the registry yet: nothing it could name exists.
                return .notFound("registry", "", e.description)
            default:
                return APIError(.internalServerError, id: "registry-failure", field: "registry", message: e.description)
            }
        case let e as IssueFailure:
            return APIError(.internalServerError, id: "job-failure", field: "job", value: e.job, message: e.description)
        case let e as ServiceConfigError:
            return APIError(.internalServerError, id: "configuration", field: e.field, value: e.value, message: e.description)
        case let e as HTTPError:
            return APIError(e.status, id: e.status.code == 404 ? "not-found" : "http-\(e.status.code)", message: e.body ?? e.status.reasonPhrase)
        case let e as any HTTPResponseError:
            return APIError(e.status, id: "http-\(e.status.code)", message: e.status.reasonPhrase)
        default:
            // Product data that does not hold (GTIN, lot, Ecode settings...) is a fault of the named product: 422.
            let type = String(describing: Swift.type(of: error))
            if type.hasSuffix("Error"), !(error is CocoaError), !(error is POSIXError) {
                return APIError(.unprocessableContent, id: "invalid-data", field: "", value: "", message: "\(error)")
            }
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
