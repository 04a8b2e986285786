/// The Application Identifiers TraceLabel knows.
///
/// Written as Swift data so `TraceCore` stays free of I/O; a test reads the GS1 Syntax Dictionary and checks
/// every entry here against it.
public enum ApplicationIdentifierTable {
    /// Looks up an AI by its digits.
    public static func definition(for ai: String) -> AIDefinition? { byAI[ai] }

    /// Every known definition, in AI order.
    public static var all: [AIDefinition] { entries }

    static let entries: [AIDefinition] = [
        AIDefinition("00", "SSCC", [AIComponent(.numeric, 18, 18, [.csum])], dlAttribute: false),
        AIDefinition("01", "GTIN", [AIComponent(.numeric, 14, 14, [.csum])], dlAttribute: false),
        AIDefinition("02", "CONTENT", [AIComponent(.numeric, 14, 14, [.csum])], dlAttribute: true),
        AIDefinition("10", "BATCH/LOT", [AIComponent(.cset82, 1, 20)], dlAttribute: false),
        AIDefinition("11", "PROD DATE", [AIComponent(.numeric, 6, 6, [.yymmd0])], dlAttribute: true),
        AIDefinition("13", "PACK DATE", [AIComponent(.numeric, 6, 6, [.yymmd0])], dlAttribute: true),
        AIDefinition("15", "BEST BEFORE or BEST BY", [AIComponent(.numeric, 6, 6, [.yymmd0])], dlAttribute: true),
        AIDefinition("16", "SELL BY", [AIComponent(.numeric, 6, 6, [.yymmd0])], dlAttribute: true),
        AIDefinition("17", "USE BY or EXPIRY", [AIComponent(.numeric, 6, 6, [.yymmd0])], dlAttribute: true),
        AIDefinition("21", "SERIAL", [AIComponent(.cset82, 1, 20)], dlAttribute: false),
        AIDefinition("22", "CPV", [AIComponent(.cset82, 1, 20)], dlAttribute: false),
        AIDefinition("240", "ADDITIONAL ID", [AIComponent(.cset82, 1, 30)], dlAttribute: true),
        AIDefinition("241", "CUST. PART No.", [AIComponent(.cset82, 1, 30)], dlAttribute: true),
        AIDefinition("90", "INTERNAL", [AIComponent(.cset82, 1, 30)], dlAttribute: true),
    ]

    static let byAI: [String: AIDefinition] = Dictionary(uniqueKeysWithValues: entries.map { ($0.ai, $0) })
}
