import Foundation
import TraceFuzzing
#if FUZZING
import CFuzzDriver
#endif

// Two programs in one file:
// - built by `make fuzz` (-sanitize=fuzzer,address -DFUZZING): the top-level code hands argv to libFuzzer
//   (LLVMFuzzerRunDriver), which runs the target named by TRACELABEL_FUZZ_TARGET; SwiftPM links an executable's
//   top-level code as `main`, so libFuzzer's own main is not used, but its reference to LLVMFuzzerTestOneInput
//   is satisfied below all the same;
// - any other build: `tracelabel-fuzz TARGET FILE…` replays files through a target, as FuzzCorpusTests does.

#if FUZZING
/// The target, read once from the environment (libFuzzer calls back through a C function and cannot pass it).
let fuzzTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["TRACELABEL_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("TRACELABEL_FUZZ_TARGET='\(name)' is not one of \(names)\n".utf8))
        exit(64)
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzTarget.run(size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

var argc = Int32(CommandLine.arguments.count)
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
_ = fuzzTarget
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
    fuzzTarget.run(size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
})
#else
let arguments = CommandLine.arguments
guard arguments.count >= 2, let target = FuzzTarget(rawValue: arguments[1]) else {
    let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
    FileHandle.standardError.write(Data("usage: tracelabel-fuzz TARGET FILE…\n  TARGET: one of \(names)\n".utf8))
    exit(64)
}
for path in arguments.dropFirst(2) {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("tracelabel-fuzz: cannot read '\(path)'\n".utf8))
        exit(66)
    }
    print("\(target.run(Array(data)) ? "accepted" : "refused") \(path)")
}
#endif
