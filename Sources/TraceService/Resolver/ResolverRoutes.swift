import Foundation
import Hummingbird
import TraceCore

/// The public resolver (no token): every path holding a Digital Link or an Ecode, and `/.well-known/gs1resolver`.
struct ResolverRoutes: Sendable {
    let core: ServiceCore
    let page: ResolverPage

    func add(to router: Router<BasicRequestContext>) {
        router.get(".well-known/gs1resolver") { _, _ in
            try JobRoutes.json(ResolverDescription(name: self.core.config.resolverName, resolverRoot: self.core.config.resolverBaseURL))
        }
        router.get("**") { request, _ in try self.resolve(request) }
    }

    /// The code's public data, as the client asked: linkset, JSON or HTML (default).
    struct ResolvedJSON: Encodable {
        let code: String
        let status: String
        let fields: [PublicView.Field]
        let flows: [PublicView.Flow]
        let recall: PublicView.Recall?
        let scans: Int
        let scanFlagged: Bool

        enum CodingKeys: String, CodingKey {
            case code, status, fields, flows, recall, scans, scanFlagged = "scan_flagged"
        }
    }

    func resolve(_ request: Request) throws -> Response {
        guard let path = ResolverPath(path: request.uri.path, query: request.uri.query) else {
            throw APIError.notFound("path", request.uri.path, "not a resolver path (/01/{gtin}… or /E={ecode}) nor an API route")
        }
        let accept = request.headers[.accept] ?? ""
        let query = request.uri.queryParameters
        let wantsLinkset = query["linkType"] == "all" || query["linkType"] == "linkset" || accept.contains("application/linkset+json")
        let wantsJSON = !wantsLinkset && accept.contains("application/json")
        let resolution: CodeDirectory.Resolution
        do { resolution = try core.directory.resolve(path.code, countScan: !wantsLinkset) } catch { throw APIError.from(error) }
        let unknown = resolution.view.status == .unknown
        if wantsLinkset {
            guard !unknown else { throw APIError.notFound("code", path.keyPath, "this code was not issued by this producer: it may be counterfeit") }
            var response = try JobRoutes.json(Linkset(anchor: core.config.resolverBaseURL + path.keyPath))
            response.headers[.contentType] = "application/linkset+json"
            return response
        }
        if wantsJSON {
            let v = resolution.view
            return try JobRoutes.json(ResolvedJSON(code: v.code, status: v.status.rawValue, fields: v.fields, flows: v.flows, recall: v.recall,
                                                   scans: resolution.scans, scanFlagged: resolution.flagged),
                                      status: unknown ? .notFound : .ok)
        }
        let language: ResolverPage.Language = query["lang"].map { $0.hasPrefix("en") } == true ? .en : .zh
        let html = page.render(resolution, language: language)
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .vary: "Accept"]
        headers[.init("Link")!] = "<\(core.config.resolverBaseURL + path.keyPath)?linkType=all>; rel=\"linkset\"; type=\"application/linkset+json\""
        return Response(status: unknown ? .notFound : .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
