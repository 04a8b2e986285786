// tracecore-bench: builds and validates the element string, HRI and Digital Link of one-item codes on one core.
//
//   swift run -c release tracecore-bench [count]
//
// Each code: ElementString([01, 11, 10, 21]) with every linter and association rule, then .data, .hri and
// DigitalLink.uri(for:stem:). The serial changes per code so nothing is cached.
import Foundation
import TraceCore

let count = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 2_000_000 : 2_000_000
let gtin = AIElement("01", "09520123456788")
let date = AIElement("11", "261127")
let lot = AIElement("10", "20261127A")
let stem = "https://trace.example.cn/p"
let serials = (0..<1024).map { String(format: "A%011d", $0 * 7919) }

/// CPU time of this thread, so other load on a shared machine does not count against the figure.
func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func run(_ n: Int) throws -> (seconds: Double, cpu: Double, bytes: Int) {
    var bytes = 0
    let cpuStart = threadCPUSeconds()
    let start = DispatchTime.now().uptimeNanoseconds
    for i in 0..<n {
        let es = try ElementString([gtin, date, lot, AIElement("21", serials[i & 1023])])
        bytes &+= es.data.utf8.count
        bytes &+= es.hri.utf8.count
        bytes &+= try DigitalLink.uri(for: es.elements, stem: stem).utf8.count
    }
    let end = DispatchTime.now().uptimeNanoseconds
    return (Double(end - start) / 1e9, threadCPUSeconds() - cpuStart, bytes)
}

if CommandLine.arguments.dropFirst().first == "parts" { try timeParts(1_000_000); exit(0) }
_ = try run(min(count, 100_000))  // warm-up
let (seconds, cpu, bytes) = try run(count)
print(String(format: "%d codes: %.0f codes/s per CPU-second of one core (%.3f s CPU), %.0f codes/s wall clock (%.3f s); %d bytes out",
             count, Double(count) / cpu, cpu, Double(count) / seconds, seconds, bytes))
print("each code: ElementString([01, 11, 10, 21]) validated (linters + associations), .data, .hri, DigitalLink.uri")

// The job path: a template validated once per job, then only the serial per code.
let template = try SerialisedCodeTemplate([gtin, date, lot, AIElement("21", "A00000000000")], stem: stem)
func runTemplate(_ n: Int) throws -> (seconds: Double, cpu: Double, bytes: Int) {
    var bytes = 0
    let cpuStart = threadCPUSeconds()
    let start = DispatchTime.now().uptimeNanoseconds
    for i in 0..<n {
        let code = try template.code(serials[i & 1023])
        bytes &+= code.data.utf8.count &+ code.hri.utf8.count &+ code.digitalLink.utf8.count
    }
    let end = DispatchTime.now().uptimeNanoseconds
    return (Double(end - start) / 1e9, threadCPUSeconds() - cpuStart, bytes)
}
_ = try runTemplate(min(count, 100_000))
let t = try runTemplate(count)
print(String(format: "%d codes: %.0f codes/s per CPU-second of one core (%.3f s CPU), %.0f codes/s wall clock (%.3f s); %d bytes out",
             count, Double(count) / t.cpu, t.cpu, Double(count) / t.seconds, t.seconds, t.bytes))
print("each code: SerialisedCodeTemplate.code(serial): the serial validated, element string + HRI + Digital Link filled in")
