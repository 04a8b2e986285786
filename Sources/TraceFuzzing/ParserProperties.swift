import TraceCore
import TraceRegistry

/// The text parsers of TraceCore and the scan reader, with round-trip properties.
enum ParserProperties {
    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// Data form: what parses must write back to data and HRI forms that parse to the same elements.
    static func elementString(_ bytes: [UInt8]) -> Bool {
        guard let parsed = try? ElementString(data: text(bytes)) else { return false }
        roundTrip(parsed, bytes)
        return true
    }

    /// HRI form: the same properties as the data form.
    static func hri(_ bytes: [UInt8]) -> Bool {
        guard let parsed = try? ElementString(hri: text(bytes)) else { return false }
        roundTrip(parsed, bytes)
        return true
    }

    static func roundTrip(_ parsed: ElementString, _ bytes: [UInt8]) {
        guard let again = try? ElementString(data: parsed.data), again == parsed else {
            FuzzFailure.stop("element string \(parsed.hri) does not read back from its data form", bytes)
        }
        guard let fromHRI = try? ElementString(hri: parsed.hri), fromHRI == parsed else {
            FuzzFailure.stop("element string \(parsed.hri) does not read back from its HRI form", bytes)
        }
    }

    /// A Digital Link that parses gives the same elements when its URI is written again on the same stem.
    static func digitalLink(_ bytes: [UInt8]) -> Bool {
        let uri = text(bytes)
        guard let link = try? DigitalLink.parse(uri) else { return false }
        // A parsed link whose elements cannot be written again is a finding too: the resolver would serve a URI
        // that TraceLabel itself cannot produce.
        guard let written = try? DigitalLink.uri(for: link.elements, stem: link.stem) else {
            FuzzFailure.stop("Digital Link parses but its elements cannot be written again", bytes)
        }
        guard let again = try? DigitalLink.parse(written) else {
            FuzzFailure.stop("Digital Link written again as \(written) does not parse", bytes)
        }
        guard Set(again.elements.map { "\($0.ai)=\($0.value)" }) == Set(link.elements.map { "\($0.ai)=\($0.value)" }) else {
            FuzzFailure.stop("Digital Link written again as \(written) has other elements", bytes)
        }
        return true
    }

    /// A GS1 identity (`01=…|21=…`) written as element string data, or an Ecode's written bare, has the same identity: two spellings of one code compare equal.
    static func scanData(_ bytes: [UInt8]) -> Bool {
        guard let identity = ScannedCode.identity(of: text(bytes)) else { return false }
        if identity.hasPrefix("E=") {
            let bare = String(identity.dropFirst(2))
            guard ScannedCode.identity(of: bare) == identity else {
                FuzzFailure.stop("identity \(identity) is not the identity of its own bare code \(bare)", bytes)
            }
            return true
        }
        // Written again as GS1 element string data (GS after every value), which holds any CSET 82 value; HRI
        // cannot, as a '(' inside a value reads as the next AI.
        let data = "]Q3" + identity.split(separator: "|").map { part -> String in
            let pair = part.split(separator: "=", maxSplits: 1)
            return "\(pair[0])\(pair.count > 1 ? pair[1] : "")"
        }.joined(separator: "\u{1D}")
        guard ScannedCode.identity(of: data) == identity else {
            FuzzFailure.stop("identity \(identity) is not the identity of its own element string \(data.debugDescription)", bytes)
        }
        return true
    }

    /// An Ecode that parses reads back from its own text.
    static func ecode(_ bytes: [UInt8]) -> Bool {
        guard let code = try? Ecode(text(bytes)) else { return false }
        guard let again = try? Ecode(code.description), again == code else {
            FuzzFailure.stop("Ecode \(code) does not read back from its text", bytes)
        }
        return true
    }
}
