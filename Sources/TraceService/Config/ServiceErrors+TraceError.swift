import TraceCore

// The service's setup in the one error model: a configuration or token file that cannot be used is the operator's to
// fix, never a caller's (`tracelabel serve` exits 65 naming the field; no request is answered with it).

extension ServiceConfigError: TraceError {
    public var id: String { "SERVICE-CONFIG" }
    public var category: ErrorCategory { .configuration }
}

extension TokenFileError: TraceError {
    /// A name that already has a token is refused by the file's state; anything else is a bad file or option.
    public var category: ErrorCategory { id == "TOKEN-NAME-TAKEN" ? .conflict : .configuration }
    public func message(naming: (String) -> String) -> String { "\(file): \(naming(field)): '\(value)': \(rule)" }
}
