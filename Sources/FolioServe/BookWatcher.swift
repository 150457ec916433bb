import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Notices edits to a book's sources by polling: Foundation on Linux has no file-event API.
///
/// Every `interval` it takes a snapshot of `chapters/` (each non-hidden file's path, size,
/// inode and modification time, in nanoseconds); when the snapshot differs it waits `debounce`
/// and looks again, so an editor's save in several writes triggers one render.
public struct BookWatcher: Sendable {
    /// One file as the watcher sees it. The inode catches editors that save by renaming a new
    /// file of the same size over the old within one timestamp tick.
    struct Stamp: Equatable {
        var size: Int64
        var inode: UInt64
        var seconds: Int
        var nanoseconds: Int
    }

    typealias Snapshot = [String: Stamp]

    public var directory: String
    public var interval: Duration
    public var debounce: Duration

    public init(directory: String, interval: Duration = .milliseconds(100), debounce: Duration = .milliseconds(50)) {
        self.directory = directory
        self.interval = interval
        self.debounce = debounce
    }

    /// Calls `onChange` after each settled change until the task is cancelled. `onChange` runs
    /// to completion before polling resumes, so renders never overlap.
    public func watch(onChange: @Sendable () async -> Void) async {
        var last = snapshot()
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            var current = snapshot()
            guard current != last else { continue }
            // Let the save finish: wait until two looks a debounce apart agree.
            while !Task.isCancelled {
                try? await Task.sleep(for: debounce)
                let settled = snapshot()
                if settled == current { break }
                current = settled
            }
            if Task.isCancelled { return }
            last = current
            await onChange()
        }
    }

    /// Every non-hidden file below the directory (chapters, shared Swift, book.yml, images).
    func snapshot() -> Snapshot {
        var result: Snapshot = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return result }
        while let relative = enumerator.nextObject() as? String {
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            var status = stat()
            guard stat(directory + "/" + relative, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { continue }
            result[relative] = Stamp(size: Int64(status.st_size), inode: UInt64(status.st_ino),
                                     seconds: Int(status.st_mtim.tv_sec), nanoseconds: Int(status.st_mtim.tv_nsec))
        }
        return result
    }
}
