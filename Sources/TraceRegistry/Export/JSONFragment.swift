import Foundation

/// JSON text of one value, keys sorted, slashes unescaped: the pieces a streamed document is assembled from.
///
/// The document envelopes (`{"codes":[` … `]}`) are written by hand because no Foundation API writes one array
/// element at a time; every value inside them comes from `JSONSerialization`.
enum JSONFragment {
    static func text(_ value: Any) throws(ExportError) -> String {
        do {
            let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
            return String(decoding: data, as: UTF8.self)
        } catch {
            throw .write(path: "JSON", reason: "cannot encode \(type(of: value)): \(error)")
        }
    }
}
