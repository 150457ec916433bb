import FolioEvaluate
import FolioModel
import FolioNumbering
import FolioParser
import FolioStorage
import Foundation

/// The outlines of a book's chapters as last parsed, kept in `.folio-cache/outlines/`: numbering
/// the book and naming its pages needs every chapter's outline, but parsing a hundred chapters
/// to get them was most of a render in which one chapter changed. An outline is found again by
/// the chapter's path and bytes (and the `folio` that parsed it), so an edited chapter is parsed
/// afresh. One file per book; it holds only the book's current chapters.
struct OutlineCache: Sendable {
    private let file: String
    private let files: any FileSystem

    /// - Parameters:
    ///   - directory: The cache's `outlines` folder.
    ///   - output: The book's output folder, whose name keeps books sharing a cache apart.
    init(directory: String, output: String, files: any FileSystem = DiskFileSystem()) {
        file = "\(directory)/\(cacheName(forOutput: output)).json"
        self.files = files
    }

    /// What a chapter is known by between renders: its path, its bytes, the `folio` reading it
    /// and what of the book its outline depends on (`context`: the book's TeX macros, which may
    /// write rows and labels), hashed. Its outline is kept under it, and its page record's key is
    /// made from it.
    static func key(path: String, bytes: [UInt8], context: [String] = []) -> String {
        Digest.of(["folio-outline-2", ExecutableIdentity.current, path] + context, bytes: bytes)
    }

    /// The outlines kept, by key; empty when there are none or they cannot be read.
    func load() -> [String: ChapterOutline] {
        guard let data = SealedEntry.read(file, from: files),
              let outlines = try? JSONDecoder().decode([String: ChapterOutline].self, from: Data(data)) else { return [:] }
        return outlines
    }

    /// Keeps `outlines`, replacing what was kept; a cache that cannot be written only costs speed.
    func store(_ outlines: [String: ChapterOutline]) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(outlines) else { return }
        _ = try? files.write(SealedEntry.seal(data), to: file)
    }
}
