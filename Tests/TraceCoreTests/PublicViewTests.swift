import Testing
@testable import TraceCore

/// The public view shows every public field, the owner-chosen fields only when chosen public, and nothing that is
/// not in the Annex 2 table: a walk over every field × visibility.
struct PublicViewTests {
    /// A snapshot with a distinct value per field key, a secret under a key outside the table, and the choices.
    static func snapshot(report: Visibility, flows: Visibility) -> [String: String] {
        var s: [String: String] = [:]
        for f in AnnexTwo.fields where f.group == .producer || f.group == .product { s[f.key] = "V<\(f.key)>" }
        s["internal.cost_price"] = "SECRET-COST"
        s["visibility.product.inspection_report"] = report.rawValue
        s["visibility.flows"] = flows.rawValue
        return s
    }

    static func sale(_ choice: Visibility) -> PublicView.FlowRecord {
        .init(kind: "producer-sale", at: "2026-11-28", counterparty: "BUYER-NAME", address: "BUYER-ADDRESS", contact: "BUYER-CONTACT",
              choices: ["visibility.flows": choice.rawValue], seller: nil)
    }

    static func sellerSale(_ choice: Visibility) -> PublicView.FlowRecord {
        .init(kind: "seller-sale", at: "2026-11-29", counterparty: "CUSTOMER-NAME", address: nil, contact: nil,
              choices: ["visibility.flows": choice.rawValue],
              seller: ["name": "SELLER-NAME", "uscc": "SELLER-USCC", "address": "SELLER-ADDRESS", "contact": "SELLER-CONTACT",
                       "business_licence.reference": "SELLER-LICENCE", "business_licence.sha256": "SELLER-HASH", "visibility.flows": choice.rawValue])
    }

    static func text(_ view: PublicView) -> String {
        (view.fields + view.flows.flatMap(\.fields)).map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
    }

    @Test(arguments: [Visibility.public, .private], [Visibility.public, .private])
    func everyFieldAppearsExactlyWhenItsOwnerAllows(report: Visibility, flows: Visibility) {
        let view = PublicView.make(code: "CODE-1", status: .valid, snapshot: Self.snapshot(report: report, flows: flows), serial: "S-1",
                                   flows: [Self.sale(flows), Self.sellerSale(flows)])
        let shown = Self.text(view)
        for field in AnnexTwo.fields where field.group == .producer || field.group == .product {
            let expected: Bool = switch field.disclosure {
            case .public: true
            case .ownerChooses: report == .public
            }
            let value = field.key == "code" ? "CODE-1" : field.key == "serial" ? "S-1" : "V<\(field.key)>"
            #expect(shown.contains("\(field.key)=\(value)") == expected, "\(field.key) with report \(report)")
        }
        for secret in ["BUYER-NAME", "BUYER-ADDRESS", "BUYER-CONTACT", "CUSTOMER-NAME", "SELLER-NAME"] {
            #expect(shown.contains(secret) == (flows == .public), "\(secret) with flows \(flows)")
        }
        #expect(!shown.contains("SECRET-COST"), "a key outside Annex 2's table is never shown")
        #expect(!shown.contains("visibility."), "the choices themselves are not data")
        #expect(view.flows.count == (flows == .public ? 2 : 0))
    }

    @Test func eachFlowFollowsItsOwnOwnersChoice() {
        let view = PublicView.make(code: "C", status: .valid, snapshot: Self.snapshot(report: .private, flows: .private),
                                   flows: [Self.sale(.private), Self.sellerSale(.public)])
        #expect(view.flows.map(\.kind) == ["seller-sale"])
        #expect(Self.text(view).contains("customer=CUSTOMER-NAME") && !Self.text(view).contains("BUYER"))
    }

    @Test func voidedAndUnknownCodesShowNoData() {
        let data = Self.snapshot(report: .public, flows: .public)
        for status in [PublicView.Status.voided, .unknown] {
            let view = PublicView.make(code: "C", status: status, snapshot: data, flows: [Self.sale(.public)], recall: .init(time: "t", reason: "r"))
            #expect(view.fields.isEmpty && view.flows.isEmpty && view.recall == nil && view.status == status)
        }
        let recalled = PublicView.make(code: "C", status: .recalled, snapshot: data, recall: .init(time: "2026-11-30T08:00:00Z", reason: "cell defect"))
        #expect(recalled.recall?.reason == "cell defect" && !recalled.fields.isEmpty)
        #expect(PublicView.make(code: "C", status: .valid, snapshot: data, recall: .init(time: "t", reason: "r")).recall == nil,
                "a recall notice only with the recalled status")
    }

    @Test func theTableFollowsTheNotice() {
        // Annex 2: only field 10 and the flow fields are the owner's choice; every product row 1-11 is present.
        let chosen = AnnexTwo.fields.filter { $0.disclosure != .public }.map(\.key)
        #expect(Set(chosen) == ["product.inspection_report.reference", "product.inspection_report.sha256", "at", "counterparty", "address",
                                "contact", "code", "supplier", "purchase_at", "customer", "sale_at"])
        #expect(Set(AnnexTwo.fields.compactMap(\.number)) == Set(1...11))
        #expect(AnnexTwo.fields(of: .producer).allSatisfy { $0.disclosure == .public && $0.requirement == .required })
    }
}
