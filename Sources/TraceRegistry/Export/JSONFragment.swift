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

    /// Appends `text` as a JSON string literal (see `JSONString`).
    static func appendString(_ text: String, to out: inout String) { JSONString.append(text, to: &out) }

    /// Appends `,"key":{"value":"…","visibility":"…"}` (without the comma for the first field of an object).
    static func appendField(_ key: String, _ value: String, _ visibility: Visibility, to out: inout String) {
        if out.last != "{" { out.append(",") }
        out += "\"\(key)\":{\"value\":"
        appendString(value, to: &out)
        out += ",\"visibility\":\"\(visibility.rawValue)\"}"
    }
}
