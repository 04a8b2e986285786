import TraceCore

/// Builds the HRI and Digital Link of item codes that differ only in their serial, without re-validating
/// the constant part for every code.
///
/// Made from two validated sample codes (serials `0` and `1`): everything before and after the serial is the
/// same for every code of the job. A serial with characters a URI must percent-encode falls back to
/// ``TraceCode/make(for:mode:serial:lot:)``.
public struct ItemCodeTemplate: Sendable {
    let product: ProductSpec
    let lot: String?
    let hriPrefix: String
    let dlPrefix: String
    let dlSuffix: String
    /// The same parts as they appear inside JSON strings in a registry line.
    let hriPrefixJSON: [UInt8]
    let dlPrefixJSON: [UInt8]
    let dlSuffixJSON: [UInt8]

    public init(product: ProductSpec, lot: String? = nil) throws {
        self.product = product
        self.lot = lot
        let a = try TraceCode.make(for: product, mode: .item, serial: "0", lot: lot)
        let b = try TraceCode.make(for: product, mode: .item, serial: "1", lot: lot)
        hriPrefix = String(a.hri.dropLast())
        let x = Array(a.digitalLink.utf8), y = Array(b.digitalLink.utf8)
        var p = 0
        while p < x.count, x[p] == y[p] { p += 1 }
        dlPrefix = String(decoding: x[..<p], as: UTF8.self)
        dlSuffix = String(decoding: x[(p + 1)...], as: UTF8.self)
        hriPrefixJSON = RecordLine.escaped(hriPrefix)
        dlPrefixJSON = RecordLine.escaped(dlPrefix)
        dlSuffixJSON = RecordLine.escaped(dlSuffix)
    }

    /// Whether `serial` can be spliced between the parts as it is: 1-20 of `0-9 A-Z a-z -`, which neither a
    /// URI nor JSON needs to escape.
    static func isPlain<C: Collection>(_ serial: C) -> Bool where C.Element == UInt8 {
        !serial.isEmpty && serial.count <= 20
            && serial.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D }
    }

    /// The code for `serial`: (HRI, Digital Link URI).
    public func code(serial: String) throws -> (hri: String, dl: String) {
        guard ItemCodeTemplate.isPlain(serial.utf8) else {
            let c = try TraceCode.make(for: product, mode: .item, serial: serial, lot: lot)
            return (c.hri, c.digitalLink)
        }
        return (hriPrefix + serial, dlPrefix + serial + dlSuffix)
    }
}
