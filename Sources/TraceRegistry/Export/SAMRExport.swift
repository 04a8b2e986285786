import Foundation
import TraceCore

/// The `samr` export: a versioned JSON document (`"format":"tracelabel-samr","version":1`) that groups producer,
/// product, code, flow and seller information as SAMR Annex 2 does. Every field is an object
/// `{"value":…,"visibility":"public"|"private"}` (``SAMRFieldMap``); `publicOnly` leaves private fields out.
///
/// Keys are sorted at every level. Producers, products, flows and sellers come from the first pass over the
/// registry; codes are streamed job by job in the second.
public struct SAMRExport {
    public static let format = "tracelabel-samr"
    public static let version = 1

    public let source: ExportSource
    public let publicOnly: Bool
    public let now: Date

    /// The filters the export was made with, recorded in the document (``ExportFilter/dictionary``).
    public let filter: [String: String]

    public init(source: ExportSource, filter: [String: String] = [:], publicOnly: Bool, now: Date = Date()) {
        self.source = source
        self.filter = filter
        self.publicOnly = publicOnly
        self.now = now
    }

    /// Adds `value` under `key` as a field with its visibility, unless it is private and only public fields are wanted.
    func put(_ object: inout [String: Any], _ key: String, _ value: Any?, _ visibility: Visibility) {
        guard let value else { return }
        if let text = value as? String, text.isEmpty { return }
        if publicOnly && visibility == .private { return }
        object[key] = ["value": value, "visibility": visibility.rawValue]
    }

    /// A product entry's id: the SHA-256 prefix of the snapshot it was printed with.
    static func productID(_ job: RegistryLedger.Job) -> String {
        "P-" + RegistryFile.hexSHA256(Data((job.snapshot ?? "\(job.gtin ?? job.source ?? "")|\(job.lot ?? "")").utf8)).prefix(12)
    }

    /// Writes the document; returns the number of codes written.
    @discardableResult
    public func write(to out: ExportOutput) throws -> Int {
        try out.write("{\"codes\":[")
        var count = 0
        var productJob = "", productID = ""
        try source.forEachCode(identities: false) { job, c in
            if job.id != productJob { (productJob, productID) = (job.id, Self.productID(job)) }
            do {
                // Keys in sorted order, as every other object of the document.
                var o = count == 0 ? "{" : ",{"
                func field(_ key: String, _ value: String?, _ visibility: Visibility) {
                    guard let value, !value.isEmpty, !(publicOnly && visibility == .private) else { return }
                    JSONFragment.appendField(key, value, visibility, to: &o)
                }
                field("code", c.code, .public)
                if let copies = c.copies {
                    if o.last != "{" { o.append(",") }
                    o += "\"copies\":{\"value\":\(copies),\"visibility\":\"public\"}"
                }
                field("job", job.id, .private)
                field("link", c.dl, .public)
                field("lot", job.lot, .public)
                field("product", productID, .public)
                field("status", source.status(of: c), .public)
                field("void_reason", c.entry?.voided, .private)
                o += "}"
                try out.write(o)
                count += 1
            }
        }
        try out.write("],\"filters\":")
        try out.write(JSONFragment.text(filter))
        try out.write(",\"flows\":" + JSONFragment.text(flows()))
        try out.write(",\"format\":" + JSONFragment.text(Self.format))
        try out.write(",\"generated\":" + JSONFragment.text(ISO8601DateFormatter().string(from: now)))
        let (producers, products) = producersAndProducts()
        try out.write(",\"producers\":" + JSONFragment.text(producers))
        try out.write(",\"products\":" + JSONFragment.text(products))
        try out.write(",\"public_only\":" + (publicOnly ? "true" : "false"))
        try out.write(",\"registry\":" + JSONFragment.text(URL(fileURLWithPath: source.path).lastPathComponent))
        try out.write(",\"sellers\":" + JSONFragment.text(sellers()))
        try out.write(",\"version\":\(Self.version)}\n")
        return count
    }

    func producersAndProducts() -> (producers: [[String: Any]], products: [[String: Any]]) {
        var producers: [[String: Any]] = [], seenProducers = Set<String>()
        var products: [[String: Any]] = [], seenProducts = Set<String>()
        for job in source.jobs {
            let snap = source.snapshot(of: job)
            let producerKey = snap["producer.uscc"] ?? snap["producer.name"] ?? ""
            if !producerKey.isEmpty, seenProducers.insert(producerKey).inserted {
                var o: [String: Any] = [:]
                for f in SAMRFieldMap.producer { put(&o, f.key, snap[f.source], f.visibility(owner: snap)) }
                producers.append(o)
            }
            let id = Self.productID(job)
            guard seenProducts.insert(id).inserted else { continue }
            var o: [String: Any] = [:]
            put(&o, "id", id, .public)
            put(&o, "producer", snap["producer.uscc"], .public)
            for f in SAMRFieldMap.product { put(&o, f.key, snap[f.source], f.visibility(owner: snap)) }
            if o["gtin"] == nil { put(&o, "gtin", job.gtin, .public) }
            if o["lot"] == nil { put(&o, "lot", job.lot, .public) }
            if let ecode = job.source { put(&o, "code_source", ecode, .public) }
            products.append(o)
        }
        return (producers, products)
    }

    func flows() -> [[String: Any]] {
        source.flows.compactMap { flow in
            let visibility = source.visibility(of: flow)
            var o: [String: Any] = [:]
            put(&o, "id", flow.id, visibility)
            put(&o, "kind", flow.flow, visibility)
            put(&o, "party", flow.party, visibility)
            put(&o, "scope", flow.scope.description, visibility)
            put(&o, "count", flow.count, visibility)
            put(&o, "recorded", flow.time, visibility)
            switch flow.flow {
            case "producer-sale":
                put(&o, "sale_time", flow.at, visibility)
                put(&o, "buyer_name", flow.counterparty, visibility)
                put(&o, "buyer_address", flow.address, visibility)
                put(&o, "buyer_contact", flow.contact, visibility)
            case "seller-purchase":
                put(&o, "purchase_time", flow.at, visibility)
                put(&o, "supplier", flow.counterparty, visibility)
            default:
                put(&o, "sale_time", flow.at, visibility)
                put(&o, "customer", flow.counterparty, visibility)
            }
            return o.isEmpty ? nil : o
        }
    }

    /// Every party that recorded a seller flow of the export, with its registered fields (public, Annex 2).
    func sellers() -> [[String: Any]] {
        var seen = Set<String>(), out: [[String: Any]] = []
        for flow in source.flows where flow.flow != "producer-sale" && seen.insert(flow.party).inserted {
            var o: [String: Any] = [:]
            put(&o, "uscc", flow.party, .public)
            for (key, value) in source.party(flow.party) ?? [:] where !key.hasPrefix("visibility.") {
                var name = key
                for prefix in ["party.", "seller."] where name.hasPrefix(prefix) { name.removeFirst(prefix.count) }
                name = name.replacingOccurrences(of: ".", with: "_")
                if name == "uscc" { continue }
                put(&o, name, value, .public)
            }
            out.append(o)
        }
        return out
    }
}
