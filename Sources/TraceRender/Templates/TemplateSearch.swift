import Foundation

/// Where ``TemplateLibrary/standard()`` finds the built-in templates, first match wins:
///
/// 1. `$TRACELABEL_TEMPLATES`, when set (it must be a folder);
/// 2. `share/tracelabel/templates` in the folder above the executable's (`PREFIX/bin` → `PREFIX/share`), where
///    `make install` puts them;
/// 3. a `templates/` folder found by walking up from the executable (a source checkout, for development);
/// 4. `./templates`.
///
/// A template folder is one with a `sheets` subfolder. The executable is found through `/proc/self/exe`, not
/// `argv[0]`, so a binary started through `PATH` or a symlink finds its own installation.
struct TemplateSearch: Sendable {
    /// `$TRACELABEL_TEMPLATES`; `nil` or empty when unset.
    var environment: String?
    /// The running executable's path with symlinks resolved, if known.
    var executable: String?
    /// The working directory.
    var currentDirectory: String

    /// The search for this process.
    static var current: TemplateSearch {
        TemplateSearch(environment: ProcessInfo.processInfo.environment["TRACELABEL_TEMPLATES"], executable: runningExecutable(),
                       currentDirectory: FileManager.default.currentDirectoryPath)
    }

    /// How many folders, from the executable's up, are tried for a checkout's `templates/`: the binary sits two
    /// (`.build-release/release/`) or three (`.build/<triple>/debug/`) below the checkout; eight leaves room for other
    /// scratch paths.
    static let checkoutDepth = 8

    /// The folders tried, in order (`$TRACELABEL_TEMPLATES` is not among them: it is never second-guessed).
    var candidates: [String] {
        var paths: [String] = []
        if let executable {
            let bin = URL(fileURLWithPath: executable).deletingLastPathComponent()
            paths.append(bin.deletingLastPathComponent().appendingPathComponent("share/tracelabel/templates").standardizedFileURL.path)
            var dir = bin
            for _ in 0..<Self.checkoutDepth {
                paths.append(dir.appendingPathComponent("templates").path)
                dir = dir.deletingLastPathComponent()
            }
        }
        paths.append((currentDirectory as NSString).appendingPathComponent("templates"))
        return paths
    }

    /// The template folder.
    /// - Parameter isTemplateFolder: whether a path is a template folder (tests pass their own).
    /// - Throws: `TemplateError` when `$TRACELABEL_TEMPLATES` names no folder or no candidate is a template folder.
    func directory(isTemplateFolder: (String) -> Bool = TemplateSearch.isTemplateFolder) throws(TemplateError) -> String {
        if let environment, !environment.isEmpty {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: environment, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw TemplateError(file: "environment", field: "TRACELABEL_TEMPLATES", value: environment, rule: "must name a folder of templates")
            }
            return environment
        }
        if let found = candidates.first(where: isTemplateFolder) { return found }
        throw TemplateError(file: "templates/", field: "", value: "",
                            rule: "no template folder found (looked in \(candidates.joined(separator: ", "))): "
                                + "set TRACELABEL_TEMPLATES, install with `make install`, or run from the TraceLabel checkout")
    }

    /// True when `path` holds a `sheets` folder, as every template folder does.
    static func isTemplateFolder(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("sheets"))
    }

    /// The running executable, symlinks resolved: `/proc/self/exe` on Linux, else `argv[0]` when it is a path.
    static func runningExecutable() -> String? {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        #endif
        guard let first = CommandLine.arguments.first, first.contains("/") else { return Bundle.main.executablePath }
        return URL(fileURLWithPath: first).resolvingSymlinksInPath().standardizedFileURL.path
    }
}
