/// The files a book is read from and written to, as Folio uses them: sources read whole, output
/// files written atomically (never seen half-written) and left alone when unchanged. The disk in
/// use, an in-memory tree in tests, so the whole parse → render → check path runs in process
/// over fixture books.
public protocol FileSystem: Sendable {
    /// A file's bytes; failing, the system's reason.
    func read(_ path: String) throws(StorageError) -> [UInt8]
    /// Writes `bytes` to `path` atomically, making its folder; whether the file changed (`false`:
    /// it already held these bytes, and was left alone).
    @discardableResult
    func write(_ bytes: [UInt8], to path: String) throws(StorageError) -> Bool
    /// Removes the file `file` of the folder `root`, and the folders between them it leaves
    /// empty, never `root` itself; whether the file was there.
    @discardableResult
    func remove(_ file: String, in root: String) -> Bool
    /// The names in a folder, unsorted.
    func names(in directory: String) throws(StorageError) -> [String]
    func isDirectory(_ path: String) -> Bool
    func exists(_ path: String) -> Bool
    /// `path` with every symbolic link resolved; `nil` if it does not exist.
    func realPath(_ path: String) -> String?
}

extension FileSystem {
    /// A file's bytes, or `nil` when it cannot be read.
    public func contents(_ path: String) -> [UInt8]? {
        try? read(path)
    }

    /// Every file below `directory`, as paths relative to it, sorted; hidden files and folders
    /// left out.
    public func files(under directory: String) -> [String] {
        var found: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? directory : directory + "/" + relative
            for name in (try? names(in: folder)) ?? [] where !name.hasPrefix(".") {
                let path = relative.isEmpty ? name : relative + "/" + name
                if isDirectory(directory + "/" + path) { pending.append(path) } else { found.append(path) }
            }
        }
        return found.sorted()
    }
}

/// `path` read as relative to a folder: `.` and empty parts dropped, each `..` taking away the
/// part before it; `nil` when a `..` would climb above the folder.
public func resolvedRelativePath(_ path: String) -> String? {
    var parts: [Substring] = []
    for part in path.split(separator: "/") where part != "." {
        if part != ".." {
            parts.append(part)
        } else if parts.popLast() == nil {
            return nil
        }
    }
    return parts.joined(separator: "/")
}

/// Joins a path relative to a book's root (or output folder) onto it; `.` stands for the
/// current folder, and an absolute path stays as it is.
public func joinPath(_ base: String, _ path: String) -> String {
    if path.hasPrefix("/") { return path }
    if base == "." || base.isEmpty { return path }
    return base.hasSuffix("/") ? base + path : base + "/" + path
}
