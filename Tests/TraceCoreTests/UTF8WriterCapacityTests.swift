import Testing
@testable import TraceCore

/// A capacity computed too small stops the program at the write that would overflow, instead of writing past the
/// string's storage. The checks are preconditions, so release builds keep them; these tests run them in the build
/// under test, in a child process.
struct UTF8WriterCapacityTests {
    /// More than any small-string or allocation rounding gives a 1-byte request.
    static let tooLong = String(repeating: "0123456789", count: 8)

    @Test func everyKindOfWriteStopsAtTheCapacity() async {
        await #expect(processExitsWith: .failure) {
            _ = UTF8Writer.string(capacity: 1) { $0.write(UTF8WriterCapacityTests.tooLong) }
        }
        await #expect(processExitsWith: .failure) {
            _ = UTF8Writer.string(capacity: 1) { w in for _ in 0..<80 { w.byte(0x30) } }
        }
        await #expect(processExitsWith: .failure) {
            _ = UTF8Writer.string(capacity: 1) { $0.writePercentEncoded(UTF8WriterCapacityTests.tooLong) }
        }
        await #expect(processExitsWith: .failure) {
            _ = UTF8Writer.string(capacity: 1) { $0.writeEscapingParentheses(UTF8WriterCapacityTests.tooLong) }
        }
    }

    @Test func aCapacityThatHoldsTheTextWritesIt() {
        let n = Self.tooLong.utf8.count
        #expect(UTF8Writer.string(capacity: n) { $0.write(Self.tooLong) } == Self.tooLong)
        #expect(UTF8Writer.string(capacity: 3 * n) { $0.writePercentEncoded(Self.tooLong) } == Self.tooLong)
    }
}
