import TraceCore

// TraceJob's refusals in the one error model.

extension IssueError: TraceError {
    /// Always `field: 'value': rule`, the value quoted even when empty, as the CLI has always shown it.
    public func message(naming: (String) -> String) -> String { "\(naming(field)): '\(value)': \(rule)" }
}

extension IssueFailure: TraceError {
    public var id: String { "JOB-INCOMPLETE" }
    public var field: String { "job" }
    public var value: String { job }
    public var rule: String { "registered codes must be delivered: \(underlying)" }
    /// The codes are registered but their labels were not all delivered: an output failed under the job.
    public var category: ErrorCategory { .io }
}

extension ProductFileError: TraceError {
    public var id: String {
        switch self {
        case .unreadable: "PRODUCT-FILE-READ"
        case .notUTF8: "PRODUCT-FILE-TEXT"
        case .syntax: "PRODUCT-FILE-SYNTAX"
        case .invalid(_, let e, _): e.id
        }
    }
    public var field: String {
        switch self {
        case .unreadable, .notUTF8, .syntax: "product"
        case .invalid(_, let e, _): e.field
        }
    }
    public var value: String {
        switch self {
        case .unreadable(let p), .notUTF8(let p), .syntax(let p, _): p
        case .invalid(_, let e, _): e.value
        }
    }
    public var rule: String {
        switch self {
        case .unreadable: "must be a readable file"
        case .notUTF8: "must be UTF-8 text"
        case .syntax(_, let detail): "must be valid YAML: \(detail)"
        case .invalid(_, let e, _): e.rule
        }
    }
    /// A product or party file that is not there (or not a file one can read) is missing input (exit 66); one that
    /// is there but wrong is bad data.
    public var category: ErrorCategory {
        if case .unreadable = self { return .missingInput }
        return .invalidData
    }
}
