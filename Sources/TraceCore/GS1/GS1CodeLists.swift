/// Code lists the GS1 linters check against, as 1000-bit sets (bit `v` set when code `v` is assigned).
///
/// Taken from the reference linters of the GS1 Barcode Syntax Dictionary (`lint_iso3166.c`, `lint_iso4217.c`), which
/// GS1 maintains with each dictionary release; update them together with the AI table.
enum GS1CodeLists {
    /// ISO 3166-1 numeric country codes.
    static let iso3166: [UInt64] = [
        0x08a8_8889_8888_b888, 0x8aa8_0a28_8888_8888, 0x0888_888a_2223_2889, 0x8818_8a22_21e3_22a2,
        0x2a2a_1800_8888_8888, 0x888a_8888_8888_8888, 0x8882_88a2_622a_22a2, 0x2222_2222_8808_b888,
        0x8888_9708_0822_2222, 0x2de1_0288_8888_a222, 0x320a_1b22_2222_a203, 0xe208_08c8_0888_88a8,
        0x8888_889a_8900_2021, 0xe080_222a_0008_2102, 0x0000_0000_0000_0000, 0x0000_0000_0000_0000,
    ]

    /// ISO 4217 numeric currency codes.
    static let iso4217: [UInt64] = [
        0x0088_0000_8808_b808, 0x8880_0820_8088_0808, 0x0880_8088_0022_0009, 0x8010_8202_0282_2000,
        0x0202_0000_0800_0000, 0x8888_0888_8888_8080, 0x0882_88a2_6222_2002, 0x0222_0000_8800_a080,
        0x8808_0c00_0822_0200, 0x2022_0288_8000_0020, 0x1202_0000_0020_2202, 0xa200_0080_0008_8888,
        0x0088_8800_8100_2020, 0x2080_0028_0000_2200, 0x0400_000d_fead_bfdf, 0xfdfd_fce2_2500_0000,
    ]

    /// ISO 3166-1 alpha-2 country codes, bit `(first - 'A') * 26 + (second - 'A')`.
    static let iso3166alpha2: [UInt64] = [
        0x1e9a_fb77_f7bd_bb7b, 0xe4fc_21a8_012b_0070, 0x003a_900d_f9df_a800, 0xb160_181e_f002_02c0,
        0x00b8_d42f_8281_f2bf, 0x3fff_eba4_d210_0080, 0x023c_f1ca_8000_0002, 0x008a_8fbf_e75c_ddf9,
        0x5982_0820_eaa1_0200, 0x4002_0000_0000_0800, 0x1020_0200_8000_0000,
    ]

    /// True when the two upper-case letters `s` are an ISO 3166-1 alpha-2 code.
    static func containsAlpha2(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard s.count == 2, s.allSatisfy({ $0 &- 0x41 < 26 }) else { return false }
        let v = Int(s[0] - 0x41) * 26 + Int(s[1] - 0x41)
        return iso3166alpha2[v / 64] & (UInt64(1) << UInt64(63 - v % 64)) != 0
    }

    /// True when the three digits `s` are a code of `set`.
    static func contains(_ set: [UInt64], _ s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard s.count == 3, s.allSatisfy({ $0 &- 0x30 <= 9 }) else { return false }
        let v = Int(s[0] - 0x30) * 100 + Int(s[1] - 0x30) * 10 + Int(s[2] - 0x30)
        return set[v / 64] & (UInt64(1) << UInt64(63 - v % 64)) != 0
    }
}
