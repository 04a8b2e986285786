import Foundation

/// Checks a registry end to end, read-only, without trusting anything in it:
/// every line well-formed and canonical, `seq` counting from 0, `prev` equal to the SHA-256 of the line before;
/// every job opened once and closed at most once; reservations disjoint and increasing per namespace;
/// every item code inside a reservation of its own job, each counter once, no code twice in the file;
/// every reserved counter issued, released, or held by a job not yet closed; void and reprint only of issued
/// codes; job-close counts consistent; parties, flows and recalls well-formed and about codes issued (and, for a
/// flow, not voided) before their line (``TraceDataRules``); and, given a checkpoint, the file still holds exactly the records it signed.
///
/// The job and counter rules and the chain are ``RegistryReplay``'s (shared with the writer and QA); this adds what
/// only an auditor asks: the record format, duplicate codes, digests, voids and reprints, trace data, checkpoints.
public struct RegistryVerifier {
    /// Where the records are read from.
    public let source: any RegistrySource
    /// The registry's location, as the report names it.
    public var path: String { source.location }
    /// A checkpoint the file must still match (size and Merkle root), if any.
    public let checkpoint: Checkpoint?

    /// The hash the issued-code set keys by (FNV-1a 64); a test injects a colliding one.
    let codeHash: @Sendable (UnsafeRawBufferPointer) -> UInt64

    public init(path: String, checkpoint: Checkpoint? = nil) {
        self.init(source: RegistryFile(path: path), checkpoint: checkpoint)
    }

    public init(source: any RegistrySource, checkpoint: Checkpoint? = nil) {
        self.init(source: source, checkpoint: checkpoint, codeHash: IssuedCodeSet.fnv1a)
    }

    init(path: String, checkpoint: Checkpoint?, codeHash: @escaping @Sendable (UnsafeRawBufferPointer) -> UInt64) {
        self.init(source: RegistryFile(path: path), checkpoint: checkpoint, codeHash: codeHash)
    }

    init(source: any RegistrySource, checkpoint: Checkpoint?, codeHash: @escaping @Sendable (UnsafeRawBufferPointer) -> UInt64) {
        self.codeHash = codeHash
        self.source = source
        self.checkpoint = checkpoint
    }

    /// Reads the whole registry once and reports. Throws only when it cannot be read.
    public func verify() throws -> VerificationReport {
        try run(resuming: nil, capture: nil).report
    }

    /// Checks only the records after a signed checkpoint, carrying on from the state saved with it: time in
    /// proportion to the new records. What this proves, and what it leaves to a full verify, is listed in
    /// ``CheckpointState``; the report says which records it checked.
    /// - Throws: ``Checkpoint/CheckpointError`` if `state` was not saved with `checkpoint`; a read error.
    public func verify(since checkpoint: Checkpoint, state: CheckpointState) throws -> VerificationReport {
        guard state.belongs(to: checkpoint) else {
            throw Checkpoint.CheckpointError(path: path, rule: "the saved state is of checkpoint '\(state.origin)' at \(state.size) record(s), not of the checkpoint given ('\(checkpoint.origin)' at \(checkpoint.size)): give the state saved with it")
        }
        return try run(resuming: state, capture: nil).report
    }

    /// Verifies the whole registry and, in the same pass, computes its checkpoint (every complete line) and the state
    /// `verify --since` resumes from. The checkpoint and the state are nil unless every rule holds: a checkpoint
    /// vouches for what it covers.
    public func checkpointed(origin: String) throws -> (report: VerificationReport, checkpoint: Checkpoint?, state: CheckpointState?) {
        let pass = try run(resuming: nil, capture: origin)
        return (pass.report, pass.checkpoint, pass.state)
    }

    struct Pass {
        var report: VerificationReport
        var checkpoint: Checkpoint?
        var state: CheckpointState?
    }

