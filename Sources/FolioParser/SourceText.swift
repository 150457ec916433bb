/// A chapter's text split into lines, for turning cmark's byte columns into scalar columns
/// and for quoting a line under a diagnostic. Either the whole chapter, or a view of some of its
/// lines with their starts cut off (a footnote's text, without `[^id]:` and its indentation),
/// whose positions still read as the file's.
struct SourceText {
    /// Each line's UTF-8 bytes, without its line ending.
    let lines: [[UInt8]]
    /// For each line, the offsets of its UTF-8 continuation bytes (empty for ASCII): a scalar
    /// column is the byte column less those before it, found by binary search, so that placing
    /// 100,000 links on one line stays linear.
    private let continuations: [[Int32]]
    /// For a view, where each of its lines is in the file; `nil` for the whole chapter.
    private let placement: [LinePlacement]?

    /// Where a line of a view stands in the file: its number and what was cut from its start.
    struct LinePlacement {
        let line: Int
        let cutBytes: Int
        let cutScalars: Int
        /// A line that continued a footnote's paragraph without indentation: it cannot start or
        /// continue a table there, as on GitHub.
        var isLazy = false
    }

    init(_ text: String) {
        self.init(lines: text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init), placement: nil)
    }

    /// A view of lines taken from a file, each placed by `placement` (one per line).
    init(lines: [[UInt8]], placement: [LinePlacement]?) {
        self.lines = lines
        self.placement = placement
        continuations = lines.map { bytes in
            var offsets: [Int32] = []
            for (offset, byte) in bytes.enumerated() where byte & 0xC0 == 0x80 { offsets.append(Int32(offset)) }
            return offsets
        }
    }

    /// The text, lines joined with newlines.
    var text: String {
        String(decoding: Array(lines.joined(separator: [UInt8(ascii: "\n")])), as: UTF8.self)
    }

    /// The same view with its lines' bytes replaced (as many lines, each where it was).
    func replacingLines(_ lines: [[UInt8]]) -> SourceText {
        SourceText(lines: lines, placement: placement)
    }

    /// Where a 1-based line of this text is in the file.
    func placement(of line: Int) -> LinePlacement {
        placement.map { $0[line - 1] } ?? LinePlacement(line: line, cutBytes: 0, cutScalars: 0)
    }

    /// Whether a 1-based line of this view was a lazy continuation line.
    func isLazy(_ line: Int) -> Bool {
        guard let placement, line >= 1, line <= placement.count else { return false }
        return placement[line - 1].isLazy
    }

    /// The file's line number for a 1-based line of this text.
    func fileLine(_ line: Int) -> Int {
        guard let placement, line >= 1, line <= placement.count else { return line }
        return placement[line - 1].line
    }

    /// The file's byte column for a 1-based byte column of a line of this text.
    func fileByteColumn(line: Int, byteColumn: Int) -> Int {
        guard let placement, line >= 1, line <= placement.count else { return byteColumn }
        return byteColumn + placement[line - 1].cutBytes
    }

    /// Converts a 1-based byte column on a 1-based line to the file's 1-based Unicode scalar column.
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
        let cut = placement.map { $0[line - 1].cutScalars } ?? 0
        return cut + end - low + 1 + max(0, byteColumn - 1 - lines[line - 1].count)
    }
}
