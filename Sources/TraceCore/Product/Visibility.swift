/// Whether a field may be shown to anyone who scans a code, or only to the owner and the regulator.
public enum Visibility: String, Sendable, Equatable, CaseIterable {
    case `public`
    case `private`
}
