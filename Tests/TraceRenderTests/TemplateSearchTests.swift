import Foundation
import Testing
@testable import TraceRender
import _TraceTestSupport

/// Where the built-in templates are found: the environment, then the installation beside the binary, then a
/// checkout above it, then the working directory.
struct TemplateSearchTests {
    @Test func theInstallationComesBeforeTheCheckoutAndTheWorkingDirectory() throws {
        let search = TemplateSearch(environment: nil, executable: "/opt/tl/bin/tracelabel", currentDirectory: "/home/op")
        #expect(search.candidates.first == "/opt/tl/share/tracelabel/templates")
        #expect(search.candidates.dropFirst().first == "/opt/tl/bin/templates")
        #expect(search.candidates.contains("/opt/templates"))
        #expect(search.candidates.last == "/home/op/templates")
        // Each folder answers only if it is a template folder; the first that is wins.
        let everywhere: Set = ["/opt/tl/share/tracelabel/templates", "/opt/templates", "/home/op/templates"]
        #expect(try search.directory { everywhere.contains($0) } == "/opt/tl/share/tracelabel/templates")
        #expect(try search.directory { $0 == "/opt/templates" || $0 == "/home/op/templates" } == "/opt/templates")
        #expect(try search.directory { $0 == "/home/op/templates" } == "/home/op/templates")
        do {
            _ = try search.directory { _ in false }
            Issue.record("found a template folder where there is none")
        } catch {
            #expect(error.rule.contains("/opt/tl/share/tracelabel/templates"), "\(error)")
            #expect(error.rule.contains("TRACELABEL_TEMPLATES"), "\(error)")
        }
    }

    @Test func theEnvironmentWinsAndMustNameAFolder() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let search = TemplateSearch(environment: dir.path, executable: "/opt/tl/bin/tracelabel", currentDirectory: "/")
        #expect(try search.directory { _ in true } == dir.path)
        let missing = TemplateSearch(environment: dir.appendingPathComponent("nothing").path, executable: nil, currentDirectory: "/")
        #expect(throws: TemplateError.self) { try missing.directory { _ in true } }
        // Empty is unset.
        let empty = TemplateSearch(environment: "", executable: nil, currentDirectory: "/srv/line")
        #expect(try empty.directory { $0 == "/srv/line/templates" } == "/srv/line/templates")
    }

    @Test func thisProcessFindsItsOwnExecutable() throws {
        let path = try #require(TemplateSearch.runningExecutable())
        #expect(path.hasPrefix("/"))
        #expect(FileManager.default.isExecutableFile(atPath: path), "\(path)")
    }
}
