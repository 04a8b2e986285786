import Foundation
import Synchronization

/// Where a job stands.
public enum JobStatus: String, Sendable, Encodable {
    case queued
    case running
    case succeeded
    case failed
}

/// One API job (an issue or a reprint), as `GET /api/v1/jobs/{id}` shows it.
public struct JobRecord: Sendable, Encodable {
    public let id: String
    /// `issue` or `reprint`.
    public let kind: String
    public let product: String
    public let line: String?
    public let count: Int
    public var status: JobStatus = .queued
    /// Labels finished so far.
    public var done = 0
    /// The registry's job id (issue jobs), once known.
    public var registryJob: String?
    public var codesIssued: Int?
    public var firstCode: String?
    public var lastCode: String?
    public var firstLink: String?
    /// Whether a PDF is (or will be) downloadable at `/api/v1/jobs/{id}/pdf`.
    public let pdf: Bool
    public let printer: String?
    public var spooledFiles: Int?
    public var error: APIError.Body.Inner?
    /// The token's name: the registry operator.
    public let operatorName: String
    public let created: String
    public var finished: String?

    enum CodingKeys: String, CodingKey {
        case id, kind, product, line, count, status, done, registryJob = "registry_job", codesIssued = "codes_issued",
             firstCode = "first_code", lastCode = "last_code", firstLink = "first_link", pdf, printer,
             spooledFiles = "spooled_files", error, operatorName = "operator", created, finished
    }
}

/// The service's jobs: started in the background, followed by id, drained at shutdown.
public final class JobBoard: Sendable {
    struct State {
        var jobs: [String: JobRecord] = [:]
        var running = 0
        var closed = false
    }
    private let state = Mutex(State())
    /// Where each job's PDF goes.
    let directory: String

    init(directory: String) {
        self.directory = directory
    }

    /// The PDF path of job `id`.
    func pdfPath(_ id: String) -> String { (directory as NSString).appendingPathComponent("\(id).pdf") }

    /// Registers `record` as running; refused once the service is shutting down.
    func start(_ record: JobRecord) throws {
        try state.withLock { s in
            guard !s.closed else {
                throw APIError(.serviceUnavailable, id: "shutting-down", message: "the service is shutting down: no new jobs")
            }
            var r = record
            r.status = .running
            s.jobs[r.id] = r
            s.running += 1
        }
    }

    func advance(_ id: String, by n: Int) {
        state.withLock { $0.jobs[id]?.done += n }
    }

    /// Ends job `id` with `change` applied.
    func finish(_ id: String, _ change: (inout JobRecord) -> Void) {
        state.withLock { s in
            guard var r = s.jobs[id] else { return }
            change(&r)
            r.finished = ISO8601DateFormatter().string(from: Date())
            s.jobs[id] = r
            s.running -= 1
        }
    }

    func job(_ id: String) -> JobRecord? { state.withLock { $0.jobs[id] } }

    /// Jobs running now.
    var running: Int { state.withLock { $0.running } }

    /// Refuses new jobs from now on (graceful shutdown).
    func close() { state.withLock { $0.closed = true } }
}
