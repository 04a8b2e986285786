import ArgumentParser
import Foundation
import Logging
import TraceService

/// `tracelabel serve`: the HTTP service (resolver, API, operations), configured by a YAML file.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP service: the public resolver behind every QR code, the JSON API under /api/v1, /healthz, /readyz, /metrics.",
        discussion: "Stops on SIGTERM or SIGINT after running jobs finish. Exit 65 if the configuration or token file is invalid.")

    @Option(name: .long, help: "Service configuration (YAML): listen, registry, products, jobs, printers, tokens, limits, resolver.")
    var config: String

    @Option(name: .long, help: "Listen on this port instead of the configuration's (0: any free port, printed on stdout).")
    var port: Int?

    func run() throws {
        var settings: ServiceConfig
        let tokens: String
        do {
            settings = try ServiceConfig.load(path: config)
            if let port { settings.port = port }
            tokens = settings.tokensPath
            _ = try TokenFile.load(path: tokens)
        } catch { throw CommandFailure(error) }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            return handler
        }
        let logger = Logger(label: "tracelabel.serve")
        let chosen = settings
        try Blocking.run {
            try await TraceServer.run(config: chosen, logger: logger) { port in
                FileHandle.standardOutput.write(Data("listening http://\(chosen.host):\(port)\n".utf8))
            }
        }
    }
}

/// `tracelabel token add`: a new bearer token for the service, printed once and stored as its SHA-256.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage the service's bearer tokens (only their SHA-256 hashes are stored).",
        subcommands: [TokenAddCommand.self])
}

extension Role: ExpressibleByArgument {}

struct TokenAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a token: prints it once; the file keeps only its hash, name, role and limits.")

    @Option(name: .long, help: "Token file (YAML, created if missing).")
    var file: String
    @Option(name: .long, help: "Who holds it (recorded as the operator of every write).")
    var name: String
    @Option(name: .long, help: "line, qa, seller or admin.")
    var role: Role
    @Option(name: .long, help: "A product it may act on (product file name without .yaml); repeat. Default: any.")
    var product: [String] = []
    @Option(name: .long, help: "A production line it may act on; repeat. Default: any.")
    var line: [String] = []

    func run() throws {
        do {
            let token = try TokenFile.add(path: file, name: name, role: role, products: product, lines: line)
            print(token)
        } catch { throw CommandFailure(error) }
    }
}
