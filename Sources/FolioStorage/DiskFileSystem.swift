import Foundation

/// The disk, through POSIX calls, so that every failure names the system's reason ("No space
/// left on device", "Permission denied", "Not a directory").
public struct DiskFileSystem: FileSystem {
    public init() {}

    public func read(_ path: String) throws(StorageError) -> [UInt8] {
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

    /// Writes a temporary file beside the target (named by `TemporaryFiles`, so a killed run's
    /// leftover is found later) and renames it over the target.
    @discardableResult
    public func write(_ bytes: [UInt8], to path: String) throws(StorageError) -> Bool {
        if let existing = contents(path), existing == bytes { return false }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try createFolder(directory) }
        let temporary = joinPath(directory.isEmpty ? "." : directory, TemporaryFiles.name())
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
        guard close(descriptor) == 0, rename(temporary, path) == 0 else {
            let reason = systemReason()
            unlink(temporary)
            throw .cannotWrite(path: path, reason: reason)
        }
        return true
    }

    @discardableResult
    public func remove(_ file: String, in root: String) -> Bool {
        guard unlink(joinPath(root, file)) == 0 else { return false }
        var folder = (file as NSString).deletingLastPathComponent
        while !folder.isEmpty, rmdir(joinPath(root, folder)) == 0 { folder = (folder as NSString).deletingLastPathComponent }
        return true
    }

    public func names(in directory: String) throws(StorageError) -> [String] {
        guard let stream = opendir(directory) else { throw .unreadable(path: directory, reason: systemReason()) }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    public func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    public func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    public func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Makes `path` and the folders above it that are missing.
    public func createFolder(_ path: String) throws(StorageError) {
        if isDirectory(path) { return }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try createFolder(parent) }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST && isDirectory(path) else {
            throw .cannotWrite(path: path, reason: errno == EEXIST ? "a file stands where a folder should be" : systemReason())
        }
    }
}

/// The system's words for the last failed call's `errno`.
public func systemReason() -> String {
    String(cString: strerror(errno))
}

extension Error {
    /// What the system said, in its words: Foundation wraps a failed call's `errno` ("Not a
    /// directory", "No space left on device") in an error whose own text is a bare code
    /// ("NSCocoaErrorDomain error 512").
    public var systemReason: String {
        var error = self as NSError
        while error.domain != NSPOSIXErrorDomain, let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError {
            error = underlying
        }
        if error.domain == NSPOSIXErrorDomain, let reason = strerror(Int32(error.code)) { return String(cString: reason) }
        return localizedDescription
    }
}
