extension ProductSpec {
    /// The product-file fields of the code scheme (`code.scheme` and `code.ecode.*`).
    static let codeSchemeFields: [(path: String, required: Bool)] = [
        ("code.scheme", false), ("code.ecode.source", false), ("code.ecode.pool", false), ("code.ecode.version", false),
        ("code.ecode.nsi", false), ("code.ecode.md", false), ("code.ecode.url", false), ("code.ecode.resolver", false),
        ("code.ecode.payload", false),
    ]

    /// Whether the product file asks for Ecode V1-V3 codes (V0 wraps GS1 and stays GS1 on the label).
    static func wantsEcode(text: (String) -> String?) -> Bool {
        text("code.scheme") == "ecode" && text("code.ecode.version") != "0"
    }

    /// Reads `code.scheme` and, for Ecode, the source, URL and payload; a minted layout is checked against
    /// ``EcodeVersionTable`` with its largest counter and the product's values, so it cannot outgrow its version.
    static func validatedCodeScheme(text: (String) -> String?, gtin: GTIN?, lot: String?, date: CalendarDate?,
                                    findings: inout [ProductFinding]) -> CodeScheme {
        let scheme = text("code.scheme") ?? "gs1"
        guard scheme == "ecode" else {
            if scheme != "gs1" {
                findings.append(ProductFinding(id: "CODE-SCHEME", field: "code.scheme", value: scheme,
                                               rule: "must be gs1 (GS1 Digital Link, the default) or ecode (GB/T 31866 Ecode)"))
            }
            for (path, _) in codeSchemeFields where path.hasPrefix("code.ecode.") && text(path) != nil {
                findings.append(ProductFinding(id: "ECODE-NOT-SCHEME", field: path, value: text(path),
                                               rule: "applies only with code.scheme: ecode"))
            }
            return .gs1
        }
        if text("code.ecode.version") == "0" {
            // V0 is the GS1-compatible Ecode: the label carries GS1 data, so the GS1 settings apply.
            return .gs1
        }
        // GS1 serial and lot settings have no meaning for Ecodes: say so rather than ignore them.
        for path in ["code.resolver", "code.serial_prefix", "code.serial_width", "code.serial_source", "code.serial_alphabet",
                     "code.serial_key", "code.planned_volume", "code.serial_pool", "code.lot_format"] where text(path) != nil {
            findings.append(ProductFinding(id: "ECODE-GS1-FIELD", field: path, value: text(path),
                                           rule: "is a GS1 setting; an Ecode product takes its codes from code.ecode (use code.ecode.resolver for the resolver)"))
        }
        var resolver = Ecode.defaultResolver
        if let v = text("code.ecode.resolver") {
            if let problem = EcodeSettings.patternProblem("{resolver}/E={ecode}", resolver: v) {
                findings.append(ProductFinding(id: "ECODE-RESOLVER", field: "code.ecode.resolver", value: v, rule: problem))
            } else { resolver = v }
        }
        var pattern = EcodeSettings.defaultURLPattern
        if let v = text("code.ecode.url") {
            if let problem = EcodeSettings.patternProblem(v, resolver: resolver) {
                findings.append(ProductFinding(id: "ECODE-URL", field: "code.ecode.url", value: v, rule: problem))
            } else { pattern = v }
        }
        var payload = EcodeSettings.Payload.url
        if let v = text("code.ecode.payload") {
            if let p = EcodeSettings.Payload(rawValue: v) { payload = p } else {
                findings.append(ProductFinding(id: "ECODE-PAYLOAD", field: "code.ecode.payload", value: v,
                                               rule: "must be url (the QR opens the resolver URL, the default) or plain (the bare Ecode)"))
            }
        }
        let source: EcodeSettings.Source
        switch text("code.ecode.source") {
        case "pool":
            guard let file = text("code.ecode.pool") else {
                findings.append(ProductFinding(id: "ECODE-POOL", field: "code.ecode.pool", value: nil,
                                               rule: "is required when code.ecode.source is pool: the file the platform issued (one Ecode per line, a CSV with an ecode column, or a .zip of such files)"))
                return .gs1
            }
            for path in ["code.ecode.nsi", "code.ecode.md"] where text(path) != nil {
                findings.append(ProductFinding(id: "ECODE-NOT-MINT", field: path, value: text(path),
                                               rule: "applies only with code.ecode.source: mint (pool codes come whole from the platform)"))
            }
            source = .pool(file: file)
        case "mint":
            guard let layout = validatedLayout(text: text, gtin: gtin, lot: lot, date: date, findings: &findings) else { return .gs1 }
            source = .mint(layout)
        case let other:
            findings.append(ProductFinding(id: "ECODE-SOURCE", field: "code.ecode.source", value: other,
                                           rule: "must be pool (codes issued by the Ecode platform) or mint (your own NSI and an MD layout)"))
            return .gs1
        }
        return .ecode(EcodeSettings(source: source, urlPattern: pattern, resolver: resolver, payload: payload))
    }

    static func validatedLayout(text: (String) -> String?, gtin: GTIN?, lot: String?, date: CalendarDate?,
                                findings: inout [ProductFinding]) -> EcodeLayout? {
        var missing = false
        for path in ["code.ecode.version", "code.ecode.nsi", "code.ecode.md"] where text(path) == nil {
            findings.append(ProductFinding(id: "ECODE-MINT", field: path, value: nil,
                                           rule: "is required when code.ecode.source is mint (version, NSI and MD layout make the code)"))
            missing = true
        }
        guard !missing, let versionText = text("code.ecode.version"), let nsi = text("code.ecode.nsi"), let md = text("code.ecode.md") else { return nil }
        guard let version = Int(versionText), let rule = EcodeVersionTable.rule(for: version) else {
            findings.append(ProductFinding(id: "ECODE-VERSION", field: "code.ecode.version", value: versionText,
                                           rule: "must be 1, 2 or 3 (0 is the GS1-compatible Ecode: it uses the GS1 settings)"))
            return nil
        }
        let nsiOK = nsi.utf8.count == rule.nsiLength && nsi.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || (!rule.digitsOnly && $0 >= 0x41 && $0 <= 0x5A) }
        guard nsiOK else {
            findings.append(ProductFinding(id: "ECODE-NSI", field: "code.ecode.nsi", value: nsi,
                                           rule: "version \(version) NSIs are \(rule.nsiLength) \(rule.digitsOnly ? "digits" : "characters of 0-9 A-Z") (EcodeVersionTable)"))
            return nil
        }
        let layout: EcodeLayout
        do { layout = try EcodeLayout(version: version, nsi: nsi, md: md) } catch {
            findings.append(ProductFinding(id: "ECODE-MD", field: "code.ecode.md", value: md, rule: error.description))
            return nil
        }
        if layout.parts.contains(.gtin), gtin == nil {
            findings.append(ProductFinding(id: "ECODE-MD", field: "code.ecode.md", value: md,
                                           rule: "uses {gtin} but product.gtin is missing or invalid"))
            return nil
        }
        guard let lot, let date else { return nil } // their own findings are already reported
        // The largest code the layout can make must still be a valid code of its version.
        let longest = layout.code(counter: layout.maxCounter, gtin: gtin?.digits14, lot: lot, date: date)
        do { _ = try Ecode(longest) } catch {
            findings.append(ProductFinding(id: "ECODE-MD-WIDTH", field: "code.ecode.md", value: md,
                                           rule: "its largest code \(longest) is not a valid version \(version) Ecode: \(error.description)"))
            return nil
        }
        return layout
    }
}
