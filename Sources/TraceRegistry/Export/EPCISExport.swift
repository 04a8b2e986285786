import Foundation

/// The `epcis` export: an EPCIS 2.0 JSON-LD document (`EPCISDocument`, schema version 2.0) with, per job:
///
/// - a commissioning `ObjectEvent` (ADD, `commissioning`, `active`) at the job-open time: item codes in `epcList`,
///   batch and category codes in `quantityList` (class = lot or GTIN, quantity = copies), `readPoint` the production
///   line and `bizLocation` the producer (``EPCISIdentifiers/urn(_:_:)``: no GLN is known), the lot in `ilmd`;
/// - per flow record covering its codes: `shipping`/`in_transit` (producer-sale), `receiving`/`in_progress`
///   (seller-purchase) or `retail_selling`/`retail_sold` (seller-sale), OBSERVE, with the counterparty in
///   `destinationList`/`sourceList` and the flow record in `bizTransactionList`;
/// - per void: a `decommissioning`/`inactive` DELETE event with the reason in `tracelabel:voidReason`.
///
/// Extension fields use the prefix `tracelabel:` (``namespace``), declared in the document's `@context`.
public struct EPCISExport {
    /// The EPCIS 2.0 JSON-LD context.
    public static let context = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
    /// The namespace of TraceLabel's extension fields.
    public static let namespace = "urn:tracelabel:epcis:"

    public let source: ExportSource
    public let identifiers: EPCISIdentifiers
    /// `eventTimeZoneOffset` of every event (`+08:00`: China Standard Time), also the zone of flow times given without one.
    public let timeZoneOffset: String
    /// Leave out private data: flows their owner did not publish, void reasons, job ids.
    public let publicOnly: Bool
    public let now: Date

    public init(source: ExportSource, identifiers: EPCISIdentifiers, timeZoneOffset: String = "+08:00", publicOnly: Bool,
                now: Date = Date()) throws(ExportError) {
        let b = Array(timeZoneOffset.utf8)
        let digits = [1, 2, 4, 5].allSatisfy { b.count == 6 && b[$0] >= 0x30 && b[$0] <= 0x39 }
        guard digits, b[0] == 0x2B || b[0] == 0x2D, b[3] == 0x3A, let h = Int(timeZoneOffset.dropFirst().prefix(2)),
              let m = Int(timeZoneOffset.suffix(2)), h < 14 && m < 60 || h == 14 && m == 0 else {
            throw .badOption(option: "time_zone_offset", value: timeZoneOffset, rule: "must be ±hh:mm between -14:00 and +14:00, e.g. +08:00")
        }
        self.source = source
        self.identifiers = identifiers
        self.timeZoneOffset = timeZoneOffset
        self.publicOnly = publicOnly
        self.now = now
    }

    /// A date or date-time as EPCIS wants it (RFC 3339): a date gets midnight, a time without seconds `:00`, a time
    /// without a zone ``timeZoneOffset``.
    func eventTime(_ text: String) -> String {
        if text.count == 10 { return text + "T00:00:00" + timeZoneOffset }
        if text.count == 16 { return text + ":00" + timeZoneOffset }  // minutes without seconds
        if text.hasSuffix("Z") || text.dropFirst(19).contains(where: { $0 == "+" || $0 == "-" }) { return text }
        return text + timeZoneOffset
    }

    /// Writes the document; returns the number of events.
    @discardableResult
    public func write(to out: ExportOutput) throws -> Int {
        let context: [Any] = [Self.context, ["tracelabel": Self.namespace]]
        try out.write("{\"@context\":" + JSONFragment.text(context))
        try out.write(",\"creationDate\":" + JSONFragment.text(ISO8601DateFormatter().string(from: now)))
        try out.write(",\"epcisBody\":{\"eventList\":[")
        var voidsByCode: [String: [ExportSource.VoidRecord]] = [:]
        // By the spelling the void recorded (the code as registered): codes are streamed without parsing them.
        for v in source.voids { voidsByCode[v.code, default: []].append(v) }
        var events = 0
        func emit(_ event: [String: Any]) throws {
            try out.write((events == 0 ? "" : ",") + JSONFragment.text(event))
            events += 1
        }
        // One job at a time: its commissioning event is streamed code by code (an item job's `epcList` is written
        // between the halves of the event's JSON); only the codes a flow or a void is about are held until the job ends.
        var job: RegistryLedger.Job?, flows: [RegistryLedger.Flow] = []
        var flowCodes: [[ExportSource.IssuedCode]] = [], voided: [ExportSource.IssuedCode] = [], shared: [ExportSource.IssuedCode] = []
        var tail = "", first = true
        func finish() throws {
            guard let done = job else { return }
            if tail.isEmpty {
                try emit(commissioning(done, objects: try objects(shared)))
            } else {
                try out.write(tail)
            }
            for (flow, codes) in zip(flows, flowCodes) where !codes.isEmpty { try emit(flowEvent(flow, codes)) }
            for code in voided {
                for v in voidsByCode[code.code] ?? [] {
                    var event = try objects([code])
                    event["type"] = "ObjectEvent"
                    event["action"] = "DELETE"
                    event["bizStep"] = "decommissioning"
                    event["disposition"] = "inactive"
                    event["eventTime"] = eventTime(v.time ?? done.time ?? "")
                    event["eventTimeZoneOffset"] = timeZoneOffset
                    if !publicOnly { event["tracelabel:voidReason"] = v.reason }
                    try emit(event)
                }
            }
            (job, tail, shared, voided) = (nil, "", [], [])
        }
        try source.forEachCode(identities: false) { next, code in
            if next.id != job?.id {
                try finish()
                job = next
                flows = source.flows(ofJob: next.id).filter { !publicOnly || source.visibility(of: $0) == .public }
                flowCodes = flows.map { _ in [] }
                if next.mode == "item" {
                    // The event's JSON with an empty epcList, cut in two where the EPCs go (keys are sorted, so
                    // `"epcList":[]` appears once, before any value that could spell it).
                    let text = try JSONFragment.text(commissioning(next, objects: ["epcList": [String]()]))
                    let cut = text.range(of: "\"epcList\":[]")!
                    try out.write((events == 0 ? "" : ",") + text[..<cut.lowerBound] + "\"epcList\":[")
                    events += 1
                    tail = "]" + text[cut.upperBound...]
                    first = true
                }
            }
            if tail.isEmpty {
                shared.append(code)
            } else {
                var epc = first ? "" : ","
                JSONFragment.appendString(try identifiers.instance(code), to: &epc)
                try out.write(epc)
                first = false
            }
            if let entry = code.entry {
                for (i, flow) in flows.enumerated() where source.ledger.contains(flow.scope, entry) { flowCodes[i].append(code) }
                if entry.voided != nil { voided.append(code) }
            }
        }
        try finish()
        try out.write("]},\"schemaVersion\":\"2.0\",\"type\":\"EPCISDocument\"}\n")
        return events
    }

