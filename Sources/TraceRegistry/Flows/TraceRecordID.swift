import Foundation

/// Ids of the records that are not issue jobs: `F…` for a flow command (`flow add`, one `flow import` file), `C…`
/// for a recall. The same form as issue jobs' `J…` ids (`J20261127T021541Z-b2f1`): the UTC time and 4 random hex
/// digits, so ids sort in the order they were made.
public enum TraceRecordID {
    /// `prefix` + `yyyyMMdd'T'HHmmss'Z'` + `-` + 4 hex digits.
    public static func make(prefix: Character, now: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return "\(prefix)\(f.string(from: now))-\(String(format: "%04x", UInt16.random(in: 0...UInt16.max)))"
    }
}
