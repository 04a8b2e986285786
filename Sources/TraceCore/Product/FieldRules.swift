import Foundation

// Rules every master data file (product or party) applies to its fields, whatever the field.

/// The rule an unknown key breaks, naming the fields its section may hold (or the sections, for an unknown one).
func unknownFieldRule(_ key: String, known: [String], file: String) -> String {
    let section = key.split(separator: ".").first.map(String.init) ?? key
    let siblings = known.filter { $0.hasPrefix(section + ".") }
    if siblings.isEmpty {
        let sections = Set(known.map { String($0.split(separator: ".")[0]) }).sorted()
        return "is not a \(file) field: a \(file) has the sections \(sections.joined(separator: ", "))"
    }
    return "is not a \(file) field (\(section) may hold: \(siblings.joined(separator: ", ")))"
}

/// Text fields hold printable text: a NUL cuts a printed name, other control characters print as boxes or move the
/// cursor of a label printer. Line breaks are allowed only where a multi-line text belongs (instructions).
func controlCharacterFindings(_ fields: [String: String]) -> [ProductFinding] {
    fields.keys.sorted().compactMap { key in
        let value = fields[key]!
        let multiLine = key == "product.instructions"
        guard let bad = value.unicodeScalars.first(where: { s in
            (s.value < 0x20 && !(multiLine && (s == "\n" || s == "\t"))) || (0x7F...0x9F).contains(s.value)
        }) else { return nil }
        let shown = value.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
        return ProductFinding(id: "TEXT-CONTROL", field: key, value: shown,
                              rule: "contains the control character U+\(String(format: "%04X", bad.value)): text fields hold printable text\(multiLine ? " (line breaks and tabs allowed)" : "")")
    }
}
