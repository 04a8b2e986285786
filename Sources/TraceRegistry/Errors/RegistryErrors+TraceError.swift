import TraceCore

// TraceRegistry's refusals in the one error model. A registry that cannot be read or written is `.io`; one whose
// content does not read as a registry is `.damaged`; a code, job or lot it does not hold is `.notFound` (or, inside a
// scope or range that the caller typed, `.invalidData`).

/// `gcp_length` → `GCP-LENGTH-INVALID`: the id of an option or field that breaks its rule.
func invalidID(of field: String) -> String {
    field.uppercased().replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: ".", with: "-") + "-INVALID"
}

extension RegistryError: TraceError {
    public var id: String {
        switch self {
        case .cannotOpen: "REGISTRY-OPEN"
        case .cannotLock: "REGISTRY-LOCK"
        case .cannotOpenLock: "REGISTRY-LOCK-FILE"
        case .readFailed: "REGISTRY-READ"
        case .writeFailed: "REGISTRY-WRITE"
        case .syncFailed: "REGISTRY-SYNC"
        case .poisoned: "REGISTRY-POISONED"
        case .corruptLine: "REGISTRY-LINE"
        case .counterExhausted: "SERIAL-SPACE-EXHAUSTED"
        case .networkFileSystem: "REGISTRY-NETWORK-FS"
        case .mixedSerialSources: "SERIAL-SOURCE-MIXED"
        case .missing: "REGISTRY-MISSING"
        case .notRegularFile: "REGISTRY-NOT-FILE"
        case .lineTooLong: "REGISTRY-LINE-LENGTH"
        }
    }
    public var field: String {
        switch self {
        case .counterExhausted: "code.serial_width"
        case .mixedSerialSources: "code.serial_source"
        default: "registry"
        }
    }
    public var value: String {
        switch self {
        case .cannotOpen(let p, _), .cannotLock(let p, _), .readFailed(let p, _), .writeFailed(let p, _, _), .syncFailed(let p, _),
             .poisoned(let p), .corruptLine(let p, _, _), .networkFileSystem(let p, _), .missing(let p), .notRegularFile(let p, _),
             .lineTooLong(let p, _, _):
            p
        case .cannotOpenLock(let r, _, _): r
        case .counterExhausted(let ns, _, _, _): ns
        case .mixedSerialSources(_, _, let requested): requested
        }
    }
    public var rule: String {
        switch self {
        case .cannotOpen, .cannotLock, .cannotOpenLock, .readFailed, .writeFailed, .syncFailed, .poisoned, .networkFileSystem:
            "the registry must be readable and writable on a local disk"
        case .corruptLine(_, let line, let reason): "line \(line): \(reason)"
        case .counterExhausted(_, _, let needed, let max): "\(needed) more serials must fit below \(max)"
        case .mixedSerialSources(let gtin, let existing, _): "GTIN \(gtin) keeps its serial source '\(existing)'"
        case .missing: "must exist (the first issue job creates it)"
        case .notRegularFile(_, let kind): "must be a regular file, not \(kind)"
        case .lineTooLong(_, _, let limit): "no record is longer than \(limit >> 20) MiB"
        }
    }
    public var category: ErrorCategory {
        switch self {
        case .cannotOpen, .cannotLock, .cannotOpenLock, .readFailed, .writeFailed, .syncFailed, .poisoned, .networkFileSystem: .io
        // A used-up serial space or a GTIN whose serial source changed is a fact about the data, not an I/O failure:
        // the line needs a new pool or product setting, not a disk check.
        case .counterExhausted, .mixedSerialSources: .conflict
        case .missing: .missingInput
        case .corruptLine, .lineTooLong: .damaged
        case .notRegularFile: .configuration
        }
    }
}

extension LineFormatError: TraceError {
    public var id: String { "REGISTRY-LINE" }
    public var field: String { "registry" }
    public var value: String { "" }
    public var category: ErrorCategory { .damaged }
}

