import Foundation
import Testing
import TracePostgres
@testable import TraceCore
@testable import TraceJob
@testable import TraceRegistry
@testable import TraceRender
@testable import TraceService

/// Every error type of the libraries, by representative errors: the exit status and HTTP status each gets, and a
/// message fit for both faces (no CLI option in it, the value named).
///
/// The expected statuses are the ones the CLI and the service gave before the error model (and that the end-to-end
/// and service tests assert), not read back from the tables they check.
struct ErrorModelTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let error: any TraceError
        let exit: Int32
        let http: Int
        var testDescription: String { "\(type(of: error)) \(error.id)" }
    }

    /// Runs `body`, which must throw an `E`, and returns what it threw.
    static func thrown<E: TraceError>(_ type: E.Type, _ body: () throws -> Void) -> E {
        do { try body() } catch let error as E { return error } catch { fatalError("\(E.self) expected, \(error) thrown") }
        fatalError("\(E.self) expected, nothing thrown")
    }

    static let cases: [Case] = [
        // TraceCore: data that breaks a rule.
        Case(error: thrown(GTINError.self) { _ = try GTIN("9520123456796") }, exit: 65, http: 422),
        Case(error: thrown(USCCError.self) { _ = try UnifiedSocialCreditCode("91330106MA2H7K3LXB") }, exit: 65, http: 422),
        Case(error: thrown(IdentifierError.self) { _ = try CCCCertificateNumber("123", currentYear: 2026) }, exit: 65, http: 422),
        Case(error: thrown(GS1KeyError.self) { _ = try SSCC("12345678901234567X") }, exit: 65, http: 422),
        Case(error: thrown(GS1Error.self) { _ = try ElementString(hri: "(17)261399") }, exit: 65, http: 422),
        Case(error: thrown(EcodeError.self) { _ = try Ecode("9.1234") }, exit: 65, http: 422),
        Case(error: EcodeLayoutError.syntax("{lot", "a '{' at character 1 is never closed"), exit: 65, http: 422),
        Case(error: thrown(LotFormat.FormatError.self) { _ = try LotFormat("{seq:0}") }, exit: 65, http: 422),
        Case(error: thrown(SerialFormat.FormatError.self) { _ = try SerialFormat(prefix: "A", widthText: "0") }, exit: 65, http: 422),
        Case(error: ProductValidationError(findings: [ProductFinding(id: "FIELD-MISSING", field: "product.model", value: nil,
                                                                     rule: "is required and missing or empty")]), exit: 65, http: 422),
        Case(error: EPCError.serialNotNumeric("A12"), exit: 65, http: 422),
        // TraceRegistry.
        Case(error: RegistryError.missing(path: "out/none.jsonl"), exit: 66, http: 404),
        Case(error: RegistryError.writeFailed(path: "out/r.jsonl", errno: ENOSPC, truncatedBackTo: 120), exit: 74, http: 500),
        Case(error: RegistryError.counterExhausted(namespace: "item:09520123456788", next: 99, needed: 5, max: 99), exit: 65, http: 409),
        Case(error: RegistryError.mixedSerialSources(gtin: "09520123456788", existing: "item", requested: "ff1"), exit: 65, http: 409),
        Case(error: RegistryError.lineTooLong(path: "out/r.jsonl", offset: 0, limit: 1 << 20), exit: 65, http: 500),
        Case(error: RegistryError.corruptLine(path: "out/r.jsonl", line: 3, reason: "not JSON"), exit: 65, http: 500),
        Case(error: RegistryError.notRegularFile(path: "/dev/null", kind: "a device"), exit: 65, http: 500),
        Case(error: LineFormatError(column: 0, rule: "a record is one JSON object"), exit: 65, http: 500),
        Case(error: LookupIndex.StaleError(path: "out/r.jsonl.index"), exit: 65, http: 500),
        Case(error: thrown(SerialKeyFile.KeyError.self) { _ = try SerialKeyFile(path: "/nonexistent/serial.key") }, exit: 65, http: 422),
        Case(error: thrown(CheckpointSigningKey.KeyError.self) { _ = try CheckpointSigningKey(path: "/nonexistent/signing.key") }, exit: 65, http: 422),
        Case(error: Checkpoint.CheckpointError(path: "cp.txt", rule: "the signature does not verify"), exit: 65, http: 422),
        Case(error: SerialGenerator.SourceError(field: "code.serial_pool", value: "pool.txt", rule: "cannot be read"), exit: 65, http: 422),
        Case(error: thrown(FF1.ParameterError.self) { _ = try FF1(key: [1, 2, 3], radix: 10, length: 6) }, exit: 65, http: 422),
        Case(error: EcodePoolError.notText(path: "pool.csv"), exit: 65, http: 422),
        Case(error: EcodePoolError.alreadyImported(path: "pool.csv", duplicates: ["1.2"]), exit: 65, http: 409),
        Case(error: CodeLifecycle.LifecycleError(code: "X", rule: "was never issued", id: "CODE-NOT-ISSUED", category: .notFound), exit: 65, http: 404),
        Case(error: CodeLifecycle.LifecycleError(code: "X", rule: "is already voided", id: "CODE-VOIDED"), exit: 65, http: 409),
        Case(error: RangeCheck.RangeError(value: "a", rule: "is not an issued code or serial of this registry"), exit: 65, http: 422),
        Case(error: thrown(CodeScope.ParseError.self) { _ = try CodeScope("everything") }, exit: 65, http: 422),
        Case(error: RegistryLedger.ScopeError(scope: "job:j-1", rule: "job 'j-1' is not in this registry"), exit: 65, http: 422),
        Case(error: thrown(TimeWindow.WindowError.self) { _ = try TimeWindow(from: "yesterday", to: nil) }, exit: 64, http: 422),
        Case(error: thrown(TimeWindow.WindowError.self) { _ = try TimeWindow(from: "2026-11-29", to: "2026-11-28") }, exit: 64, http: 422),
        Case(error: FlowError(field: "party", value: "NOBODY", rule: "is not a registered party"), exit: 65, http: 422),
        Case(error: thrown(PostgresRegistryError.self) { _ = try PostgresRegistryURL("postgres://host/db") }, exit: 64, http: 422),
        Case(error: PostgresRegistryError.database(url: "postgres://tl@db/trace", operation: "connect", detail: "connection refused"), exit: 75, http: 503),
        Case(error: PostgresRegistryError.schema(url: "postgres://tl@db/trace", found: 0, expected: 1), exit: 65, http: 500),
        Case(error: PostgresRegistryError.counterExhausted(namespace: "item:09520123456795", next: 999_990, needed: 20, max: 999_999), exit: 65, http: 422),
        Case(error: FlowBatchError(rejections: [(index: 0, error: FlowError(field: "at", value: "2099-01-01", rule: "is after today's date"))]),
             exit: 65, http: 422),
        Case(error: FlowImportFile.Problem(line: 3, column: "at", message: "'2099-01-01': is after today's date"), exit: 65, http: 422),
        Case(error: CSVRecords.SyntaxError(line: 2, message: "a quoted field is not closed before the end of the file"), exit: 65, http: 422),
        Case(error: ExportError.badOption(option: "time_zone_offset", value: "+15:00", rule: "must be ±hh:mm"), exit: 64, http: 422),
        Case(error: ExportError.noMatch(option: "job", value: "j-9", rule: "no job with this id in the registry"), exit: 65, http: 404),
        Case(error: ExportError.cannotCreate(path: "out/x.json", reason: "no such folder"), exit: 73, http: 500),
        Case(error: ExportError.write(path: "out/x.json", reason: "disk full"), exit: 74, http: 500),
        Case(error: thrown(RetentionError.self) { _ = try RetentionPeriod("ten") }, exit: 64, http: 422),
        Case(error: RetentionError.nothingEligible("no job is eligible"), exit: 65, http: 409),
        // TraceRender.
        Case(error: TemplateError(file: "small", field: "texts[2].min_size", value: "-1", rule: "must be above 0"), exit: 65, http: 422),
        Case(error: FontError.missingGlyphs(field: "product.name", text: "电池☃", characters: ["☃"], family: "Noto Sans SC"), exit: 65, http: 422),
        Case(error: LayoutError.textDoesNotFit(field: "name", text: "A long product name", minimumSize: 6), exit: 65, http: 422),
        Case(error: SymbolError.notGS1(symbology: "datamatrix", code: "1.2.156.1.1"), exit: 65, http: 422),
        Case(error: RenderError.notADirectory(path: "out/FILE"), exit: 73, http: 500),
        Case(error: RenderError.io(path: "out/a.pdf", operation: "write", errno: ENOSPC), exit: 74, http: 500),
        // TraceJob.
        Case(error: IssueError(field: "count", value: "0", rule: "must be a whole number of labels, at least 1", id: "COUNT-RANGE"), exit: 64, http: 422),
        Case(error: IssueFailure(job: "j-1", issued: 20, delivered: 4, underlying: RenderError.io(path: "spool", operation: "write", errno: EIO)),
             exit: 74, http: 500),
        Case(error: ProductFileError.syntax(path: "p.yaml", detail: "a tab at line 3"), exit: 65, http: 422),
        // TraceService: its setup is the operator's to fix.
        Case(error: ServiceConfigError(file: "service.yaml", field: "listen.port", value: "99999", rule: "must be 1-65535"), exit: 65, http: 500),
        Case(error: TokenFileError(file: "tokens.yaml", field: "name", value: "qa", rule: "already has a token", id: "TOKEN-NAME-TAKEN"), exit: 65, http: 409),
    ]

    @Test(arguments: cases)
    func statusesComeFromTheCategory(_ c: Case) {
        #expect(c.error.category.exitStatus == c.exit, "exit status")
        let api = APIError.from(c.error)
        #expect(Int(api.status.code) == c.http, "HTTP status")
        #expect(api.id == c.error.id && api.field == c.error.field && api.value == c.error.value && api.message == c.error.description)
    }

    @Test(arguments: cases)
    func messagesFitBothFaces(_ c: Case) {
        let e = c.error
        #expect(!e.description.contains("--"), "a library message names a CLI option: \(e.description)")
        #expect(e.id.wholeMatch(of: /[A-Z0-9]+(-[A-Z0-9]+)*/) != nil, "id '\(e.id)' is not a stable rule id")
        #expect(!e.rule.isEmpty)
        #expect(!e.field.hasPrefix("-"), "field '\(e.field)' is a CLI option")
        if !e.value.isEmpty { #expect(e.description.contains(e.value), "the message does not name the value '\(e.value)': \(e.description)") }
    }

    /// The CLI shows a neutral field as its option: the message names the field, and only the field changes.
    @Test func fieldsAreRenamedOnlyWhereNamed() {
        let shown: (String) -> String = { "<\($0)>" }
        let count = IssueError(field: "count", value: "0", rule: "must be at least 1")
        #expect(count.message(naming: shown) == "<count>: '0': must be at least 1")
        let reversed = Self.thrown(TimeWindow.WindowError.self) { _ = try TimeWindow(from: "2026-11-29", to: "2026-11-28") }
        #expect(reversed.message(naming: shown).hasPrefix("<from>: '2026-11-29': is after <to> '2026-11-28'"))
        let gtin = Self.thrown(GTINError.self) { _ = try GTIN("9520123456796") }
        #expect(gtin.message(naming: shown) == gtin.description, "an error naming no option keeps its message")
    }

    /// Every `…Error` type declared under Sources has a case above, so a new type cannot miss the model.
    @Test func everyErrorTypeIsCovered() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let faces: Set<String> = ["CommandFailure", "APIError", "HarnessError", "MountError"]
        var declared: Set<String> = []
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: /(?:struct|enum) (\w+)\s*:[^{]*\bError\b/) where !faces.contains(String(match.1)) {
                declared.insert(String(match.1))
            }
        }
        let covered = Set(Self.cases.map { String(describing: type(of: $0.error)) })
        #expect(declared.count >= 35, "the scan found \(declared.count) types: \(declared.sorted())")
        #expect(declared.subtracting(covered).isEmpty, "error types without a case: \(declared.subtracting(covered).sorted())")
    }
}
