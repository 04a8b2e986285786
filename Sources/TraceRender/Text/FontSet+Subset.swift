import CCairo
import Foundation
import Synchronization

extension FontSet {
    /// The faces of `family` in `fontFiles` cut down to `characters` (and the glyphs the fonts' layout tables
    /// substitute for them): a job's fonts. Text set with them looks exactly as with the whole fonts; a PDF embeds a
    /// few hundred glyphs instead of a CJK face's subroutines; a character outside `characters` is missing
    /// (``missingCharacters(in:)`` says so, naming it). The whole fonts are never loaded into fontconfig, so this
    /// also costs less than ``init(fontFiles:family:)`` (whose character sets cover 44,000 characters).
    ///
    /// When a file holds no face whose name is `family` as FreeType reads it, this is
    /// ``init(fontFiles:family:)``: the whole fonts, matched by fontconfig.
    /// - Throws: `FontError` when a file is missing, holds no such family, or cannot be subset.
    public convenience init(fontFiles: [String], family: String, covering characters: Set<Unicode.Scalar>) throws(FontError) {
        var faces: [(file: String, index: Int)] = []
        for file in fontFiles {
            let indices = try FontFaceNames.faces(of: family, in: file)
            if indices.isEmpty {
                faces = []
                break
            }
            faces += indices.map { (file, $0) }
        }
        if faces.isEmpty {
            try self.init(fontFiles: fontFiles, family: family)
        } else {
            let cut = try Self.subsetConfiguration(faces: faces, family: family, codepoints: Set(characters.map(\.value)))
            self.init(fontFiles: fontFiles, family: family, config: cut.config, charset: cut.charset, faces: faces)
        }
    }

    /// This font set's faces cut down to `characters`, as ``init(fontFiles:family:covering:)`` makes them (from the
    /// whole faces, also when this set is a subset); `self` when a file was added whole (nothing can be cut).
    /// - Throws: `FontError.cannotLoad` when a face cannot be subset or the subset cannot be loaded.
    public func subset(covering characters: Set<Unicode.Scalar>) throws(FontError) -> FontSet {
        guard !faces.isEmpty else { return self }
        let cut = try Self.subsetConfiguration(faces: faces, family: family, codepoints: Set(characters.map(\.value)))
        return FontSet(fontFiles: fontFiles, family: family, config: cut.config, charset: cut.charset, faces: faces)
    }

    /// A fontconfig configuration holding the subsets of `faces` to `codepoints`, and the first face's character set.
    private static func subsetConfiguration(faces: [(file: String, index: Int)], family: String,
                                            codepoints: Set<UInt32>) throws(FontError) -> (config: OpaquePointer, charset: OpaquePointer) {
        guard let config = FcConfigCreate() else { throw FontError.cannotLoad(file: faces[0].file, reason: "fontconfig: out of memory") }
        // An empty system font set (no font directories) to add the subset faces to, as for the whole faces.
        _ = FcConfigBuildFonts(config)
        var charset: OpaquePointer?
        do throws(FontError) {
            for face in faces {
                let path = try SubsetFontFiles.shared.path(file: face.file, faceIndex: face.index, codepoints: codepoints)
                let pattern = try Self.pattern(ofSubset: path, family: family, of: face.file)
                if charset == nil {
                    var cs: OpaquePointer?
                    if FcPatternGetCharSet(pattern, FC_CHARSET, 0, &cs) == FcResultMatch, let cs { charset = FcCharSetCopy(cs) }
                }
                guard let set = FcConfigGetFonts(config, FcSetSystem), FcFontSetAdd(set, pattern) != 0 else {
                    FcPatternDestroy(pattern)
                    throw FontError.cannotLoad(file: face.file, reason: "fontconfig could not add the job's subset of face \(face.index)")
                }
            }
        } catch {
            if let charset { FcCharSetDestroy(charset) }
            FcConfigDestroy(config)
            throw error
        }
        guard let charset else {
            FcConfigDestroy(config)
            throw FontError.cannotLoad(file: faces[0].file, reason: "the job's subset has no character map")
        }
        return (config, charset)
    }

    /// The fontconfig pattern of the subset font at `path`, which must still be a face of `family`.
    private static func pattern(ofSubset path: String, family: String, of file: String) throws(FontError) -> OpaquePointer {
        var library: FT_Library?
        guard FT_Init_FreeType(&library) == 0, let library else { throw FontError.cannotLoad(file: file, reason: "FreeType: cannot initialise") }
        defer { FT_Done_FreeType(library) }
        var face: FT_Face?
        guard FT_New_Face(library, path, 0, &face) == 0, let face else {
            throw FontError.cannotLoad(file: file, reason: "FreeType could not read the job's subset of it")
        }
        defer { FT_Done_Face(face) }
        guard let name = face.pointee.family_name, String(cString: name) == family else {
            throw FontError.cannotLoad(file: file, reason: "the job's subset lost the family name '\(family)'")
        }
        guard let pattern = FcFreeTypeQueryFace(face, path, 0, nil) else {
            throw FontError.cannotLoad(file: file, reason: "fontconfig could not read the job's subset of it")
        }
        return pattern
    }
}

/// The subset fonts made in this process, as files without a name on disk, by face and characters.
///
/// Pango reads a font from its file name (fontconfig's `FC_FILE`) and Cairo caches font faces by file name for the
/// life of the process, so the bytes behind a name must never change: a subset, once made, is kept until the
/// process exits (a job makes one per weight; the CLI runs one job). Each is written to a temporary file that is
/// unlinked at once and named by `/proc/self/fd/N`, so nothing is left behind, whatever happens to the process.
///
/// Jobs on several threads may ask at once: the paths are `Mutex`-guarded, and a subset is made while holding it so the
/// same one is never made twice.
final class SubsetFontFiles: Sendable {
    static let shared = SubsetFontFiles()

    private struct Key: Hashable { let file: String, faceIndex: Int, codepoints: Set<UInt32> }
    private let paths = Mutex<[Key: String]>([:])

    /// The path of the subset of face `faceIndex` of `file` to `codepoints`, made on first use.
    func path(file: String, faceIndex: Int, codepoints: Set<UInt32>) throws(FontError) -> String {
        let key = Key(file: file, faceIndex: faceIndex, codepoints: codepoints)
        return try paths.withLock { (paths: inout [Key: String]) throws(FontError) -> String in
            if let path = paths[key] { return path }
            let bytes = try FontSubsetter.subset(file: file, faceIndex: faceIndex, codepoints: codepoints)
            let path = try Self.anonymousFile(holding: bytes, for: file)
            paths[key] = path
            return path
        }
    }

    /// Writes `bytes` to a temporary file, unlinks it and returns `/proc/self/fd/N` for its open descriptor.
    private static func anonymousFile(holding bytes: [UInt8], for file: String) throws(FontError) -> String {
        var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("tracelabel-font-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw FontError.cannotLoad(file: file, reason: "cannot create a temporary file in '\(NSTemporaryDirectory())' for the job's subset: \(String(cString: strerror(errno)))")
        }
        unlink(template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let reason = n < 0 ? String(cString: strerror(errno)) : "short write"
                close(fd)
                throw FontError.cannotLoad(file: file, reason: "cannot write the job's subset to a temporary file: \(reason)")
            }
            written += n
        }
        return "/proc/self/fd/\(fd)"
    }
}
