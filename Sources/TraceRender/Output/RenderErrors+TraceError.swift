import TraceCore

// TraceRender's refusals in the one error model: a template, font or symbol that cannot be used is a fault of the
// data (`.invalidData`); an output that cannot be made is `.cannotCreate`, a failed write `.io`.

extension TemplateError: TraceError {
    public var id: String { "TEMPLATE" }
    public var category: ErrorCategory { .invalidData }
    /// The file, then the field as `naming` calls it (the CLI shows `symbology` as `--symbology`).
    public func message(naming: (String) -> String) -> String {
        let location = field.isEmpty ? file : "\(file): \(naming(field))"
        return value.isEmpty ? "\(location): \(rule)" : "\(location): '\(value)': \(rule)"
    }
}

extension FontError: TraceError {
    public var id: String {
        switch self {
        case .cannotLoad: "FONT-LOAD"
        case .familyNotInFile: "FONT-FAMILY"
        case .missingGlyphs: "FONT-GLYPHS"
        }
    }
    public var field: String {
        switch self {
        case .cannotLoad, .familyNotInFile: "font"
        case .missingGlyphs(let field, _, _, _): field
        }
    }
    public var value: String {
        switch self {
        case .cannotLoad(let file, _), .familyNotInFile(let file, _): file
        case .missingGlyphs(_, let text, _, _): text
        }
    }
    public var rule: String {
        switch self {
        case .cannotLoad(_, let reason): reason
        case .familyNotInFile(_, let family): "must hold the family '\(family)'"
        case .missingGlyphs(_, _, _, let family): "every character must be one the font \(family) can draw"
        }
    }
    public var category: ErrorCategory { .invalidData }
}

extension LayoutError: TraceError {
    public var id: String {
        switch self {
        case .moduleTooSmall: "LAYOUT-MODULE"
        case .symbolDoesNotFit: "LAYOUT-SYMBOL-FIT"
        case .textDoesNotFit: "LAYOUT-TEXT-FIT"
        case .unknownPlaceholder: "LAYOUT-PLACEHOLDER"
        }
    }
    public var field: String {
        switch self {
        case .moduleTooSmall: "symbol.module"
        case .symbolDoesNotFit: "symbol"
        case .textDoesNotFit(let field, _, _): field
        case .unknownPlaceholder: "template"
        }
    }
    public var value: String {
        switch self {
        case .moduleTooSmall(let requested, _, _, _): fmt(requested)
        case .symbolDoesNotFit(let modules, _, _, _, _): "\(modules) modules"
        case .textDoesNotFit(_, let text, _): text
        case .unknownPlaceholder(let name, _): "{\(name)}"
        }
    }
    public var rule: String { description }
    public var category: ErrorCategory { .invalidData }
}

extension SymbolError: TraceError {
    public var id: String {
        switch self {
        case .emptyPayload: "SYMBOL-EMPTY"
        case .encoderFailed: "SYMBOL-ENCODE"
        case .notGS1: "SYMBOL-NOT-GS1"
        }
    }
    public var field: String {
        switch self {
        case .emptyPayload, .encoderFailed: "code"
        case .notGS1: "symbology"
        }
    }
    public var value: String {
        switch self {
        case .emptyPayload: ""
        case .encoderFailed(_, let payload, _): payload
        case .notGS1(let symbology, _): symbology
        }
    }
    public var rule: String {
        switch self {
        case .emptyPayload: "the symbol payload must not be empty"
        case .encoderFailed(_, _, let reason): reason
        case .notGS1: "a GS1 symbology carries GS1 data only: an Ecode goes in a qr symbol"
        }
    }
    public var category: ErrorCategory { .invalidData }
}

extension RenderError: TraceError {
    public var id: String {
        switch self {
        case .cairo: "RENDER-CAIRO"
        case .png: "RENDER-PNG"
        case .fileExists: "OUTPUT-EXISTS"
        case .io: "OUTPUT-IO"
        case .notADirectory: "OUTPUT-NOT-FOLDER"
        }
    }
    public var field: String { "output" }
    public var value: String {
        switch self {
        case .cairo(let function, _): function
        case .png: ""
        case .fileExists(let p), .io(let p, _, _), .notADirectory(let p): p
        }
    }
    public var rule: String { description }
    public var category: ErrorCategory {
        if case .io = self { return .io }
        return .cannotCreate
    }
}
