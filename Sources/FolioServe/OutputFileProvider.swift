import Foundation
import Hummingbird
import NIOCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Serves the files of `output/` to Hummingbird's `FileMiddleware`, which keeps doing ETags, 304s,
/// ranges, HEAD and index.html.
///
/// Why not its `LocalFileSystem`: that provider stats a file, stats it again and then opens it by
/// name, so a render renaming a page in between yields a Content-Length of one version and the
/// bytes of another, a torn page; and it follows symlinks out of the folder. Here a request opens
/// the file once, after resolving its real path and checking it is inside `output/`, and takes
/// the size and the bytes from that one descriptor. HTML pages are decorated (reload script,
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

    /// A file as last read, keyed by what changes when a render replaces it.
    private struct CachedFile: Sendable {
        var device: UInt64
        var inode: UInt64
        var modified: timespec
        var size: Int
        var generation: Int
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
        // Resolved once: a request's real path must start with it.
        let absolute = root.hasPrefix("/") ? root : FileManager.default.currentDirectoryPath + "/" + root
        self.root = Self.realPath(absolute) ?? absolute
        self.state = state
    }

    public func getFileIdentifier(_ path: String) -> FileIdentifier? {
        FileIdentifier(path: path)
    }

    public func getAttributes(id: FileIdentifier) async throws -> FileAttributes? {
        // realpath resolves every symlink and `..`; anything that lands outside the root is
        // treated as absent, whatever it points at.
        guard let real = Self.realPath(root + "/" + id.path), real == root || real.hasPrefix(root + "/") else {
            return nil
        }
        let descriptor = open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            return FileAttributes(isFolder: true, size: 0, modificationDate: Self.date(status.st_mtim))
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else { return nil }

        let isPage = real.hasSuffix(".html")
        let snapshot = state.snapshot
        let generation = isPage ? snapshot.generation : 0
        let cached = cache.files.withLock { $0[real] }
        let bytes: ByteBuffer
        if let cached, cached.device == UInt64(status.st_dev), cached.inode == UInt64(status.st_ino),
           cached.modified.tv_sec == status.st_mtim.tv_sec, cached.modified.tv_nsec == status.st_mtim.tv_nsec,
           cached.size == Int(status.st_size), cached.generation == generation {
            bytes = cached.bytes
        } else {
            guard var raw = Self.readAll(descriptor, size: Int(status.st_size)) else { return nil }
            if isPage { raw = decorator.decorate(raw, problems: snapshot.problems) }
            bytes = ByteBuffer(bytes: raw)
            let entry = CachedFile(device: UInt64(status.st_dev), inode: UInt64(status.st_ino), modified: status.st_mtim,
                                   size: Int(status.st_size), generation: generation, bytes: bytes)
            cache.files.withLock { $0[real] = entry }
        }
        id.content.withLock { $0 = bytes }
        // A page whose banner changed is a new version even if its file is not: its ETag must change.
        var modified = Self.date(status.st_mtim)
        if isPage, snapshot.changedAt > modified { modified = snapshot.changedAt }
        return FileAttributes(isFolder: false, size: bytes.readableBytes, modificationDate: modified)
    }

    public func loadFile(id: FileIdentifier, context: some RequestContext) async throws -> ResponseBody {
        guard let bytes = id.content.withLock({ $0 }) else { throw HTTPError(.notFound) }
        return ResponseBody(byteBuffer: bytes)
    }

    public func loadFile(id: FileIdentifier, range: ClosedRange<Int>, context: some RequestContext) async throws -> ResponseBody {
        guard let bytes = id.content.withLock({ $0 }) else { throw HTTPError(.notFound) }
        let clamped = range.clamped(to: 0...max(0, bytes.readableBytes - 1))
        return ResponseBody(byteBuffer: bytes.getSlice(at: bytes.readerIndex + clamped.lowerBound, length: clamped.count) ?? ByteBuffer())
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
