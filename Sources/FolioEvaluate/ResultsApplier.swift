import FolioModel

/// Puts results into a chapter: each cell's result by its index among the chapter's cells, each
/// inline value by its index among the inline expressions — the order `Program.units` uses.
enum ResultsApplier {
    static func apply(cells: [Int: CellResult], values: [Int: String], to chapter: Chapter) -> Chapter {
        var chapter = chapter
        var cellIndex = 0
        var expressionIndex = 0
        func visit(_ blocks: [Block]) -> [Block] {
            blocks.map { block in
                switch block {
                case .cell(var cell):
                    cell.result = cells[cellIndex]
                    cellIndex += 1
                    return .cell(cell)
                case .blockQuote(let children):
                    return .blockQuote(visit(children))
                case .list(var list):
                    list.items = list.items.map(visit)
                    return .list(list)
                default:
                    return block.mapInlines { inline in
                        guard case .expression(var expression) = inline else { return inline }
                        expression.value = values[expressionIndex]
                        expressionIndex += 1
                        return .expression(expression)
                    }
                }
            }
        }
        chapter.blocks = visit(chapter.blocks)
        return chapter
    }
}
