import FolioModel

/// Puts results into a chapter: each cell's result by its index among the chapter's cells, each
/// inline value by its index among the inline expressions — the order `Program.units` uses.
enum ResultsApplier {
    static func apply(cells: [Int: CellResult], values: [Int: String], to chapter: Chapter) -> Chapter {
        var chapter = chapter
        var cellIndex = 0
        var expressionIndex = 0
        chapter.blocks.updateLeaves { block in
            if case .cell(var cell) = block {
                cell.result = cells[cellIndex]
                cellIndex += 1
                block = .cell(cell)
                return
            }
            block = block.mapInlines { inline in
                guard case .expression(var expression) = inline else { return inline }
                expression.value = values[expressionIndex]
                expressionIndex += 1
                return .expression(expression)
            }
        }
        return chapter
    }
}
