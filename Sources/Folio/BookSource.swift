import FolioEvaluate
import FolioModel

/// A book's files on disk: where its root is, which chapters it has, in order.
struct BookSource {
    let root: String
    /// Chapter paths relative to the root (`chapters/softmax.md`), ordered by file name.
    let chapterPaths: [String]
    let settingsPath = "\(BookRenderer.chaptersDirectory)/\(BookSettings.fileName)"
    let settingsBytes: [UInt8]?

    init(root: String) throws(BookError) {
        self.root = root
        let directory = Self.join(root, BookRenderer.chaptersDirectory)
        guard FileSystem.isDirectory(directory) else {
            throw .missingChaptersDirectory(path: root == "." ? BookRenderer.chaptersDirectory + "/" : directory + "/")
        }
        chapterPaths = try FileSystem.contents(ofDirectory: directory)
            .filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            .map { "\(BookRenderer.chaptersDirectory)/\($0)" }
        let settings = Self.join(root, settingsPath)
        settingsBytes = FileSystem.exists(settings) ? try FileSystem.read(settings) : nil
    }

    /// The chapters named on the command line, checked to be chapters of this book; all of them
    /// when none are named.
    func select(_ requested: [String]) throws(BookError) -> Set<String> {
        guard !requested.isEmpty else { return Set(chapterPaths) }
        var selected: Set<String> = []
        for path in requested {
            let normalized = Self.normalize(path)
            guard normalized.hasPrefix(BookRenderer.chaptersDirectory + "/"), normalized.hasSuffix(".md"),
                  !normalized.dropFirst(BookRenderer.chaptersDirectory.count + 1).contains("/") else {
                throw .chapterOutsideBook(path: path)
            }
            guard chapterPaths.contains(normalized) else { throw .noSuchChapter(path: path) }
            selected.insert(normalized)
        }
        return selected
    }

    /// The `chapters/*.swift` files every chapter's program includes, by name.
    func sharedFiles() throws(BookError) -> [SharedFile] {
        let directory = resolve(BookRenderer.chaptersDirectory)
        let names = try FileSystem.contents(ofDirectory: directory).filter { $0.hasSuffix(".swift") && !$0.hasPrefix(".") }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var files: [SharedFile] = []
        for name in names {
            let path = "\(BookRenderer.chaptersDirectory)/\(name)"
            guard let text = String(validating: try read(path), as: UTF8.self) else {
                throw .unreadable(path: path, reason: "not valid UTF-8")
            }
            files.append(SharedFile(path: path, text: text))
        }
        return files
    }

    func read(_ path: String) throws(BookError) -> [UInt8] {
        try FileSystem.read(resolve(path))
    }

    /// A path relative to the book's root as a path the process can open.
    func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : Self.join(root, path)
    }

    private static func join(_ base: String, _ path: String) -> String {
        base == "." ? path : base + "/" + path
    }

    /// `./chapters//a.md` → `chapters/a.md`; `..` is kept, so it is caught as outside the book.
    static func normalize(_ path: String) -> String {
        path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }
}
