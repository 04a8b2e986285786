/// A Serial Shipping Container Code: 18 digits (extension digit, GS1 Company Prefix, serial reference, check digit).
public struct SSCC: Hashable, Sendable, CustomStringConvertible {
    /// The 18 digits.
    public let digits: String

    /// Parses 18 digits and checks the mod-10 check digit.
    public init(_ text: String) throws(GS1KeyError) {
        digits = try GS1KeyError.checkedKey(text, what: "SSCC", length: 18)
    }

    public var description: String { digits }
}

/// A Global Location Number: 13 digits with a mod-10 check digit (AIs 410-417).
public struct GLN: Hashable, Sendable, CustomStringConvertible {
    /// The 13 digits.
    public let digits: String

    /// Parses 13 digits and checks the mod-10 check digit.
    public init(_ text: String) throws(GS1KeyError) {
        digits = try GS1KeyError.checkedKey(text, what: "GLN", length: 13)
    }

    public var description: String { digits }
}

extension GTIN {
    /// True for the GS1 demonstration prefix 952: fine in tests and samples, never on goods.
    public var isDemo: Bool { prefixClass == .demo }

    /// This GTIN, if it may identify a trade item: restricted-circulation (020-029, 040-049, 200-299; GS1-8 0xx/2xx)
    /// and ISSN/ISBN/refund/coupon prefixes are refused. Check `isDemo` for the demonstration prefix.
    public func checkedForTradeItem() throws(GS1KeyError) -> GTIN {
        switch prefixClass {
        case .restricted:
            throw GS1KeyError(id: "GTIN-RESTRICTED", what: "GTIN", value: digits14,
                              rule: "a GS1 prefix outside restricted circulation (020-029, 040-049, 200-299); found \(gs1Prefix)")
        case .nonTrade:
            throw GS1KeyError(id: "GTIN-NON-TRADE", what: "GTIN", value: digits14,
                              rule: "a GS1 prefix for trade items, not ISSN/ISBN (977-979) or refunds/coupons (980-984, 99x); found \(gs1Prefix)")
        case .global, .china, .demo:
            return self
        }
    }
}

/// Why a GS1 key (SSCC, GLN, or a GTIN's prefix) was refused: the key, the value and the rule.
public struct GS1KeyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Stable id, e.g. `SSCC-CHECK`.
    public let id: String
    /// What the value was meant to be.
    public let what: String
    /// The value as given.
    public let value: String
    /// The rule, as what was expected.
    public let rule: String

    /// An error naming the key, the value and the rule.
    public init(id: String, what: String, value: String, rule: String) {
        self.id = id
        self.what = what
        self.value = value
        self.rule = rule
    }

    public var description: String { "\(what) '\(value)' is not valid: expected \(rule)" }

    static func checkedKey(_ text: String, what: String, length: Int) throws(GS1KeyError) -> String {
        let tag = what.uppercased()
        guard text.utf8.count == length, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw GS1KeyError(id: "\(tag)-FORMAT", what: what, value: text, rule: "\(length) digits")
        }
        guard GS1CheckDigit.isValid(text) else {
            let expected = GS1CheckDigit.compute(text.dropLast())!
            throw GS1KeyError(id: "\(tag)-CHECK", what: what, value: text,
                              rule: "check digit \(expected) (GS1 mod-10), found \(text.last!)")
        }
        return text
    }
}
