import TraceCore

extension RegistryLedger {
    /// Why a scope does not name codes of this registry.
    public struct ScopeError: Error, Sendable, CustomStringConvertible {
        public let scope: String
        public let rule: String
        public var description: String { "scope '\(scope)': \(rule)" }
    }

    /// The issued codes `scope` covers, in issue order for ranges; refuses a scope that names nothing this registry
    /// issued, so a typing mistake never records a flow or a recall about no code.
    public func codes(in scope: CodeScope) throws -> [Code] {
        switch scope {
        case .code(let raw):
            guard let key = ScannedCode.identity(of: raw) else {
                throw ScopeError(scope: scope.description, rule: "'\(raw)' is not a trace code (GS1 HRI, element string, Digital Link or Ecode)")
            }
            guard let found = codes[key] else { throw ScopeError(scope: scope.description, rule: "code '\(raw)' was never issued by this registry") }
            return [found]
        case .range(let a, let b):
            let ends = try [a, b].map { raw -> Code in
                guard let key = ScannedCode.identity(of: raw), let found = codes[key] else {
                    throw ScopeError(scope: scope.description, rule: "code '\(raw)' was never issued by this registry")
                }
                return found
            }
            guard let ns = ends[0].ns, ns == ends[1].ns, let first = ends[0].counter, let last = ends[1].counter else {
                throw ScopeError(scope: scope.description, rule: "both ends must be item codes of the same product and serial source")
            }
            guard first <= last else {
                throw ScopeError(scope: scope.description, rule: "the first code (counter \(first)) comes after the last (counter \(last))")
            }
            let byCounter = counters[ns] ?? [:]
            return (first...last).compactMap { byCounter[$0].flatMap { codes[$0] } }
        case .lot(let lot, let gtin):
            let jobIDs = Set(jobs.filter { $0.lot == lot && (gtin == nil || $0.gtin == gtin) }.map(\.id))
            guard !jobIDs.isEmpty else {
                throw ScopeError(scope: scope.description, rule: "no job of this registry printed lot '\(lot)'\(gtin.map { " of GTIN \($0)" } ?? "")")
            }
            return codesOf(jobs: jobIDs)
        case .job(let id):
            guard job(id) != nil else { throw ScopeError(scope: scope.description, rule: "job '\(id)' is not in this registry") }
            return codesOf(jobs: [id])
        }
    }

    /// Whether `code` (an issued code) lies in `scope`, without listing the scope.
    public func contains(_ scope: CodeScope, _ code: Code) -> Bool {
        switch scope {
        case .code(let raw):
            return ScannedCode.identity(of: raw) == ScannedCode.identity(of: code.code)
        case .range(let a, let b):
            guard let ka = ScannedCode.identity(of: a), let kb = ScannedCode.identity(of: b),
                  let ca = codes[ka], let cb = codes[kb], let ns = ca.ns, ns == code.ns,
                  let first = ca.counter, let last = cb.counter, let c = code.counter else { return false }
            return first <= c && c <= last
        case .lot(let lot, let gtin):
            guard let j = job(code.job) else { return false }
            return j.lot == lot && (gtin == nil || j.gtin == gtin)
        case .job(let id):
            return code.job == id
        }
    }

    private func codesOf(jobs ids: Set<String>) -> [Code] {
        ids.sorted().flatMap { id in
            (jobCodes[id] ?? []).compactMap { codes[$0] }.sorted { ($0.counter ?? 0, $0.code) < ($1.counter ?? 0, $1.code) }
        }
    }
}

extension RegistryLedger {
    /// The flows whose scope covers `code`, in registry order.
    public func flows(of code: Code) -> [Flow] { flows.filter { contains($0.scope, code) } }

    /// The first recall whose scope covers `code`, if any.
    public func recall(of code: Code) -> Recall? { recalls.first { contains($0.scope, code) } }
}

