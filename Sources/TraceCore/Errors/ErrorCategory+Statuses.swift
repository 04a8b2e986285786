// The two faces' tables, side by side so that they are read and changed together: the CLI's exit status and the
// service's HTTP status of each kind of error.

extension ErrorCategory {
    /// The CLI's exit status (sysexits.h: 64 usage, 65 data, 66 no input, 70 software, 73 cannot create, 74 I/O,
    /// 75 try again).
    public var exitStatus: Int32 {
        switch self {
        case .usage: 64
        // A code or job the registry does not hold, a state that refuses, a damaged registry or an unusable setup are
        // all facts about the data given (EX_DATAERR); 66 is for an input file that does not exist.
        case .invalidData, .notFound, .conflict, .damaged, .configuration: 65
        case .missingInput: 66
        case .internal: 70
        case .cannotCreate: 73
        case .io: 74
        case .unavailable: 75
        }
    }

    /// The service's HTTP status: 4xx for what the caller can fix or look up, 5xx for the service's own files, setup
    /// and faults (never for bad input).
    public var httpStatus: Int {
        switch self {
        case .usage, .invalidData: 422
        case .notFound, .missingInput: 404
        case .conflict: 409
        case .unavailable: 503
        case .damaged, .configuration, .cannotCreate, .io, .internal: 500
        }
    }
}
