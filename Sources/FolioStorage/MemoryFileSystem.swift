import Foundation
import Synchronization

/// Files held in memory, for tests that run a whole book in process: loaded from a fixture
/// folder on disk, written and read like the disk, never touching it. Paths are kept as given,
/// with `.` and empty parts dropped; folders exist where files are below them.
public final class MemoryFileSystem: FileSystem {
    private let files: Mutex<[String: [UInt8]]>

    public init(_ files: [String: [UInt8]] = [:]) {
        self.files = Mutex(Dictionary(files.map { (Self.normalize($0.key), $0.value) }, uniquingKeysWith: { $1 }))
    }

    /// The files below `folder` on disk, placed under `prefix` (e.g. a fixture book's folder
    /// loaded as the book's root `.`).
    public convenience init(loading folder: String, as prefix: String = ".") throws(StorageError) {
        let disk = DiskFileSystem()
        var files: [String: [UInt8]] = [:]
        for path in disk.files(under: folder) {
            files[joinPath(prefix, path)] = try disk.read(folder + "/" + path)
        }
        self.init(files)
    }

    /// Every file held, by path.
    public var snapshot: [String: [UInt8]] {
        files.withLock { $0 }
    }

    public func read(_ path: String) throws(StorageError) -> [UInt8] {
        guard let bytes = files.withLock({ $0[Self.normalize(path)] }) else {
            throw .unreadable(path: path, reason: isDirectory(path) ? "Is a directory" : "No such file or directory")
        }
        return bytes
    }

    @discardableResult
    public func write(_ bytes: [UInt8], to path: String) throws(StorageError) -> Bool {
        let key = Self.normalize(path)
        return try files.withLock { files throws(StorageError) -> Bool in
            // A file cannot stand where a folder is, nor below a file.
            if files.keys.contains(where: { $0.hasPrefix(key + "/") }) { throw .cannotWrite(path: path, reason: "Is a directory") }
            var parent = (key as NSString).deletingLastPathComponent
            while !parent.isEmpty {
                if files[parent] != nil { throw .cannotWrite(path: path, reason: "Not a directory") }
                parent = (parent as NSString).deletingLastPathComponent
            }
            guard files[key] != bytes else { return false }
            files[key] = bytes
            return true
        }
    }

    @discardableResult
    public func remove(_ file: String, in root: String) -> Bool {
        files.withLock { $0.removeValue(forKey: Self.normalize(joinPath(root, file))) != nil }
    }

    public func names(in directory: String) throws(StorageError) -> [String] {
        let prefix = Self.normalize(directory)
        let names = files.withLock { files in
            Set(files.keys.compactMap { key -> String? in
                let rest: Substring
                if prefix.isEmpty { rest = Substring(key) } else if key.hasPrefix(prefix + "/") { rest = key.dropFirst(prefix.count + 1) } else { return nil }
                return rest.split(separator: "/").first.map(String.init)
            })
        }
        guard !names.isEmpty || prefix.isEmpty else { throw .unreadable(path: directory, reason: "No such file or directory") }
        return Array(names)
    }

    public func isDirectory(_ path: String) -> Bool {
        let prefix = Self.normalize(path)
        return prefix.isEmpty || files.withLock { $0.keys.contains { $0.hasPrefix(prefix + "/") } }
    }

    public func exists(_ path: String) -> Bool {
        files.withLock { $0[Self.normalize(path)] != nil } || isDirectory(path)
    }

    public func realPath(_ path: String) -> String? {
        exists(path) ? "/" + Self.normalize(path) : nil
    }

    /// `a/./b//c` → `a/b/c`; `.` → the root, the empty path.
    static func normalize(_ path: String) -> String {
        path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }
}
