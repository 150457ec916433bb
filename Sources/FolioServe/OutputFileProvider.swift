import Foundation
import Hummingbird
import NIOCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Serves the files of `output/` to Hummingbird's `FileMiddleware`, which keeps doing lengths,
/// validators, HEAD and index.html (`RangeAndConditionMiddleware` answers ranges and conditions).
///
/// Why not its `LocalFileSystem`: that provider stats a file, stats it again and then opens it by
/// name, so a render renaming a page in between yields a Content-Length of one version and the
/// bytes of another, a torn page; and it follows symlinks out of the folder. Here a request opens
/// the file once, name by name from `output/` without following symlinks, and takes the size and
/// the bytes from that one descriptor. HTML pages are decorated (reload script,
/// error banner) here rather than in a later middleware, because the decoration changes the
/// length, which must be known before FileMiddleware writes Content-Length, ETag and ranges.
public struct OutputFileProvider: FileProvider {
    /// What FileMiddleware needs to know of a file.
    public struct FileAttributes: FileMiddlewareFileAttributes, Sendable {
        public let isFolder: Bool
        public let size: Int
        public let modificationDate: Date
    }

    /// One request's file: its path, and the bytes read while its attributes were, so both come
    /// from the same version of the file.
    public final class FileIdentifier: Sendable {
        let path: String
        let content = Mutex<ByteBuffer?>(nil)

        init(path: String) { self.path = path }
    }

    /// The files as last read, shared by every copy of the provider.
    private final class FileCache: Sendable {
        let files = Mutex<[String: CachedFile]>([:])
    }

    /// What changes when a render replaces a file, or when a page's banner changes: two reads
    /// with the same version give the same bytes.
    public struct FileVersion: Sendable, Equatable {
        var device: UInt64
        var inode: UInt64
        var modifiedSeconds: Int
        var modifiedNanoseconds: Int
        var size: Int
        /// The banner's generation for a page; 0 for other files.
        var generation: Int

        init(_ status: stat, generation: Int) {
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
            modifiedSeconds = Int(status.st_mtim.tv_sec)
            modifiedNanoseconds = Int(status.st_mtim.tv_nsec)
            size = Int(status.st_size)
            self.generation = generation
        }
    }

    /// A file as last read.
    private struct CachedFile: Sendable {
        var version: FileVersion
        var bytes: ByteBuffer
    }

    private let root: String
    private let state: PreviewState
    private let decorator = PageDecorator()
    private let cache = FileCache()

    /// - Parameters:
    ///   - root: The output folder; it must exist.
    ///   - state: The last render's problems, shown in a banner on HTML pages.
    public init(root: String, state: PreviewState) {
        // Resolved once; requests open names beneath it.
        let absolute = root.hasPrefix("/") ? root : FileManager.default.currentDirectoryPath + "/" + root
        self.root = Self.realPath(absolute) ?? absolute
        self.state = state
    }

    public func getFileIdentifier(_ path: String) -> FileIdentifier? {
        FileIdentifier(path: path)
    }

    public func getAttributes(id: FileIdentifier) async throws -> FileAttributes? {
        let names = id.path.split(separator: "/")
        let descriptor = openInsideRoot(names)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            return FileAttributes(isFolder: true, size: 0, modificationDate: Self.date(status.st_mtim))
        }
        // `/page.html/` names a folder that is not there, as it does to nginx and the file system.
        guard (status.st_mode & S_IFMT) == S_IFREG, !id.path.hasSuffix("/") else { return nil }

        // Keyed by the names, so other spellings of a path (`a//b`) share one entry.
        let key = names.joined(separator: "/")
        let isPage = key.hasSuffix(".html")
        let snapshot = state.snapshot
        let version = FileVersion(status, generation: isPage ? snapshot.generation : 0)
        let bytes: ByteBuffer
        if let cached = cache.files.withLock({ $0[key] }), cached.version == version {
            bytes = cached.bytes
        } else {
            guard var raw = Self.readAll(descriptor, size: version.size) else { return nil }
            if isPage { raw = decorator.decorate(raw, problems: snapshot.problems) }
            bytes = ByteBuffer(bytes: raw)
            cache.files.withLock { $0[key] = CachedFile(version: version, bytes: bytes) }
        }
        id.content.withLock { $0 = bytes }
        // A page whose banner changed is a new version even if its file is not: its ETag must change.
        var modified = Self.date(status.st_mtim)
        if isPage, snapshot.changedAt > modified { modified = snapshot.changedAt }
        return FileAttributes(isFolder: false, size: bytes.readableBytes, modificationDate: modified)
    }

    /// The version of the regular file at `path` (as FileMiddleware names it: `/`-separated, from
    /// the root) now; `nil` when there is none. What a recorded response is checked against.
    public func currentVersion(of path: String) -> FileVersion? {
        let descriptor = openInsideRoot(path.split(separator: "/"))
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileVersion(status, generation: path.hasSuffix(".html") ? state.snapshot.generation : 0)
    }

    public func loadFile(id: FileIdentifier, context: some RequestContext) async throws -> ResponseBody {
        guard let bytes = id.content.withLock({ $0 }) else { throw HTTPError(.notFound) }
        return ResponseBody(byteBuffer: bytes)
    }

    public func loadFile(id: FileIdentifier, range: ClosedRange<Int>, context: some RequestContext) async throws -> ResponseBody {
        // Not reached: `RangeAndConditionMiddleware` answers ranges. Were it reached, a range
        // outside the file is refused rather than clamped, since the length was already sent.
        guard let bytes = id.content.withLock({ $0 }) else { throw HTTPError(.notFound) }
        guard range.lowerBound >= 0, range.upperBound < bytes.readableBytes,
              let slice = bytes.getSlice(at: bytes.readerIndex + range.lowerBound, length: range.count) else {
            throw HTTPError(.rangeNotSatisfiable)
        }
        return ResponseBody(byteBuffer: slice)
    }

    /// Opens the path of `names` one name at a time from the root, never following a symlink and
    /// refusing `.` and `..`: whatever the path says, the file opened is in the root's tree. So a
    /// symlink in `output/` is never served, wherever it points (Folio writes none). Returns the
    /// descriptor, or -1.
    private func openInsideRoot(_ names: [Substring]) -> Int32 {
        var directory = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        for (index, name) in names.enumerated() {
            guard directory >= 0 else { return -1 }
            guard name != ".", name != ".." else {
                close(directory)
                return -1
            }
            // Folders must be folders; the file itself is opened without blocking, so a FIFO
            // placed in output/ cannot hang the request (it is refused as not a regular file).
            let flags = index == names.count - 1 ? O_RDONLY | O_NONBLOCK : O_RDONLY | O_DIRECTORY
            let next = openat(directory, String(name), flags | O_NOFOLLOW | O_CLOEXEC)
            close(directory)
            directory = next
        }
        return directory
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func date(_ time: timespec) -> Date {
        Date(timeIntervalSince1970: Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000)
    }

    /// Reads the whole file from the descriptor; `nil` if it cannot.
    private static func readAll(_ descriptor: Int32, size: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: size)
        var offset = 0
        while offset < size {
            let count = bytes.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress! + offset, size - offset)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            offset += count
        }
        return offset == size ? bytes : Array(bytes[..<offset])
    }
}
