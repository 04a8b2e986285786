/// What kind of refusal an error is. The CLI derives its exit status from it and the service its HTTP status, each
/// with one table, so the two faces of a library call always agree on what went wrong.
public enum ErrorCategory: String, Sendable, CaseIterable {
    /// An option or request field breaks its rule (a count of 0, a dpi no printer has): fix the request.
    case usage
    /// Data given or named breaks a rule (a product file, a code, a template, an imported file): fix the data.
    case invalidData
    /// A code, job, lot or product that the registry does not hold.
    case notFound
    /// A file or registry named does not exist.
    case missingInput
    /// A well-formed request that the current state refuses (a code already voided, a used-up serial space).
    case conflict
    /// Busy or stopping: the same request may succeed later.
    case unavailable
    /// A file the tool keeps does not read as it must (a registry line, an index that no longer matches):
    /// run `tracelabel verify`. The caller of the service cannot fix it.
    case damaged
    /// The setup is unusable (service configuration, token file): the operator fixes it, not the caller.
    case configuration
    /// An output file or folder cannot be created.
    case cannotCreate
    /// Reading or writing failed (disk full, permissions, fsync).
    case io
    /// A fault of TraceLabel itself.
    case `internal`
}

/// An error in the one model both faces show: a stable rule id, the field in neutral terms (`count`, not the CLI's
/// `--count`), the offending value, the rule it breaks and its ``ErrorCategory``.
///
/// Messages (`description`) never name a CLI option: the CLI shows a field as its option through
/// ``message(naming:)``, the service as its JSON name.
public protocol TraceError: Error, CustomStringConvertible {
    /// Stable rule id for machines and logs, e.g. `COUNT-RANGE`, `GTIN-CHECK`.
    var id: String { get }
    /// The data field or option in neutral terms (`count`, `product.gtin`, `code`); empty when no field applies.
    var field: String { get }
    /// The offending value as given (empty when missing or not a single value).
    var value: String { get }
    /// The rule broken, in words for the person at the line.
    var rule: String { get }
    /// What kind of refusal this is.
    var category: ErrorCategory { get }
    /// The message with each field it names shown as `naming` calls it (the CLI passes its option names).
    /// Errors that name no option keep their `description`.
    func message(naming: (String) -> String) -> String
}

extension TraceError {
    public func message(naming: (String) -> String) -> String { description }

    /// The usual shape, `field: 'value': rule` (`field: rule` without a value), with the field as `naming` calls it.
    public func fieldMessage(naming: (String) -> String) -> String {
        value.isEmpty ? "\(naming(field)): \(rule)" : "\(naming(field)): '\(value)': \(rule)"
    }
}