    /// The one pass: from the start, or (`resuming`) after a checkpoint; with `capture`, also the checkpoint of the
    /// whole registry and the state at its end.
    func run(resuming saved: CheckpointState?, capture origin: String?) throws -> Pass {
        var report = VerificationReport(path: path)
        var scanner = RecordScanner()
        var replay = saved.map { RegistryReplay(resuming: $0.replay) } ?? RegistryReplay()
        var codes = IssuedCodeSet(source: source, hash: codeHash)
        var voided = Set(saved?.voided ?? [])
        var trace = TraceDataRules()
        trace.parties = saved?.parties ?? [:]
        trace.voidedCounters = saved?.voidedCounters.mapValues { Set($0) } ?? [:]
        trace.earlierCodesUnknown = saved != nil
        /// `producer.uscc` of each job's job-open snapshot, by job index (for the producer-sale rule).
        var producers: [String?] = saved?.producers ?? []
        let checkpointSize = origin != nil ? UInt64.max : (checkpoint?.size ?? 0)
        var merkle: MerkleTree? = checkpoint != nil || origin != nil ? MerkleTree() : nil
        var checkpointRoot: [UInt8]?
        var lastLine: UInt64 = 0
        if let saved {
            report.since = saved.size
            guard continues(from: saved) else {
                replay.fail(0, .checkpointHead(signed: saved.size))
                report.problems = replay.findings
                return Pass(report: report)
            }
        }

        // A Bool, not the state: the closure must not copy a large value for every line.
        let resuming = saved != nil
        let tail = try source.forEachLine(from: saved?.end ?? 0) { line, offset in
            lastLine = offset
            if merkle != nil, merkle!.size < checkpointSize {
                merkle!.append(leaf: line)
                if merkle!.size == checkpointSize { checkpointRoot = merkle!.root }
            }
            do { try scanner.parse(line) } catch {
                replay.fail(replay.lineCount + 1, .malformed(reason: "\(error)"))
                replay.advance(over: line)
                return
            }
            replay.chain(line, seq: scanner.integer(.seq), prev: scanner.raw(.prev, in: line))
            let n = replay.lineCount
            report.records += 1

            // Item issues are most of the file: handled without building a record.
            if scanner.field(.kind, in: line, equals: RegistryFile.issueKindBytes), let counter = scanner.integer(.counter) {
                guard let applied = replay.issueItem(job: scanner.raw(.job, in: line), counter: counter, name: { scanner.string(.job, in: line) }),
                      applied.reservation != nil else { return }
                report.itemCodes += 1
                guard let code = scanner.raw(.code, in: line) else { replay.fail(n, .issueWithoutCode); return }
                if let earlier = codes.insert(code, at: offset) {
                    replay.fail(n, .codeIssuedTwice(code: String(decoding: code, as: UTF8.self), firstPosition: earlier))
                }
                return
            }

            let record: RegistryRecord
            do { record = try scanner.record(in: line) } catch {
                replay.fail(n, .unreadable(reason: "\(error)")); return
            }
            if let digest = record.digest, digest != record.snapshot.map({ RegistryFile.hexSHA256(Data($0.utf8)) }) {
                replay.fail(n, .digest(kind: record.kind))
            }
            switch record.kind {
            case .jobOpen:
                let jobs = replay.jobs.count
                replay.apply(record)
                if replay.jobs.count > jobs {
                    producers.append(SnapshotFields.values(record.snapshot)?["producer.uscc"])
                    report.jobs += 1
                }
            case .reserve:
                if replay.apply(record).reservation != nil { report.reservations += 1 }
            case .issue:
                guard replay.apply(record).job != nil, let code = record.code, let copies = record.copies, copies >= 1 else { return }
                // A shared code may be printed again by later jobs (the same lot, the product's category code): it is
                // remembered once, so a void or reprint of it is known, and an item code equal to it is a duplicate.
                _ = RecordLine.escaped(code).withUnsafeBytes { codes.insert($0, at: offset) }
                report.sharedCodes += 1
                report.sharedCopies += copies
            case .release:
                if replay.apply(record).reservation != nil, let first = record.first, let last = record.last {
                    report.releasedCounters += last - first + 1
                }
            case .jobClose:
                replay.apply(record)
            case .void, .reprint:
                guard let code = record.code else { replay.fail(n, .withoutCode(kind: record.kind)); return }
                if RecordLine.escaped(code).withUnsafeBytes({ codes.offset(of: $0) }) == nil {
                    // After a checkpoint, a code issued before it is not in the set: taken as issued, and counted.
                    guard resuming else { replay.fail(n, .neverIssued(kind: record.kind, code: code)); return }
                    report.uncheckedEarlierCodes += 1
                }
                if record.kind == .void {
                    if voided.contains(code) { replay.fail(n, .voidedTwice(code: code)) }
                    voided.insert(code)
                    trace.noteVoid(code, codes: codes, replay: &replay)
                    report.voids += 1
                } else {
                    if voided.contains(code) { replay.fail(n, .reprintOfVoided(code: code)) }
                    report.reprints += 1
                }
            case .recovery:
                report.recoveries += 1
            case .party, .flow, .recall:
                trace.check(record, line: n, codes: codes, voided: voided, replay: &replay, producers: producers, report: &report)
            case .retention:
                // Retention decisions (issue 11 item 8) are not written yet; nothing to check.
                break
            }
        }
        let lines = replay.lineCount
        RegistryVerifier.noteTail(tail, replay: replay, in: &report)
        report.uncheckedEarlierCodes += trace.unresolvedEarlierCodes
        if let checkpoint, saved == nil {
            if UInt64(lines) < checkpoint.size {
                replay.fail(0, .checkpointRollback(records: lines, signed: checkpoint.size))
            } else if checkpointRoot != checkpoint.root {
                replay.fail(0, .checkpointRewritten(signed: checkpoint.size))
            } else {
                report.checkpointSize = checkpoint.size
            }
        }
        report.problems = replay.findings
        guard let origin, report.isIntact, let tree = merkle else { return Pass(report: report) }
        let signed = Checkpoint(origin: origin, size: tree.size, root: tree.root)
        let state = CheckpointState(origin: origin, size: tree.size, root: Data(tree.root).base64EncodedString(), lastLine: lastLine,
                                    end: tail.complete, replay: replay.saved, parties: trace.parties, voided: voided.sorted(),
                                    voidedCounters: trace.voidedCounters.mapValues { $0.sorted() }, producers: producers)
        return Pass(report: report, checkpoint: signed, state: state)
    }

