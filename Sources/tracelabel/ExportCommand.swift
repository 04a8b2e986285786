import ArgumentParser
import Foundation
import TraceRegistry

/// `tracelabel export`: the registry's codes with their product, producer and flow data, as SAMR Annex 2 JSON,
/// EPCIS 2.0 JSON-LD or CSV, streamed to standard output or written atomically to a file.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export codes with their product, producer and flow data: samr (Annex 2 JSON), epcis (EPCIS 2.0 JSON-LD) or csv.",
        discussion: """
        Every filter given must match jobs of the registry (exit 65 naming the filter otherwise). With --out the \
        export is written to a temporary file beside it and renamed when complete: a failed export leaves no file.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case samr, epcis, csv }

    @Option(name: .long, help: "Registry file.")
    var registry: String
    @Option(name: .long, help: "samr, epcis or csv.")
    var format: Format
    @Option(name: .long, help: "Write to this file (atomically) instead of standard output.")
    var out: String?
    @Option(name: .long, help: "Only this product: a GTIN, an Ecode code source, or the product file a job was issued from.")
    var product: String?
    @Option(name: .long, help: "Only this job.")
    var job: String?
    @Option(name: .long, help: "Only this lot (AI 10).")
    var lot: String?
    @Option(name: .long, help: "Jobs opened at or after this date (YYYY-MM-DD) or UTC time (ISO 8601).")
    var from: String?
    @Option(name: .long, help: "Jobs opened at or before this date (the whole day) or UTC time.")
    var to: String?
    @Flag(name: .long, help: "Leave out private fields (Annex 2: flows unless published, the inspection report unless published, internal ids).")
    var publicOnly = false
    @Flag(name: .long, help: "epcis: EPC URNs (urn:epc:id:sgtin:…, urn:epc:class:lgtin:…) instead of GS1 Digital Link URIs; needs --gcp-length.")
    var epcUrn = false
    @Option(name: .long, help: "epcis --epc-urn: digits of the GS1 Company Prefix in the GTINs (6-12).")
    var gcpLength: Int?
    @Option(name: .long, help: "epcis: eventTimeZoneOffset of the events, also the zone of flow times given without one.")
    var timeZoneOffset = "+08:00"

    func validate() throws {
        if epcUrn && gcpLength == nil { throw ValidationError("--epc-urn needs --gcp-length (the GS1 Company Prefix length is not in the GTIN)") }
        if gcpLength != nil && !epcUrn { throw ValidationError("--gcp-length applies only with --epc-urn") }
        if format != .epcis && (epcUrn || timeZoneOffset != "+08:00") {
            throw ValidationError("--epc-urn and --time-zone-offset apply only to --format epcis")
        }
    }

    func run() throws {
        do {
            let filter = ExportFilter(product: product, job: job, lot: lot, from: from, to: to)
            // Options and filters are checked, and the output opened, before anything is written.
            let identifiers = try EPCISIdentifiers(companyPrefixLength: epcUrn ? gcpLength : nil)
            let source = try ExportSource(path: registry, filter: filter)
            let epcis = try EPCISExport(source: source, identifiers: identifiers, timeZoneOffset: timeZoneOffset, publicOnly: publicOnly)
            let output = try ExportOutput(path: out)
            let started = Date()
            let count: Int, what: String
            switch format {
            case .samr:
                count = try SAMRExport(source: source, filter: filter.dictionary, publicOnly: publicOnly).write(to: output)
                what = "code(s)"
            case .epcis:
                count = try epcis.write(to: output)
                what = "event(s)"
            case .csv:
                count = try CSVExport(source: source, publicOnly: publicOnly).write(to: output)
                what = "row(s)"
            }
            try output.commit()
            if let out {
                let seconds = Date().timeIntervalSince(started)
                print("export   \(format.rawValue): \(count) \(what) of \(source.jobs.count) job(s) → \(out) (\(output.bytes) bytes, \(String(format: "%.2f", seconds)) s)")
            }
        } catch {
            throw CommandFailure(error)
        }
    }
}
