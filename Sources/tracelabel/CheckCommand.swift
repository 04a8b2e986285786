import ArgumentParser
import Foundation
import TraceCore

/// `tracelabel check <kind> <value>`: validates one identifier and prints its canonical forms or the error.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check one identifier and print its canonical forms (or the error, with exit status 65).",
        discussion: """
        Kinds: gtin, element (carrier data; write GS as <GS> or ^), hri ((01)…(21)…), dl (Digital Link URI), \
        scan (scanner output with ]Q3/]d2/]C1…), uscc, ccc, licence, standard, ecode, epc (24 hex digits, or HRI with \
        (01) and (21) to encode).
        """)

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case gtin, element, hri, dl, scan, uscc, ccc, licence, standard, ecode, epc
    }

    @Argument(help: "What the value is: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: Kind

    @Argument(help: "The value to check.")
    var value: String

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    @Option(name: .long, help: "Digital Link resolver stem.")
    var stem: String = DigitalLink.defaultStem

    @Option(name: .long, help: "Ecode resolver (default https://www.iotroot.com).")
    var resolver: String?

    @Option(name: .customLong("gcp-length"), help: "Length of the GS1 Company Prefix inside the GTIN (6-12), for EPC.")
    var gcpLength: Int?

    @Option(name: .long, help: "SGTIN-96 filter value 0-7.")
    var filter: Int = 1

    func run() throws {
        let fields: [(String, String)]
        do {
            fields = try check()
        } catch {
            if json {
                print(Self.json(["kind": kind.rawValue, "valid": false, "error": Self.errorObject(error)]))
                throw ExitCode(65)
            }
            throw CommandFailure(error)
        }
        if json {
            var object: [String: Any] = ["kind": kind.rawValue, "valid": true]
            for (k, v) in fields { object[k] = v }
            print(Self.json(object))
        } else {
            let width = fields.map(\.0.count).max() ?? 0
            for (k, v) in fields { print(k.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + v) }
        }
    }

    /// The canonical forms, as (name, value) pairs in print order.
    func check() throws -> [(String, String)] {
        switch kind {
        case .gtin:
            let gtin = try GTIN(value)
            var out = [("gtin14", gtin.digits14), ("gs1_prefix", gtin.gs1Prefix), ("prefix_class", "\(gtin.prefixClass)")]
            _ = try gtin.checkedForTradeItem()
            if gtin.isDemo { out.append(("warning", "GS1 demonstration prefix 952: never print it on goods")) }
            return out + (try gs1Forms(ElementString([AIElement("01", gtin.digits14)])))
        case .element:
            let data = value.replacingOccurrences(of: "<GS>", with: "\u{1D}").replacingOccurrences(of: "^", with: "\u{1D}")
            return try gs1Forms(ElementString(data: data))
        case .hri:
            return try gs1Forms(ElementString(hri: value))
        case .dl:
            let parsed = try DigitalLink.parse(value)
            var out = try gs1Forms(ElementString(parsed.elements))
            out.insert(("stem", parsed.stem), at: 0)
            if !parsed.otherParameters.isEmpty { out.append(("ignored", parsed.otherParameters.joined(separator: "&"))) }
            return out
        case .scan:
            return try gs1Forms(ElementString(scan: value.replacingOccurrences(of: "<GS>", with: "\u{1D}")))
        case .uscc:
            let code = try UnifiedSocialCreditCode(value)
            var out = [("uscc", code.value)]
            if !code.organisationCodeCheckPasses {
                out.append(("warning", "characters 9-17 fail the GB 11714 organisation-code check (mod 11); confirm the code in the business register"))
            }
            return out
        case .ccc:
            let year = Calendar(identifier: .gregorian).component(.year, from: Date())
            let number = try CCCCertificateNumber(value, currentYear: year)
            return [("ccc", number.value), ("year", String(number.value.prefix(4)))]
        case .licence:
            let licence = try ProductionLicenceNumber(value)
            return [("licence", licence.description), ("issued_by", licence.province.map { "province \($0)" } ?? "national")]
        case .standard:
            let standard = try StandardNumber(value)
            return [("standard", standard.description), ("mandatory", standard.isMandatory ? "yes" : "no")]
        case .ecode:
            let ecode = try Ecode(value)
            return [("ecode", ecode.description), ("version", String(ecode.version)), ("nsi", ecode.nsi),
                    ("master_data", ecode.masterData), ("resolver_url", try ecode.resolverURL(resolver: resolver))]
        case .epc:
            let epc: SGTIN96
            if value.hasPrefix("(") {
                let es = try ElementString(hri: value)
                guard let g = es.value(of: "01"), let serial = es.value(of: "21") else {
                    throw ValidationError("epc: give 24 hex digits, or HRI with (01) and (21)")
                }
                guard let gcpLength else { throw ValidationError("epc: --gcp-length is needed to encode (the GS1 Company Prefix length)") }
                epc = try SGTIN96(gtin: GTIN(g), serial: serial, companyPrefixLength: gcpLength, filter: filter)
            } else {
                epc = try SGTIN96(hex: value)
            }
            let es = try ElementString([AIElement("01", epc.gtin.digits14), AIElement("21", String(epc.serial))])
            return [("hex", epc.hex), ("urn", epc.pureIdentityURI), ("tag_uri", epc.tagURI), ("filter", String(epc.filter))]
                + (try gs1Forms(es))
        }
    }

    /// Element string (GS shown), HRI, Digital Link and, for (01)+(21) with --gcp-length, the EPC URN.
    func gs1Forms(_ es: ElementString) throws -> [(String, String)] {
        var out = [("element_string", es.dataForDisplay), ("hri", es.hri)]
        if let link = try? DigitalLink.uri(for: es, stem: stem) { out.append(("digital_link", link)) }
        if kind != .epc, let gcpLength, let g = es.value(of: "01"), let serial = es.value(of: "21") {
            out.append(("epc_urn", try SGTIN96.pureIdentityURI(gtin: GTIN(g), serial: serial, companyPrefixLength: gcpLength)))
            if let epc = try? SGTIN96(gtin: GTIN(g), serial: serial, companyPrefixLength: gcpLength, filter: filter) {
                out.append(("epc_hex", epc.hex))
            }
        }
        return out
    }

    static func errorObject(_ error: any Error) -> [String: Any] {
        var object: [String: Any] = ["message": "\(error)"]
        switch error {
        case let e as GS1Error:
            object["id"] = e.id
            object["ai"] = e.ai
            object["position"] = e.position
            object["input_position"] = e.inputPosition
            object["found"] = e.found
            object["expected"] = e.expected
        case let e as GTINError: object["id"] = e.id
        case let e as USCCError: object["id"] = e.id
        case let e as IdentifierError: object["id"] = e.id
        case let e as EPCError: object["id"] = e.id
        case let e as EcodeError: object["id"] = e.id
        case let e as GS1KeyError: object["id"] = e.id
        default: object["id"] = "CHECK-USAGE"
        }
        return object
    }

    static func json(_ object: [String: Any]) -> String {
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
