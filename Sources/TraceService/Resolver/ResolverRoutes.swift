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

    /// The view as a JSON object without its closing brace, for the scan count to follow.
    @Sendable static func encodeView(_ view: PublicView) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var bytes = Array((try? encoder.encode(view)) ?? Data("{}".utf8))
        bytes.removeLast()
        return bytes
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
        let language: ResolverPage.Language = query["lang"].map { $0.hasPrefix("en") } == true ? .en : .zh
        let page = self.page
        let render: ((PublicView) -> [UInt8])? = wantsLinkset ? nil
            : wantsJSON ? { view in Self.encodeView(view) } : { view in Array(page.render(view, language: language).utf8) }
        do {
            resolution = try core.directory.resolve(path.code, countScan: !wantsLinkset, variant: wantsJSON ? "json" : language.rawValue,
                                                    render: render)
        } catch { throw APIError.from(error) }
        let unknown = resolution.view.status == .unknown
        if wantsLinkset {
            guard !unknown else { throw APIError.notFound("code", path.keyPath, "this code was not issued by this producer: it may be counterfeit") }
            var response = try JobRoutes.json(Linkset(anchor: core.config.resolverBaseURL + path.keyPath))
            response.headers[.contentType] = "application/linkset+json"
            return response
        }
        if wantsJSON {
            // The view's JSON (cached with the view) closed with this request's scan count.
            var body = resolution.rendering ?? Self.encodeView(resolution.view)
            body.append(contentsOf: Array(",\"scan_flagged\":\(resolution.flagged),\"scans\":\(resolution.scans)}".utf8))
            return Response(status: unknown ? .notFound : .ok, headers: [.contentType: "application/json; charset=utf-8", .vary: "Accept"],
                            body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        let html = page.complete(resolution.rendering ?? Array(page.render(resolution.view, language: language).utf8), resolution, language: language)
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .vary: "Accept"]
        headers[.init("Link")!] = "<\(core.config.resolverBaseURL + path.keyPath)?linkType=all>; rel=\"linkset\"; type=\"application/linkset+json\""
        return Response(status: unknown ? .notFound : .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: html)))
    }
}
