/// A set of ASCII bytes for the per-byte checks of the hot paths (CSET 82, the characters Digital Link leaves
/// unencoded, plain stems), kept as a constant map of 128 characters: `"1"` at index `b` when byte `b` is a member.
///
/// A lookup is one load from constant data: no `static let` array (a lazy-initialisation check, a reference count
/// and a bounds check per use) and no chain of range tests (which mispredict when letters and digits alternate, as
/// they do in serials and lots). `ASCIISetTests` checks every map against the definition it stands for.
struct ASCIISet: Sendable {
    /// 128 characters, `"1"` for a member byte and `"0"` for the rest.
    let map: StaticString

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        byte < 128 && map.utf8Start[Int(byte)] == 0x31
    }

    /// `A-Z a-z 0-9 - . _ ~`: what GS1 Digital Link leaves unencoded.
    static var unreserved: ASCIISet {
        ASCIISet(map: "00000000000000000000000000000000000000000000011011111111110000000111111111111111111111111110000101111111111111111111111111100010")
    }

    /// The unreserved characters plus `/` and `:`: a stem made only of these needs no normalising.
    static var plainStem: ASCIISet {
        ASCIISet(map: "00000000000000000000000000000000000000000000011111111111111000000111111111111111111111111110000101111111111111111111111111100010")
    }

    /// What a URI path may hold unencoded (RFC 3986 `pchar` and `/`, with `%` for its escapes): the unreserved
    /// characters, `!$&'()*+,;=`, `:@/` and `%`. A Digital Link's stem must be made of these.
    static var uriPath: ASCIISet {
        ASCIISet(map: "00000000000000000000000000000000010011111111111111111111111101001111111111111111111111111110000101111111111111111111111111100010")
    }

    /// GS1 CSET 82: `!"%&'()*+,-./0-9:;<=>?A-Z_a-z`.
    static var cset82: ASCIISet {
        ASCIISet(map: "00000000000000000000000000000000011001111111111111111111111111110111111111111111111111111110000101111111111111111111111111100000")
    }
}
