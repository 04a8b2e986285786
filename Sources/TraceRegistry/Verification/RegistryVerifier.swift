import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Checks a registry file end to end, read-only, without trusting anything in it:
/// every line well-formed and canonical, `seq` counting from 0, `prev` equal to the SHA-256 of the line before;
/// every job opened once and closed at most once; reservations disjoint and increasing per namespace;
/// every item code inside a reservation of its own job, each counter once, no code twice in the file;
/// every reserved counter issued, released, or held by a job not yet closed; void and reprint only of issued
/// codes; job-close counts consistent; parties, flows and recalls well-formed and about codes issued (and, for a
/// flow, not voided) before their line (``TraceDataRules``); and, given a checkpoint, the file still holds exactly the records it signed.
public struct RegistryVerifier {
    struct Reservation {
        let ns: String
        let first: UInt64
        let last: UInt64
        let line: Int
        var issued: UInt64 = 0
        var released: UInt64 = 0
        var nextFree: UInt64 // counters below it were issued or released
    }

    struct Job {
        let id: String
        let line: Int
        let mode: String
        let count: Int
        var gtin: String?
        var lot: String?
        /// `producer.uscc` of the job-open snapshot.
        var producer: String?
        /// Codes of this job voided so far.
        var voided = 0
        var closed = false
        var reservations: [Reservation] = []
        var itemsIssued = 0
        var sharedIssued = 0
    }

    public let path: String
    /// A checkpoint the file must still match (size and Merkle root), if any.
    public let checkpoint: Checkpoint?

    /// The hash the issued-code set keys by (FNV-1a 64); a test injects a colliding one.
    let codeHash: @Sendable (UnsafeRawBufferPointer) -> UInt64

    public init(path: String, checkpoint: Checkpoint? = nil) {
        self.init(path: path, checkpoint: checkpoint, codeHash: IssuedCodeSet.fnv1a)
    }

    init(path: String, checkpoint: Checkpoint?, codeHash: @escaping @Sendable (UnsafeRawBufferPointer) -> UInt64) {
        self.codeHash = codeHash
        self.path = path
        self.checkpoint = checkpoint
    }

    /// Reads the whole file once and reports. Throws only when the file cannot be read.
    public func verify() throws -> VerificationReport {
        var report = VerificationReport(path: path)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw errno == ENOENT ? RegistryError.missing(path: path) : RegistryError.cannotOpen(path: path, errno: errno) }
        defer { close(fd) }

        var scanner = RecordScanner()
        var hash = ChainHash.genesis
        var index = 0
        var jobs: [Job] = []
        var jobIndex: [String: Int] = [:]
        var highestReserved: [String: (last: UInt64, line: Int)] = [:]
        var codes = IssuedCodeSet(fd: fd, hash: codeHash)
        var voided: Set<String> = []
        var trace = TraceDataRules()
        var cachedJobBytes: [UInt8] = []
        var cachedJob = -1
        var merkle = checkpoint.map { _ in MerkleTree() }
        let checkpointSize = checkpoint?.size ?? 0
        var checkpointRoot: [UInt8]?
        var stop = false

        func job(named raw: UnsafeRawBufferPointer?, scanner: RecordScanner, line: UnsafeRawBufferPointer) -> Int? {
            guard let raw else { return nil }
            if raw.elementsEqual(cachedJobBytes) { return cachedJob }
            let name = scanner.string(.job, in: line) ?? ""
            guard let j = jobIndex[name] else { return nil }
            cachedJobBytes = Array(raw)
            cachedJob = j
            return j
        }

