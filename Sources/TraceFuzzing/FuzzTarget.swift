import Foundation
import TraceCore
import TraceJob
import TraceRegistry
import TraceRender

/// One parser under fuzzing, with the properties its output must keep.
///
/// A target returns normally for any input: thrown errors are the parser doing its job. It stops the process
/// (`FuzzFailure.stop`) when the parser crashes or breaks a property — a value that does not survive being written
/// and read back — which is how libFuzzer learns of a bug. `tracelabel-fuzz` drives these under libFuzzer
/// (`make fuzz`); `FuzzCorpusTests` replays every saved input through the same functions in `make test`.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// GS1 element strings in data form (`01…21…` with GS separators).
    case elementString = "element-string"
    /// GS1 element strings in HRI form, `(01)…(21)…`.
    case hri
    /// GS1 Digital Link URIs.
    case digitalLink = "digital-link"
    /// Whatever a scanner or a person typed: `ScannedCode.identity`.
    case scanData = "scan-data"
    /// Ecodes in text or resolver-URL form.
    case ecode
    /// Product files (YAML), through `ProductFile.load`.
    case productFile = "product-file"
    /// Label templates (YAML), through `TemplateLibrary.template`.
    case template
    /// One registry line, through `RecordScanner`.
    case registryLine = "registry-line"

    /// Runs one input: `true` when the parser accepted it (and every property held), `false` when it refused it.
    @discardableResult
    public func run(_ bytes: [UInt8]) -> Bool {
        switch self {
        case .elementString: ParserProperties.elementString(bytes)
        case .hri: ParserProperties.hri(bytes)
        case .digitalLink: ParserProperties.digitalLink(bytes)
        case .scanData: ParserProperties.scanData(bytes)
        case .ecode: ParserProperties.ecode(bytes)
        case .productFile: FileParserProperties.productFile(bytes)
        case .template: FileParserProperties.template(bytes)
        case .registryLine: RegistryLineProperties.registryLine(bytes)
        }
    }
}

/// A broken property: printed with the input, then the process stops so libFuzzer saves the input.
enum FuzzFailure {
    static func stop(_ what: String, _ bytes: [UInt8]) -> Never {
        let shown = String(decoding: bytes.prefix(400), as: UTF8.self).debugDescription
        fatalError("fuzz property broken: \(what)\ninput (\(bytes.count) bytes): \(shown)")
    }
}
