import FolioModel

extension OutputBlockRewrite {
    /// Rewrites `blocks` in the chapter file at `path` in one atomic write; the locations of
    /// the blocks rewritten.
    static func apply(_ blocks: [OutputBlockRewrite], toFile path: String, root: String) throws(BookError) -> [SourceLocation] {
        let file = root == "." || path.hasPrefix("/") ? path : root + "/" + path
        let bytes = try FileSystem.read(file)
        try FileSystem.writeAtomically(rewritten(bytes, applying: blocks), to: file)
        return blocks.map(\.block.location).sorted()
    }
}
