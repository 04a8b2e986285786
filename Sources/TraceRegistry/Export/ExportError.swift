/// Why an export could not be made. Nothing is written to `--out` when one is thrown.
public enum ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An option's value breaks its rule (a malformed date, an unknown format): a usage error.
    case badOption(option: String, value: String, rule: String)
    /// A filter that matches nothing in the registry (a typing mistake must not produce an empty export).
    case noMatch(option: String, value: String, rule: String)
    /// The output file cannot be created.
    case cannotCreate(path: String, reason: String)
    /// Writing the export failed after it started (disk full, I/O error, closed pipe).
    case write(path: String, reason: String)

    public var description: String { message(naming: { $0 }) }
}
