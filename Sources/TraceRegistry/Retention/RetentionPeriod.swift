import Foundation

/// How long registry data is kept: `Ny`, `Nm` or `Nd` (years, months, days), counted back from now in UTC.
public struct RetentionPeriod: Sendable, Equatable, CustomStringConvertible {
    /// The notice's minimum for custom-product ledgers: 3 years.
    public static let minimumYears = 3

    public enum Unit: Character, Sendable { case years = "y", months = "m", days = "d" }
    public let amount: Int
    public let unit: Unit

    /// Reads `10y`, `36m`, `1095d`.
    public init(_ text: String) throws(RetentionError) {
        guard let last = text.last, let unit = Unit(rawValue: last), let amount = Int(text.dropLast()), amount > 0,
              text.dropLast().allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .badOption(option: "keep", value: text, rule: "must be a whole number of years, months or days: Ny, Nm or Nd, e.g. 10y")
        }
        self.amount = amount
        self.unit = unit
    }

    public var description: String { "\(amount)\(unit.rawValue)" }

    static var utc: Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }

    /// `now` minus the period: records older than this are past their retention time.
    public func cutoff(from now: Date) -> Date {
        var d = DateComponents()
        switch unit {
        case .years: d.year = -amount
        case .months: d.month = -amount
        case .days: d.day = -amount
        }
        return Self.utc.date(byAdding: d, to: now)!
    }

    /// Whether the period is shorter than ``minimumYears``.
    public func isBelowMinimum(now: Date) -> Bool {
        cutoff(from: now) > Self.utc.date(byAdding: DateComponents(year: -Self.minimumYears), to: now)!
    }
}

/// Why a retention review or record was refused.
public enum RetentionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An option breaks its rule (exit 64).
    case badOption(option: String, value: String, rule: String)
    /// Nothing to record (exit 65).
    case nothingEligible(String)

    public var description: String { message(naming: { $0 }) }
}
