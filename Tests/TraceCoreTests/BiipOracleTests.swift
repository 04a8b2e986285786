import Foundation
import Testing
@testable import TraceCore

/// The independent oracle: the Python package biip (in the repo venv, created by tools/setup.sh) parses every element
/// string and Digital Link URI these tests build and must give the same AI/value pairs.
struct BiipOracleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let python = root.appendingPathComponent(".venv/bin/python").path

    static let script = """
    import json, sys
    from biip.gs1_messages import GS1Message
    from biip.gs1_digital_link_uris import GS1DigitalLinkURI
    for line in sys.stdin:
        item = json.loads(line)
        try:
            if item["kind"] == "data":
                parsed = GS1Message.parse(item["text"]).element_strings
            else:
                parsed = GS1DigitalLinkURI.parse(item["text"]).element_strings
            print(json.dumps([[e.ai.ai, e.value] for e in parsed]))
        except Exception as error:
            print(json.dumps({"error": str(error)}))
    """

    /// Runs biip over (kind, text) items; returns the pairs per item, or the error text.
    static func biip(_ items: [(kind: String, text: String)]) throws -> [Result<[AIElement], BiipFailure>] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let lines = try items.map { item -> Data in
            var data = try JSONSerialization.data(withJSONObject: ["kind": item.kind, "text": item.text])
            data.append(0x0A)
            return data
        }
        let writer = Thread {
            for line in lines { input.fileHandleForWriting.write(line) }
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try out.split(separator: 0x0A).map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line))
            if let pairs = object as? [[String]] { return .success(pairs.map { AIElement($0[0], $0[1]) }) }
            return .failure(BiipFailure(message: (object as? [String: String])?["error"] ?? "?"))
        }
    }

    struct BiipFailure: Error { let message: String }

    /// Every element string the other tests build, plus random valid item sets.
    static func corpus() throws -> [ElementString] {
        var sets: [[AIElement]] = [
            [AIElement("01", "09520123456788"), AIElement("11", "261127"), AIElement("10", "20261127A"), AIElement("21", "0000000001")],
            [AIElement("01", "09520123456788"), AIElement("10", "AB+1"), AIElement("21", "X/Y"), AIElement("17", "261231")],
            [AIElement("01", "09520123456788"), AIElement("17", "261231"), AIElement("10", "LOT1"), AIElement("21", "SER1")],
            [AIElement("01", "09520123456788"), AIElement("21", "A(1)")],
            [AIElement("01", "06901234123456"), AIElement("21", "1000001")],
            [AIElement("00", "106141412345678908"), AIElement("02", "09520123456788"), AIElement("37", "10")],
            [AIElement("414", "9520123456788"), AIElement("254", "LINE1")],
            [AIElement("01", "09520123456788"), AIElement("21", "abc%20def")],
        ]
        var g = SeededGenerator(seed: 2026)
        for _ in 0..<200 { sets.append(RandomAISets.itemSet(&g)) }
        return try sets.map { try ElementString($0) }
    }

    @Test func biipReadsOurElementStringsAndDigitalLinks() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.python), "run tools/setup.sh to create .venv with biip")
        let corpus = try Self.corpus()
        var items: [(kind: String, text: String)] = []
        for es in corpus {
            items.append(("data", es.data))
            items.append(("dl", try DigitalLink.uri(for: es)))
            items.append(("dl", try DigitalLink.uri(for: es, stem: "https://trace.example.cn/p")))
        }
        let results = try Self.biip(items)
        try #require(results.count == items.count)
        for (index, es) in corpus.enumerated() {
            for k in 0..<3 {
                let item = items[index * 3 + k]
                switch results[index * 3 + k] {
                case .success(let pairs):
                    if item.kind == "data" {
                        #expect(pairs == es.elements, "biip read \(es.dataForDisplay) as \(pairs)")
                    } else {
                        #expect(Set(pairs) == Set(es.elements) && pairs.count == es.elements.count, "biip read \(item.text) as \(pairs)")
                    }
                case .failure(let failure):
                    Issue.record("biip refused \(item.kind) '\(item.text)': \(failure.message)")
                }
            }
        }
    }
}
