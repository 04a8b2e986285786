/// What a consumer who scans a code may see, and nothing else: the code's status, the public fields of its
/// product and producer, the fields their owner made public, the public flow records and a recall notice.
///
/// Built by ``PublicView/make(code:status:snapshot:flows:recall:)`` from the job's snapshot; every surface that
/// shows data to the public (the resolver page and its JSON, exports marked public) goes through it, so the rule
/// lives in one place: a field is shown only if ``AnnexTwo`` lists it and it is public or its owner chose public.
public struct PublicView: Sendable, Equatable, Encodable {
    /// The code's standing.
    public enum Status: String, Sendable, Encodable {
        /// Issued and in force.
        case valid
        /// Issued, then voided (its label was damaged or destroyed): a label carrying it is not genuine.
        case voided
        /// Never issued by this registry.
        case unknown
        /// Issued and recalled.
        case recalled
    }

    /// One shown field.
    public struct Field: Sendable, Equatable, Encodable {
        public let key: String
        public let label: String
        public let english: String
        public let value: String
    }

    /// One flow record of the code, as its owner chose to publish it.
    public struct Flow: Sendable, Equatable, Encodable {
        /// `producer-sale`, `seller-purchase` or `seller-sale`.
        public let kind: String
        public let fields: [Field]
    }

    /// A flow record with everything the registry knows, for ``make(code:status:snapshot:flows:recall:)`` to filter.
    public struct FlowRecord: Sendable {
        public let kind: String
        public let at: String
        public let counterparty: String
        public let address: String?
        public let contact: String?
        /// The recording party's choices (`visibility.flows`): the producer's job snapshot for producer sales, the
        /// seller's party snapshot for seller records.
        public let choices: [String: String]
        /// The seller's registered data (party snapshot) for seller records.
        public let seller: [String: String]?

        public init(kind: String, at: String, counterparty: String, address: String?, contact: String?,
                    choices: [String: String], seller: [String: String]?) {
            self.kind = kind
            self.at = at
            self.counterparty = counterparty
            self.address = address
            self.contact = contact
            self.choices = choices
            self.seller = seller
        }
    }

    /// A recall notice.
    public struct Recall: Sendable, Equatable, Encodable {
        public let time: String
        public let reason: String
        public init(time: String, reason: String) {
            self.time = time
            self.reason = reason
        }
    }

    /// The code as it was scanned or typed.
    public let code: String
    public let status: Status
    /// Producer and product fields, in Annex 2 order; empty for unknown and voided codes.
    public let fields: [Field]
    /// Flows their owners made public, in the order they were recorded.
    public let flows: [Flow]
    public let recall: Recall?

    /// The public view of one code.
    /// - Parameters:
    ///   - code: the code as registered (HRI, or Ecode).
    ///   - status: from the registry.
    ///   - snapshot: the issuing job's snapshot (product and producer data with the owner's choices); nil for an
    ///     unknown code or a job recorded before snapshots existed.
    ///   - serial: the item serial, if the code has one.
    public static func make(code: String, status: Status, snapshot: [String: String]?, serial: String? = nil,
                            flows: [FlowRecord] = [], recall: Recall? = nil) -> PublicView {
        // An unknown code has no data; a voided code's label is not genuine, so showing product data would lend it
        // credibility.
        guard status == .valid || status == .recalled else {
            return PublicView(code: code, status: status, fields: [], flows: [], recall: nil)
        }
        var shown: [Field] = []
        let choices = snapshot ?? [:]
        for field in AnnexTwo.fields where field.group == .producer || field.group == .product {
            let value: String? = switch field.key {
            case "code": code
            case "serial": serial
            default: snapshot?[field.key]
            }
            guard let value, !value.isEmpty, AnnexTwo.isPublic(field, choices: choices) else { continue }
            shown.append(Field(key: field.key, label: field.chinese, english: field.english, value: value))
        }
        let published = flows.compactMap { flow -> Flow? in
            let values: [String: String]
            let group: AnnexTwo.Group
            switch flow.kind {
            case "producer-sale":
                group = .producerFlow
                values = ["at": flow.at, "counterparty": flow.counterparty, "address": flow.address ?? "", "contact": flow.contact ?? ""]
            case "seller-purchase":
                group = .sellerFlow
                values = ["code": code, "supplier": flow.counterparty, "purchase_at": flow.at]
            case "seller-sale":
                group = .sellerFlow
                values = ["code": code, "customer": flow.counterparty, "sale_at": flow.at]
            default:
                return nil
            }
            var fields: [Field] = []
            for field in AnnexTwo.fields(of: group) {
                guard let value = values[field.key], !value.isEmpty, AnnexTwo.isPublic(field, choices: flow.choices) else { continue }
                fields.append(Field(key: field.key, label: field.chinese, english: field.english, value: value))
            }
            guard !fields.isEmpty else { return nil }
            // The seller is public data (registered once), shown with the seller's published records.
            if let seller = flow.seller {
                for field in AnnexTwo.fields(of: .seller) {
                    guard let value = seller[field.key], !value.isEmpty, AnnexTwo.isPublic(field, choices: seller) else { continue }
                    fields.append(Field(key: "seller.\(field.key)", label: field.chinese, english: field.english, value: value))
                }
            }
            return Flow(kind: flow.kind, fields: fields)
        }
        return PublicView(code: code, status: status, fields: shown, flows: published, recall: status == .recalled ? recall : nil)
    }
}
