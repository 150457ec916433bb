import FolioEvaluate
import FolioModel
import FolioNumbering
import FolioParser
import FolioRender
import FolioStorage
import Foundation

/// Remembers, for each chapter, what its last good page was built from and what it wrote, so
/// that `render` can leave a chapter alone when nothing it depends on has changed and its files
/// in `output/` are still the ones it wrote. Kept in `.folio-cache/pages/`; `check` never uses
/// it, since its job is to build everything afresh.
struct PageCache: Sendable {
    let output: String
    /// Entries live under the output folder's own name, so books sharing a cache (through
    /// `FOLIO_CACHE_DIR`) do not take turns overwriting each other's.
    private let folder: String
    private let files: any FileSystem

    init(directory: String, output: String, files: any FileSystem = DiskFileSystem()) {
        self.output = output
        self.files = files
        folder = "\(directory)/\(cacheName(forOutput: output))"
    }

    /// What a page depends on, hashed: the chapter itself (`chapter`: the digest of its path, its
    /// bytes and the `folio` reading it, as `OutlineCache.key` makes it) and everything the book
    /// gives it (`context`: the outline, the numbering, the references, the evaluator).
    struct Key: Sendable, Equatable {
        let digest: String

        init(chapter: String, context: String) {
            digest = Digest.of(bytes: Array("folio-page-2 \(chapter) \(context)".utf8))
        }

        /// What the book gives every chapter, hashed once for all their keys: its outline, every
        /// chapter's numbered equations, figures, tables and sections (the numbering and the
        /// references depend on them), the shared files, and the evaluator's fingerprint.
        static func context(outline: BookOutline, outlines: [ChapterOutline], numbering: BookNumbering,
                            sharedFiles: [SharedFile], evaluator: String) -> String {
            var parts = [outline.title, outline.lang, evaluator, "badges=\(outline.showsCheckBadges)", "sections=\(numbering.numbersSections)"]
            parts += outline.chapters.map { "\($0.slug)=\($0.title)" }
            for (index, chapter) in outlines.enumerated() {
                parts.append("chapter \(chapter.slug)")
                for (equation, number) in zip(chapter.equations, numbering.equationNumbers[index]) {
                    parts.append("eq \(equation.label ?? "") \(number ?? "")")
                }
                for (equation, rows) in zip(chapter.equations, numbering.equationRowNumbers[index]) where equation.rows != nil {
                    let labels = equation.rows?.map { $0.label ?? "" }.joined(separator: ",") ?? ""
                    parts.append("rows \(labels) \(rows.joined(separator: ","))")
                }
                for (figure, number) in zip(chapter.figures, numbering.figureNumbers[index]) {
                    parts.append("fig \(figure.label) \(number)")
                }
                for (table, number) in zip(chapter.tables, numbering.tableNumbers[index]) {
                    parts.append("tbl \(table.label) \(number)")
                }
                // Only labelled sections can be referred to from another page; a page's own
                // headings are in its own key.
                for (section, number) in zip(chapter.sections, numbering.sectionNumbers[index]) where section.label != nil {
                    parts.append("sec \(section.label ?? "") \(section.title) \(number ?? "")")
                }
            }
            parts += sharedFiles.flatMap { [$0.path, $0.text] }
            return Digest.of(parts)
        }
    }

    /// One chapter's last good build.
    private struct Entry: Codable {
        var key: String
        /// Each file written, with the SHA-256 of its bytes.
        var files: [String: String]
        var diagnostics: [Diagnostic]
        var evaluated: Bool
    }

    /// The chapter's last good build, if `key` matches it and its files are untouched: its
    /// diagnostics, and whether it had code.
    func reusable(_ chapter: String, key: Key) -> (diagnostics: [Diagnostic], evaluated: Bool)? {
        guard let data = SealedEntry.read(path(chapter), from: files).map({ Data($0) }),
              let entry = try? JSONDecoder().decode(Entry.self, from: data), entry.key == key.digest else { return nil }
        for (file, digest) in entry.files {
            guard let bytes = files.contents(output + "/" + file), Digest.of(bytes: bytes) == digest else { return nil }
        }
        return (entry.diagnostics, entry.evaluated)
    }

    /// Records a chapter built without error; a cache that cannot be written only costs speed.
    func store(_ chapter: String, key: Key, files: [OutputFile], diagnostics: [Diagnostic], evaluated: Bool) {
        let entry = Entry(key: key.digest, files: Dictionary(files.map { ($0.path, Digest.of(bytes: $0.bytes)) }, uniquingKeysWith: { $1 }),
                          diagnostics: diagnostics, evaluated: evaluated)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(entry) else { return }
        _ = try? self.files.write(SealedEntry.seal(data), to: path(chapter))
    }

    private func path(_ chapter: String) -> String {
        "\(folder)/\(chapter.replacingOccurrences(of: "/", with: "_")).json"
    }
}
