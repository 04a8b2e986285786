/// How the CLI shows a library error's neutral field: as the option a person typed (`count` → `--count`).
///
/// Only fields that are options of some command are listed; anything else (a product file's `product.gtin`, a
/// positional argument) is shown as the library names it.
enum OptionNames {
    static let byField: [String: String] = {
        let options = ["count", "dpi", "spool", "pdf", "out", "line", "shift", "start_at", "code", "product", "registry", "keep",
                       "operator", "reason", "from", "to", "gcp_length", "time_zone_offset", "job", "lot", "name", "symbology",
                       "template", "mode", "scanned"]
        var table = Dictionary(uniqueKeysWithValues: options.map { ($0, "--" + $0.replacingOccurrences(of: "_", with: "-")) })
        // A job's outputs are two options on the command line.
        table["outputs"] = "--pdf/--spool"
        return table
    }()

    /// The option for `field`, or `field` itself when no option carries it.
    static func shown(_ field: String) -> String { byField[field] ?? field }
}
