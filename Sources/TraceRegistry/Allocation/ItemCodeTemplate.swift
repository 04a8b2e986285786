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
    }

    /// The code for `serial`: (HRI, Digital Link URI).
    public func code(serial: String) throws -> (hri: String, dl: String) {
        let plain = serial.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D }
        guard plain, !serial.isEmpty, serial.utf8.count <= 20 else {
            let c = try TraceCode.make(for: product, mode: .item, serial: serial, lot: lot)
            return (c.hri, c.digitalLink)
        }
        return (hriPrefix + serial, dlPrefix + serial + dlSuffix)
    }
}
