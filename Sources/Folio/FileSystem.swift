import Foundation
import FolioEvaluate

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

    /// Makes `path` and the folders above it that are missing; failing, the system's reason
    /// ("Not a directory" when a file stands in the way, "Read-only file system", …).
    static func createFolder(_ path: String) throws(BookError) {
        if isDirectory(path) { return }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try createFolder(parent) }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST && isDirectory(path) else {
            throw .cannotWrite(path: path, reason: errno == EEXIST ? "a file stands where a folder should be" : systemReason())
        }
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

    /// A file's bytes; failing, the system's reason ("No such file or directory", "Permission
    /// denied", "Is a directory"), or that it is a symbolic link to nothing.
    static func read(_ path: String) throws(BookError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            var link = stat()
            let dangling = errno == ENOENT && lstat(path, &link) == 0 && (link.st_mode & S_IFMT) == S_IFLNK
            throw .unreadable(path: path, reason: dangling ? "it is a symbolic link to a file that does not exist" : systemReason())
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: systemReason())
            }
            bytes += buffer[..<count]
        }
    }

    /// The system's words for the last failed call's `errno`.
    static func systemReason() -> String {
        String(cString: strerror(errno))
    }

    static func contents(ofDirectory path: String) throws(BookError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw .unreadable(path: path, reason: error.systemReason)
        }
    }

    /// Writes `bytes` to `path` by writing a temporary file beside it and renaming it over the
    /// target; unchanged files are left alone, so their modification times stay put. Whether the
    /// file was written (`false`: it already held these bytes).
    @discardableResult
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(BookError) -> Bool {
        if let existing = FileManager.default.contents(atPath: path), existing.elementsEqual(bytes) { return false }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try createFolder(directory) }
        let temporary = (directory.isEmpty ? "" : directory + "/") + TemporaryFiles.name()
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: systemReason()) }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                let reason = systemReason()
                close(descriptor)
                unlink(temporary)
                throw .cannotWrite(path: path, reason: reason)
            }
            written += count
        }
        guard close(descriptor) == 0 else {
            let reason = systemReason()
            unlink(temporary)
            throw .cannotWrite(path: path, reason: reason)
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .cannotWrite(path: path, reason: reason)
        }
        return true
    }
}
