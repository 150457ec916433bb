import FolioModel

/// One piece of a chapter's program, in document order: a cell or an inline expression.
enum ProgramUnit: Equatable {
    /// A cell, by its index among the chapter's cells.
    case cell(index: Int, Cell)
    /// An inline expression, by its index among the chapter's inline expressions.
    case expression(index: Int, InlineExpression)

    /// The file line where the unit's code starts.
    var line: Int {
        switch self {
        case .cell(_, let cell): return cell.codeLine
        case .expression(_, let expression): return expression.location.line
        }
    }

    /// What can change the unit's results, without where it stands: moving a cell does not
    /// invalidate the cache, editing it does.
    var fingerprint: String {
        switch self {
        case .cell(_, let cell):
            let expected = cell.options.expectedError.map { "must-fail:" + ($0.messageFragment ?? "") } ?? ""
            return "cell\u{1}\(cell.options.error)\u{1}\(expected)\u{1}\(cell.code)"
        case .expression(_, let expression): return "inline\u{1}\(expression.code)"
        }
    }
}

/// The Swift program generated for one chapter: every cell and inline expression in document
/// order, each under a `#sourceLocation` that points into the Markdown, so that the compiler's
/// diagnostics, traps and `#line` all name the chapter's own lines and columns.
public struct Program {
    let units: [ProgramUnit]
    let source: String

    /// Whether the chapter has code to run.
    public static func hasCode(_ chapter: Chapter) -> Bool {
        !units(of: chapter).isEmpty
    }

    /// The chapter's units in document order; cells with `eval: false` are left out.
    static func units(of chapter: Chapter) -> [ProgramUnit] {
        var units: [ProgramUnit] = []
        var cellIndex = 0
        var expressionIndex = 0
        chapter.blocks.forEachLeaf { block in
            if case .cell(let cell) = block {
                if cell.options.eval { units.append(.cell(index: cellIndex, cell)) }
                cellIndex += 1
                return
            }
            _ = block.mapInlines { inline in
                if case .expression(let expression) = inline {
                    units.append(.expression(index: expressionIndex, expression))
                    expressionIndex += 1
                }
                return inline
            }
        }
        return units
    }

    /// The program for `chapter`, which runs in `directory` (the chapter's folder, so that cells
    /// open data files beside the chapter by relative paths).
    init(chapter: Chapter, directory: String) {
        units = Self.units(of: chapter)
        let file = Self.literal(chapter.path)
        var lines = [
            "import Foundation",
            "import FolioRuntime",
            "_folioStart(digits: \(chapter.frontMatter.digits), directory: \(Self.literal(directory)))",
        ]
        for unit in units {
            switch unit {
            case .cell(let index, let cell):
                let padding = String(repeating: " ", count: cell.indent)
                let code = cell.code.split(separator: "\n", omittingEmptySubsequences: false).map { padding + $0 }
                let located = ["#sourceLocation(file: \(file), line: \(cell.codeLine))"] + code + ["#sourceLocation()"]
                if cell.options.error {
                    lines += ["_folioIsolated(\(index)) {"] + located + ["}"]
                } else {
                    lines += ["_folioBeginCell(\(index))"] + located + ["_folioEndCell(\(index))"]
                }
            case .expression(let index, let expression):
                // The call opens on the line before the expression, so that the expression
                // itself stands on its own line, at its own column.
                let line = expression.location.line
                let padding = String(repeating: " ", count: max(0, expression.byteColumn - 1))
                if line > 1 {
                    lines += ["#sourceLocation(file: \(file), line: \(line - 1))", "_folioInline(\(index), (",
                              padding + expression.code, "))", "#sourceLocation()"]
                } else {
                    lines += ["#sourceLocation(file: \(file), line: \(line))", "_folioInline(\(index), (\(expression.code)))",
                              "#sourceLocation()"]
                }
            }
        }
        lines.append("_folioFinish()")
        source = lines.joined(separator: "\n") + "\n"
    }

    /// A Swift string literal for `text`.
    static func literal(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
