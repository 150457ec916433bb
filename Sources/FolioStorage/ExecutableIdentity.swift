import Foundation

/// The running `folio`'s file, by path, size and modification time: part of every key of what
/// Folio keeps between renders (outlines, page records, highlighted code), since a rebuilt Folio
/// may read and render differently.
public enum ExecutableIdentity {
    public static let current: String = {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var status = stat()
        guard stat(path, &status) == 0 else { return path }
        return "\(path) \(status.st_size) \(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
    }()
}
