/// A document the data refers to (an inspection report, a business licence): its reference as people cite it and
/// the SHA-256 of its file, so the document shown later can be proven to be the one declared.
public struct DocumentReference: Sendable, Equatable {
    /// How people cite it, e.g. `QT-2026-1127-001` or `营业执照 91330106MA2H7K3LXA`.
    public let reference: String
    /// SHA-256 of the document's file, 64 lower-case hex digits.
    public let sha256: String

    public init(reference: String, sha256: String) {
        self.reference = reference
        self.sha256 = sha256
    }
}

/// What the loader found when it hashed a document's file (TraceCore does no I/O: the caller reads the file).
public enum DocumentDigest: Sendable, Equatable {
    /// SHA-256 of the file, lower-case hex.
    case sha256(String)
    /// The file could not be read, with the reason.
    case unreadable(String)
}

extension DocumentReference {
    /// Reads `<prefix>.reference`, `<prefix>.file` and `<prefix>.sha256`: the reference is required and so is the
    /// hash, either given or computed from the file (`digests[<prefix>.file]`); when both are given they must agree.
    static func validated(_ prefix: String, text: (String) -> String?, digests: [String: DocumentDigest],
                          findings: inout [ProductFinding]) -> DocumentReference? {
        let reference = text("\(prefix).reference")
        if reference == nil {
            findings.append(ProductFinding(id: "FIELD-MISSING", field: "\(prefix).reference", value: nil,
                                           rule: "is required: the document's number or title as people cite it"))
        }
        var given: String?
        if let v = text("\(prefix).sha256") {
            let lower = v.lowercased()
            if lower.utf8.count == 64, lower.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) {
                given = lower
            } else {
                findings.append(ProductFinding(id: "DOC-SHA256", field: "\(prefix).sha256", value: v,
                                               rule: "must be the SHA-256 of the document's file: 64 hex digits (sha256sum prints it)"))
                return nil
            }
        }
        var computed: String?
        if let file = text("\(prefix).file") {
            switch digests["\(prefix).file"] {
            case .sha256(let hex)?: computed = hex
            case .unreadable(let why)?:
                findings.append(ProductFinding(id: "DOC-FILE", field: "\(prefix).file", value: file, rule: "cannot be read: \(why)"))
                return nil
            case nil:
                findings.append(ProductFinding(id: "DOC-FILE", field: "\(prefix).file", value: file, rule: "was not read by the loader"))
                return nil
            }
        }
        if let given, let computed, given != computed {
            findings.append(ProductFinding(id: "DOC-MISMATCH", field: "\(prefix).sha256", value: given,
                                           rule: "differs from the SHA-256 of \(prefix).file (\(computed)): the file is not the document declared"))
            return nil
        }
        guard let hash = computed ?? given else {
            findings.append(ProductFinding(id: "DOC-HASH-MISSING", field: "\(prefix).file", value: nil,
                                           rule: "or \(prefix).sha256 is required: the document's file (hashed when the data is loaded) or its SHA-256"))
            return nil
        }
        guard let reference else { return nil }
        return DocumentReference(reference: reference, sha256: hash)
    }

    /// The fields a document reference is written with under `prefix`.
    static func fieldPaths(_ prefix: String) -> [String] { ["\(prefix).reference", "\(prefix).file", "\(prefix).sha256"] }
}
