import FolioModel

/// Turns what happened when the program ran into diagnostics at the author's lines: a trap in a
/// cell, a program killed for time, expectations that failed.
struct RunDiagnostics {
    let chapter: Chapter
    let units: [ProgramUnit]
    let sharedFiles: [SharedFile]
    /// The book's root as the compiler was given shared files: frames name them under it.
    let root: String
    let timeout: Double

    /// `trap` is how the program stopped, if it crashed; `cellTraps` how `error: true` cells did.
    func diagnostics(results: RunResults, status: Int32, timedOut: Bool, trap: Trap?, cellTraps: [Int: Trap] = [:]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for unit in units {
            guard case .cell(let index, let cell) = unit, let result = results.cells[index] else { continue }
            for failure in result.failedExpectations {
                diagnostics.append(.error("cell.expectation-failed", failure.message, at: expectationPlace(failure.location, in: cell)))
            }
            if cell.options.error, results.unfinishedCell != index {
                diagnostics += expectedFailure(of: cell, result: result, trap: cellTraps[index])
            }
        }
        guard !results.finished else { return diagnostics }

        // The program stopped early: blame the unit it was running, or better, the line that trapped.
        let culprit = culprit(results)
        let place = culprit.map(location(of:)) ?? SourceLocation(file: chapter.path, line: 1, column: 1)
        if timedOut {
            diagnostics.append(.error("cell.timeout", "the chapter's program did not finish within \(Self.seconds(timeout)); it was stopped here (an endless loop?)", at: place))
        } else if let trap {
            let (trapPlace, caller) = locate(trap)
            var diagnostic: Diagnostic
            if trap.onlySignal {
                diagnostic = .error("cell.crash", "the chapter's program was killed: \(trap.message)", at: trapPlace ?? place)
            } else {
                diagnostic = .error("cell.trap", trap.message, at: trapPlace ?? place)
            }
            if let caller { diagnostic.notes.append(Diagnostic.Note("called from here", at: caller)) }
            diagnostics.append(diagnostic)
        } else {
            diagnostics.append(.error("cell.crash", "the chapter's program exited with status \(status) while running this", at: place))
        }
        return diagnostics
    }

    /// Where a trap happened in the author's files: the innermost frame in the chapter or a shared
    /// file and, when that is a shared file, the innermost frame in the chapter that led there.
    func locate(_ trap: Trap) -> (place: SourceLocation?, caller: SourceLocation?) {
        let placer = CompilerDiagnostics(chapter: chapter, units: units, sharedFiles: sharedFiles)
        var found: SourceLocation?
        for frame in trap.frames {
            let file = frame.file.hasPrefix(root + "/") ? String(frame.file.dropFirst(root.count + 1)) : frame.file
            if file == chapter.path, units.contains(where: { $0.contains(line: frame.line) }) {
                let location = placer.place(path: file, line: frame.line, byteColumn: frame.byteColumn, severity: .error)
                return found == nil ? (location, nil) : (found, location)
            }
            if found == nil, sharedFiles.contains(where: { $0.path == file }) {
                found = placer.place(path: file, line: frame.line, byteColumn: frame.byteColumn, severity: .error)
            }
        }
        return (found, nil)
    }

    /// What an `error: true` cell that ran to its end is told: a warning that it did not fail,
    /// or an error when it must fail (`expect-error`), or failed with another message.
    private func expectedFailure(of cell: Cell, result: CellResult, trap: Trap?) -> [Diagnostic] {
        let must = cell.options.expectedError
        // At the code's first line, which the cache keeps warnings by.
        let place = SourceLocation(file: chapter.path, line: cell.codeLine, column: cell.indent + 1)
        guard let message = trap?.message ?? result.error else {
            if must == nil {
                return [.warning("cell.no-error", "this cell is marked 'error: true' but ran without an error", at: place)]
            }
            return [.error("cell.no-error", "this cell must fail ('expect-error') but ran without an error", at: place)]
        }
        if let fragment = must?.messageFragment, !message.contains(fragment) {
            return [.error("cell.wrong-error", "this cell failed with '\(message)', which does not contain '\(fragment)'", at: place)]
        }
        return []
    }

    /// The first unit, in order, that did not complete.
    private func culprit(_ results: RunResults) -> ProgramUnit? {
        if let cell = results.unfinishedCell, let unit = units.first(where: { if case .cell(cell, _) = $0 { true } else { false } }) {
            return unit
        }
        return units.first { unit in
            switch unit {
            case .cell(let index, _): return results.cells[index] == nil
            case .expression(let index, _): return results.values[index] == nil
            }
        }
    }

    private func location(of unit: ProgramUnit) -> SourceLocation {
        switch unit {
        case .cell(_, let cell): return cell.location
        case .expression(_, let expression): return expression.location
        }
    }

    /// An expectation's line, at the first character of the code on it.
    private func expectationPlace(_ reported: SourceLocation, in cell: Cell) -> SourceLocation {
        let lines = cell.code.split(separator: "\n", omittingEmptySubsequences: false)
        let offset = reported.line - cell.codeLine
        let leading = offset >= 0 && offset < lines.count ? lines[offset].prefix(while: { $0 == " " || $0 == "\t" }).count : 0
        return SourceLocation(file: chapter.path, line: reported.line, column: cell.indent + 1 + leading)
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}

extension ProgramUnit {
    /// Whether `line` of the chapter is inside this unit's code.
    func contains(line: Int) -> Bool {
        switch self {
        case .cell(_, let cell):
            return line >= cell.codeLine && line < cell.codeLine + cell.code.split(separator: "\n", omittingEmptySubsequences: false).count
        case .expression(_, let expression):
            return line == expression.location.line
        }
    }
}
