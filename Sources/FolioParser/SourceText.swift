/// A chapter's text split into lines, for turning cmark's byte columns into scalar columns
/// and for quoting a line under a diagnostic.
struct SourceText {
    /// Each line's UTF-8 bytes, without its line ending.
    let lines: [[UInt8]]
    /// For each line, the offsets of its UTF-8 continuation bytes (empty for ASCII): a scalar
    /// column is the byte column less those before it, found by binary search, so that placing
    /// 100,000 links on one line stays linear.
    private let continuations: [[Int32]]

    init(_ text: String) {
        lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        continuations = lines.map { bytes in
            var offsets: [Int32] = []
            for (offset, byte) in bytes.enumerated() where byte & 0xC0 == 0x80 { offsets.append(Int32(offset)) }
            return offsets
        }
    }

    /// Converts a 1-based byte column on a 1-based line to a 1-based Unicode scalar column.
    func scalarColumn(line: Int, byteColumn: Int) -> Int {
        guard line >= 1, line <= lines.count else { return max(1, byteColumn) }
        let end = min(max(0, byteColumn - 1), lines[line - 1].count)
        let offsets = continuations[line - 1]
        // How many continuation bytes lie before `end`.
        var low = 0
        var high = offsets.count
        while low < high {
            let middle = (low + high) / 2
            if Int(offsets[middle]) < end { low = middle + 1 } else { high = middle }
        }
        return end - low + 1 + max(0, byteColumn - 1 - lines[line - 1].count)
    }
}
