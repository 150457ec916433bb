import Foundation
import FolioStorage

/// Why `folio init` started no book, naming the paths as the author wrote the folder. When one
/// of these is thrown nothing was changed: conflicts are found before anything is written, and
/// a write that fails halfway is undone.
public enum BookInitError: Error, Equatable, CustomStringConvertible {
    /// The folder already holds files of a book: each conflict names a path (`mybook/.gitignore
    /// exists`, `mybook/chapters/ is not empty`).
    case bookExists(directory: String, conflicts: [String])
    /// The folder to start the book in is a file (or something else that is not a folder).
    case notADirectory(path: String)
    /// A folder or file could not be created.
    case cannotCreate(path: String, reason: String)

    public var description: String {
        switch self {
        case .bookExists(let directory, let conflicts):
            let place = directory == "." ? "this folder" : "'\(directory)'"
            return "error: \(place) already holds a book, and folio init changed nothing: \(conflicts.joined(separator: ", "))"
        case .notADirectory(let path):
            return "\(path): error: not a folder: folio init starts a book in a folder, creating it if it does not exist"
        case .cannotCreate(let path, let reason):
            return "\(path): error: cannot create: \(reason); folio init changed nothing"
        }
    }
}

/// What `folio init` made: the folder and the files in it, and what to say about them.
public struct BookInitReport: Sendable, Equatable {
    /// The book's folder, as the author named it.
    public var directory: String
    /// The files written, relative to the book's folder, in the order written.
    public var created: [String]
    /// Whether the workflow names no Folio repository, so the author has to fill it in.
    public var repositoryUnknown: Bool

    /// The lines `folio init` prints: the files, then what to do next.
    public var lines: [String] {
        var lines = ["Started a book in \(directory == "." ? "this folder" : "'\(directory)'"):"]
        lines += created.map { "  " + $0 }
        let enter = directory == "." ? "" : "cd \(directory.contains(" ") ? "'\(directory)'" : directory), then "
        lines.append("Next: \(enter)'folio render' writes the pages to output/, 'folio serve' shows them as you write.")
        lines.append("Commit output/ with the chapters: CI runs 'folio check', which compares it with a fresh render.")
        if repositoryUnknown {
            lines.append("note: this folio was built without knowing Folio's repository: set FOLIO_REPOSITORY in "
                         + ".github/workflows/folio.yml before pushing")
        }
        return lines
    }
}

/// Starts a new book in a folder from a `BookTemplate`, creating the folder if it does not exist,
/// and never overwriting anything: a folder that already has any of the template's files, or a
/// `chapters/` that is not empty, is refused before anything is written.
public struct BookInitializer {
    public init() {}

    /// Writes `template`'s files into `directory` (relative to the current folder unless absolute).
    public func create(_ template: BookTemplate, in directory: String) throws(BookInitError) -> BookInitReport {
        let shown = Self.display(directory)
        if Self.entryExists(directory), !DiskFileSystem().isDirectory(directory) { throw .notADirectory(path: shown) }

        var conflicts: [String] = []
        let chapters = Self.join(directory, BookBuilder.chaptersDirectory)
        if Self.entryExists(chapters) {
            if !DiskFileSystem().isDirectory(chapters) {
                conflicts.append("\(Self.join(shown, BookBuilder.chaptersDirectory)) exists and is not a folder")
            } else if let entries = try? FileManager.default.contentsOfDirectory(atPath: chapters), !entries.isEmpty {
                conflicts.append("\(Self.join(shown, BookBuilder.chaptersDirectory))/ is not empty")
            }
        }
        for file in template.files where Self.entryExists(Self.join(directory, file.path)) {
            conflicts.append("\(Self.join(shown, file.path)) exists")
        }
        guard conflicts.isEmpty else { throw .bookExists(directory: shown, conflicts: conflicts) }

        var undo = Undo()
        do throws(BookInitError) {
            for file in template.files {
                let path = Self.join(directory, file.path)
                try undo.createDirectories((path as NSString).deletingLastPathComponent, shownAs: { Self.display($0) })
                try undo.createFile(path, contents: Array(file.text.utf8), shownAs: Self.join(shown, file.path))
            }
        } catch {
            undo.run()
            throw error
        }
        return BookInitReport(directory: shown, created: template.files.map(\.path), repositoryUnknown: template.folio.repository == nil)
    }

    /// The title a book gets when none is given: its folder's name.
    public static func defaultTitle(for directory: String) -> String {
        let name = URL(fileURLWithPath: directory).standardizedFileURL.lastPathComponent
        return name.isEmpty || name == "/" ? "My book" : name
    }

    /// Whether anything is at `path`, a dangling symbolic link included (`fileExists` follows links).
    private static func entryExists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    private static func join(_ base: String, _ path: String) -> String {
        joinPath(base, path)
    }

    /// `mybook/` → `mybook`, so that paths in messages read `mybook/chapters`.
    private static func display(_ path: String) -> String {
        var path = path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path.isEmpty ? "." : path
    }

    /// What was created so far, to remove again should a later step fail.
    private struct Undo {
        private var files: [String] = []
        private var directories: [String] = []

        /// Creates `path` and the folders above it that are missing, one by one, remembering each.
        mutating func createDirectories(_ path: String, shownAs shown: (String) -> String) throws(BookInitError) {
            guard !path.isEmpty, !DiskFileSystem().isDirectory(path) else { return }
            var missing: [String] = []
            var current = path
            while !current.isEmpty, current != "/", !DiskFileSystem().isDirectory(current) {
                missing.append(current)
                current = (current as NSString).deletingLastPathComponent
            }
            for directory in missing.reversed() {
                guard mkdir(directory, 0o755) == 0 else {
                    throw .cannotCreate(path: shown(directory), reason: String(cString: strerror(errno)))
                }
                directories.append(directory)
            }
        }

        /// Creates the file exclusively (`O_EXCL`): a file that appeared since the check is not
        /// overwritten, it is an error.
        mutating func createFile(_ path: String, contents: [UInt8], shownAs shown: String) throws(BookInitError) {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw .cannotCreate(path: shown, reason: String(cString: strerror(errno))) }
            files.append(path)
            var written = 0
            while written < contents.count {
                let result = contents[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                if result < 0, errno == EINTR { continue }
                guard result > 0 else {
                    let reason = String(cString: strerror(errno))
                    close(descriptor)
                    throw .cannotCreate(path: shown, reason: reason)
                }
                written += result
            }
            guard close(descriptor) == 0 else { throw .cannotCreate(path: shown, reason: String(cString: strerror(errno))) }
        }

        /// Removes what was created, newest first.
        func run() {
            for file in files.reversed() { unlink(file) }
            for directory in directories.reversed() { rmdir(directory) }
        }
    }
}
