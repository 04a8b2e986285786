import Foundation

/// The event time of a flow (`at`): the date or date-time the party gives, kept as written.
///
/// Accepted: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM[:SS[.fff]]` with `Z` or `±HH:MM`. A date-time without a zone is
/// refused (a registry read on another machine must mean the same instant). Never in the future: a date-time after
/// `now`, or a date after today's date in China (UTC+8, the regulation's clock).
public enum FlowTime {
    /// Checks `text`; throws a ``FlowError`` for field `at` naming the rule.
    public static func validate(_ text: String, now: Date) throws(FlowError) {
        if let day = date(text) {
            var china = Calendar(identifier: .gregorian)
            china.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
            let today = china.startOfDay(for: now)
            guard day <= today else {
                throw FlowError(field: "at", value: text, rule: "is after today's date in China (UTC+8): a flow cannot be recorded before it happens")
            }
            return
        }
        guard let instant = dateTime(text) else {
            throw FlowError(field: "at", value: text, rule: "must be a date YYYY-MM-DD or a date-time with a zone, e.g. 2026-11-28T14:30:00+08:00")
        }
        guard instant <= now else {
            throw FlowError(field: "at", value: text, rule: "is in the future: a flow cannot be recorded before it happens")
        }
    }

    /// `YYYY-MM-DD` as the start of that day in UTC+8, or nil.
    static func date(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              b.enumerated().allSatisfy({ [4, 7].contains($0.offset) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0.element) }) else { return nil }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        f.dateFormat = "yyyy-MM-dd"
        f.isLenient = false
        // DateFormatter accepts 2026-02-30 on some platforms: a round trip proves the date exists.
        guard let d = f.date(from: text), f.string(from: d) == text else { return nil }
        return d
    }

    /// A date-time with a zone, or nil.
    static func dateTime(_ text: String) -> Date? {
        let shape = #/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/#
        guard text.wholeMatch(of: shape) != nil else { return nil }
        var normalized = text
        // ISO8601DateFormatter wants seconds; fractional seconds need their own option.
        if text.wholeMatch(of: #/^.{16}(Z|[+-].*)$/#) != nil { normalized.insert(contentsOf: ":00", at: text.index(text.startIndex, offsetBy: 16)) }
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let d = plain.date(from: normalized) { return d }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: normalized)
    }
}
