import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension RegistryFile {
    /// Appends records under the lock, chaining hashes, and syncs them before returning.
    ///
    /// Every append is one `write(2)` on an `O_APPEND` descriptor followed by `fdatasync`. A short write, ENOSPC
    /// or EIO cuts the file back to its size before the append and fails; a failed `fdatasync` poisons the
    /// registry for this process (Linux may drop the dirty pages and report success on a retry).
    public struct Writer {
        let file: RegistryFile
        let fd: Int32
        /// The file's state, updated as records are appended.
        public private(set) var state: RegistryState
        /// The lines of the pending append, built in place.
        private var line = RecordLine()

        /// The tail repair and dead-job recovery still to be made, by the first append.
        private var repair: RegistryFile.TailRepair
        private var recovered = false

        init(file: RegistryFile, fd: Int32, state: RegistryState, repair: RegistryFile.TailRepair) {
            self.file = file
            self.fd = fd
            self.state = state
            self.repair = repair
        }

        /// Before the first append: repairs the tail (cuts a torn line, or adds the newline a whole last record
        /// lacks) and records that, and closes the jobs of dead processes.
        private mutating func recoverBeforeFirstAppend() throws {
            guard !recovered else { return }
            recovered = true
            switch repair {
            case .none:
                break
            case .cut:
                guard ftruncate(fd, off_t(state.size)) == 0, fdatasync(fd) == 0 else {
                    throw RegistryError.writeFailed(path: file.path, errno: errno, truncatedBackTo: state.size)
                }
            case .completed:
                var newline: UInt8 = 0x0A
                guard write(fd, &newline, 1) == 1, fdatasync(fd) == 0 else {
                    throw RegistryError.writeFailed(path: file.path, errno: errno, truncatedBackTo: state.size)
                }
                state.size += 1
            }
            try recover(repair)
        }

        /// The registry's path.
        public var path: String { file.path }

        /// Where this writer leaves the registry, for the next hold of the same job (``RegistryFile/withExclusiveAccess(creating:resuming:_:)``).
        public var resumePoint: RegistryFile.ResumePoint { RegistryFile.ResumePoint(identity: FileIdentity(fd: fd), state: state) }

        /// Appends `records` in one write and `fdatasync`s. On any failure the file is cut back to where it was.
        public mutating func append(_ records: [RegistryRecord]) throws {
            guard !records.isEmpty else { return }
            try recoverBeforeFirstAppend()
            line.reset()
            var hash = state.lastHashBytes
            var seq = state.recordCount
            for record in records {
                line.add(record: record, seq: seq)
                stage(&hash)
                seq += 1
            }
            try commit(count: seq, hash: hash)
            for record in records { state.apply(record) }
        }

        /// Appends item-mode `issue` records for `job` in one write and `fdatasync`s: the hot path of a long job.
        /// The bytes are the same as ``append(_:)`` would write for the same records.
        public mutating func appendIssues(job: String, _ codes: [(counter: UInt64, code: String, dl: String)]) throws {
            guard !codes.isEmpty else { return }
            try recoverBeforeFirstAppend()
            line.reset()
            line.reserveCapacity(codes.count * Self.issueLineBytes)
            var hash = state.lastHashBytes
            var seq = state.recordCount
            for c in codes {
                line.addIssue(seq: seq, job: job, counter: c.counter, code: c.code, dl: c.dl)
                stage(&hash)
                seq += 1
            }
            try commit(count: seq, hash: hash)
            for c in codes { state.noteIssued(job: job, counters: c.counter...c.counter) }
        }

        /// Appends item-mode `issue` records for `counters` of `job`, building each line straight from the
        /// serial's bytes: the path that keeps a million-code job above 500,000 codes/s. Serials that a URI or
        /// JSON would need to escape go through ``ItemCodeTemplate/code(serial:)`` instead. One write, one `fdatasync`.
        mutating func appendItemIssues(job: String, counters: ClosedRange<UInt64>, generator: SerialGenerator, template: ItemCodeTemplate) throws {
            try recoverBeforeFirstAppend()
            line.reset()
            line.reserveCapacity(counters.count * Self.issueLineBytes)
            var hash = state.lastHashBytes
            var seq = state.recordCount
            let jobJSON = RecordLine.escaped(job)
            var serial: [UInt8] = []
            serial.reserveCapacity(32)
            for counter in counters {
                serial.removeAll(keepingCapacity: true)
                try generator.writeSerial(for: counter, into: &serial)
                if ItemCodeTemplate.isPlain(serial) {
                    line.addIssue(seq: seq, jobJSON: jobJSON, counter: counter, serial: serial, template: template)
                } else {
                    let (hri, dl) = try template.code(serial: String(decoding: serial, as: UTF8.self))
                    line.addIssue(seq: seq, job: job, counter: counter, code: hri, dl: dl)
                }
                stage(&hash)
                seq += 1
            }
            try commit(count: seq, hash: hash)
            state.noteIssued(job: job, counters: counters)
        }

        /// About the length of an item `issue` line (298 bytes for a GS1 code with its Digital Link), rounded up.
        static let issueLineBytes = 320

        /// Closes the current line with `prev`, hashes it and adds it to the write buffer.
        private mutating func stage(_ hash: inout [UInt8]) {
            line.finish(prev: hash)
            line.withCurrentLine { ChainHash.hex(of: $0, into: &hash) }
            line.appendRaw(0x0A)
        }

        private mutating func commit(count: Int, hash: [UInt8]) throws {
            guard !file.isPoisoned else { throw RegistryError.poisoned(path: file.path) }
            let size = state.size
            let buffer = line.bytes
            let failure: Int32? = buffer.withUnsafeBytes { raw -> Int32? in
                var offset = 0
                while offset < raw.count {
                    let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 { if errno == EINTR { continue }; return errno }
                    if n == 0 { return ENOSPC }
                    offset += n
                }
                return nil
            }
            if let code = failure {
                // A short or failed write leaves part of a record: cut back to the last good record.
                if ftruncate(fd, off_t(size)) != 0 || fdatasync(fd) != 0 { file.poison(fd: fd) }
                throw RegistryError.writeFailed(path: file.path, errno: code, truncatedBackTo: size)
            }
            // A failed fsync is never retried: the page cache may have dropped the data (fsyncgate).
            guard fdatasync(fd) == 0 else {
                let code = errno
                file.poison(fd: fd)
                throw RegistryError.syncFailed(path: file.path, errno: code)
            }
            state.recordCount = count
            state.lastHashBytes = hash
            state.size = size + UInt64(buffer.count)
        }

        /// Records a cut torn tail and closes the jobs of dead processes, releasing their unissued counters.
        private mutating func recover(_ repair: RegistryFile.TailRepair) throws {
            // Dead: open jobs whose lease nobody holds (a job rendering between its appends holds its own, and its counters
            // stay reserved). A job's every hold comes here; usually nothing is dead and the tail whole: nothing to write.
            let dead = state.openJobs.values.filter { !file.jobIsRunning($0.job) }.sorted(by: { $0.job < $1.job })
            if repair == .none && dead.isEmpty { return }
            var records: [RegistryRecord] = []
            let now = ISO8601DateFormatter().string(from: Date())
            switch repair {
            case .none:
                break
            case .cut(let bytes):
                var r = RegistryRecord(kind: .recovery, job: nil)
                r.time = now
                r.reason = "cut a torn last line of \(bytes) byte(s) at offset \(state.size), left by a crash during a write"
                records.append(r)
            case .completed(let line):
                var r = RegistryRecord(kind: .recovery, job: nil)
                r.time = now
                r.reason = "line \(line) was a whole, chained record missing only its newline (a crash at its last byte): the newline was added and the record kept"
                records.append(r)
            }
            for job in dead {
                for res in job.reservations {
                    let from = (res.highestIssued ?? (res.first - 1)) + 1
                    guard from <= res.last else { continue }
                    var r = RegistryRecord(kind: .release, job: job.job)
                    r.ns = res.ns
                    r.gtin = res.gtin
                    r.first = from
                    r.last = res.last
                    r.reason = "owner-died: the job ended without job-close; counters \(from)-\(res.last) were never issued and never will be"
                    records.append(r)
                }
                var close = RegistryRecord(kind: .jobClose, job: job.job)
                close.time = now
                close.status = .interrupted
                close.error = "the process running the job died (found by the next writer)"
                records.append(close)
            }
            try append(records)
            // Their lease files, if any, are left by the dead processes: closed now, nobody looks for them again.
            for job in dead { if let lease = file.leasePath(job: job.job) { unlink(lease) } }
        }
    }
}
