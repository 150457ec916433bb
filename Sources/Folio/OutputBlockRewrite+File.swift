import FolioDoctest
import FolioModel
import FolioStorage

extension OutputBlockRewrite {
    /// Rewrites `blocks` in the chapter file at `path` in one atomic write; the locations of
    /// the blocks rewritten.
    static func apply(_ blocks: [OutputBlockRewrite], toFile path: String, root: String, files: any FileSystem) throws(BookError) -> [SourceLocation] {
        let file = root == "." || path.hasPrefix("/") ? path : root + "/" + path
        let bytes = try files.readFile(file)
        try files.writeFile(rewritten(bytes, applying: blocks), to: file)
        return blocks.map(\.block.location).sorted()
    }
}
