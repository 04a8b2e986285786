/// Annex 2 of the notice (统一数据要求) as data: every field TraceLabel keeps, where it lives, whether it is required,
/// and who decides whether the public sees it. The public view, the exports and the README's field list read this
/// table; a field that is not in it is never published.
public enum AnnexTwo {
    /// Whose data a field is.
    public enum Group: String, Sendable, CaseIterable {
        /// 生产者信息, registered once.
        case producer
        /// 产品信息.
        case product
        /// 生产者流向信息.
        case producerFlow = "producer-flow"
        /// 销售者信息, registered once.
        case seller
        /// 销售者流向信息.
        case sellerFlow = "seller-flow"
    }

    /// 必填 or 如涉及则必填.
    public enum Requirement: String, Sendable {
        case required
        case ifApplicable = "if-applicable"
    }

    /// Who decides whether the field is public.
    public enum Disclosure: Sendable, Equatable {
        /// Always public (是否公开: 是).
        case `public`
        /// The owner chooses (由…自主选择): private unless the owner's data says public at `choiceKey`
        /// (a key of the job snapshot, or of the party snapshot for seller data).
        case ownerChooses(choiceKey: String)
    }

    /// One field.
    public struct Field: Sendable {
        /// Annex 2 row number in the product table, where it has one.
        public let number: Int?
        public let group: Group
        /// Where the value lives: a key of the job snapshot (product, producer), of a flow record, or of a party
        /// snapshot (seller).
        public let key: String
        public let chinese: String
        public let english: String
        public let requirement: Requirement
        public let disclosure: Disclosure
        /// Whether Annex 2 names the field, or TraceLabel keeps it beside them (label data such as the GTIN, public
        /// because the label prints it).
        public let inAnnexTwo: Bool
    }

    static func f(_ n: Int?, _ g: Group, _ key: String, _ zh: String, _ en: String, _ r: Requirement = .required,
                  _ d: Disclosure = .public, annex: Bool = true) -> Field {
        Field(number: n, group: g, key: key, chinese: zh, english: en, requirement: r, disclosure: d, inAnnexTwo: annex)
    }

    static let reportChoice = Disclosure.ownerChooses(choiceKey: "visibility.product.inspection_report")
    static let flowChoice = Disclosure.ownerChooses(choiceKey: "visibility.flows")

    /// Every field, in the order the notice lists them.
    public static let fields: [Field] = [
        f(nil, .producer, "producer.name", "生产单位名称", "producer name"),
        f(nil, .producer, "producer.uscc", "统一社会信用代码", "unified social credit code"),
        f(nil, .producer, "producer.address", "生产/注册地址", "address"),
        f(nil, .producer, "producer.contact", "联系方式", "contact"),
        f(nil, .producer, "producer.business_licence.reference", "营业执照", "business licence"),
        f(nil, .producer, "producer.business_licence.sha256", "营业执照文件SHA-256", "business licence file SHA-256"),
        f(1, .product, "code", "追溯码", "trace code"),
        f(2, .product, "product.name", "产品名称", "product name"),
        f(3, .product, "product.type", "产品类型", "product type"),
        f(3, .product, "product.category", "产品类别", "Annex 1 category", .ifApplicable, annex: false),
        f(4, .product, "product.model", "规格型号", "specification / model"),
        f(5, .product, "batch.production_date", "生产日期", "production date"),
        f(6, .product, "product.warranty", "质保期限", "warranty period", .ifApplicable),
        f(7, .product, "batch.lot", "批次号", "batch number"),
        f(7, .product, "serial", "序号", "serial number", .ifApplicable),
        f(8, .product, "product.mandatory_standard", "执行强制性国家标准", "mandatory national standard"),
        f(8, .product, "product.product_standard", "执行标准", "product standard", .ifApplicable, annex: false),
        f(9, .product, "product.production_licence", "生产许可证号", "production licence number", .ifApplicable),
        f(9, .product, "product.ccc_certificate", "强制性认证证书编号", "CCC certificate number", .ifApplicable),
        f(10, .product, "product.inspection_report.reference", "出厂检验报告或型式检验报告", "inspection report", .required, reportChoice),
        f(10, .product, "product.inspection_report.sha256", "检验报告文件SHA-256", "inspection report file SHA-256", .required, reportChoice),
        f(11, .product, "product.instructions", "使用说明书或警示说明", "instructions or warnings", .ifApplicable),
        f(nil, .product, "product.gtin", "商品条码", "GTIN", .ifApplicable, annex: false),
        f(nil, .producerFlow, "at", "销售时间", "sale time", .required, flowChoice),
        f(nil, .producerFlow, "counterparty", "购方名称", "buyer name", .required, flowChoice),
        f(nil, .producerFlow, "address", "购方地址", "buyer address", .required, flowChoice),
        f(nil, .producerFlow, "contact", "购方联系方式", "buyer contact", .required, flowChoice),
        f(nil, .seller, "name", "销售者名称", "seller name"),
        f(nil, .seller, "uscc", "统一社会信用代码", "unified social credit code"),
        f(nil, .seller, "address", "地址", "address"),
        f(nil, .seller, "contact", "联系方式", "contact"),
        f(nil, .seller, "business_licence.reference", "营业执照", "business licence"),
        f(nil, .seller, "business_licence.sha256", "营业执照文件SHA-256", "business licence file SHA-256"),
        f(nil, .sellerFlow, "code", "追溯码", "trace code", .required, flowChoice),
        f(nil, .sellerFlow, "supplier", "供应商名称", "supplier name", .required, flowChoice),
        f(nil, .sellerFlow, "purchase_at", "采购时间", "purchase time", .required, flowChoice),
        f(nil, .sellerFlow, "customer", "客户名称", "customer name", .required, flowChoice),
        f(nil, .sellerFlow, "sale_at", "售出时间", "sale time", .required, flowChoice),
    ]

    /// The fields of `group`, in order.
    public static func fields(of group: Group) -> [Field] { fields.filter { $0.group == group } }

    /// Whether a field's value may be shown, given the owner's choices (`choices[choiceKey]`; absent = private).
    public static func isPublic(_ field: Field, choices: [String: String]) -> Bool {
        switch field.disclosure {
        case .public: true
        case .ownerChooses(let key): choices[key] == Visibility.public.rawValue
        }
    }
}