    /// Whether the registry's line at the saved position is the last covered one the signed state names (its
    /// SHA-256 is the saved chain head, and it ends where the state says): the new records then chain on from it.
    func continues(from saved: CheckpointState) -> Bool {
        guard saved.size > 0 else { return saved.end == 0 }
        guard let line = try? source.line(at: saved.lastLine) else { return false }
        let hash = line.withUnsafeBytes { String(decoding: ChainHash.hex(of: $0), as: UTF8.self) }
        return hash == saved.replay.head && saved.lastLine + UInt64(line.count) + 1 == saved.end
    }

    /// The chain head, a torn tail and the jobs still open, as the report states them after the pass.
    static func noteTail(_ tail: RegistryExtent, replay: RegistryReplay, in report: inout VerificationReport) {
        report.head = String(decoding: replay.head, as: UTF8.self)
        report.tornTailBytes = tail.tornBytes
        if tail.tornBytes > 0 {
            report.notes.append("the last \(tail.tornBytes) byte(s) after line \(replay.lineCount) have no newline: a write torn by a crash, not a record; the next writer cuts it (or adds the newline, if it is a whole record that chains on)")
        }
        for j in replay.openJobs.sorted() {
            let job = replay.jobs[j]
            report.openJobs += 1
            let pending = job.reservations.reduce(UInt64(0)) { $0 + $1.pending }
            report.pendingCounters += pending
            report.notes.append("job \(job.id) (line \(job.line)) has no job-close: it is running, or its process died and the next writer will release its \(pending) unissued counter(s)")
        }
    }
}
