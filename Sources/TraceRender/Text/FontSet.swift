import CCairo

/// The fonts a job may use, loaded into a private fontconfig configuration so output never depends on what
/// else the machine has installed, and able to say which characters it cannot draw.
///
/// `@unchecked Sendable`: an immutable wrapper around fontconfig objects (every property is a `let`), which after
/// `init` are only read (fontconfig ≥ 2.10 is thread-safe for reads); each thread draws with a ``LabelPainter`` of
/// its own on them. The compiler cannot see that C pointers are not written through.
public final class FontSet: @unchecked Sendable {
    /// The font files (OTF, TTF or TTC): regular first, then any other weights of the same family.
    public let fontFiles: [String]
    /// The family name Pango asks for, e.g. `Noto Sans CJK SC`.
    public let family: String
    let config: OpaquePointer
    private let charset: OpaquePointer
    /// The whole faces of `family` in `fontFiles` (file, face index), also for a subset (which is cut from them);
    /// empty when a file was added whole because no face carried the name as FreeType reads it (nothing to cut).
    let faces: [(file: String, index: Int)]

    /// Loads `fontFiles` and finds `family` in them. Coverage is checked against the first (regular) file.
    /// - Throws: `FontError` when a file is missing or holds no such family.
    public convenience init(fontFiles: [String], family: String) throws(FontError) {
        guard let fontFile = fontFiles.first else { throw FontError.cannotLoad(file: "", reason: "no font file given") }
        guard let config = FcConfigCreate() else { throw FontError.cannotLoad(file: fontFile, reason: "fontconfig: out of memory") }
        var faces: [(file: String, index: Int)] = []
        do throws(FontError) {
            faces = try Self.addFaces(of: fontFiles, family: family, to: config)
        } catch {
            FcConfigDestroy(config)
            throw error
        }
        let pattern = FcPatternCreate()!
        defer { FcPatternDestroy(pattern) }
        _ = FcPatternAddString(pattern, FC_FAMILY, family)
        _ = FcPatternAddInteger(pattern, FC_WEIGHT, FC_WEIGHT_REGULAR)
        let objects = FcObjectSetCreate()!
        defer { FcObjectSetDestroy(objects) }
        _ = FcObjectSetAdd(objects, FC_FAMILY)
        _ = FcObjectSetAdd(objects, FC_CHARSET)
        guard let list = FcFontList(config, pattern, objects) else {
            FcConfigDestroy(config)
            throw FontError.cannotLoad(file: fontFile, reason: "fontconfig could not list it")
        }
        defer { FcFontSetDestroy(list) }
        var found: OpaquePointer?
        if list.pointee.nfont > 0, let first = list.pointee.fonts[0] {
            var cs: OpaquePointer?
            if FcPatternGetCharSet(first, FC_CHARSET, 0, &cs) == FcResultMatch, let cs { found = FcCharSetCopy(cs) }
        }
        guard let found else {
            FcConfigDestroy(config)
            throw FontError.familyNotInFile(file: fontFile, family: family)
        }
        self.init(fontFiles: fontFiles, family: family, config: config, charset: found, faces: faces)
    }

    /// Takes ownership of `config` and `charset` and makes `config` fontconfig's current configuration.
    init(fontFiles: [String], family: String, config: OpaquePointer, charset: OpaquePointer, faces: [(file: String, index: Int)]) {
        // Pango's font map initialises fontconfig's default configuration (all of /etc/fonts and the system font
        // caches) on a background thread even though every lookup here uses this configuration: about 10 ms of
        // CPU per job for nothing. With this configuration current there is nothing left to initialise, and no
        // library falling back to the current configuration can pick up the machine's fonts or settings.
        FcConfigSetCurrent(config)
        self.fontFiles = fontFiles
        self.family = family
        self.config = config
        self.charset = charset
        self.faces = faces
    }

    /// Adds to `config` only the faces of `files` whose family is `family`.
    ///
    /// A CJK collection holds ten faces (Japanese, Korean, Simplified and Traditional Chinese, Hong Kong, each also
    /// monospaced); `FcConfigAppFontAddFile` computes the character set of every one, about 40 % of a short job's
    /// CPU. Family names are read from the `name` tables (``FontFaceNames``) and only the matching faces are
    /// queried. When no face of a file carries the name as FreeType reports it (a localised family name, say), the
    /// whole file is added as before and fontconfig's own matching decides.
    /// - Returns: the faces added one by one; a file added whole adds none.
    private static func addFaces(of files: [String], family: String, to config: OpaquePointer) throws(FontError) -> [(file: String, index: Int)] {
        var library: FT_Library?
        guard FT_Init_FreeType(&library) == 0, let library else { throw FontError.cannotLoad(file: files[0], reason: "FreeType: cannot initialise") }
        defer { FT_Done_FreeType(library) }
        // An empty system font set (this configuration has no font directories) to add the chosen faces to.
        _ = FcConfigBuildFonts(config)
        var chosen: [(file: String, index: Int)] = []
        var wholeFile = false
        for file in files {
            let indices = try FontFaceNames.faces(of: family, in: file)
            var added = 0
            if let set = FcConfigGetFonts(config, FcSetSystem) {
                for index in indices {
                    var face: FT_Face?
                    guard FT_New_Face(library, file, index, &face) == 0, let face else { continue }
                    defer { FT_Done_Face(face) }
                    guard let pattern = FcFreeTypeQueryFace(face, file, UInt32(index), nil) else { continue }
                    if FcFontSetAdd(set, pattern) != 0 {
                        added += 1
                        chosen.append((file, index))
                    } else { FcPatternDestroy(pattern) }
                }
            }
            if added == 0 && FcConfigAppFontAddFile(config, file) == 0 {
                throw FontError.cannotLoad(file: file, reason: "fontconfig could not read it (missing or not a font)")
            }
            if added == 0 { wholeFile = true }
        }
        return wholeFile ? [] : chosen
    }

    deinit {
        FcCharSetDestroy(charset)
        FcConfigDestroy(config)
    }

    /// The characters of `text` this font cannot draw (line breaks and tabs are not drawn, so never missing).
    public func missingCharacters(in text: String) -> [Character] {
        var missing: [Character] = []
        for ch in text {
            for scalar in ch.unicodeScalars where scalar.value >= 0x20 && FcCharSetHasChar(charset, scalar.value) == 0 {
                if !missing.contains(ch) { missing.append(ch) }
                break
            }
        }
        return missing
    }
}

/// Why a font could not be used.
public enum FontError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotLoad(file: String, reason: String)
    case familyNotInFile(file: String, family: String)
    case missingGlyphs(field: String, text: String, characters: [Character], family: String)

    public var description: String {
        switch self {
        case .cannotLoad(let file, let reason): "font '\(file)': \(reason)"
        case .familyNotInFile(let file, let family): "font '\(file)' has no family '\(family)'"
        case .missingGlyphs(let field, let text, let chars, let family):
            "\(field): '\(text)' contains \(chars.map { "'\($0)' (U+\(String($0.unicodeScalars.first!.value, radix: 16, uppercase: true)))" }.joined(separator: ", ")) which the font \(family) cannot draw; it would print as a box"
        }
    }
}
