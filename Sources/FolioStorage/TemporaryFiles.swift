import Foundation
import Synchronization

/// The names of the temporary files and folders Folio makes while it writes — an output file
/// before it is renamed into place, a chapter's build folder, a runtime being compiled — and
/// their removal when a run that made them was killed before it could clean up.
///
/// Every such name holds the process id of the run that made it (`.folio-tmp-<pid>-<n>`,
/// `build/<pid>-<id>`, `runtime/.staging-<pid>-<id>`), so a later run can tell a stale one (its
/// process is gone) from one a run beside it is still writing. Names are short and do not
/// repeat the target's name, so even a file name near the system's 255-byte limit can be
/// written.
public enum TemporaryFiles {
    private static let counter = Atomic<Int>(0)

    /// A fresh name for a temporary file in a folder, unique within this process.
    public static func name() -> String {
        ".folio-tmp-\(getpid())-\(counter.add(1, ordering: .relaxed).newValue)"
    }

    /// A fresh name for a folder of this process's own, such as a chapter's build folder.
    public static func folderName() -> String {
        "\(getpid())-\(UUID().uuidString.prefix(8))"
    }

    /// Removes what runs that are no longer alive left in `directory` and the folders below it:
    /// temporary files (`.folio-tmp-<pid>-…`) anywhere, and, directly in it, folders named
    /// `<pid>-…` or `.staging-<pid>-…`. A run still alive keeps what it is writing.
    public static func removeStale(in directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names {
            let path = directory + "/" + name
            if let owner = owner(of: name), !isAlive(owner) {
                try? FileManager.default.removeItem(atPath: path)
            } else if !name.hasPrefix("."), isFolder(path) {
                removeStaleFiles(in: path)
            }
        }
    }

    /// Like `removeStale(in:)`, but temporary files only, at any depth.
    private static func removeStaleFiles(in directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names {
            let path = directory + "/" + name
            if name.hasPrefix(".folio-tmp-"), let owner = owner(of: name), !isAlive(owner) {
                unlink(path)
            } else if !name.hasPrefix("."), isFolder(path) {
                removeStaleFiles(in: path)
            }
        }
    }

    /// The process id in a name this type made, or `nil` for any other name.
    static func owner(of name: String) -> pid_t? {
        var rest = Substring(name)
        for prefix in [".folio-tmp-", ".staging-"] where rest.hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
        }
        guard let dash = rest.firstIndex(of: "-"), rest.startIndex < dash else { return nil }
        return pid_t(rest[..<dash])
    }

    private static func isAlive(_ pid: pid_t) -> Bool {
        pid == getpid() || kill(pid, 0) == 0 || errno == EPERM
    }

    private static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
