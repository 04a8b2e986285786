/// The GS1 association rules over all AIs on one item: requisites (`req`), mutual exclusions (`ex`) and repeated AIs.
///
/// GS1 applies them to the data of every carrier on the item combined; check the combined set, not each carrier.
public enum AIAssociations {
    /// Validates the associations of `elements`. Each AI must be known (validate the values first).
    /// - Throws: the first broken rule, naming the AI concerned and the AIs it needs or conflicts with.
    public static func validate(_ elements: [AIElement]) throws(GS1Error) {
        let count = elements.count
        try withUnsafeTemporaryAllocation(of: Int.self, capacity: max(count, 1)) { buffer throws(GS1Error) in
            for (i, e) in elements.enumerated() { buffer[i] = ApplicationIdentifierTable.slot(for: e.ai) ?? -1 }
            try check(elements, slots: UnsafeBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    /// The rules over `elements` whose table slots are `slots` (-1 for an unknown AI, which has no rules).
    static func check(_ elements: [AIElement], slots: UnsafeBufferPointer<Int>) throws(GS1Error) {
        let table = ApplicationIdentifierTable.slots
        // Repeated AIs must carry equal values.
        for i in 1..<max(slots.count, 1) {
            for j in 0..<i where slots[i] >= 0 && slots[i] == slots[j] && elements[i].value != elements[j].value {
                throw GS1Error(.repeatedDiffers, ai: elements[i].ai,
                                found: "(\(elements[i].ai))\(elements[i].value) after (\(elements[j].ai))\(elements[j].value)",
                                expected: "a repeated AI to carry the same value")
            }
        }
        for i in 0..<slots.count {
            let own = slots[i]
            guard own >= 0, let definition = table[own] else { continue }
            let excluded = definition.excludedSlots
            for p in 0..<excluded.count {
                let range = excluded[p]
                for j in 0..<slots.count where slots[j] != own && range.contains(slots[j]) {
                    let element = elements[i]
                    throw GS1Error(.mutuallyExclusive, ai: element.ai, found: "(\(element.ai)) together with (\(elements[j].ai))",
                                    expected: "(\(element.ai)) never together with \(describe(definition.excludes[p]))")
                }
            }
            let ranges = definition.requiredRanges, altEnds = definition.requiredAlternativeEnds
            let groupEnds = definition.requiredGroupEnds
            var r = 0, a = 0
            for g in 0..<groupEnds.count {
                var met = false
                while a < groupEnds[g] {
                    var all = true
                    while r < altEnds[a] {
                        if all {
                            let range = ranges[r]
                            var present = false
                            for s in slots where range.contains(s) { present = true; break }
                            all = present
                        }
                        r += 1
                    }
                    a += 1
                    if all {
                        // Met: skip the group's remaining alternatives.
                        met = true
                        r = altEnds[groupEnds[g] - 1]
                        a = groupEnds[g]
                    }
                }
                if !met {
                    let element = elements[i]
                    let words = definition.requires[g].map { $0.map(describe).joined(separator: " + ") }.joined(separator: " or ")
                    throw GS1Error(.missingRequisite, ai: element.ai, found: "(\(element.ai)) without " + words,
                                    expected: "(\(element.ai)) to come with " + words)
                }
            }
        }
    }

    /// True when `ai` matches a dictionary pattern such as `01`, `310n` or `31nn` (`n` is any digit).
    public static func matches(_ ai: String, _ pattern: String) -> Bool {
        var a = ai.utf8.makeIterator(), p = pattern.utf8.makeIterator()
        while true {
            switch (a.next(), p.next()) {
            case (nil, nil): return true
            case let (x?, y?):
                if y == 0x6E { if !(x >= 0x30 && x <= 0x39) { return false } } else if x != y { return false }
            default: return false
            }
        }
    }

    /// `(01)`, or `(310n)` for a pattern.
    static func describe(_ pattern: String) -> String { "(\(pattern))" }
}
