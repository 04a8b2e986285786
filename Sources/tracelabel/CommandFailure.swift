import ArgumentParser
import Foundation
import TraceCore
import TraceJob
import TraceRegistry
import TraceRender
import TraceService

/// Prints a library error for the person at the line and exits with a status that says what kind it was.
struct CommandFailure: Error, CustomStringConvertible {
    let underlying: any Error

    init(_ error: any Error) { underlying = error }

    var description: String { "\(underlying)" }

    /// sysexits.h codes: 64 usage, 65 data, 66 missing input, 73 cannot create output, 74 I/O.
    var exitCode: Int32 {
        switch underlying {
        case is IssueError: 64
        case is GTINError, is USCCError, is IdentifierError, is EPCError, is EcodeError, is GS1KeyError: 65
        case let e as ProductFileError:
            if case .unreadable = e { 66 } else { 65 }
        case is GS1Error, is ProductValidationError, is FontError, is LayoutError, is SymbolError, is TemplateError: 65
        case let e as RenderError:
            if case .io = e { 74 } else { 73 }
        case is SerialKeyFile.KeyError, is CheckpointSigningKey.KeyError, is Checkpoint.CheckpointError, is SerialGenerator.SourceError,
             is LotFormat.FormatError, is CodeLifecycle.LifecycleError, is RangeCheck.RangeError, is EcodePoolError, is EcodeLayoutError: 65
        case is FlowError, is FlowBatchError, is RegistryLedger.ScopeError, is CodeScope.ParseError: 65
        case let e as RegistryError:
            // A used-up serial space or pool, or a GTIN whose serial source changed, is a fact about the data, not an
            // I/O failure: the line needs a new pool or product setting, not a disk check.
            switch e {
            case .counterExhausted, .mixedSerialSources, .notRegularFile, .lineTooLong: 65
            case .missing: 66
            default: 74
            }
        // A period given on the command line (--from/--to) that is no period is a usage error.
        case is TimeWindow.WindowError: 64
        case is IssueFailure: 74
        case let e as ExportError:
            switch e {
            case .badOption: 64
            case .noMatch: 65
            case .cannotCreate: 73
            case .write: 74
            }
        case let e as RetentionError:
            if case .badOption = e { 64 } else { 65 }
        case is RegistryLedger.ScopeError, is CodeScope.ParseError: 65
        case is ServiceConfigError, is TokenFileError: 65
        // Errors that once fell through to exit 1: a bad FF1 setting or serial format is bad data, a stale index
        // an I/O condition, a ValidationError raised while running a usage error.
        case is FF1.ParameterError, is SerialFormat.FormatError: 65
        case is LookupIndex.StaleError: 74
        case is ValidationError: 64
        default: 1
        }
    }
}

extension TraceLabelCommand {
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("error: \(failure.description)\n".utf8))
            Foundation.exit(failure.exitCode)
        } catch {
            exit(withError: error)
        }
    }
}
