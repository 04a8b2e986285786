/// A JSON string literal written by hand, for the documents written a piece at a time (spool manifests, streamed
/// exports), where a `JSONEncoder` or `JSONSerialization` call per value costs more than the rest of the work:
/// `"` and `\` escaped, control characters as `\n` `\r` `\t` or `\uXXXX`, everything else (slashes, non-ASCII) as
/// it is, as `JSONSerialization` writes it with `.withoutEscapingSlashes`.
public enum JSONString {
    /// Appends `text` as a JSON string literal (with its quotes).
    public static func append(_ text: String, to out: inout String) {
        out.append("\"")
        // Codes, links, file names and hashes have nothing to escape: copied whole, not a scalar at a time.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += text
        } else {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
    }

    /// `text` as a JSON string literal.
    public static func quoted(_ text: String) -> String {
        var out = ""
        append(text, to: &out)
        return out
    }
}
