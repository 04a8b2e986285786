import Foundation
import TraceCore

/// JSON text of one value, keys sorted, slashes unescaped: the pieces a streamed document is assembled from.
///
/// The document envelopes (`{"codes":[` … `]}`) are written by hand because no Foundation API writes one array
/// element at a time. So are the per-code objects of the `samr` export (``appendField(_:_:_:to:)``): fixed keys,
/// written a million times, where `JSONSerialization` (a dictionary bridged per code) cost 270 µs a code in a debug
/// build, 25 times the rest of the export. Every other value comes from `JSONSerialization`.
enum JSONFragment {
    static func text(_ value: Any) throws(ExportError) -> String {
        do {
            let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
            return String(decoding: data, as: UTF8.self)
        } catch {
            throw .write(path: "JSON", reason: "cannot encode \(type(of: value)): \(error)")
        }
    }

    /// Appends `text` as a JSON string: `"` and `\\` escaped, control characters as `\\uXXXX` (or `\\n`, `\\r`, `\\t`),
    /// everything else (slashes, non-ASCII) as it is, as `JSONSerialization` writes it with `.withoutEscapingSlashes`.
    static func appendString(_ text: String, to out: inout String) {
        out.append("\"")
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

    /// Appends `,"key":{"value":"…","visibility":"…"}` (without the comma for the first field of an object).
    static func appendField(_ key: String, _ value: String, _ visibility: Visibility, to out: inout String) {
        if out.last != "{" { out.append(",") }
        out += "\"\(key)\":{\"value\":"
        appendString(value, to: &out)
        out += ",\"visibility\":\"\(visibility.rawValue)\"}"
    }
}
