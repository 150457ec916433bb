import FolioModel

extension ChapterEvaluator {
    /// For the preview, when `evaluation` of `chapter` failed: the chapter as the author last
    /// wrote it, each unit showing what this run gave it, else — if its code is unchanged — its
    /// result from the chapter's last good evaluation, and each cell with an error marked with
    /// it in place. `folio render` never writes such a page; `folio serve` shows it so that prose
    /// edits are previewed while one cell is broken.
    public func preview(_ chapter: Chapter, failed evaluation: Evaluation) -> Chapter {
        let units = Program.units(of: chapter)
        var cells: [Int: CellResult] = [:]
        var values: [Int: String] = [:]
        Program.units(of: evaluation.chapter).forEach { unit in
            switch unit {
            case .cell(let index, let cell): cells[index] = cell.result
            case .expression(let index, let expression): values[index] = expression.value
            }
        }

        // Unchanged units take their last good result, matched by code in order.
        if let last = EvaluationCache(directory: settings.cacheDirectory).lastGood(chapter: chapter.path) {
            var unused = Array(zip(last.units, last.evaluation.units))
            for unit in units {
                let hash = CacheKey.hash(unit: unit)
                guard let match = unused.firstIndex(where: { $0.0 == hash }) else { continue }
                let old = unused.remove(at: match).1
                switch (unit, old) {
                case (.cell(let index, _), .cell(let oldIndex)) where cells[index] == nil:
                    cells[index] = last.evaluation.cells[oldIndex]
                case (.expression(let index, _), .expression(let oldIndex)) where values[index] == nil:
                    values[index] = last.evaluation.values[oldIndex]
                default:
                    break
                }
            }
        }

        // Each error is shown in the cell it is in (for a trap in a shared file, the cell that called).
        for diagnostic in evaluation.diagnostics where diagnostic.severity == .error {
            let places = [diagnostic.location] + diagnostic.notes.map(\.location)
            guard let place = places.first(where: { $0.file == chapter.path }),
                  case .cell(let index, _)? = units.first(where: { unit in
                      if case .cell(_, let cell) = unit { return unit.contains(line: place.line) || place == cell.location }
                      return false
                  }) else { continue }
            var result = cells[index] ?? CellResult()
            let line = "\(diagnostic.location): error: \(diagnostic.message)"
            result.error = result.error.map { $0 == diagnostic.message ? line : $0 + "\n" + line } ?? line
            cells[index] = result
        }
        return ResultsApplier.apply(cells: cells, values: values, to: chapter)
    }
}
