import FolioModel

/// Reads the lines of a paragraph as a pipe table, GitHub's way: a header row, a delimiter row
/// of dashes with as many cells, then body rows cut or padded to the header's width. Cells split
/// at each `|` that is not escaped (`\|`) and not inside a code span; math never splits a cell,
/// since by now it is a placeholder without pipes.
enum PipeTableRows {
    /// A cell's byte range in its line, spaces trimmed.
    struct CellRange: Equatable {
        let start: Int
        let end: Int
    }

    /// The byte ranges of a row's cells, outer pipes dropped.
    static func cells(of line: ArraySlice<UInt8>) -> [CellRange] {
        let space: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        var start = line.startIndex
        var end = line.endIndex
        while start < end, space(line[start]) { start += 1 }
        while end > start, space(line[end - 1]) { end -= 1 }
        // A lone `|` is a row of no cells: it ends a table, and cannot head one.
        guard start < end, !(end - start == 1 && line[start] == UInt8(ascii: "|")) else { return [] }
        var pipes: [Int] = []
        var index = start
        while index < end {
            let byte = line[index]
            if byte == UInt8(ascii: "\\") {
                index += 2
            } else if byte == UInt8(ascii: "`") {
                let run = line[index..<end].prefix { $0 == UInt8(ascii: "`") }.count
                index = closingBackticks(run, in: line, from: index + run, end: end).map { $0 + run } ?? index + run
            } else {
                if byte == UInt8(ascii: "|") { pipes.append(index) }
                index += 1
            }
        }
        var bounds = [start - 1] + pipes + [end]
        // Outer pipes open and close the row rather than bound an empty cell.
        if line[start] == UInt8(ascii: "|") { bounds.removeFirst() }
        if let last = pipes.last, last == end - 1, bounds.count > 2 || line[start] != UInt8(ascii: "|") { bounds.removeLast() }
        var ranges: [CellRange] = []
        for (left, right) in zip(bounds, bounds.dropFirst()) {
            var cellStart = left + 1
            var cellEnd = right
            while cellStart < cellEnd, space(line[cellStart]) { cellStart += 1 }
            while cellEnd > cellStart, space(line[cellEnd - 1]) { cellEnd -= 1 }
            ranges.append(CellRange(start: cellStart, end: cellEnd))
        }
        return ranges
    }

    /// The column alignments a delimiter row gives, or `nil` if the line is not one: every cell
    /// dashes with optional colons at either end, and a pipe somewhere.
    static func alignments(of line: ArraySlice<UInt8>) -> [MarkdownTable.Alignment]? {
        guard line.contains(UInt8(ascii: "|")) || line.contains(UInt8(ascii: ":")) else { return nil }
        let ranges = cells(of: line)
        guard !ranges.isEmpty else { return nil }
        var result: [MarkdownTable.Alignment] = []
        for range in ranges {
            var cell = line[range.start..<range.end]
            let left = cell.first == UInt8(ascii: ":")
            let right = cell.count > 1 && cell.last == UInt8(ascii: ":")
            if left { cell = cell.dropFirst() }
            if right { cell = cell.dropLast() }
            guard !cell.isEmpty, cell.allSatisfy({ $0 == UInt8(ascii: "-") }) else { return nil }
            result.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        return result
    }

    /// The start of the next run of exactly `length` backticks before `end`.
    private static func closingBackticks(_ length: Int, in line: ArraySlice<UInt8>, from start: Int, end: Int) -> Int? {
        var index = start
        while index < end {
            if line[index] == UInt8(ascii: "`") {
                let run = line[index..<end].prefix { $0 == UInt8(ascii: "`") }.count
                if run == length { return index }
                index += run
            } else {
                index += 1
            }
        }
        return nil
    }
}
