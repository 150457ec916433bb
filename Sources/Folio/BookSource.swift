import FolioEvaluate
import FolioModel
import FolioStorage

/// A book's files on disk: where its root is, its settings, which chapters it has, in order.
struct BookSource {
    let root: String
    /// Chapter paths relative to the root (`chapters/softmax.md`), in reading order: as
    /// `book.yml` lists them, else by file name.
    let chapterPaths: [String]
    let settingsPath = "\(BookBuilder.chaptersDirectory)/\(BookSettings.fileName)"
    let settings: BookSettings
    /// Problems in `book.yml`, its chapter list included.
    let settingsDiagnostics: [Diagnostic]

    /// Where the book's files are.
    let files: any FileSystem

    init(root: String, files: any FileSystem) throws(BookError) {
        self.root = root
        self.files = files
        let directory = Self.join(root, BookBuilder.chaptersDirectory)
        guard files.isDirectory(directory) else {
            throw .missingChaptersDirectory(path: root == "." ? BookBuilder.chaptersDirectory + "/" : directory + "/")
        }
        let chapterFiles = try files.folderNames(directory)
            .filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let listPath = settingsPath
        let settingsFile = Self.join(root, listPath)
        let bytes = files.exists(settingsFile) ? try files.readFile(settingsFile) : nil
        var diagnostics: [Diagnostic] = []
        let settings = BookSettings.read(bytes: bytes, path: listPath, diagnostics: &diagnostics)
        self.settings = settings
        var names = chapterFiles
        if let listed = settings.chapters {
            names = Self.order(chapterFiles, listed: listed, listPath: listPath, diagnostics: &diagnostics)
        }
        chapterPaths = names.map { "\(BookBuilder.chaptersDirectory)/\($0)" }
        settingsDiagnostics = diagnostics
    }

    /// The chapters `book.yml` lists, in its order. A listed file that is missing (or listed
    /// twice) is an error at its line; a chapter file it leaves out is a warning, and is not part
    /// of the book, as in mdBook's SUMMARY.
    private static func order(_ files: [String], listed: [(name: String, location: SourceLocation)], listPath: String,
                              diagnostics: inout [Diagnostic]) -> [String] {
        var ordered: [String] = []
        for entry in listed {
            let name = entry.name.hasPrefix("\(BookBuilder.chaptersDirectory)/")
                ? String(entry.name.dropFirst(BookBuilder.chaptersDirectory.count + 1)) : entry.name
            if !files.contains(name) {
                diagnostics.append(.error("book.missing-chapter", "chapter '\(entry.name)' is listed in book.yml but chapters/\(name) does not exist",
                                          at: entry.location))
            } else if ordered.contains(name) {
                diagnostics.append(.error("book.repeated-chapter", "chapter '\(entry.name)' is listed twice in book.yml", at: entry.location))
            } else {
                ordered.append(name)
            }
        }
        for name in files where !ordered.contains(name) {
            diagnostics.append(.warning("book.unlisted-chapter", "chapters/\(name) is not listed in book.yml and is left out of the book",
                                        at: SourceLocation(file: listPath, line: 1, column: 1)))
        }
        return ordered
    }

    /// The chapters named on the command line, checked to be chapters of this book; all of them
    /// when none are named.
    func select(_ requested: [String]) throws(BookError) -> Set<String> {
        guard !requested.isEmpty else { return Set(chapterPaths) }
        var selected: Set<String> = []
        for path in requested {
            let normalized = Self.normalize(path)
            guard normalized.hasPrefix(BookBuilder.chaptersDirectory + "/"), normalized.hasSuffix(".md"),
                  !normalized.dropFirst(BookBuilder.chaptersDirectory.count + 1).contains("/") else {
                throw .chapterOutsideBook(path: path)
            }
            guard chapterPaths.contains(normalized) else { throw .noSuchChapter(path: path) }
            selected.insert(normalized)
        }
        return selected
    }

    /// The `chapters/*.swift` files every chapter's program includes, by name.
    func sharedFiles() throws(BookError) -> [SharedFile] {
        let directory = resolve(BookBuilder.chaptersDirectory)
        let names = try files.folderNames(directory).filter { $0.hasSuffix(".swift") && !$0.hasPrefix(".") }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var files: [SharedFile] = []
        for name in names {
            let path = "\(BookBuilder.chaptersDirectory)/\(name)"
            guard let text = String(validating: try read(path), as: UTF8.self) else {
                throw .unreadable(path: path, reason: "not valid UTF-8")
            }
            files.append(SharedFile(path: path, text: text))
        }
        return files
    }

    func read(_ path: String) throws(BookError) -> [UInt8] {
        try files.readFile(resolve(path))
    }

    /// A path relative to the book's root as a path the process can open.
    func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : Self.join(root, path)
    }

    private static func join(_ base: String, _ path: String) -> String {
        joinPath(base, path)
    }

    /// `./chapters//a.md` → `chapters/a.md`; `..` is kept, so it is caught as outside the book.
    static func normalize(_ path: String) -> String {
        path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }
}
