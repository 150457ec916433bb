import FolioModel

/// Turns what happened when the program ran into diagnostics at the author's lines: a trap in a
/// cell, a program killed for time, expectations that failed.
struct RunDiagnostics {
    let chapter: Chapter
    let units: [ProgramUnit]
    let timeout: Double

    func diagnostics(results: RunResults, status: Int32, timedOut: Bool, standardError: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for unit in units {
            guard case .cell(let index, let cell) = unit, let result = results.cells[index] else { continue }
            for failure in result.failedExpectations {
                diagnostics.append(.error("cell.expectation-failed", failure.message, at: expectationPlace(failure.location, in: cell)))
            }
        }
        guard !results.finished else { return diagnostics }

        // The program stopped early: blame the unit it was running.
        let culprit = culprit(results)
        let place = culprit.map(location(of:)) ?? SourceLocation(file: chapter.path, line: 1, column: 1)
        if timedOut {
            diagnostics.append(.error("cell.timeout", "the chapter's program did not finish within \(Self.seconds(timeout)); it was stopped here (an endless loop?)", at: place))
        } else if let message = Self.fatalError(in: standardError) {
            let trapPlace = message.line.flatMap { line in units.contains { $0.contains(line: line) } ? SourceLocation(file: chapter.path, line: line, column: place.column) : nil }
            diagnostics.append(.error("cell.trap", "the cell stopped with a fatal error: \(message.text)", at: trapPlace ?? place))
        } else {
            let how = status > 128 ? "was killed by signal \(status - 128)" : "exited with status \(status)"
            diagnostics.append(.error("cell.crash", "the chapter's program \(how) while running this", at: place))
        }
        return diagnostics
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

    /// The message of the last "Fatal error" the Swift runtime printed, and the chapter line it
    /// names when the trap was raised by the chapter's own code (`fatalError`, `precondition`).
    static func fatalError(in text: String) -> (text: String, line: Int?)? {
        for line in text.split(separator: "\n").reversed() {
            guard let range = line.range(of: "Fatal error") else { continue }
            var message = line[range.upperBound...].drop { $0 == ":" || $0 == " " }
            if message.isEmpty { message = "fatal error" }
            // "chapters/x.md:21: Fatal error: …": the last number before the message is the line.
            let lineNumber = line[..<range.lowerBound].split(separator: ":").compactMap { Int($0.trimmingSpaces) }.last
            return (String(message), lineNumber)
        }
        return nil
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
