import CHarfBuzzSubset

/// Finds the faces of a family in a font file from the files' `name` tables, read with HarfBuzz.
///
/// Opening a face with FreeType parses its CFF table (a CJK face's charset, FDSelect and private dictionaries): the
/// twenty faces of the two Noto CJK collections cost about 60 M instructions, a fifth of a one-label job, to learn
/// ten names. HarfBuzz maps the file and reads only the `name` table.
enum FontFaceNames {
    /// The indices of the faces of `file` whose family name is `family`, as FreeType names faces: the WWS family
    /// name if there is one, else the typographic family, else the family (name IDs 21, 16, 1, in English).
    /// - Throws: `FontError.cannotLoad` when the file is missing or holds no font.
    static func faces(of family: String, in file: String) throws(FontError) -> [Int] {
        guard let blob = hb_blob_create_from_file_or_fail(file) else {
            throw FontError.cannotLoad(file: file, reason: "cannot read it (missing or not a font)")
        }
        defer { hb_blob_destroy(blob) }
        let count = hb_face_count(blob)
        guard count > 0 else { throw FontError.cannotLoad(file: file, reason: "not a font (no face found)") }
        let english = hb_language_from_string("en", -1)
        var found: [Int] = []
        for index in 0..<count {
            let face = hb_face_create(blob, index)
            defer { hb_face_destroy(face) }
            for id in [21, 16, 1] as [UInt32] {
                var length: UInt32 = 256
                var buffer = [CChar](repeating: 0, count: Int(length) + 1)
                guard hb_ot_name_get_utf8(face, hb_ot_name_id_t(id), english, &length, &buffer) > 0 else { continue }
                if String(cString: buffer) == family { found.append(Int(index)) }
                break
            }
        }
        return found
    }
}
