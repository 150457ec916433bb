import Foundation

/// The disk, as Folio uses it: reading sources, and writing output files atomically, so that a
/// reader or a failed run never sees a half-written page.
enum FileSystem {
    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// Every file below `directory`, as paths relative to it, sorted; hidden files left out.
    static func files(under directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        return enumerator.compactMap { $0 as? String }
            .filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") } && !isDirectory(directory + "/" + $0) }
            .sorted()
    }

    /// Removes the file `file` of the folder `root` and the folders between them that it
    /// leaves empty, never `root` itself; whether the file was there.
    @discardableResult
    static func remove(_ file: String, in root: String) -> Bool {
        guard unlink(root + "/" + file) == 0 else { return false }
        var folder = (file as NSString).deletingLastPathComponent
        while !folder.isEmpty, rmdir(root + "/" + folder) == 0 { folder = (folder as NSString).deletingLastPathComponent }
        return true
    }

    /// `path` with every symbolic link resolved, absolute; `nil` if it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// A file's bytes, or `nil` if there is no such file.
    static func contents(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map([UInt8].init)
    }

    static func read(_ path: String) throws(BookError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: exists(path) ? "permission denied or not a file" : "no such file")
        }
        return [UInt8](data)
    }

    static func contents(ofDirectory path: String) throws(BookError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
    }

    /// Writes `bytes` to `path` by writing a temporary file beside it and renaming it over the
    /// target; unchanged files are left alone, so their modification times stay put. Whether the
    /// file was written (`false`: it already held these bytes).
    @discardableResult
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(BookError) -> Bool {
        if let existing = FileManager.default.contents(atPath: path), existing.elementsEqual(bytes) { return false }
        let directory = (path as NSString).deletingLastPathComponent
        do {
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
        } catch {
            throw .cannotWrite(path: directory, reason: error.localizedDescription)
        }
        let name = (path as NSString).lastPathComponent
        let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(name).\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            throw .cannotWrite(path: path, reason: "cannot create '\(temporary)'")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .cannotWrite(path: path, reason: reason)
        }
        return true
    }
}
