/// An SGTIN-96 EPC (GS1 EPC Tag Data Standard): a GTIN plus a numeric serial in 96 bits.
///
/// Layout: header `0x30` (8 bits) | filter (3) | partition (3) | company prefix + item reference (44) | serial (38).
public struct SGTIN96: Hashable, Sendable {
    /// The SGTIN-96 header byte.
    public static let header: UInt8 = 0x30
    /// The largest serial SGTIN-96 carries: 2^38 - 1.
    public static let maxSerial: UInt64 = (1 << 38) - 1

    /// Filter value 0-7 (1 = point-of-sale trade item).
    public let filter: Int
    /// The GS1 Company Prefix digits (6-12).
    public let companyPrefix: String
    /// Indicator digit followed by the item reference; company prefix + item reference = 13 digits.
    public let itemReference: String
    /// The serial as a number.
    public let serial: UInt64

    /// Partition value → (company prefix bits, digits, item reference bits, digits).
    static let partitions: [(cpBits: Int, cpDigits: Int, irBits: Int, irDigits: Int)] = [
        (40, 12, 4, 1), (37, 11, 7, 2), (34, 10, 10, 3), (30, 9, 14, 4), (27, 8, 17, 5), (24, 7, 20, 6), (20, 6, 24, 7),
    ]

    /// Builds the EPC for a GTIN and an AI 21 serial.
    /// - Parameters:
    ///   - companyPrefixLength: digits of the GS1 Company Prefix inside the GTIN (6-12); it is not derivable from the GTIN.
    ///   - filter: 0-7.
    /// - Throws: `EPCError` when the serial is not a decimal number without leading zeros up to 274877906943, or the
    ///   prefix length or filter is out of range.
    public init(gtin: GTIN, serial: String, companyPrefixLength: Int, filter: Int = 1) throws(EPCError) {
        guard (0...7).contains(filter) else { throw .filter(filter) }
        guard (6...12).contains(companyPrefixLength) else { throw .companyPrefixLength(companyPrefixLength) }
        let bytes = Array(serial.utf8)
        guard !bytes.isEmpty, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { throw .serialNotNumeric(serial) }
        guard bytes.count == 1 || bytes[0] != 0x30 else { throw .serialLeadingZero(serial) }
        guard bytes.count <= 12, let value = UInt64(serial), value <= Self.maxSerial else { throw .serialTooLarge(serial) }
        let d = Array(gtin.digits14)
        self.filter = filter
        self.companyPrefix = String(d[1..<(1 + companyPrefixLength)])
        self.itemReference = String(d[0]) + String(d[(1 + companyPrefixLength)..<13])
        self.serial = value
    }

    /// Decodes 24 hexadecimal digits.
    public init(hex: String) throws(EPCError) {
        let h = Array(hex.utf8)
        guard h.count == 24 else { throw .hex(hex, "24 hexadecimal digits (96 bits)") }
        var bits: [Bool] = []
        bits.reserveCapacity(96)
        for c in h {
            guard let v = DigitalLink.hexValue(c) else { throw .hex(hex, "hexadecimal digits 0-9 A-F") }
            for k in stride(from: 3, through: 0, by: -1) { bits.append(v >> UInt8(k) & 1 == 1) }
        }
        func read(_ from: Int, _ n: Int) -> UInt64 {
            var x: UInt64 = 0
            for i in from..<(from + n) { x = x << 1 | (bits[i] ? 1 : 0) }
            return x
        }
        guard read(0, 8) == UInt64(Self.header) else { throw .hex(hex, "header 0x30 (SGTIN-96), found 0x\(hex.prefix(2))") }
        let partition = Int(read(11, 3))
        guard partition < 7 else { throw .hex(hex, "partition 0-6, found \(partition)") }
        let p = Self.partitions[partition]
        let cp = read(14, p.cpBits), ir = read(14 + p.cpBits, p.irBits)
        let cpText = String(cp), irText = String(ir)
        guard cpText.count <= p.cpDigits, irText.count <= p.irDigits else {
            throw .hex(hex, "a company prefix of \(p.cpDigits) and an item reference of \(p.irDigits) digits")
        }
        filter = Int(read(8, 3))
        companyPrefix = String(repeating: "0", count: p.cpDigits - cpText.count) + cpText
        itemReference = String(repeating: "0", count: p.irDigits - irText.count) + irText
        serial = read(58, 38)
    }

