/// How a counter value becomes an AI (21) serial: an optional prefix and a zero-padded decimal counter.
public struct SerialFormat: Hashable, Sendable {
    /// Printed before the counter; CSET 82.
    public let prefix: String
    /// Digits of the counter, zero-padded; prefix + width is at most 20 (AI 21's limit).
    public let width: Int

    /// Ten digits, no prefix: ten billion serials per GTIN.
    public static let `default` = SerialFormat(uncheckedPrefix: "", width: 10)

    /// A bad serial format setting, named by its product-file field.
    public struct FormatError: Error, Sendable {
        public let id: String
        public let field: String
        public let value: String
        public let rule: String
    }

    init(uncheckedPrefix: String, width: Int) {
        prefix = uncheckedPrefix
        self.width = width
    }

    /// Validates a prefix and a width given as text (as a product file holds them).
    public init(prefix: String, widthText: String?) throws(FormatError) {
        var width = SerialFormat.default.width
        if let widthText {
            guard let w = Int(widthText), (1...20).contains(w) else {
                throw FormatError(id: "SERIAL-WIDTH", field: "code.serial_width", value: widthText, rule: "must be a whole number 1-20")
            }
            width = w
        }
        if let bad = prefix.utf8.firstIndex(where: { !GS1CharacterSet.cset82.contains($0) }) {
            let pos = prefix.utf8.distance(from: prefix.utf8.startIndex, to: bad) + 1
            throw FormatError(id: "SERIAL-PREFIX", field: "code.serial_prefix", value: prefix,
                              rule: "character \(pos) is not GS1 CSET 82 (A-Z a-z 0-9 and !\"%&'()*+,-./:;<=>?_)")
        }
        guard prefix.utf8.count + width <= 20 else {
            throw FormatError(id: "SERIAL-LENGTH", field: "code.serial_width", value: String(width),
                              rule: "prefix '\(prefix)' (\(prefix.utf8.count)) plus \(width) digits exceeds AI (21)'s 20 characters")
        }
        self.prefix = prefix
        self.width = width
    }

    /// The largest counter the width can print.
    public var maxCounter: UInt64 {
        var m: UInt64 = 1
        for _ in 0..<min(width, 19) { m *= 10 }
        return m - 1
    }

    /// The serial for `counter`, which must be ≤ ``maxCounter``.
    public func serial(for counter: UInt64) -> String {
        let digits = String(counter)
        return prefix + String(repeating: "0", count: max(0, width - digits.utf8.count)) + digits
    }
}
