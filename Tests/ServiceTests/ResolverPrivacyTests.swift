import Foundation
import Testing
import _TraceTestSupport

/// The resolver shows the public view and nothing else: every field of the job's snapshot that the view leaves
/// out is absent from the page and the JSON, for the inspection report made public and kept private.
@Suite(.serialized) struct ResolverPrivacyTests {
    @Test func privateFieldsNeverShow() throws {
        let publicText = try Harness.exampleProduct("ebike-battery.yaml")
        #expect(publicText.contains("inspection_report: public"))
        let privateText = publicText.replacingOccurrences(of: "inspection_report: public", with: "inspection_report: private")
        let server = try LiveServer(extraProducts: ["ebike-private": privateText])
        defer { server.stop() }
        let admin = server.tokens["admin"]!
        var shown: [String: Set<String>] = [:]
        for product in ["ebike-battery", "ebike-private"] {
            let job = try server.runJob(#"{"product":"\#(product)","count":1,"line":"L1","shift":"S1"}"#, token: admin)
            #expect(job["status"] as? String == "succeeded", "\(job)")
            let link = job["first_link"] as! String
            let path = String(link.dropFirst("https://id.gs1.org".count))
            let json = try server.get(path, headers: ["Accept: application/json"])
            let html = try server.get(path).body + (try server.get(path.adding(query: "lang=en")).body)
            let fields = json.json["fields"] as? [[String: Any]] ?? []
            let keys = Set(fields.compactMap { $0["key"] as? String })
            shown[product] = keys
            let values = Set(fields.compactMap { $0["value"] as? String })
            // The job's snapshot, as the registry recorded it: every field the view leaves out stays out.
            let open = try Harness.registryLines(server.registry).last { $0["kind"] as? String == "job-open" && $0["job"] as? String == job["registry_job"] as? String }
            let snapshotText = try #require(open?["snapshot"] as? String)
            let snapshot = try #require(try JSONSerialization.jsonObject(with: Data(snapshotText.utf8)) as? [String: String])
            for (key, value) in snapshot where !keys.contains(key) && !value.isEmpty && value.count > 3 && !values.contains(where: { $0.contains(value) }) {
                #expect(!html.contains(value), "\(product): private field \(key) = \(value) shows on the page")
                #expect(!json.body.contains(value), "\(product): private field \(key) = \(value) shows in the JSON")
            }
        }
        #expect(shown["ebike-battery"]?.contains("product.inspection_report.reference") == true)
        #expect(shown["ebike-private"]?.contains("product.inspection_report.reference") == false)
        #expect(shown["ebike-battery"]?.subtracting(shown["ebike-private"] ?? []) == ["product.inspection_report.reference", "product.inspection_report.sha256"])
    }
}
