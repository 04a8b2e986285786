import ArgumentParser
import Foundation
import TraceRegistry

/// `tracelabel flow import`: many flows from a CSV file, all or none.
struct FlowImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Record the flows of a CSV file: every row checked first, then all appended in one write, or none.",
        discussion: """
        UTF-8 CSV (RFC 4180 quoting; a BOM and CRLF are fine), a header row naming \
        its columns in any order (the full header is at the end):

        - flow: producer-sale | seller-purchase | seller-sale
        - party: USCC of the party recording the flow
        - at: YYYY-MM-DD or a date-time with a zone
        - counterparty: buyer | supplier | customer name
        - address, contact: the buyer's, producer-sale only
        - codes, one form per row: code | range_first + range_last |
          lot (+ gtin) | job

        Every row is checked, also against the registry, before anything is \
        written; each problem is printed as FILE:LINE: error: column: message. \
        Any problem rejects the whole file (exit 65): nothing is recorded. A good \
        file is appended in one write, its rows under one F… id.

        The header with every column:
        \(FlowImportFile.columns.joined(separator: ","))
        """)

    @Option(name: .long, help: "Registry file.")
    var registry: String
    @Option(name: .long, help: "Who records them (default: $USER).")
    var `operator`: String?
    @Argument(help: "The CSV file.")
    var file: String

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            FileHandle.standardError.write(Data("error: cannot read '\(file)'\n".utf8))
            throw ExitCode(66)
        }
        let parsed = FlowImportFile(bytes: Array(data))
        var problems = parsed.problems
        let operatorName = FlowCommand.operatorName(`operator`)
        do {
            if problems.isEmpty {
                let (job, records) = try FlowRecording.record(parsed.rows.map(\.entry), operatorName: operatorName,
                                                              registry: RegistryFile(path: registry))
                let codes = records.reduce(0) { $0 + ($1.count ?? 0) }
                print("flows    \(records.count) from \(file) as \(job), \(codes) code(s) in all")
                return
            }
            // The file has problems already: still check its readable rows against the registry, so one run names
            // every problem. Nothing is written on this path.
            let ledger = try RegistryLedger(path: registry)
            let now = Date()
            let recalled = FlowRecording.recalledCodes(in: ledger)
            for row in parsed.rows {
                do { _ = try FlowRecording.check(row.entry, in: ledger, recalled: recalled, now: now) } catch {
                    problems.append(problem(row, error))
                }
            }
        } catch let batch as FlowBatchError {
            problems += batch.rejections.map { problem(parsed.rows[$0.index], $0.error) }
        } catch let error as FlowError {
            problems.append(.init(line: 1, column: error.field, message: error.description))
        } catch { throw CommandFailure(error) }
        for p in problems.sorted(by: { $0.line < $1.line }) {
            FileHandle.standardError.write(Data("\(file):\(p)\n".utf8))
        }
        FileHandle.standardError.write(Data("error: \(problems.count) problem(s) in \(file): nothing was recorded\n".utf8))
        throw ExitCode(65)
    }

    private func problem(_ row: FlowImportFile.Row, _ error: FlowError) -> FlowImportFile.Problem {
        let column = error.field == "scope" ? row.scopeColumn : error.field
        let message = error.value.isEmpty ? error.rule : "'\(error.value)': \(error.rule)"
        return .init(line: row.line, column: column, message: message)
    }
}
