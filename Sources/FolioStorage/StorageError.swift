/// Why a file could not be read or written: the path, and the system's reason in its own words.
public enum StorageError: Error, Equatable, Sendable {
    case unreadable(path: String, reason: String)
    case cannotWrite(path: String, reason: String)

    public var path: String {
        switch self {
        case .unreadable(let path, _), .cannotWrite(let path, _): return path
        }
    }

    public var reason: String {
        switch self {
        case .unreadable(_, let reason), .cannotWrite(_, let reason): return reason
        }
    }
}