extension LookupIndex.StaleError: TraceError {
    public var id: String { "INDEX-STALE" }
    public var field: String { "index" }
    public var value: String { path }
    public var rule: String { "must match its registry (rebuild it)" }
    public var category: ErrorCategory { .damaged }
}

extension SerialKeyFile.KeyError: TraceError {
    public var id: String { "SERIAL-KEY" }
    public var field: String { "code.serial_key" }
    public var value: String { path }
    public var category: ErrorCategory { .invalidData }
}

extension CheckpointSigningKey.KeyError: TraceError {
    public var id: String { "SIGNING-KEY" }
    public var field: String { "signing_key" }
    public var value: String { path }
    public var category: ErrorCategory { .invalidData }
}

extension Checkpoint.CheckpointError: TraceError {
    public var id: String { "CHECKPOINT" }
    public var field: String { "checkpoint" }
    public var value: String { path }
    public var category: ErrorCategory { .invalidData }
}

extension SerialGenerator.SourceError: TraceError {
    public var id: String { "SERIAL-SOURCE" }
    public var category: ErrorCategory { .invalidData }
}

extension FF1.ParameterError: TraceError {
    public var id: String { "FF1-PARAMETER" }
    public var field: String { "code.serial_source" }
    public var value: String { "" }
    public var category: ErrorCategory { .invalidData }
}

extension EcodePoolError: TraceError {
    public var id: String {
        switch self {
        case .unreadable: "ECODE-POOL-READ"
        case .tooLarge: "ECODE-POOL-SIZE"
        case .notText: "ECODE-POOL-TEXT"
        case .noEcodeColumn: "ECODE-POOL-COLUMN"
        case .badArchive: "ECODE-POOL-ARCHIVE"
        case .invalid: "ECODE-POOL-INVALID"
        case .empty: "ECODE-POOL-EMPTY"
        case .alreadyImported: "ECODE-POOL-DUPLICATE"
        }
    }
    public var field: String { "code.ecode.pool" }
    public var value: String {
        switch self {
        case .unreadable(let p, _), .tooLarge(let p, _, _), .notText(let p), .noEcodeColumn(let p, _), .badArchive(let p, _),
             .invalid(let p, _), .empty(let p), .alreadyImported(let p, _):
            p
        }
    }
    public var rule: String {
        switch self {
        case .unreadable(_, let r), .badArchive(_, let r): r
        case .tooLarge(_, _, let l): "at most \(l >> 20) MiB"
        case .notText: "UTF-8 text"
        case .noEcodeColumn: "a CSV pool needs a header with an 'ecode' column"
        case .invalid(_, let problems): "\(problems.count) code(s) are not valid Ecodes"
        case .empty: "holds at least one code"
        case .alreadyImported(_, let d): "\(d.count) code(s) are in the registry already"
        }
    }
    public var category: ErrorCategory {
        if case .alreadyImported = self { return .conflict }
        return .invalidData
    }
}

extension CodeLifecycle.LifecycleError: TraceError {
    public var field: String { "code" }
    public var value: String { code }
}

extension RangeCheck.RangeError: TraceError {
    public var id: String { "RANGE" }
    public var field: String { "range" }
    public var category: ErrorCategory { .invalidData }
}

extension CodeScope.ParseError: TraceError {
    public var id: String { "SCOPE-FORMAT" }
    public var field: String { "scope" }
    public var value: String { text }
    public var rule: String { "must be code:<code>, range:<first code>|<last code>, lot:<lot> (or lot:<lot>@<GTIN-14>) or job:<job id>" }
    public var category: ErrorCategory { .invalidData }
}

extension RegistryLedger.ScopeError: TraceError {
    public var id: String { "SCOPE" }
    public var field: String { "scope" }
    public var value: String { scope }
    public var category: ErrorCategory { .invalidData }
}

