import FolioModel

/// Gives numbers to labelled display equations and to cells with `fig-…` labels, and resolves
/// `@eq-…` and `@fig-…` references (SPEC 3.3, 3.4).
public enum EquationNumbering {
    /// Numbers the chapter's labelled equations in order from `start`, and returns the number
    /// after the last. An equation with `\tag{…}` is called by its tag and takes no number.
    @discardableResult
    static func number(_ blocks: inout [Block], startingAt start: Int, diagnostics: inout [Diagnostic]) -> Int {
        var next = start
        var seen: Set<String> = []
        Self.forEachEquation(in: &blocks) { equation in
            if let tag = Self.tag(in: equation.math.tex) {
                equation.number = tag
            } else if equation.label != nil {
                equation.number = String(next)
                next += 1
            }
            if let label = equation.label, !seen.insert(label).inserted {
                diagnostics.append(.warning("reference.duplicate-label", "label '\(label)' is used twice; references go to the first",
                                            at: equation.math.location))
            }
        }
        return next
    }

    /// Numbers the chapter's figures in order from `start`: one number for each cell with a
    /// `fig-…` label. Returns the number after the last.
    @discardableResult
    static func numberFigures(_ blocks: inout [Block], startingAt start: Int, diagnostics: inout [Diagnostic]) -> Int {
        var next = start
        var seen: Set<String> = []
        forEachCell(in: &blocks) { cell in
            guard let label = cell.options.label, label.hasPrefix("fig-") else { return }
            cell.figureNumber = String(next)
            next += 1
            if !seen.insert(label).inserted {
                diagnostics.append(.warning("reference.duplicate-label", "label '\(label)' is used twice; references go to the first",
                                            at: cell.location))
            }
        }
        return next
    }

    /// Numbers chapters as one book (`BookNumbering`) and resolves their references; returns a
    /// warning for each label used in two chapters and each reference to an unknown label.
    public static func resolveReferences(in chapters: inout [Chapter]) -> [Diagnostic] {
        let numbering = BookNumbering(chapters.map { ChapterOutline($0, diagnostics: [], hasCode: false) })
        var diagnostics = numbering.duplicateLabels
        for index in chapters.indices { diagnostics += numbering.apply(to: &chapters[index], at: index) }
        return diagnostics
    }

    /// The text of a `\tag{…}` or `\tag*{…}` at brace depth zero, if any.
    static func tag(in tex: String) -> String? {
        let scalars = Array(tex.unicodeScalars)
        var depth = 0
        var index = 0
        while index < scalars.count {
            switch scalars[index] {
            case "{": depth += 1
            case "}": depth -= 1
            case "\\":
                let rest = scalars[(index + 1)...]
                if depth == 0, rest.starts(with: "tag".unicodeScalars) {
                    var cursor = index + 4
                    if cursor < scalars.count, scalars[cursor] == "*" { cursor += 1 }
                    while cursor < scalars.count, scalars[cursor] == " " { cursor += 1 }
                    guard cursor < scalars.count, scalars[cursor] == "{" else { return nil }
                    var inner = 0
                    var end = cursor
                    while end < scalars.count {
                        if scalars[end] == "{" { inner += 1 }
                        if scalars[end] == "}" { inner -= 1; if inner == 0 { break } }
                        end += 1
                    }
                    guard end < scalars.count else { return nil }
                    return String(String.UnicodeScalarView(scalars[(cursor + 1)..<end])).trimmingSpaces
                }
                index += 1
            default: break
            }
            index += 1
        }
        return nil
    }

    private static func forEachCell(in blocks: inout [Block], _ body: (inout Cell) -> Void) {
        blocks.updateLeaves { block in
            guard case .cell(var cell) = block else { return }
            body(&cell)
            block = .cell(cell)
        }
    }

    private static func forEachEquation(in blocks: inout [Block], _ body: (inout Equation) -> Void) {
        blocks.updateLeaves { block in
            guard case .equation(var equation) = block else { return }
            body(&equation)
            block = .equation(equation)
        }
    }
}

private extension String {
    var trimmingSpaces: String {
        var slice = self[...]
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }
}
