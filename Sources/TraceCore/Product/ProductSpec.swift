import Foundation

/// A product as a product file describes it: the producer (registered once) and the Annex 2 product fields.
///
/// Build one with ``ProductSpec/validated(fields:today:)``, which checks every field before anything is allocated.
public struct ProductSpec: Sendable {
    /// The producer (生产单位): registered once in a party file the product file names (`producer: <file>`), or
    /// written inline as the `producer:` section.
    public let producer: PartySpec
    /// 产品名称.
    public let name: String
    /// 产品类型, the Annex 1 unit such as 电动自行车用蓄电池.
    public let type: String
    /// Annex 1 category such as 电动自行车, if given.
    public let category: String?
    /// 规格型号.
    public let model: String
    /// The GTIN; required for GS1 codes, optional for an Ecode product.
    public let gtin: GTIN?
    /// 执行强制性国家标准 (a GB standard).
    public let mandatoryStandard: StandardNumber
    /// The product standard printed as 执行标准 when it differs (often GB/T).
    public let productStandard: StandardNumber?
    public let cccCertificate: CCCCertificateNumber?
    public let productionLicence: String?
    /// 质保期限.
    public let warranty: String?
    /// 出厂检验报告或型式检验报告: reference and the SHA-256 of the report's file.
    public let inspectionReport: DocumentReference
    /// Annex 2 lets the owner choose; private unless the product file says `visibility.inspection_report: public`.
    public let inspectionReportVisibility: Visibility
    public let instructions: String?
    /// 生产日期.
    public let productionDate: CalendarDate
    /// 批次号 (AI 10).
    public let lot: String
    /// Resolver stem for Digital Link URIs.
    public let resolver: String
    /// How serials look.
    public let serialFormat: SerialFormat
    /// Where item-mode serials come from (`code.serial_source`; sequential when absent).
    public let serialSource: SerialSource
    /// How one-batch mode numbers lots (`code.lot_format`); `nil` means every batch job uses `batch.lot`.
    public let lotFormat: LotFormat?
    /// GS1 (the default) or Ecode, with where Ecodes come from (`code.scheme`, `code.ecode.*`).
    public let scheme: CodeScheme
    /// The allocation mode a job uses when the command line names none (`code.mode`).
    public let defaultMode: AllocationMode?
    /// The label template a job uses when the command line names none (`label.template`: a built-in name or a file).
    public let labelTemplate: String?

    /// Every field a product file may hold, with whether it is required.
    public static let knownFields: [(path: String, required: Bool)] = [
        ("producer", false), ("producer.name", true), ("producer.uscc", true), ("producer.address", true), ("producer.contact", true),
        ("producer.business_licence.reference", true), ("producer.business_licence.file", false), ("producer.business_licence.sha256", false),
        ("product.name", true), ("product.type", true), ("product.category", false), ("product.catalogue", false), ("product.model", true),
        ("product.gtin", true), ("product.mandatory_standard", true), ("product.product_standard", false),
        ("product.ccc_certificate", false), ("product.production_licence", false), ("product.warranty", false),
        ("product.inspection_report.reference", true), ("product.inspection_report.file", false),
        ("product.inspection_report.sha256", false), ("product.instructions", false),
        ("visibility.inspection_report", false), ("visibility.flows", false),
        ("batch.production_date", true), ("batch.lot", true),
        ("code.resolver", false), ("code.serial_prefix", false), ("code.serial_width", false),
        ("code.serial_source", false), ("code.serial_alphabet", false), ("code.serial_key", false),
        ("code.planned_volume", false), ("code.serial_pool", false), ("code.lot_format", false), ("code.mode", false),
        ("label.template", false),
    ] + codeSchemeFields

