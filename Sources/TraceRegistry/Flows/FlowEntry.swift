/// Which flow (流向) a `flow` record is (Annex 2: a producer's sale, a seller's purchase and a seller's sale).
public enum FlowKind: String, Sendable, CaseIterable {
    /// 生产者销售: the producer sold the units to a buyer (name, address and contact required).
    case producerSale = "producer-sale"
    /// 销售者采购: a seller bought the units from a supplier.
    case sellerPurchase = "seller-purchase"
    /// 销售者售出: a seller sold the units to a customer.
    case sellerSale = "seller-sale"

    /// A sale hands recalled units on, so a sale of a recalled code is refused; a purchase only records where units
    /// already are (which a recall needs to know), so it is accepted.
    public var isSale: Bool { self != .sellerPurchase }

    /// What the counterparty is called in this flow (buyer, supplier, customer).
    public var counterpartyRole: String {
        switch self {
        case .producerSale: "buyer"
        case .sellerPurchase: "supplier"
        case .sellerSale: "customer"
        }
    }
}

/// One flow as a party states it, before it is checked against the registry: the `flow add` options or one row of
/// a `flow import` file.
public struct FlowEntry: Sendable, Equatable {
    /// Which flow.
    public var flow: FlowKind
    /// USCC of the party that records the flow (the producer for a producer sale, the seller otherwise).
    public var party: String
    /// When the sale or purchase happened: `YYYY-MM-DD`, or a date-time with a zone (``FlowTime``).
    public var at: String
    /// Buyer, supplier or customer name.
    public var counterparty: String
    /// Buyer's address: producer sales only.
    public var address: String?
    /// Buyer's contact: producer sales only.
    public var contact: String?
    /// The codes that moved.
    public var scope: CodeScope

    /// A flow as stated; nothing is checked until ``FlowRecording/check(_:in:recalled:now:)``.
    public init(flow: FlowKind, party: String, at: String, counterparty: String, address: String?, contact: String?, scope: CodeScope) {
        self.flow = flow
        self.party = party
        self.at = at
        self.counterparty = counterparty
        self.address = address
        self.contact = contact
        self.scope = scope
    }
}

/// Why a flow or a recall was refused: the field (the `flow import` column, or the option), its value and the rule.
public struct FlowError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Option or column name: `flow`, `party`, `at`, `counterparty`, `address`, `contact`, `scope`, `reason`.
    public let field: String
    /// The value given (empty when missing).
    public let value: String
    /// The rule it breaks.
    public let rule: String

    public init(field: String, value: String, rule: String) {
        self.field = field
        self.value = value
        self.rule = rule
    }

    public var description: String { value.isEmpty ? "\(field): \(rule)" : "\(field): '\(value)': \(rule)" }
}

/// Flows refused together (a `flow import` file): each with the index of its entry; nothing was appended.
public struct FlowBatchError: Error, Sendable, CustomStringConvertible {
    /// Each refused entry: its index in the list given, and why.
    public let rejections: [(index: Int, error: FlowError)]

    public var description: String {
        rejections.map { "entry \($0.index + 1): \($0.error)" }.joined(separator: "\n")
    }
}
