import Foundation

/// The RFC 9264 linkset of a code (GS1 Digital Link resolver, `linkType=all`).
struct Linkset: Encodable {
    struct Link: Encodable {
        let href: String
        let title: String
        let type: String
        let hreflang: [String]?
    }

    let anchor: String
    let links: [String: [Link]]

    init(anchor: String) {
        self.anchor = anchor
        let zh = Link(href: anchor + "?lang=zh", title: "产品信息", type: "text/html", hreflang: ["zh"])
        let en = Link(href: anchor + "?lang=en", title: "Product information", type: "text/html", hreflang: ["en"])
        links = [
            "https://gs1.org/voc/pip": [zh, en],
            "https://gs1.org/voc/defaultLink": [Link(href: anchor, title: "产品信息 / Product information", type: "text/html", hreflang: nil)],
            "https://gs1.org/voc/traceability": [Link(href: anchor, title: "追溯信息 / Trace data (JSON)", type: "application/json", hreflang: nil)],
        ]
    }

    struct DynamicKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// `{"linkset":[{"anchor":…, "<link type>":[…], …}]}`.
    func encode(to encoder: any Encoder) throws {
        var top = encoder.container(keyedBy: DynamicKey.self)
        var list = top.nestedUnkeyedContainer(forKey: DynamicKey(stringValue: "linkset"))
        var entry = list.nestedContainer(keyedBy: DynamicKey.self)
        try entry.encode(anchor, forKey: DynamicKey(stringValue: "anchor"))
        for (type, targets) in links.sorted(by: { $0.key < $1.key }) {
            try entry.encode(targets, forKey: DynamicKey(stringValue: type))
        }
    }
}

/// `/.well-known/gs1resolver`: what this resolver supports, as the GS1-Conformant Resolver standard asks.
struct ResolverDescription: Encodable {
    let name: String
    let resolverRoot: String
    let supportedPrimaryKeys = ["01"]
    let supportedLinkType = [["namespace": "https://gs1.org/voc/", "prefix": "gs1:", "profile": "https://gs1.org/voc/?show=linktypes"]]
    let linkTypeDefaultCanBeLinkset = true
    let supportedContextValuesEnumerated: [String] = []
    let supportedQueryParameters = ["linkType", "lang"]
    let supportedContentTypes = ["text/html", "application/json", "application/linkset+json"]
    let supportsEcode = true
}
