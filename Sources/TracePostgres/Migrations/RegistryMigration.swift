/// One step of the PostgreSQL registry's schema: applied once, in version order, by `tracelabel registry migrate`
/// and recorded in `tracelabel_migrations`. A released migration is never edited; a change is a new version.
public struct RegistryMigration: Sendable {
    public let version: Int
    public let name: String
    /// The statements, run in order in one transaction (one statement each: the extended protocol runs one at a time).
    public let statements: [String]

    /// Every migration, in order. The schema a program needs is the last version.
    public static let all: [RegistryMigration] = [migration0001]
    public static var latest: Int { all.last?.version ?? 0 }
}