    /// Validates a flattened product file (`"product.gtin": "0952…"`) and returns the product or every finding.
    /// - Parameters:
    ///   - today: the date used to refuse production dates in the future and CCC years not yet reached.
    ///   - documents: the SHA-256 of each document file the product file names, by field path
    ///     (`product.inspection_report.file`, `producer.business_licence.file`), read by the caller.
    ///   - producer: the producer read from the party file that `producer: <file>` names, already validated.
    public static func validated(fields: [String: String], today: CalendarDate, documents: [String: DocumentDigest] = [:],
                                 producer registered: PartySpec? = nil) -> Result<ProductSpec, ProductValidationError> {
        var findings: [ProductFinding] = []
        let known = Set(knownFields.map(\.path))
        for key in fields.keys.sorted() where !known.contains(key) {
            if key == "product.inspection_report" {
                findings.append(ProductFinding(id: "DOC-FORM", field: key, value: fields[key],
                                               rule: "must be a section with reference: (the report number) and file: (the report, hashed) or sha256: (Annex 2 field 10)"))
                continue
            }
            findings.append(ProductFinding(id: "FIELD-UNKNOWN", field: key, value: fields[key],
                                           rule: unknownFieldRule(key, known: knownFields.map(\.path), file: "product file")))
        }
        findings += controlCharacterFindings(fields)
        func text(_ path: String) -> String? {
            guard let raw = fields[path] else { return nil }
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        func required(_ path: String) -> String? {
            guard let v = text(path) else {
                findings.append(ProductFinding(id: "FIELD-MISSING", field: path, value: nil, rule: "is required and missing or empty"))
                return nil
            }
            return v
        }

        let producer = validatedProducer(fields: fields, text: text, documents: documents, registered: registered, findings: &findings)
        let name = required("product.name")
        let type = required("product.type")
        let model = required("product.model")
        var gtin: GTIN?
        let isEcode = wantsEcode(text: text)
        if let v = isEcode ? text("product.gtin") : required("product.gtin") {
            do {
                let g = try GTIN(v)
                if g.prefixClass == .restricted {
                    findings.append(ProductFinding(id: "GTIN-RESTRICTED", field: "product.gtin", value: v,
                                                   rule: "GS1 prefix \(g.gs1Prefix) is for restricted circulation (020-029, 040-049, 200-299) and cannot identify a trade item"))
                } else if g.prefixClass == .nonTrade {
                    findings.append(ProductFinding(id: "GTIN-NON-TRADE", field: "product.gtin", value: v,
                                                   rule: "GS1 prefix \(g.gs1Prefix) is for ISBN/ISSN, refunds or coupons, not a trade item"))
                } else { gtin = g }
            } catch {
                findings.append(ProductFinding(id: error.id, field: "product.gtin", value: v, rule: error.description))
            }
        }
        var mandatory: StandardNumber?
        if let v = required("product.mandatory_standard") {
            do {
                let s = try StandardNumber(v)
                if s.isMandatory { mandatory = s } else {
                    findings.append(ProductFinding(id: "STD-NOT-MANDATORY", field: "product.mandatory_standard", value: v,
                                                   rule: "must be a mandatory national standard (GB …); \(s.prefix) is recommended or guidance: put it in product.product_standard"))
                }
            } catch {
                findings.append(ProductFinding(id: error.id, field: "product.mandatory_standard", value: v, rule: error.description))
            }
        }
        var productStandard: StandardNumber?
        if let v = text("product.product_standard") {
            do { productStandard = try StandardNumber(v) } catch {
                findings.append(ProductFinding(id: error.id, field: "product.product_standard", value: v, rule: error.description))
            }
        }
        var ccc: CCCCertificateNumber?
        if let v = text("product.ccc_certificate") {
            do { ccc = try CCCCertificateNumber(v, currentYear: today.year) } catch {
                findings.append(ProductFinding(id: error.id, field: "product.ccc_certificate", value: v, rule: error.description))
            }
        }
        var licence: String?
        if let v = text("product.production_licence") {
            do { licence = try ProductionLicenceNumber(v).description } catch {
                findings.append(ProductFinding(id: error.id, field: "product.production_licence", value: v, rule: error.description))
            }
        }
        let report = DocumentReference.validated("product.inspection_report", text: text, digests: documents, findings: &findings)
        var reportVisibility = Visibility.private
        if let v = text("visibility.inspection_report") {
            if let chosen = Visibility(rawValue: v) { reportVisibility = chosen } else {
                findings.append(ProductFinding(id: "VISIBILITY", field: "visibility.inspection_report", value: v,
                                               rule: "must be public or private (Annex 2 field 10: the owner chooses; private when absent)"))
            }
        }
        var date: CalendarDate?
        if let v = required("batch.production_date") {
            if let d = CalendarDate(iso: v) {
                if d > today {
                    findings.append(ProductFinding(id: "DATE-FUTURE", field: "batch.production_date", value: v,
                                                   rule: "lies after today (\(today)): a production date cannot be in the future"))
                } else if d.year < today.year - 49 {
                    // GS1 GenSpecs 7.12: a YYMMDD year lies within 49 years before and 50 after the reading year.
                    findings.append(ProductFinding(id: "DATE-CENTURY", field: "batch.production_date", value: v,
                                                   rule: "is more than 49 years ago: AI (11) writes it as YYMMDD, which scanners in \(today.year) read as \(d.year + 100)"))
                } else { date = d }
            } else {
                findings.append(ProductFinding(id: "DATE-FORMAT", field: "batch.production_date", value: v,
                                               rule: "must be a real date written YYYY-MM-DD"))
            }
        }
        var lot: String?
        if let v = required("batch.lot") {
            do {
                try AIValidation.validate(AIElement("10", v))
                lot = v
            } catch {
                findings.append(ProductFinding(id: error.id, field: "batch.lot", value: v, rule: "as AI (10): \(error.description)"))
            }
        }
        var resolver = DigitalLink.defaultStem
        if let v = text("code.resolver") {
            do { resolver = try DigitalLink.normalisedStem(v) } catch {
                findings.append(ProductFinding(id: error.id, field: "code.resolver", value: v, rule: error.description))
            }
        }
        var serialFormat = SerialFormat.default
        do {
            serialFormat = try SerialFormat(prefix: text("code.serial_prefix") ?? "", widthText: text("code.serial_width"))
        } catch {
            findings.append(ProductFinding(id: error.id, field: error.field, value: error.value, rule: error.rule))
        }
        let serialSource = validatedSerialSource(text: text, format: serialFormat, findings: &findings)
        var lotFormat: LotFormat?
        if let v = text("code.lot_format") {
            do { lotFormat = try LotFormat(v) } catch {
                findings.append(ProductFinding(id: "LOT-FORMAT", field: "code.lot_format", value: v, rule: error.rule))
            }
        }

        var defaultMode: AllocationMode?
        if let v = text("code.mode") {
            defaultMode = AllocationMode(rawValue: v)
            if defaultMode == nil {
                findings.append(ProductFinding(id: "MODE", field: "code.mode", value: v,
                                               rule: "must be item (一物一码), batch (一批一码) or category (一品一码)"))
            }
        }
        findings += catalogueFindings(text: text, type: type, category: text("product.category"), date: date,
                                      hasCCC: text("product.ccc_certificate") != nil, hasLicence: text("product.production_licence") != nil)
        let scheme = validatedCodeScheme(text: text, gtin: gtin, lot: lot, date: date, findings: &findings)
        guard findings.isEmpty, let producer, let name, let type, let model,
              gtin != nil || isEcode, let mandatory, let report, let date, let lot else {
            return .failure(ProductValidationError(findings: findings))
        }
        return .success(ProductSpec(
            producer: producer,
            name: name, type: type, category: text("product.category"), model: model, gtin: gtin,
            mandatoryStandard: mandatory, productStandard: productStandard, cccCertificate: ccc,
            productionLicence: licence, warranty: text("product.warranty"), inspectionReport: report,
            inspectionReportVisibility: reportVisibility,
            instructions: text("product.instructions"), productionDate: date, lot: lot, resolver: resolver,
            serialFormat: serialFormat, serialSource: serialSource, lotFormat: lotFormat, scheme: scheme,
            defaultMode: defaultMode, labelTemplate: text("label.template")))
    }

    /// Reads `code.serial_source` and the fields it needs; refuses an FF1 space that makes serials guessable.
    static func validatedSerialSource(text: (String) -> String?, format: SerialFormat, findings: inout [ProductFinding]) -> SerialSource {
        let source = text("code.serial_source") ?? "sequential"
        switch source {
        case "sequential":
            return .sequential
        case "pool":
            guard let file = text("code.serial_pool") else {
                findings.append(ProductFinding(id: "SERIAL-POOL", field: "code.serial_pool", value: nil,
                                               rule: "is required when code.serial_source is pool: the file of imported serials, one per line"))
                return .sequential
            }
            return .pool(file: file)
        case "ff1":
            let alphabetText = text("code.serial_alphabet") ?? "digits"
            guard let alphabet = SerialAlphabet(rawValue: alphabetText) else {
                findings.append(ProductFinding(id: "SERIAL-ALPHABET", field: "code.serial_alphabet", value: alphabetText,
                                               rule: "must be digits (0-9) or alphanumeric (0-9 A-Z without the look-alikes I L O U)"))
                return .sequential
            }
            guard let key = text("code.serial_key") else {
                findings.append(ProductFinding(id: "SERIAL-KEY", field: "code.serial_key", value: nil,
                                               rule: "is required when code.serial_source is ff1: a key file (owner-only, made by `tracelabel keygen`)"))
                return .sequential
            }
            guard let volumeText = text("code.planned_volume"), let volume = UInt64(volumeText), volume > 0 else {
                findings.append(ProductFinding(id: "SERIAL-VOLUME", field: "code.planned_volume", value: text("code.planned_volume"),
                                               rule: "is required when code.serial_source is ff1: the number of serials this GTIN will ever get, a whole number ≥ 1"))
                return .sequential
            }
            let domain = SerialSpaceCheck.domain(radix: alphabet.radix, width: format.width)
            if domain < SerialSpaceCheck.minimumDomain {
                findings.append(ProductFinding(id: "SERIAL-DOMAIN", field: "code.serial_width", value: String(format.width),
                                               rule: "\(alphabet.radix)^\(format.width) serials is below the 1,000,000 NIST SP 800-38G requires for FF1"))
            }
            let p = SerialSpaceCheck.guessProbability(radix: alphabet.radix, width: format.width, volume: volume)
            if p >= SerialSpaceCheck.maximumGuessProbability {
                findings.append(ProductFinding(id: "SERIAL-GUESSABLE", field: "code.planned_volume", value: volumeText,
                                               rule: "\(volume) serials in a space of \(alphabet.radix)^\(format.width) makes a guess valid with probability \(p), not below 1/10,000: widen code.serial_width or use code.serial_alphabet alphanumeric"))
            }
            return .ff1(alphabet: alphabet, keyFile: key, plannedVolume: volume)
        default:
            findings.append(ProductFinding(id: "SERIAL-SOURCE", field: "code.serial_source", value: source,
                                           rule: "must be sequential, ff1 (non-guessable, keyed) or pool (imported serials)"))
            return .sequential
        }
    }
}