        let tail = try LineReader.forEachLine(fd: fd, path: path) { line, offset in
            if stop { return }
            let n = index + 1
            defer { index += 1 }
            if var m = merkle, m.size < checkpointSize {
                m.append(leaf: line)
                merkle = m
                if m.size == checkpointSize { checkpointRoot = m.root }
            }
            do { try scanner.parse(line) } catch {
                report.fail(n, "not a well-formed registry record: \(error)")
                ChainHash.hex(of: line, into: &hash)
                return
            }
            if scanner.integer(.seq) != UInt64(index) {
                report.fail(n, "seq is \(scanner.integer(.seq).map(String.init) ?? "missing"), expected \(index): a line was removed, inserted, moved or duplicated here")
            }
            if !scanner.field(.prev, in: line, equals: hash) {
                report.fail(n, n == 1 ? "prev must be 64 zeros on the first line: the start of the file was removed or altered"
                                      : "prev is not the SHA-256 of line \(n - 1): line \(n - 1) was altered, or lines were removed, swapped or inserted")
            }
            ChainHash.hex(of: line, into: &hash)
            report.records += 1

            // Item issues are most of the file: handled without building a record.
            if scanner.field(.kind, in: line, equals: RegistryFile.issueKindBytes), let counter = scanner.integer(.counter) {
                guard let j = job(named: scanner.raw(.job, in: line), scanner: scanner, line: line) else {
                    report.fail(n, "issue for job '\(scanner.string(.job, in: line) ?? "")' that has no earlier job-open"); return
                }
                if jobs[j].closed { report.fail(n, "issue for job \(jobs[j].id) after its job-close") }
                guard let r = jobs[j].reservations.lastIndex(where: { $0.first <= counter && counter <= $0.last }) else {
                    report.fail(n, "counter \(counter) of job \(jobs[j].id) is outside every reservation of that job: a code issued without a durable reserve"); return
                }
                if counter < jobs[j].reservations[r].nextFree {
                    report.fail(n, "counter \(counter) of job \(jobs[j].id) was already issued or released: a duplicate")
                }
                jobs[j].reservations[r].nextFree = max(jobs[j].reservations[r].nextFree, counter + 1)
                jobs[j].reservations[r].issued += 1
                jobs[j].itemsIssued += 1
                report.itemCodes += 1
                guard let code = scanner.raw(.code, in: line) else { report.fail(n, "issue without code"); return }
                if let earlier = codes.insert(code, at: offset) {
                    report.fail(n, "code \(String(decoding: code, as: UTF8.self)) is issued twice (first at byte offset \(earlier))")
                }
                return
            }

            let record: RegistryRecord
            do { record = try scanner.record(in: line) } catch {
                report.fail(n, "\(error)"); return
            }
            cachedJobBytes = []
            cachedJob = -1
            if let digest = record.digest, digest != record.snapshot.map({ RegistryFile.hexSHA256(Data($0.utf8)) }) {
                report.fail(n, "\(record.kind.rawValue)'s digest is not the SHA-256 of its snapshot: the recorded data was altered")
            }
            switch record.kind {
            case .jobOpen:
                guard let id = record.job else { report.fail(n, "job-open without job"); return }
                if jobIndex[id] != nil { report.fail(n, "job \(id) is opened a second time"); return }
                jobIndex[id] = jobs.count
                jobs.append(Job(id: id, line: n, mode: record.mode?.rawValue ?? "", count: record.count ?? 0, gtin: record.gtin,
                                lot: record.lot, producer: SnapshotFields.values(record.snapshot)?["producer.uscc"]))
                report.jobs += 1

            case .reserve:
                guard let id = record.job, let j = jobIndex[id] else { report.fail(n, "reserve for a job with no earlier job-open"); return }
                guard let ns = record.namespace, let first = record.first, let last = record.last, first <= last, first >= 1 else {
                    report.fail(n, "reserve needs ns (or gtin), first ≥ 1 and last ≥ first"); return
                }
                if jobs[j].closed { report.fail(n, "reserve for job \(id) after its job-close") }
                if let prior = highestReserved[ns], first <= prior.last {
                    report.fail(n, "reservation \(first)-\(last) in \(ns) overlaps or precedes the one ending at \(prior.last) (line \(prior.line)): counters would repeat")
                }
                highestReserved[ns] = (max(last, highestReserved[ns]?.last ?? 0), n)
                jobs[j].reservations.append(Reservation(ns: ns, first: first, last: last, line: n, nextFree: first))
                if let lot = record.lot { jobs[j].lot = lot }
                report.reservations += 1
            case .issue:
                guard let id = record.job, let j = jobIndex[id] else { report.fail(n, "issue for a job with no earlier job-open"); return }
                guard record.code != nil else { report.fail(n, "issue without code"); return }
                if jobs[j].closed { report.fail(n, "issue for job \(id) after its job-close") }
                guard let copies = record.copies, copies >= 1 else {
                    report.fail(n, "a batch or category issue needs copies ≥ 1 (an item issue needs a counter)"); return
                }
                jobs[j].sharedIssued += 1
                // A shared code may be printed again by later jobs (the same lot, the product's category code): it is
                // remembered once, so a void or reprint of it is known, and an item code equal to it is a duplicate.
                _ = RecordLine.escaped(record.code!).withUnsafeBytes { codes.insert($0, at: offset) }
                // A batch lot reserved from code.lot_format, or an Ecode counter, is used by the job's one shared code.
                for r in jobs[j].reservations.indices where RegistryRecord.isSharedCodeNamespace(jobs[j].reservations[r].ns) && jobs[j].reservations[r].issued == 0 {
                    jobs[j].reservations[r].issued = jobs[j].reservations[r].last - jobs[j].reservations[r].first + 1
                    jobs[j].reservations[r].nextFree = jobs[j].reservations[r].last + 1
                }
                report.sharedCodes += 1
                report.sharedCopies += copies
            case .release:
                guard let id = record.job, let j = jobIndex[id] else { report.fail(n, "release for a job with no earlier job-open"); return }
                guard let ns = record.namespace, let first = record.first, let last = record.last, first <= last,
                      let r = jobs[j].reservations.lastIndex(where: { $0.ns == ns && $0.first <= first && last <= $0.last }) else {
                    report.fail(n, "release must lie inside a reservation of job \(id) in the same namespace"); return
                }
                if first < jobs[j].reservations[r].nextFree {
                    report.fail(n, "release \(first)-\(last) of job \(id) covers counters already issued or released")
                }
                jobs[j].reservations[r].nextFree = last + 1
                jobs[j].reservations[r].released += last - first + 1
                report.releasedCounters += last - first + 1
            case .jobClose:
                guard let id = record.job, let j = jobIndex[id] else { report.fail(n, "job-close for a job with no earlier job-open"); return }
                if jobs[j].closed { report.fail(n, "job \(id) is closed a second time"); return }
                jobs[j].closed = true
                guard let status = record.status else {
                    report.fail(n, "job-close without status (one of \(JobStatus.spelled))"); return
                }
                if status == .registered, let labels = record.labels, labels != 0 {
                    report.fail(n, "job \(id) says registered (no output) but reports \(labels) label(s) made")
                }
                for res in jobs[j].reservations where res.issued + res.released != res.last - res.first + 1 {
                    report.fail(n, "job \(id) closed with counters \(res.first)-\(res.last) (\(res.ns), reserved line \(res.line)) neither all issued nor released: an unexplained gap")
                }
                if status.isComplete {
                    let job = jobs[j]
                    if job.mode == "item", job.itemsIssued != job.count {
                        report.fail(n, "job \(id) says \(status.rawValue) but issued \(job.itemsIssued) item code(s) for a count of \(job.count)")
                    }
                    if status == .delivered, let labels = record.labels, labels != job.count {
                        report.fail(n, "job \(id) says delivered but \(labels) label(s) for a count of \(job.count)")
                    }
                }
            case .void, .reprint:
                guard let code = record.code else { report.fail(n, "\(record.kind.rawValue) without code"); return }
                if RecordLine.escaped(code).withUnsafeBytes({ codes.offset(of: $0) }) == nil {
                    report.fail(n, "\(record.kind.rawValue) of code \(code), which was never issued before this line"); return
                }
                if record.kind == .void {
                    if voided.contains(code) { report.fail(n, "code \(code) is voided a second time") }
                    voided.insert(code)
                    trace.noteVoid(code, codes: codes, fd: fd, jobs: &jobs, jobIndex: jobIndex)
                    report.voids += 1
                } else {
                    if voided.contains(code) { report.fail(n, "reprint of code \(code), which was voided") }
                    report.reprints += 1
                }
            case .recovery:
                report.recoveries += 1
            case .party, .flow, .recall:
                trace.check(record, line: n, codes: codes, voided: voided, fd: fd, jobs: jobs, jobIndex: jobIndex, report: &report)
            case .retention:
                // Retention decisions (issue 11 item 8) are not written yet; nothing to check.
                break
            }
        }
        report.head = String(decoding: hash, as: UTF8.self)
        report.tornTailBytes = tail.tornBytes
        if tail.tornBytes > 0 {
            report.notes.append("the last \(tail.tornBytes) byte(s) after line \(index) have no newline: a write torn by a crash, not a record; the next writer cuts it (or adds the newline, if it is a whole record that chains on)")
        }
        for job in jobs where !job.closed {
            report.openJobs += 1
            var pending: UInt64 = 0
            for res in job.reservations { pending += (res.last - res.first + 1) - res.issued - res.released }
            report.pendingCounters += pending
            report.notes.append("job \(job.id) (line \(job.line)) has no job-close: it is running, or its process died and the next writer will release its \(pending) unissued counter(s)")
        }
        if let checkpoint {
            if UInt64(index) < checkpoint.size {
                report.fail(0, "the file has \(index) record(s) but the checkpoint signed \(checkpoint.size): records were removed from the end, or an older copy was restored (rollback)")
            } else if checkpointRoot != checkpoint.root {
                report.fail(0, "the first \(checkpoint.size) record(s) no longer hash to the checkpoint's Merkle root: history was rewritten")
            } else {
                report.checkpointSize = checkpoint.size
            }
        }
        return report
    }
}
