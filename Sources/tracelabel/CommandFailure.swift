import ArgumentParser
import Foundation
import TraceCore

/// Prints a library error for the person at the line and exits with the status its ``ErrorCategory`` gives
/// (`ErrorCategory.exitStatus`, the one table), naming fields by their options (``OptionNames``).
struct CommandFailure: Error, CustomStringConvertible {
    let underlying: any Error

    init(_ error: any Error) { underlying = error }

    var description: String {
        guard let error = underlying as? any TraceError else { return "\(underlying)" }
        return error.message(naming: OptionNames.shown)
    }

    var exitCode: Int32 {
        switch underlying {
        case let error as any TraceError: error.category.exitStatus
        // ArgumentParser's own refusal, raised while running: a usage error as when parsing.
        case is ValidationError: ErrorCategory.usage.exitStatus
        // Foundation's file errors reach here only from reading or writing a file.
        case is CocoaError, is POSIXError: ErrorCategory.io.exitStatus
        default: ErrorCategory.internal.exitStatus
        }
    }
}

extension TraceLabelCommand {
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as CommandFailure {
            fail(error)
        } catch let error as any TraceError {
            fail(CommandFailure(error))
        } catch where error is CocoaError || error is POSIXError {
            fail(CommandFailure(error))
        } catch {
            // ArgumentParser's own: help, usage errors, ExitCode.
            exit(withError: error)
        }
    }

    private static func fail(_ failure: CommandFailure) -> Never {
        FileHandle.standardError.write(Data("error: \(failure.description)\n".utf8))
        Foundation.exit(failure.exitCode)
    }
}
