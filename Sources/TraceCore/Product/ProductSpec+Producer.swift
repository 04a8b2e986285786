extension ProductSpec {
    /// The producer: from the party file `producer: <file>` names (validated by its loader), or the inline
    /// `producer:` section. Never both: data registered once is not repeated, and silently preferring one would
    /// print the other's mistakes.
    static func validatedProducer(fields: [String: String], text: (String) -> String?, documents: [String: DocumentDigest],
                                  registered: PartySpec?, findings: inout [ProductFinding]) -> PartySpec? {
        let inline = fields.keys.filter { $0.hasPrefix("producer.") }.sorted()
        if let file = text("producer") {
            for key in inline {
                findings.append(ProductFinding(id: "PRODUCER-TWICE", field: key, value: fields[key],
                                               rule: "is set here although producer names the party file '\(file)': keep producer data in that file only"))
            }
            if fields["visibility.flows"] != nil {
                findings.append(ProductFinding(id: "PRODUCER-TWICE", field: "visibility.flows", value: fields["visibility.flows"],
                                               rule: "is the producer's choice: set it in the party file '\(file)'"))
            }
            guard let registered else {
                findings.append(ProductFinding(id: "PRODUCER-FILE", field: "producer", value: file,
                                               rule: "names a party file that was not loaded"))
                return nil
            }
            guard registered.role == .producer else {
                findings.append(ProductFinding(id: "PRODUCER-ROLE", field: "producer", value: file,
                                               rule: "names a party file whose party.role is \(registered.role.rawValue); a product's producer must be a producer"))
                return nil
            }
            return registered
        }
        return PartySpec.validated(prefix: "producer", role: .producer, text: text, digests: documents, findings: &findings)
    }
}
