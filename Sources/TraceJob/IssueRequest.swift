import Foundation
import TraceCore
import TraceRender

/// Everything an issue job needs, as the CLI or the service collects it.
public struct IssueRequest: Sendable {
    public var productPath: String
    public var mode: AllocationMode
    /// Labels to produce (item mode: codes to allocate; batch and category: identical copies).
    public var count: Int
    /// Production line, e.g. `L1`.
    public var line: String
    /// Shift, e.g. `2026-11-27-A`.
    public var shift: String
    public var operatorName: String
    public var registryPath: String
    /// Where the labels go and how they are drawn.
    public var outputs: LabelOutputs
    /// Called with the number of labels finished after each chunk (the CLI's progress bar).
    /// The product file already read and validated from `productPath` (the CLI reads it for its `code.mode` and
    /// `label.template` defaults); when nil the job reads it, before anything is written.
    public var product: ProductSpec?
    public var progress: (@Sendable (Int) -> Void)?
    /// The day the job runs, for date plausibility checks.
    public var today: CalendarDate

    public init(productPath: String, mode: AllocationMode, count: Int, line: String, shift: String, operatorName: String,
                registryPath: String, outputs: LabelOutputs, today: CalendarDate) {
        self.productPath = productPath
        self.mode = mode
        self.count = count
        self.line = line
        self.shift = shift
        self.operatorName = operatorName
        self.registryPath = registryPath
        self.outputs = outputs
        self.today = today
    }
}

/// Which font file and family labels use.
public struct FontChoice: Sendable {
    /// Regular weight first, then bold (and any other weights).
    public var files: [String]
    public var family: String

    public init(files: [String], family: String) {
        self.files = files
        self.family = family
    }

    /// `TRACELABEL_FONT` (colon-separated files) if set, else Noto Sans CJK SC Regular and Bold as installed by
    /// `make setup` from Debian's fonts-noto-cjk.
    public static var `default`: FontChoice {
        let files = ProcessInfoEnvironment.value("TRACELABEL_FONT").map { $0.split(separator: ":").map(String.init) }
        return FontChoice(files: files ?? ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                                           "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"],
                          family: ProcessInfoEnvironment.value("TRACELABEL_FONT_FAMILY") ?? "Noto Sans CJK SC")
    }
}

enum ProcessInfoEnvironment {
    static func value(_ name: String) -> String? {
        guard let v = ProcessInfo.processInfo.environment[name], !v.isEmpty else { return nil }
        return v
    }
}
