/// The Application Identifiers TraceCore knows: every AI of the GS1 Syntax Dictionary.
///
/// Built from `ApplicationIdentifierDictionary` (generated Swift data), so `TraceCore` stays free of I/O; a test reads
/// the GS1 Syntax Dictionary and checks every entry against it.
public enum ApplicationIdentifierTable {
    /// Looks up an AI by its digits.
    @inlinable
    public static func definition(for ai: String) -> AIDefinition? {
        guard let slot = slot(for: ai) else { return nil }
        return slots[slot]
    }

    /// Looks up an AI given as ASCII digit bytes.
    public static func definition<C: Collection>(forBytes ai: C) -> AIDefinition? where C.Element == UInt8 {
        guard let slot = slot(bytes: ai) else { return nil }
        return slots[slot]
    }

    /// Every known definition, in AI order.
    public static var all: [AIDefinition] { entries }

    static let entries: [AIDefinition] = ApplicationIdentifierDictionary.entries.flatMap { entry in
        entry.ais.map {
            AIDefinition($0, entry.title, entry.components, dlAttribute: entry.isDigitalLinkAttribute,
                         requires: entry.requires, excludes: entry.excludes, dlPrimaryKey: entry.dlPrimaryKey)
        }
    }

    /// Direct-indexed table: 2-digit AIs at 0-99, 3-digit at 100-1099, 4-digit at 1100-11099.
    @usableFromInline
    static let slots: [AIDefinition?] = {
        var table = [AIDefinition?](repeating: nil, count: 11_100)
        for d in entries { table[slot(for: d.ai)!] = d }
        return table
    }()

    /// What the per-code paths (`ElementString(_:)`, `DigitalLink.uri`) read of each slot, as plain data: a read
    /// takes no reference count, where reading `slots` retains and releases a definition each time.
    struct SlotInfo: Sendable {
        var isKnown = false
        var quickFormat: QuickFormat?
        var isDigitalLinkPrimaryKey = false
        var isDigitalLinkAttribute = false
    }

    /// `SlotInfo` by slot, like `slots`.
    static let info: [SlotInfo] = slots.map { d in
        guard let d else { return SlotInfo() }
        return SlotInfo(isKnown: true, quickFormat: d.quickFormat, isDigitalLinkPrimaryKey: d.isDigitalLinkPrimaryKey,
                        isDigitalLinkAttribute: d.isDigitalLinkAttribute)
    }

    /// Every AI that is a qualifier of some primary key.
    static let qualifierAIs: Set<String> = Set(entries.flatMap { ($0.digitalLinkQualifiers ?? []).joined() })

    @usableFromInline
    static func slot(for ai: String) -> Int? {
        guard let slot = ai.utf8.withContiguousStorageIfAvailable({ b -> Int? in
            var value = 0
            for byte in b {
                let d = byte &- 0x30
                guard d <= 9 else { return nil }
                value = value &* 10 &+ Int(d)
            }
            switch b.count {
            case 2: return value
            case 3: return 100 + value
            case 4: return 1100 + value
            default: return nil
            }
        }) else { return slot(bytes: ai.utf8) }
        return slot
    }

    static func slot<C: Collection>(bytes: C) -> Int? where C.Element == UInt8 {
        var value = 0
        var count = 0
        for b in bytes {
            guard b >= 0x30, b <= 0x39, count < 4 else { return nil }
            value = value * 10 + Int(b - 0x30)
            count += 1
        }
        switch count {
        case 2: return value
        case 3: return 100 + value
        case 4: return 1100 + value
        default: return nil
        }
    }
}
