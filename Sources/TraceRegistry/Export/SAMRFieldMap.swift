import TraceCore

/// One field of the `samr` export: the Annex 2 item it carries, where it goes in the document, where the value
/// comes from, and who may see it. The README's field table is this list.
public struct SAMRField: Sendable {
    /// How a field's visibility is decided.
    public enum Rule: Sendable, Equatable {
        case alwaysPublic
        case alwaysPrivate
        /// Private unless the owner's data sets this key to `public` (product snapshot for product fields and
        /// producer sales, the seller's party registration for seller flows).
        case ownerChooses(String)
    }

    /// Annex 2 item, Chinese and English.
    public let annex: String
    /// Object key inside its group (`producers[]`, `products[]`, `codes[]`, `flows[]`).
    public let key: String
    /// Snapshot key or registry field the value comes from.
    public let source: String
    public let rule: Rule

    init(_ annex: String, _ key: String, _ source: String, _ rule: Rule = .alwaysPublic) {
        self.annex = annex
        self.key = key
        self.source = source
        self.rule = rule
    }

    /// Whether the field is public given its owner's data. A field that Annex 2's table (``AnnexTwo``) lists is
    /// decided by that table, the one rule every public surface follows; the export's own fields by `rule`.
    public func visibility(owner: [String: String]) -> Visibility {
        if let annex = AnnexTwo.fields.first(where: { ($0.group == .producer || $0.group == .product) && $0.key == source }) {
            return AnnexTwo.isPublic(annex, choices: owner) ? .public : .private
        }
        switch rule {
        case .alwaysPublic: return .public
        case .alwaysPrivate: return .private
        case .ownerChooses(let key): return owner[key] == Visibility.public.rawValue ? .public : .private
        }
    }
}

/// The Annex 2 (附件2 产品质量安全追溯信息) fields of the `samr` export, group by group.
public enum SAMRFieldMap {
    /// Snapshot key the producer's choice about the inspection report is read from.
    public static let inspectionReportVisibility = "visibility.product.inspection_report"
    /// Snapshot (product) or party-registration key that publishes flow records.
    public static let flowVisibility = "visibility.flows"

    /// 生产者信息 (producer information), from the job's snapshot.
    public static let producer: [SAMRField] = [
        SAMRField("生产者名称 producer name", "name", "producer.name"),
        SAMRField("统一社会信用代码 unified social credit code", "uscc", "producer.uscc"),
        SAMRField("生产者地址 producer address", "address", "producer.address"),
        SAMRField("联系方式 contact", "contact", "producer.contact"),
        SAMRField("营业执照 business licence (reference)", "business_licence_reference", "producer.business_licence.reference"),
        SAMRField("营业执照 business licence (SHA-256 of the document)", "business_licence_sha256", "producer.business_licence.sha256"),
    ]

    /// 产品信息 (product information), from the job's snapshot.
    public static let product: [SAMRField] = [
        SAMRField("产品名称 product name", "name", "product.name"),
        SAMRField("产品种类 product type (Annex 1 unit)", "type", "product.type"),
        SAMRField("产品类别 product category (Annex 1)", "category", "product.category"),
        SAMRField("型号规格 model / specification", "model", "product.model"),
        SAMRField("商品条码 GTIN", "gtin", "product.gtin"),
        SAMRField("生产日期 production date", "production_date", "batch.production_date"),
        SAMRField("批号 lot", "lot", "batch.lot"),
        SAMRField("质保期 warranty period", "warranty", "product.warranty"),
        SAMRField("执行的强制性国家标准 mandatory national standard", "mandatory_standard", "product.mandatory_standard"),
        SAMRField("产品标准 product standard", "product_standard", "product.product_standard"),
        SAMRField("生产许可证编号 production licence number", "production_licence", "product.production_licence"),
        SAMRField("强制性产品认证证书编号 CCC certificate number", "ccc_certificate", "product.ccc_certificate"),
        SAMRField("检验报告 inspection report (reference)", "inspection_report_reference", "product.inspection_report.reference",
                  .ownerChooses(inspectionReportVisibility)),
        SAMRField("检验报告 inspection report (SHA-256 of the document)", "inspection_report_sha256", "product.inspection_report.sha256",
                  .ownerChooses(inspectionReportVisibility)),
        SAMRField("检验报告 inspection report (older snapshots: one text)", "inspection_report_reference", "product.inspection_report",
                  .ownerChooses(inspectionReportVisibility)),
        SAMRField("使用说明 instructions for use", "instructions", "product.instructions"),
    ]

    /// 追溯码 (trace code) information, from the `issue` record and the code's later records.
    public static let code: [SAMRField] = [
        SAMRField("追溯码 trace code (GS1 HRI or Ecode)", "code", "issue.code"),
        SAMRField("追溯码链接 Digital Link URI or Ecode URL", "link", "issue.dl"),
        SAMRField("状态 status: valid, voided or recalled", "status", "void / recall records"),
        SAMRField("批号 lot", "lot", "job-open / reserve lot"),
        SAMRField("产品 product entry the code was printed with", "product", "job-open snapshot"),
        SAMRField("作业 production job (internal)", "job", "issue.job", .alwaysPrivate),
        SAMRField("作废原因 void reason (internal)", "void_reason", "void.reason", .alwaysPrivate),
        SAMRField("印数 labels printed with a batch or category code", "copies", "issue.copies"),
    ]

    /// 流向信息 (flow information), from `flow` records: private unless the owner publishes its flows.
    public static let flow: [SAMRField] = [
        SAMRField("流向记录 flow record id", "id", "flow.job", .ownerChooses(flowVisibility)),
        SAMRField("流向类型 producer-sale, seller-purchase or seller-sale", "kind", "flow.flow", .ownerChooses(flowVisibility)),
        SAMRField("记录者 USCC of the party that recorded it", "party", "flow.party", .ownerChooses(flowVisibility)),
        SAMRField("销售时间 sale time (producer-sale, seller-sale)", "sale_time", "flow.at", .ownerChooses(flowVisibility)),
        SAMRField("购买者名称 buyer name (producer-sale)", "buyer_name", "flow.counterparty", .ownerChooses(flowVisibility)),
        SAMRField("购买者地址 buyer address (producer-sale)", "buyer_address", "flow.address", .ownerChooses(flowVisibility)),
        SAMRField("购买者联系方式 buyer contact (producer-sale)", "buyer_contact", "flow.contact", .ownerChooses(flowVisibility)),
        SAMRField("采购时间 purchase time (seller-purchase)", "purchase_time", "flow.at", .ownerChooses(flowVisibility)),
        SAMRField("供货者 supplier (seller-purchase)", "supplier", "flow.counterparty", .ownerChooses(flowVisibility)),
        SAMRField("销售对象 customer (seller-sale)", "customer", "flow.counterparty", .ownerChooses(flowVisibility)),
        SAMRField("追溯码 codes covered (CodeScope text)", "scope", "flow.scope", .ownerChooses(flowVisibility)),
        SAMRField("数量 number of codes", "count", "flow.count", .ownerChooses(flowVisibility)),
        SAMRField("记录时间 time recorded", "recorded", "flow.time", .ownerChooses(flowVisibility)),
    ]

    /// 销售者信息 (seller information), from the seller's latest `party` record: every registered field, public.
    public static let seller: [SAMRField] = [
        SAMRField("销售者名称 seller name", "name", "party snapshot name"),
        SAMRField("统一社会信用代码 USCC", "uscc", "party record party"),
        SAMRField("其他登记信息 other registered fields (address, contact, licence …)", "<field>", "party snapshot <field>"),
    ]
}
