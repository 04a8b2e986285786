import Foundation

/// A period of registry time given by a person (`--from`, `--to`): a date (`2026-11-27`: the whole UTC day) or an
/// ISO 8601 date-time with its zone, turned into the registry's UTC form so records compare as text.
public struct TimeWindow: Sendable, Equatable {
    /// Why a bound was refused.
    public struct WindowError: Error, Sendable, CustomStringConvertible {
        public let field: String
        public let value: String
        public let rule: String
        /// For a `from` after the `to`: the other bound's field and value, which the message names too.
        public var other: (field: String, value: String)?
        public var description: String { message(naming: { $0 }) }
    }

    /// Inclusive bounds in the registry's form (`2026-11-27T00:00:00Z`).
    public let from: String?
    public let to: String?

    /// Reads the bounds; refuses text that is not a date or a zoned date-time, and a `from` after the `to`.
    public init(from: String?, to: String?, fromField: String = "from", toField: String = "to") throws(WindowError) {
        self.from = try from.map { v throws(WindowError) in try TimeWindow.utc(v, field: fromField, endOfDay: false) }
        self.to = try to.map { v throws(WindowError) in try TimeWindow.utc(v, field: toField, endOfDay: true) }
        if let a = self.from, let b = self.to, a > b {
            throw WindowError(field: fromField, value: from ?? "", rule: "is after \(toField) '\(to ?? "")': the period would be empty",
                              other: (toField, to ?? ""))
        }
    }

    /// Whether a record's time lies in the window (a record without a time lies in no bounded window).
    public func contains(_ time: String?) -> Bool {
        guard from != nil || to != nil else { return true }
        guard let time else { return false }
        if let from, time < from { return false }
        if let to, time > to { return false }
        return true
    }

    static func utc(_ text: String, field: String, endOfDay: Bool) throws(WindowError) -> String {
        let out = ISO8601DateFormatter()
        out.formatOptions = [.withInternetDateTime]
        if text.count == 10 {
            let day = ISO8601DateFormatter()
            day.formatOptions = [.withFullDate]
            if let date = day.date(from: text), day.string(from: date) == text {
                return text + (endOfDay ? "T23:59:59Z" : "T00:00:00Z")
            }
        } else {
            let zoned = ISO8601DateFormatter()
            zoned.formatOptions = [.withInternetDateTime]
            if let date = zoned.date(from: text) { return out.string(from: date) }
        }
        throw WindowError(field: field, value: text,
                          rule: "must be a date (2026-11-27, the whole UTC day) or a date-time with its zone (2026-11-27T06:00:00Z, 2026-11-27T14:00:00+08:00)")
    }
}
