/// The GS1 mod-10 check digit shared by GTIN, SSCC, GLN and the other numeric keys.
public enum GS1CheckDigit {
    /// Computes the check digit for `body` (the digits without their check digit).
    ///
    /// Weights run 3, 1, 3, … from the rightmost body digit, so one routine serves
    /// GTIN-8/12/13/14, GLN (13) and SSCC (18).
    /// - Returns: the check digit 0…9, or `nil` when `body` is empty or holds a non-digit.
    public static func compute<S: StringProtocol>(_ body: S) -> Int? {
        var sum = 0
        var weight = 3
        var count = 0
        for byte in body.utf8.reversed() {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            sum += Int(byte - 0x30) * weight
            weight = 4 - weight
            count += 1
        }
        guard count > 0 else { return nil }
        return (10 - sum % 10) % 10
    }

    /// True when the last digit of `key` is the correct check digit for the digits before it.
    public static func isValid<S: StringProtocol>(_ key: S) -> Bool {
        let bytes = Array(key.utf8)
        guard bytes.count >= 2, let last = bytes.last, last >= 0x30, last <= 0x39 else { return false }
        return compute(String(decoding: bytes.dropLast(), as: UTF8.self)) == Int(last - 0x30)
    }
}
