/// Which code system a product's labels carry (`code.scheme` in the product file).
public enum CodeScheme: Sendable, Hashable {
    /// GS1: element strings and Digital Link URIs on the GTIN (the default). An Ecode V0 product is GS1 on the label.
    case gs1
    /// Ecode (GB/T 31866) V1-V3: pool or minted codes, carried as the Ecode URL or the bare code.
    case ecode(EcodeSettings)

    /// The product-file spelling.
    public var name: String {
        switch self {
        case .gs1: "gs1"
        case .ecode: "ecode"
        }
    }

    /// The Ecode settings, for an Ecode product.
    public var ecode: EcodeSettings? { if case .ecode(let s) = self { s } else { nil } }
}
