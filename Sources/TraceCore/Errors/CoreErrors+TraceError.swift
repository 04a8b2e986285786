// TraceCore's refusals in the one error model: every one is a fault of the data given (a code, an identifier, a
// product file's setting), so every one is `.invalidData`.

/// `CCC certificate number` → `ccc_certificate_number`: the neutral field name of a thing named in words.
func fieldName(of what: String) -> String {
    what.lowercased().replacingOccurrences(of: " ", with: "_")
}

extension GTINError: TraceError {
    public var field: String { "gtin" }
    public var value: String {
        switch self {
        case .empty: ""
        case .notDigits(let v), .wrongLength(let v, _), .checkDigit(let v, _, _): v
        }
    }
    public var rule: String {
        switch self {
        case .empty, .notDigits, .wrongLength: "8, 12, 13 or 14 digits 0-9"
        case .checkDigit(_, _, let expected): "check digit \(expected) (GS1 mod-10)"
        }
    }
    public var category: ErrorCategory { .invalidData }
}

extension USCCError: TraceError {
    public var field: String { "uscc" }
    public var value: String {
        switch self {
        case .wrongLength(let v, _), .badCharacter(let v, _, _), .checkCharacter(let v, _, _): v
        }
    }
    public var rule: String {
        switch self {
        case .wrongLength: "18 characters"
        case .badCharacter: "0-9 and A-Z without I, O, S, V, Z (positions 3-8 digits only)"
        case .checkCharacter(_, _, let expected): "check character '\(expected)' (GB 32100 mod 31)"
        }
    }
    public var category: ErrorCategory { .invalidData }
}

extension IdentifierError: TraceError {
    public var field: String { fieldName(of: what) }
    public var category: ErrorCategory { .invalidData }
}

extension GS1KeyError: TraceError {
    public var field: String { fieldName(of: what) }
    public var category: ErrorCategory { .invalidData }
}

extension GS1Error: TraceError {
    /// `ai:17` for a value's AI, `gs1` for a fault of the input as a whole.
    public var field: String { ai.map { "ai:\($0)" } ?? "gs1" }
    public var value: String { found }
    public var rule: String { "expected \(expected)" }
    public var category: ErrorCategory { .invalidData }
}

extension EcodeError: TraceError {
    public var field: String { "ecode" }
    public var value: String {
        switch self {
        case .empty: ""
        case .version(let v, _), .character(let v, _, _), .length(let v, _, _), .gs1(let v, _): v
        }
    }
    public var rule: String {
        switch self {
        case .empty: "must not be empty"
        case .version: "version 1, 2 or 3 (or ecode:v0:gs1: followed by GS1 HRI for version 0)"
        case .character(_, let p, let allowed): "character \(p) must be one of \(allowed)"
        case .length(_, _, let rule): rule
        case .gs1(_, let e): "wraps valid GS1 data: \(e)"
        }
    }
    public var category: ErrorCategory { .invalidData }
}

extension EcodeLayoutError: TraceError {
    public var id: String { "ECODE-MD-LAYOUT" }
    public var field: String { "code.ecode.md" }
    public var value: String {
        switch self { case .syntax(let md, _): md }
    }
    public var rule: String {
        switch self { case .syntax(_, let rule): rule }
    }
    public var category: ErrorCategory { .invalidData }
}

extension LotFormat.FormatError: TraceError {
    public var id: String { "LOT-FORMAT" }
    public var field: String { "code.lot_format" }
    public var category: ErrorCategory { .invalidData }
}

extension SerialFormat.FormatError: TraceError, CustomStringConvertible {
    public var description: String { "\(field): '\(value)': \(rule)" }
    public var category: ErrorCategory { .invalidData }
}

extension ProductValidationError: TraceError {
    /// The first finding's id; the message lists them all.
    public var id: String { findings.first?.id ?? "PRODUCT-INVALID" }
    public var field: String { findings.first?.field ?? "product" }
    public var value: String { findings.first?.value ?? "" }
    public var rule: String { findings.first?.rule ?? "the product file has problems" }
    public var category: ErrorCategory { .invalidData }
}

extension EPCError: TraceError {
    public var field: String {
        switch self {
        case .serialNotNumeric, .serialLeadingZero, .serialTooLarge: "serial"
        case .companyPrefixLength: "gcp_length"
        case .filter: "filter"
        case .hex: "epc"
        }
    }
    public var value: String {
        switch self {
        case .serialNotNumeric(let s), .serialLeadingZero(let s), .serialTooLarge(let s), .hex(let s, _): s
        case .companyPrefixLength(let n), .filter(let n): String(n)
        }
    }
    public var rule: String {
        switch self {
        case .serialNotNumeric: "decimal digits only in SGTIN-96 (use SGTIN-198 for letters)"
        case .serialLeadingZero: "no leading zero in SGTIN-96 (the serial is stored as a number)"
        case .serialTooLarge: "at most 274877906943 (2^38 - 1) in SGTIN-96"
        case .companyPrefixLength: "6-12 digits"
        case .filter: "0-7"
        case .hex(_, let rule): rule
        }
    }
    public var category: ErrorCategory { .invalidData }
}
