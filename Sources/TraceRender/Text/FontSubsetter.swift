import CHarfBuzzSubset

/// Cuts one face of a font file down to the glyphs of a set of characters with HarfBuzz's subsetter, so that Cairo
/// embeds a few hundred glyphs in a PDF instead of a CJK face's 65,535.
///
/// Cairo 1.16 subsets the glyphs it embeds but copies a CFF font's subroutines whole, and Noto Sans CJK keeps most
/// of its outlines in subroutines: about 0.5 MB deflated per face, whatever the job draws. The subset made here is
/// desubroutinized (each glyph's outline written out in full), so Cairo has no subroutines to copy. The layout
/// tables stay (for the kept glyphs): Pango shapes the job's texts with the subset exactly as with the whole face.
enum FontSubsetter {
    /// The face `faceIndex` of `file` reduced to the glyphs `codepoints` map to (and the glyphs the layout tables
    /// substitute for them), as an OpenType font file with one face.
    /// - Throws: `FontError.cannotLoad` when HarfBuzz cannot read the face or subset it.
    static func subset(file: String, faceIndex: Int, codepoints: Set<UInt32>) throws(FontError) -> [UInt8] {
        guard let blob = hb_blob_create_from_file_or_fail(file) else {
            throw FontError.cannotLoad(file: file, reason: "HarfBuzz could not read it to make the job's subset")
        }
        defer { hb_blob_destroy(blob) }
        let face = hb_face_create(blob, UInt32(faceIndex))
        defer { hb_face_destroy(face) }
        guard hb_face_get_glyph_count(face) > 0 else {
            throw FontError.cannotLoad(file: file, reason: "HarfBuzz found no glyphs in face \(faceIndex) to subset")
        }
        guard let input = hb_subset_input_create_or_fail() else {
            throw FontError.cannotLoad(file: file, reason: "HarfBuzz: out of memory making a subset")
        }
        defer { hb_subset_input_destroy(input) }
        let unicodes = hb_subset_input_unicode_set(input)
        for codepoint in codepoints { hb_set_add(unicodes, codepoint) }
        // Desubroutinized: see the type's comment. Names and the other defaults stay (pdffonts and PDF readers show
        // the face's PostScript name; FreeType and fontconfig read its family name).
        hb_subset_input_set_flags(input, UInt32(HB_SUBSET_FLAGS_DESUBROUTINIZE.rawValue))
        guard let subset = hb_subset_or_fail(face, input) else {
            throw FontError.cannotLoad(file: file, reason: "HarfBuzz could not subset face \(faceIndex) to \(codepoints.count) characters")
        }
        defer { hb_face_destroy(subset) }
        let out = hb_face_reference_blob(subset)
        defer { hb_blob_destroy(out) }
        var length: UInt32 = 0
        guard let data = hb_blob_get_data(out, &length), length > 0 else {
            throw FontError.cannotLoad(file: file, reason: "HarfBuzz made an empty subset of face \(faceIndex)")
        }
        return data.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { Array(UnsafeBufferPointer(start: $0, count: Int(length))) }
    }
}