    /// The commissioning event of `job` with its `epcList` or `quantityList`.
    func commissioning(_ job: RegistryLedger.Job, objects: [String: Any]) throws -> [String: Any] {
        let snapshot = source.snapshot(of: job)
        var event = objects
        event["type"] = "ObjectEvent"
        event["action"] = "ADD"
        event["bizStep"] = "commissioning"
        event["disposition"] = "active"
        event["eventTime"] = eventTime(job.time ?? ISO8601DateFormatter().string(from: now))
        event["eventTimeZoneOffset"] = timeZoneOffset
        if let line = job.line { event["readPoint"] = ["id": EPCISIdentifiers.urn("line", line)] }
        if let uscc = snapshot["producer.uscc"] { event["bizLocation"] = ["id": EPCISIdentifiers.urn("party", uscc)] }
        if let lot = job.lot { event["ilmd"] = ["cbvmda:lotNumber": lot] }
        if !publicOnly { event["tracelabel:job"] = job.id }
        return event
    }

    /// `epcList` for item codes, `quantityList` for batch and category codes.
    func objects(_ codes: [ExportSource.IssuedCode], quantity: Int? = nil) throws(ExportError) -> [String: Any] {
        var epcs: [String] = [], quantities: [[String: Any]] = []
        for c in codes {
            if c.counter != nil || c.copies == nil {
                epcs.append(try identifiers.instance(c))
            } else {
                quantities.append(["epcClass": try identifiers.productClass(c), "quantity": quantity ?? c.copies ?? 1])
            }
        }
        var out: [String: Any] = [:]
        if !epcs.isEmpty || quantities.isEmpty { out["epcList"] = epcs }
        if !quantities.isEmpty { out["quantityList"] = quantities }
        return out
    }

    func flowEvent(_ flow: RegistryLedger.Flow, _ codes: [ExportSource.IssuedCode]) throws -> [String: Any] {
        // A flow about one batch or category code counts labels (its `count`); otherwise each code is one unit.
        let quantity = codes.count == 1 && codes[0].counter == nil && flow.count > 0 ? flow.count : nil
        var event = try objects(codes, quantity: quantity)
        event["type"] = "ObjectEvent"
        event["action"] = "OBSERVE"
        event["eventTime"] = eventTime(flow.at)
        event["eventTimeZoneOffset"] = timeZoneOffset
        if let time = flow.time { event["recordTime"] = time }
        let party = EPCISIdentifiers.urn("party", flow.party)
        let counterparty = EPCISIdentifiers.urn("counterparty", flow.counterparty)
        event["bizTransactionList"] = [["bizTransaction": EPCISIdentifiers.urn("flow", flow.id)]]
        switch flow.flow {
        case "producer-sale":
            event["bizStep"] = "shipping"
            event["disposition"] = "in_transit"
            event["readPoint"] = ["id": party]
            event["sourceList"] = [["type": "owning_party", "source": party]]
            event["destinationList"] = [["type": "owning_party", "destination": counterparty]]
        case "seller-purchase":
            event["bizStep"] = "receiving"
            event["disposition"] = "in_progress"
            event["bizLocation"] = ["id": party]
            event["sourceList"] = [["type": "owning_party", "source": counterparty]]
            event["destinationList"] = [["type": "owning_party", "destination": party]]
        default:
            event["bizStep"] = "retail_selling"
            event["disposition"] = "retail_sold"
            event["bizLocation"] = ["id": party]
            event["sourceList"] = [["type": "owning_party", "source": party]]
            event["destinationList"] = [["type": "owning_party", "destination": counterparty]]
        }
        var who: [String: String] = ["name": flow.counterparty]
        who["address"] = flow.address
        who["contact"] = flow.contact
        event["tracelabel:counterparty"] = who
        event["tracelabel:flow"] = flow.flow
        return event
    }
}