extension TimeWindow.WindowError: TraceError {
    public var id: String { other == nil ? "DATE-FORMAT" : "PERIOD-EMPTY" }
    /// A period is always given by the caller (--from/--to, a query's from/to): a bad one is a usage error.
    public var category: ErrorCategory { .usage }
    public func message(naming: (String) -> String) -> String {
        guard let other else { return fieldMessage(naming: naming) }
        return "\(naming(field)): '\(value)': is after \(naming(other.field)) '\(other.value)': the period would be empty"
    }
}

extension FlowError: TraceError {
    public var id: String { invalidID(of: field) }
    public var category: ErrorCategory { .invalidData }
}

extension FlowBatchError: TraceError {
    /// The first refused entry's; the message lists them all.
    public var id: String { rejections.first?.error.id ?? "FLOW-INVALID" }
    public var field: String { rejections.first?.error.field ?? "flow" }
    public var value: String { rejections.first?.error.value ?? "" }
    public var rule: String { rejections.first?.error.rule ?? "" }
    public var category: ErrorCategory { .invalidData }
}

extension FlowImportFile.Problem: TraceError {
    public var id: String { "FLOW-IMPORT" }
    public var field: String { column }
    /// The line is in the message; the value is in the rule as the reader quotes it.
    public var value: String { "" }
    public var rule: String { message }
    public var category: ErrorCategory { .invalidData }
}

extension CSVRecords.SyntaxError: TraceError {
    public var id: String { "CSV-SYNTAX" }
    public var field: String { "csv" }
    public var value: String { "" }
    public var rule: String { message }
    public var category: ErrorCategory { .invalidData }
}

extension ExportError: TraceError {
    public var id: String {
        switch self {
        case .badOption(let option, _, _): invalidID(of: option)
        case .noMatch: "EXPORT-NO-MATCH"
        case .cannotCreate: "EXPORT-CREATE"
        case .write: "EXPORT-WRITE"
        }
    }
    public var field: String {
        switch self {
        case .badOption(let option, _, _), .noMatch(let option, _, _): option
        case .cannotCreate, .write: "out"
        }
    }
    public var value: String {
        switch self {
        case .badOption(_, let value, _), .noMatch(_, let value, _): value
        case .cannotCreate(let path, _), .write(let path, _): path
        }
    }
    public var rule: String {
        switch self {
        case .badOption(_, _, let rule), .noMatch(_, _, let rule): rule
        case .cannotCreate(_, let reason): "cannot be created: \(reason)"
        case .write(_, let reason): "write failed: \(reason)"
        }
    }
    public var category: ErrorCategory {
        switch self {
        case .badOption: .usage
        case .noMatch: .notFound
        case .cannotCreate: .cannotCreate
        case .write: .io
        }
    }
    public func message(naming: (String) -> String) -> String {
        switch self {
        case .badOption(let option, let value, let rule), .noMatch(let option, let value, let rule): "\(naming(option)) '\(value)': \(rule)"
        case .cannotCreate(let path, let reason): "\(naming("out")) '\(path)': cannot be created: \(reason); nothing was written"
        case .write(let path, let reason): "'\(path)': write failed: \(reason); no partial export was left"
        }
    }
}

extension RetentionError: TraceError {
    public var id: String {
        switch self {
        case .badOption(let option, _, _): invalidID(of: option)
        case .nothingEligible: "RETENTION-NOTHING-ELIGIBLE"
        }
    }
    public var field: String {
        switch self {
        case .badOption(let option, _, _): option
        case .nothingEligible: "registry"
        }
    }
    public var value: String {
        switch self {
        case .badOption(_, let value, _): value
        case .nothingEligible: ""
        }
    }
    public var rule: String {
        switch self {
        case .badOption(_, _, let rule): rule
        case .nothingEligible(let why): why
        }
    }
    public var category: ErrorCategory {
        switch self {
        case .badOption: .usage
        // Nothing to record is a fact about the registry's state, not about the request.
        case .nothingEligible: .conflict
        }
    }
    public func message(naming: (String) -> String) -> String {
        switch self {
        case .badOption(let option, let value, let rule): "\(naming(option)) '\(value)': \(rule)"
        case .nothingEligible(let why): why
        }
    }
}
