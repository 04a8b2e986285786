import Foundation

/// A tmpfs of a few hundred kilobytes, mounted on a new directory, for tests of what happens when a disk fills up.
///
/// Mounting needs root (CI runs as root). When it cannot be mounted the test fails with the reason rather than
/// passing without having tested anything.
public struct SmallFilesystem {
    /// Where it is mounted.
    public let path: String

    /// Why a small filesystem could not be mounted.
    public struct MountError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Creates `path` and mounts a tmpfs of `size` (mount's syntax: `64k`, `8m`) on it.
    public init(path: String, size: String) throws {
        guard geteuid() == 0 else {
            throw MountError(description: "mounting a \(size) tmpfs needs root (running as uid \(geteuid())): run the tests as root, as CI does")
        }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let mounted = try Harness.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path])
        guard mounted.status == 0 else { throw MountError(description: "cannot mount a \(size) tmpfs on \(path): \(mounted.stderr)") }
        self.path = path
    }

    /// Gives it a new size (to free space after filling it).
    public func resize(_ size: String) throws {
        let result = try Harness.run("/bin/mount", ["-o", "remount,size=\(size)", path])
        guard result.status == 0 else { throw MountError(description: "cannot resize \(path) to \(size): \(result.stderr)") }
    }

    /// Unmounts it; the directory stays for the caller to remove.
    public func unmount() { _ = try? Harness.run("/bin/umount", [path]) }
}
