import Foundation

/// Recognises network file systems, where O_APPEND is emulated and flock may be local-only.
enum FileSystemKind {
    static let network: Set<String> = ["nfs", "nfs4", "cifs", "smb3", "smbfs", "afs", "9p", "ceph", "glusterfs", "fuse.sshfs"]

    /// The file-system type of the mount holding `path`, from `/proc/self/mounts` (longest matching mount point).
    static func type(of path: String, mounts given: String? = nil) -> String? {
        guard let mounts = given ?? (try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8)) else { return nil }
        let dir = given != nil ? URL(fileURLWithPath: path).deletingLastPathComponent().path
                               : URL(fileURLWithPath: path).deletingLastPathComponent().resolvingSymlinksInPath().path
        var best: (length: Int, type: String)?
        for line in mounts.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            let point = fields[1].replacingOccurrences(of: "\\040", with: " ")
            let matches = point == "/" || dir == point || dir.hasPrefix(point + "/")
            if matches, point.count > (best?.length ?? -1) { best = (point.count, String(fields[2])) }
        }
        return best?.type
    }

    /// Throws ``RegistryError/networkFileSystem(path:type:)`` when `path` lives on one, unless `allowed`.
    static func refuseNetwork(path: String, allowed: Bool, mounts: String? = nil) throws {
        guard !allowed, let type = type(of: path, mounts: mounts), network.contains(type) else { return }
        throw RegistryError.networkFileSystem(path: path, type: type)
    }
}
