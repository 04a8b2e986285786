import Foundation

/// A producer or seller as Annex 2 registers it once: name, unified social credit code, address, contact and
/// business licence (all required and public), and whether the party publishes its flow records (owner's choice).
///
/// Written in a party file (`party:` + `visibility:`, read by `PartyFile`), or inline as a product file's
/// `producer:` section.
public struct PartySpec: Sendable, Equatable {
    /// Which Annex 2 party this is.
    public enum Role: String, Sendable, CaseIterable {
        case producer, seller
    }

    public let role: Role
    /// 生产单位名称 / 销售单位名称.
    public let name: String
    /// 统一社会信用代码 (GB 32100).
    public let uscc: UnifiedSocialCreditCode
    /// 生产/注册地址.
    public let address: String
    /// 联系方式.
    public let contact: String
    /// 营业执照: its reference and the SHA-256 of the scanned licence.
    public let businessLicence: DocumentReference
    /// Whether the party's flow records (sales, purchases) are public; Annex 2 leaves it to the party, and they are
    /// private unless the party's file says `visibility.flows: public`.
    public let flowsVisibility: Visibility

    public init(role: Role, name: String, uscc: UnifiedSocialCreditCode, address: String, contact: String,
                businessLicence: DocumentReference, flowsVisibility: Visibility) {
        self.role = role
        self.name = name
        self.uscc = uscc
        self.address = address
        self.contact = contact
        self.businessLicence = businessLicence
        self.flowsVisibility = flowsVisibility
    }

    /// Every field a party file may hold.
    public static let knownFields: [String] = ["party.role", "party.name", "party.uscc", "party.address", "party.contact"]
        + DocumentReference.fieldPaths("party.business_licence") + ["visibility.flows"]

    /// Validates a flattened party file (`"party.uscc": "9133…"`); `digests` holds the SHA-256 of each document
    /// file the file names (by field path, e.g. `party.business_licence.file`).
    public static func validated(fields: [String: String], digests: [String: DocumentDigest] = [:]) -> Result<PartySpec, ProductValidationError> {
        var findings: [ProductFinding] = []
        let known = Set(knownFields)
        for key in fields.keys.sorted() where !known.contains(key) {
            findings.append(ProductFinding(id: "FIELD-UNKNOWN", field: key, value: fields[key],
                                           rule: unknownFieldRule(key, known: knownFields, file: "party file")))
        }
        findings += controlCharacterFindings(fields)
        let text = PartySpec.reader(fields)
        var role: Role?
        if let v = text("party.role") {
            role = Role(rawValue: v)
            if role == nil {
                findings.append(ProductFinding(id: "PARTY-ROLE", field: "party.role", value: v, rule: "must be producer or seller"))
            }
        } else {
            findings.append(ProductFinding(id: "FIELD-MISSING", field: "party.role", value: nil, rule: "is required: producer or seller"))
        }
        let party = validated(prefix: "party", role: role ?? .producer, text: text, digests: digests, findings: &findings)
        guard findings.isEmpty, role != nil, let party else { return .failure(ProductValidationError(findings: findings)) }
        return .success(party)
    }

    /// Reads the party fields under `prefix` (`party` in a party file, `producer` inline in a product file).
    static func validated(prefix: String, role: Role, text: (String) -> String?, digests: [String: DocumentDigest],
                          findings: inout [ProductFinding]) -> PartySpec? {
        func required(_ field: String, _ what: String) -> String? {
            if let v = text("\(prefix).\(field)") { return v }
            findings.append(ProductFinding(id: "FIELD-MISSING", field: "\(prefix).\(field)", value: nil,
                                           rule: "is required (Annex 2: the \(role.rawValue)'s \(what), public)"))
            return nil
        }
        let name = required("name", "name")
        var uscc: UnifiedSocialCreditCode?
        if let v = required("uscc", "unified social credit code") {
            do { uscc = try UnifiedSocialCreditCode(v) } catch {
                findings.append(ProductFinding(id: error.id, field: "\(prefix).uscc", value: v, rule: error.description))
            }
        }
        let address = required("address", "address")
        let contact = required("contact", "contact")
        let licence = DocumentReference.validated("\(prefix).business_licence", text: text, digests: digests, findings: &findings)
        var flows = Visibility.private
        if let v = text("visibility.flows") {
            if let chosen = Visibility(rawValue: v) { flows = chosen } else {
                findings.append(ProductFinding(id: "VISIBILITY", field: "visibility.flows", value: v,
                                               rule: "must be public or private (Annex 2 lets the owner choose; private when absent)"))
            }
        }
        guard let name, let uscc, let address, let contact, let licence else { return nil }
        return PartySpec(role: role, name: name, uscc: uscc, address: address, contact: contact,
                         businessLicence: licence, flowsVisibility: flows)
    }

    /// Trimmed, non-empty values only: a blank field counts as missing.
    static func reader(_ fields: [String: String]) -> (String) -> String? {
        { path in
            guard let raw = fields[path] else { return nil }
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
    }

    /// The party as recorded in the registry (`party` record snapshot): flat keys, canonical when serialised with
    /// sorted keys.
    public var snapshot: [String: String] {
        ["role": role.rawValue, "name": name, "uscc": uscc.value, "address": address, "contact": contact,
         "business_licence.reference": businessLicence.reference, "business_licence.sha256": businessLicence.sha256,
         "visibility.flows": flowsVisibility.rawValue]
    }
}
