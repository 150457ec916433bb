import FolioEvaluate
import FolioHighlight
import FolioModel
import FolioStorage
import Foundation

/// Cells' code as highlighted HTML, kept in `.folio-cache/highlight/`, one file per distinct
/// code. Highlighting parses the code with swift-syntax, a good part of re-rendering a chapter
/// after a prose edit; the same code highlights the same way, so it is done once per version of
/// Folio.
struct HighlightCache: Sendable {
    let directory: String
    var files: any FileSystem = DiskFileSystem()

    /// Every cell's code in `chapter`, highlighted: from the cache, or highlighted now and kept.
    func highlighted(_ chapter: Chapter) -> [String: String] {
        var codes: [String: String] = [:]
        chapter.blocks.forEachLeaf { block in
            guard case .cell(let cell) = block, codes[cell.code] == nil else { return }
            codes[cell.code] = highlighted(cell.code)
        }
        return codes
    }

    private func highlighted(_ code: String) -> String {
        let name = Digest.of(["folio-highlight-1", ExecutableIdentity.current, code])
        let path = "\(directory)/\(name.prefix(2))/\(name).html"
        if let html = SealedEntry.read(path, from: files) {
            return String(decoding: html, as: UTF8.self)
        }
        let html = SwiftHighlighter().highlight(code)
        // A cache that cannot be written only costs speed.
        _ = try? files.write(SealedEntry.seal(html.utf8), to: path)
        return html
    }
}
