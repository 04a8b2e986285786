import ArgumentParser
import TraceRegistry

/// The codes a flow, a recall or a listing is about: exactly one of `--code`, `--range`, `--lot` (with `--gtin`
/// optional) or `--job`.
struct ScopeOptions: ParsableArguments {
    @Option(name: .long, help: "One code, in any form (HRI, element string, Digital Link, Ecode or its URL).")
    var code: String?
    @Option(name: .long, parsing: .upToNextOption, help: "Item codes from the first to the last, both ends included (two codes of one serial source): --range FIRST LAST.")
    var range: [String] = []
    @Option(name: .long, help: "Every code of every job that printed this lot.")
    var lot: String?
    @Option(name: .long, help: "With --lot: only the lot of this GTIN-14.")
    var gtin: String?
    @Option(name: .long, help: "Every code a job issued (its J… id).")
    var job: String?

    /// The scope given, or nil when none is (allowed only where `optional`).
    func scope(optional: Bool = false) throws -> CodeScope? {
        let given = [code != nil, !range.isEmpty, lot != nil, job != nil].filter { $0 }.count
        if given == 0, optional {
            if gtin != nil { throw ValidationError("--gtin goes with --lot") }
            return nil
        }
        guard given == 1 else { throw ValidationError("give exactly one of --code, --range FIRST LAST, --lot (with --gtin) or --job") }
        if gtin != nil, lot == nil { throw ValidationError("--gtin goes with --lot") }
        if let code { return .code(code) }
        if let job { return .job(job) }
        if let lot {
            if let gtin, gtin.count != 14 || !gtin.allSatisfy({ $0.isASCII && $0.isNumber }) {
                throw ValidationError("--gtin '\(gtin)' must be a GTIN-14 (14 digits)")
            }
            return .lot(lot, gtin: gtin)
        }
        guard range.count == 2 else { throw ValidationError("--range takes two codes: the first and the last") }
        return .range(first: range[0], last: range[1])
    }
}
