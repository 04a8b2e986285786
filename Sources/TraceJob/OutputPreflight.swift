import Foundation
import TraceRender

/// Proves that a job's outputs can be made before its first registry write, and takes back the folders it made
/// when the job is refused before registering anything.
///
/// Why: a PDF path that turns out unusable after codes are registered leaves codes issued and unprinted. So the
/// PDF's name must be free (`lstat`: a dangling symlink counts as taken), must not be the registry or its
/// companions, must name a file (no trailing `/`), and a file must really be creatable in its folder (a probe
/// with `O_CREAT|O_EXCL`, which `/proc` and `/sys` refuse); the spool folder the same.
struct OutputPreflight {
    /// Folders this preflight created, outermost first.
    private(set) var created: [String] = []

    /// Checks and prepares the outputs; on a throw, whatever it created is already removed.
    mutating func prepare(pdf: String?, spool: String?, registry: String) throws {
        do {
            if let pdf { try preparePDF(pdf, registry: registry) }
            try makeFolder(Self.folder(of: registry), field: "registry", value: registry)
            if let spool { try makeFolder(spool, field: "spool", value: spool) }
        } catch {
            undo()
            throw error
        }
    }

    /// Removes the folders this preflight made, innermost first, if they are still empty.
    func undo() {
        for folder in created.reversed() { rmdir(folder) }
    }

    private mutating func preparePDF(_ pdf: String, registry: String) throws {
        guard !pdf.hasSuffix("/"), !pdf.isEmpty else {
            throw IssueError(field: "pdf", value: pdf, rule: "names a folder: give the PDF's file name, e.g. out/L1-2026-11-27-A.pdf")
        }
        var info = stat()
        if lstat(pdf, &info) == 0 { throw RenderError.fileExists(path: pdf) }
        let target = Self.canonical(pdf)
        let registryTarget = Self.canonical(registry)
        for (companion, what) in [("", "the registry"), (".lock", "the registry's lock file"), (".index", "the registry's lookup index")]
        where target == registryTarget + companion {
            throw IssueError(field: "pdf", value: pdf, rule: "is \(what) ('\(registry)\(companion)'): give the PDF its own file name")
        }
        let folder = Self.folder(of: pdf)
        try makeFolder(folder, field: "pdf", value: pdf)
        try probe(folder, field: "pdf", value: pdf)
    }

    /// Creates `folder` and its missing parents, remembering each one made.
    private mutating func makeFolder(_ folder: String, field: String, value: String) throws {
        var missing: [String] = []
        var path = (folder as NSString).standardizingPath
        while !path.isEmpty, path != "/", path != ".", access(path, F_OK) != 0 {
            missing.append(path)
            path = (path as NSString).deletingLastPathComponent
        }
        for dir in missing.reversed() {
            guard mkdir(dir, 0o755) == 0 || errno == EEXIST else {
                let code = errno
                let parentExists = access((dir as NSString).deletingLastPathComponent, F_OK) == 0
                let why = code == ENOENT && parentExists ? "this file system does not take new folders (a kernel file system such as /proc or /sys)" : Self.reason(code)
                throw IssueError(field: field, value: value, rule: "its folder '\(dir)' cannot be created: \(why)")
            }
            created.append(dir)
        }
        var info = stat()
        guard stat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { throw RenderError.notADirectory(path: folder) }
        if field == "spool" { try probe(folder, field: field, value: value) }
    }

    /// Creates and removes a file in `folder`: the only test that the kernel will let a file be made there.
    private func probe(_ folder: String, field: String, value: String) throws {
        let name = (folder as NSString).appendingPathComponent(".tracelabel-probe-\(getpid())")
        let fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let code = errno
            // The folder exists, so ENOENT here is a pseudo file system (/proc, /sys) refusing new files.
            let why = code == ENOENT ? "this file system does not take new files (a kernel file system such as /proc or /sys)" : Self.reason(code)
            throw IssueError(field: field, value: value, rule: "no file can be created in '\(folder)': \(why)")
        }
        close(fd)
        unlink(name)
    }

    static func folder(of path: String) -> String {
        let dir = (path as NSString).deletingLastPathComponent
        return dir.isEmpty ? "." : dir
    }

    /// The path with every existing symlink in it resolved, so two spellings of one file compare equal.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    /// strerror, with the errors a pseudo file system gives turned into words a person can act on.
    static func reason(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: "permission denied"
        case EROFS: "the file system is read-only"
        case ENOSPC: "the disk is full"
        case ENOENT, ENOTDIR: "a folder on the way does not exist or is a file"
        default: "not a place files can be written (\(String(cString: strerror(code))))"
        }
    }
}
