/// A chapter's text split into lines, for turning cmark's byte columns into scalar columns
/// and for quoting a line under a diagnostic.
struct SourceText {
    /// Each line's UTF-8 bytes, without its line ending.
    let lines: [[UInt8]]

    init(_ text: String) {
        lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
    }

    /// Converts a 1-based byte column on a 1-based line to a 1-based Unicode scalar column.
    func scalarColumn(line: Int, byteColumn: Int) -> Int {
        guard line >= 1, line <= lines.count else { return max(1, byteColumn) }
        let bytes = lines[line - 1]
        let end = min(max(0, byteColumn - 1), bytes.count)
        var scalars = 0
        for byte in bytes[..<end] where byte & 0xC0 != 0x80 {
            scalars += 1
        }
        return scalars + 1 + max(0, byteColumn - 1 - bytes.count)
    }
}
