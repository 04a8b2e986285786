/// A validated GS1 element string: AI/value pairs in carrier order, with their encoded and HRI forms.
///
/// The data form begins after the FNC1-in-first-position (which a carrier signals itself) and puts
/// GS (0x1D) after every element whose AI is outside the predefined-length table, except the last.
public struct ElementString: Hashable, Sendable {
    /// The group separator a scanner sends for FNC1 separators.
    public static let groupSeparator: Character = "\u{1D}"

    /// The pairs, in the order they are encoded.
    public let elements: [AIElement]

    /// Validates every pair and the association rules (requisites, exclusions, repeated AIs), keeping their order.
    /// - Throws: `GS1Error` for the first pair or rule that is broken.
    public init(_ elements: [AIElement]) throws(GS1Error) {
        // Errors are thrown straight out of the closure (typed throws) rather than kept in an optional and thrown
        // after it: copying an optional error in and out goes through value witnesses on every call.
        try withUnsafeTemporaryAllocation(of: Int.self, capacity: max(elements.count, 1)) { buffer throws(GS1Error) in
            // Plain-data lookups first: most values pass the one-pass check and never touch a definition object.
            let info = ApplicationIdentifierTable.info
            for i in 0..<elements.count {
                guard let slot = ApplicationIdentifierTable.slot(for: elements[i].ai), info[slot].isKnown else {
                    let ai = elements[i].ai
                    throw GS1Error(.unknownAI, ai: ai, found: "AI '\(ai)'", expected: "an AI from the GS1 Syntax Dictionary")
                }
                buffer[i] = slot
                if let format = info[slot].quickFormat,
                   UTF8Writer.withBytes(of: elements[i].value, { AIValidation.passesQuickly($0, format) }) {
                    continue
                }
                try AIValidation.validateFully(elements[i], against: ApplicationIdentifierTable.slots[slot]!)
            }
            try AIAssociations.check(elements, slots: UnsafeBufferPointer(rebasing: buffer[0..<elements.count]))
        }
        self.elements = elements
    }

    /// Validates the values only, without the association rules: for one carrier of an item whose other AIs are
    /// on another carrier.
    public init(carrierPart elements: [AIElement]) throws(GS1Error) {
        for element in elements { try AIValidation.validate(element) }
        self.elements = elements
    }

    /// The data as a carrier holds it, with GS separators and no leading FNC1.
    public var data: String {
        // Elements are read by index throughout (not `for e in elements`): a copied element costs a reference count
        // per string, which is a good part of these few-byte writes.
        var capacity = 0
        for i in elements.indices { capacity += elements[i].ai.utf8.count + elements[i].value.utf8.count + 1 }
        return UTF8Writer.string(capacity: capacity) { w in
            let last = elements.count - 1
            for i in elements.indices {
                // The separator depends on the AI's first two digits (the predefined-length table): read them back
                // from the output rather than reading the AI string a second time.
                let start = w.count
                w.write(elements[i].ai)
                let predefined = w.count - start >= 2
                    && PredefinedLength.dataLength(first: w.base[start], second: w.base[start + 1]) != nil
                w.write(elements[i].value)
                if i < last, !predefined { w.byte(0x1D) }
            }
        }
    }

    /// The data with the separator shown as `<GS>`, for people.
    public var dataForDisplay: String {
        var out = ""
        for ch in data { if ch == ElementString.groupSeparator { out += "<GS>" } else { out.append(ch) } }
        return out
    }

    /// Human-readable interpretation: `(01)09520123456788(21)A1`. Parentheses inside values are escaped as `\(`.
    public var hri: String {
        var capacity = 0
        for i in elements.indices { capacity += elements[i].ai.utf8.count + 2 * elements[i].value.utf8.count + 2 }
        return UTF8Writer.string(capacity: capacity) { w in
            for i in elements.indices {
                w.byte(0x28)
                w.write(elements[i].ai)
                w.byte(0x29)
                w.writeEscapingParentheses(elements[i].value)
            }
        }
    }

    /// The value of the first element with `ai`, if present.
    public func value(of ai: String) -> String? { elements.first { $0.ai == ai }?.value }
}
