import Foundation
import FolioStorage

/// What Folio wrote into an output folder, by chapter: kept in the folder itself
/// (`.folio-files.json`, committed with it), so that a render removes the files it made before
/// and makes no more — a deleted or renamed chapter's page, a renamed figure's CSV — and never
/// a file it did not write (a `CNAME` the author put there).
struct OutputManifest: Equatable {
    static let fileName = ".folio-files.json"
    /// The key of the files the book itself makes (the index, the stylesheet).
    static let book = ""

    /// Output files by the chapter that made them (its path), each list sorted.
    var files: [String: [String]] = [:]

    /// The manifest in `output`, or an empty one when there is none or it cannot be read.
    static func read(_ output: String, from storage: any FileSystem) -> OutputManifest {
        guard let data = storage.contents(output + "/" + fileName),
              let files = try? JSONDecoder().decode([String: [String]].self, from: Data(data)) else { return OutputManifest() }
        // The file is the author's to edit, or break: only plain paths inside the folder count.
        return OutputManifest(files: files.mapValues { paths in
            paths.filter { path in
                !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/", omittingEmptySubsequences: false)
                    .contains { $0.isEmpty || $0 == "." || $0 == ".." }
            }
        })
    }

    /// The manifest's bytes: sorted, so the same book gives the same file.
    var bytes: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return ((try? encoder.encode(files.mapValues { $0.sorted() })).map([UInt8].init) ?? []) + [UInt8(ascii: "\n")]
    }

    /// Every file listed.
    var all: Set<String> {
        Set(files.values.joined())
    }

    /// Files this manifest lists that `newer` does not: made before, made no more.
    func leftOver(after newer: OutputManifest) -> [String] {
        all.subtracting(newer.all).sorted()
    }
}
