// Issues N one-item codes into a fresh registry through the same calls `tracelabel issue` makes
// (JobRegistration: job-open + reserve, then group commits of issue records, then job-close), without rendering.
//
//   registry-bench <registry path> [count] [codes per commit] [product file]
//
// Prints one JSON line: codes, seconds, codes per second, bytes, bytes per million codes.
import Foundation
import TraceCore
import TraceJob
import TraceRegistry

let args = CommandLine.arguments
guard args.count >= 2 else {
    FileHandle.standardError.write(Data("usage: registry-bench <registry> [count] [codes per commit] [product]\n".utf8))
    exit(64)
}
let path = args[1]
let count = args.count > 2 ? Int(args[2])! : 1_000_000
let perCommit = args.count > 3 ? Int(args[3])! : 10_000
let productPath = args.count > 4 ? args[4] : "examples/ebike-battery.yaml"

let product = try ProductFile.load(path: productPath, today: CalendarDate(year: 2026, month: 11, day: 27))
let base = (productPath as NSString).deletingLastPathComponent
let generator = try SerialGenerator(product: product, baseDirectory: base.isEmpty ? "." : base)
let registry = RegistryFile(path: path)
let start = Date()
try registry.withExclusiveAccess { writer in
    var open = RegistryRecord(kind: .jobOpen, job: "JBENCH")
    open.time = ISO8601DateFormatter().string(from: start)
    open.mode = .item
    open.line = "L1"
    open.shift = "BENCH"
    open.operatorName = "bench"
    open.product = productPath
    open.gtin = product.gtin?.digits14
    open.count = count
    let job = try JobRegistration.open(open, mode: .item, count: count, product: product, generator: generator, line: "L1", writer: &writer)
    var next = 0
    while next < count {
        let end = min(count, next + perCommit)
        _ = try job.registerItems(next..<end, writer: &writer)
        next = end
    }
    var close = RegistryRecord(kind: .jobClose, job: "JBENCH")
    close.time = ISO8601DateFormatter().string(from: Date())
    close.status = .registered
    close.labels = 0
    try writer.append([close])
}
let seconds = Date().timeIntervalSince(start)
let bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
print("{\"codes\":\(count),\"per_commit\":\(perCommit),\"seconds\":\(String(format: "%.3f", seconds)),\"codes_per_second\":\(Int(Double(count) / seconds)),\"bytes\":\(bytes),\"bytes_per_million\":\(Int(Double(bytes) * 1e6 / Double(count)))}")
