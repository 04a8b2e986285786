/// The first-batch product catalogue of the notice (Annex 1, 第一批实施质量安全追溯的重点工业产品目录): each category with its
/// units, and which certificate a unit's labels must name (Annex 2 field 9, 生产许可证号/强制性认证证书编号, "required if
/// applicable"). Kept as data, in one place, so a change of the catalogue or of a regime is one edit here.
///
/// Regimes are enforced only where the source is firm: e-bikes are in the CCC catalogue, e-bike chargers and Li
/// batteries from 2025-11-01 (CNCA, applications from 2024-10-15), household gas cookers under CCC, steel wire rope
/// under the production licence (XK05-005), and wires and cables under one or the other (CCC up to 450/750 V, licence
/// above). Units whose regime is not confirmed carry no rule rather than a guess that could stop a line.
public enum AnnexOneCatalogue {
    /// Which certificate a unit's labels must name.
    public enum Certificate: Sendable, Equatable {
        /// None known to apply (or not confirmed).
        case none
        /// A CCC certificate number, for products made on or after `since` (nil: always).
        case ccc(since: CalendarDate?)
        /// An industrial product production licence number.
        case licence
        /// A CCC certificate or a production licence, depending on the model (e.g. a cable's voltage class).
        case cccOrLicence
    }

    /// One Annex 1 unit.
    public struct Unit: Sendable {
        public let category: String
        public let name: String
        public let certificate: Certificate
    }

    /// Every unit, category by category, in the notice's order.
    public static let units: [Unit] = {
        let e_bikeCCC = CalendarDate(year: 2025, month: 11, day: 1)
        let table: [(String, [(String, Certificate)])] = [
            ("电线电缆", [("架空绞线", .cccOrLicence), ("塑料绝缘控制电缆", .cccOrLicence), ("挤包绝缘低压电力电缆", .cccOrLicence),
                      ("挤包绝缘中压电力电缆", .cccOrLicence), ("架空绝缘电缆", .cccOrLicence)]),
            ("燃气器具", [("燃气用具连接用软管", .none), ("燃气紧急切断阀", .none), ("家用燃气灶具", .ccc(since: nil)),
                      ("商用燃气燃烧器具", .none), ("瓶装液化石油气调压器（家用、商用）", .none)]),
            ("消防产品", [("家用可燃气体探测器", .none)]),
            ("电动自行车", [("电动自行车", .ccc(since: nil)), ("电动自行车用充电器", .ccc(since: e_bikeCCC)),
                       ("电动自行车用蓄电池", .ccc(since: e_bikeCCC))]),
            ("安全帽", [("普通型安全帽", .none), ("特殊型安全帽", .none)]),
            ("胶合板", [("普通胶合板", .none), ("难燃胶合板", .none)]),
            ("细木工板", [("普通细木工板", .none), ("难燃细木工板", .none)]),
            ("冷轧带肋钢筋", [("普通钢筋混凝土用", .none), ("预应力混凝土用", .none)]),
            ("钢丝绳", [("单层股钢丝绳", .licence), ("阻旋转钢丝绳", .licence), ("平行捻密实钢丝绳", .licence), ("压实（股）钢丝绳", .licence),
                     ("异形股钢丝绳", .licence), ("单股钢丝绳", .licence), ("密封钢丝绳", .licence), ("扁钢丝绳", .licence), ("编织钢丝绳", .licence)]),
        ]
        return table.flatMap { category, units in units.map { Unit(category: category, name: $0.0, certificate: $0.1) } }
    }()

    /// The categories, in order.
    public static var categories: [String] {
        var seen: [String] = []
        for u in units where !seen.contains(u.category) { seen.append(u.category) }
        return seen
    }

    /// The unit named `type` (full-width and half-width brackets compare equal).
    public static func unit(named type: String) -> Unit? {
        let key = normalised(type)
        return units.first { normalised($0.name) == key }
    }

    static func normalised(_ s: String) -> String {
        s.replacingOccurrences(of: "(", with: "（").replacingOccurrences(of: ")", with: "）").filter { !$0.isWhitespace }
    }
}