    /// The 14-digit GTIN with its check digit recomputed.
    public var gtin: GTIN {
        let body = String(itemReference.prefix(1)) + companyPrefix + String(itemReference.dropFirst())
        // swiftlint:disable:next force_try
        return try! GTIN(body + String(GS1CheckDigit.compute(body)!))
    }

    /// The 24 hexadecimal digits, upper case.
    public var hex: String {
        let partition = Self.partitions.firstIndex { $0.cpDigits == companyPrefix.count }!
        let p = Self.partitions[partition]
        var bits: [Bool] = []
        func write(_ value: UInt64, _ n: Int) { for k in stride(from: n - 1, through: 0, by: -1) { bits.append(value >> UInt64(k) & 1 == 1) } }
        write(UInt64(Self.header), 8)
        write(UInt64(filter), 3)
        write(UInt64(partition), 3)
        write(UInt64(companyPrefix)!, p.cpBits)
        write(UInt64(itemReference)!, p.irBits)
        write(serial, 38)
        let digits = Array("0123456789ABCDEF")
        var out = ""
        for i in stride(from: 0, to: 96, by: 4) {
            out.append(digits[(bits[i] ? 8 : 0) + (bits[i + 1] ? 4 : 0) + (bits[i + 2] ? 2 : 0) + (bits[i + 3] ? 1 : 0)])
        }
        return out
    }

    /// `urn:epc:id:sgtin:0614141.812345.6789`.
    public var pureIdentityURI: String { "urn:epc:id:sgtin:\(companyPrefix).\(itemReference).\(serial)" }

    /// `urn:epc:tag:sgtin-96:3.0614141.812345.6789`.
    public var tagURI: String { "urn:epc:tag:sgtin-96:\(filter).\(companyPrefix).\(itemReference).\(serial)" }

    /// The pure-identity URI for any AI 21 serial (not only those SGTIN-96 can carry), escaping `"%&/<>?` as `%XX`.
    public static func pureIdentityURI(gtin: GTIN, serial: String, companyPrefixLength: Int) throws(EPCError) -> String {
        guard (6...12).contains(companyPrefixLength) else { throw .companyPrefixLength(companyPrefixLength) }
        let d = Array(gtin.digits14)
        var escaped = ""
        for ch in serial {
            switch ch {
            case "\"": escaped += "%22"
            case "%": escaped += "%25"
            case "&": escaped += "%26"
            case "/": escaped += "%2F"
            case "<": escaped += "%3C"
            case ">": escaped += "%3E"
            case "?": escaped += "%3F"
            default: escaped.append(ch)
            }
        }
        return "urn:epc:id:sgtin:\(String(d[1..<(1 + companyPrefixLength)])).\(String(d[0]) + String(d[(1 + companyPrefixLength)..<13])).\(escaped)"
    }
}

/// Why an EPC could not be built or decoded.
public enum EPCError: Error, Equatable, Sendable, CustomStringConvertible {
    case serialNotNumeric(String)
    case serialLeadingZero(String)
    case serialTooLarge(String)
    case companyPrefixLength(Int)
    case filter(Int)
    case hex(String, String)

    /// A stable identifier for machines and logs.
    public var id: String {
        switch self {
        case .serialNotNumeric: "EPC-SERIAL-DIGITS"
        case .serialLeadingZero: "EPC-SERIAL-LEADING-ZERO"
        case .serialTooLarge: "EPC-SERIAL-RANGE"
        case .companyPrefixLength: "EPC-GCP-LENGTH"
        case .filter: "EPC-FILTER"
        case .hex: "EPC-HEX"
        }
    }

    /// The message for a line engineer: the serial or value and why SGTIN-96 refuses it.
    public var description: String {
        switch self {
        case .serialNotNumeric(let s):
            "serial '\(s)' cannot go in SGTIN-96: it carries decimal digits only (use SGTIN-198 for letters)"
        case .serialLeadingZero(let s):
            "serial '\(s)' cannot go in SGTIN-96: a leading zero would be lost (the serial is stored as a number)"
        case .serialTooLarge(let s):
            "serial '\(s)' cannot go in SGTIN-96: the largest serial is 274877906943 (2^38 - 1)"
        case .companyPrefixLength(let n): "GS1 Company Prefix length \(n) is not possible: expected 6-12 digits"
        case .filter(let f): "EPC filter value \(f) is out of range: expected 0-7"
        case .hex(let h, let rule): "SGTIN-96 '\(h)' is not valid: expected \(rule)"
        }
    }
}
