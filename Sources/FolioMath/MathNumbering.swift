/// One row of a display formula as the book's numbering sees it: a row of a numbered
/// environment (`align`, `gather`, `eqnarray`, `multline`, `equation`, …), or the whole formula
/// when it has none.
///
/// Numbering is the book's business, not the converter's: the book lists each display formula's
/// rows with ``MathConverter/outline(_:macros:)``, gives a number to each row that
/// ``isNumbered``, and passes the numbers' text back in ``MathOptions/rowNumbers`` when it renders.
public struct EquationRow: Sendable, Equatable, Codable {
    /// The row's `\label{…}`, if any.
    public var label: String?
    /// The text of the row's `\tag{…}` or `\tag*{…}`, which replaces an automatic number.
    public var tag: String?
    /// `\tag*`: the tag is shown as written, without parentheses.
    public var tagIsLiteral: Bool
    /// Whether the row takes the next automatic number: a row of an unstarred environment
    /// without `\nonumber`, `\notag` or `\tag`. For a formula without numbered environments,
    /// true when it has a `\label` and no `\tag` (a label asks for a number, as in LaTeX's
    /// `equation`); the book may number it for a `{#eq-…}` label as well.
    public var isNumbered: Bool
    /// Where the row starts, in Unicode scalars into the TeX.
    public var offset: Int
    /// Whether this row stands for a formula without numbered environments: its number or tag
    /// is shown beside the formula by the page, not inside the MathML by the converter.
    public var isWholeFormula: Bool

    /// Creates a row from its parts.
    public init(label: String?, tag: String?, tagIsLiteral: Bool = false, isNumbered: Bool, offset: Int, isWholeFormula: Bool = false) {
        self.label = label
        self.tag = tag
        self.tagIsLiteral = tagIsLiteral
        self.isNumbered = isNumbered
        self.offset = offset
        self.isWholeFormula = isWholeFormula
    }
}

/// What the caller knows that the TeX does not: the numbers of its rows and the numbers its
/// references point to.
public struct MathOptions: Sendable {
    /// The text of each automatically numbered row (``EquationRow/isNumbered``), in order; the
    /// converter sets it in parentheses at the right of its row. Rows past the end of the list
    /// show no number.
    public var rowNumbers: [String]
    /// Maps a `\ref{…}`/`\eqref{…}` label to the text of its number; nil for a label the book
    /// does not know, which is shown as `??` with a `math.unknown-label` error.
    public var resolveReference: (@Sendable (String) -> String?)?
    /// Maps a row's `\label` to the `id` its table row gets, so links can reach it; nil gives
    /// rows no `id`.
    public var rowAnchor: (@Sendable (String) -> String)?

    /// Options with nothing known: no numbers, no references.
    public init(rowNumbers: [String] = [], resolveReference: (@Sendable (String) -> String?)? = nil,
                rowAnchor: (@Sendable (String) -> String)? = nil) {
        self.rowNumbers = rowNumbers
        self.resolveReference = resolveReference
        self.rowAnchor = rowAnchor
    }
}

/// How far a formula's errors reach, which decides what the page shows.
public enum MathErrorScope: Sendable, Equatable {
    /// No errors.
    case none
    /// Every error is local: the formula is typeset, each bad spot marked in place by an
    /// `<merror>` (an unknown command) or left out (a colour that is not one). Show the MathML.
    case local
    /// An error leaves the formula's structure in doubt (an unbalanced brace, a missing
    /// argument). Show the source, as before.
    case formula
}

/// The state of the row being read in a numbered environment.
struct RowState {
    var label: String?
    var tag: String?
    var tagIsLiteral = false
    var suppressed = false
    var offset: Int
}

/// How an environment numbers its rows.
enum RowNumbering {
    /// Every row (`align`, `gather`, `eqnarray`, `flalign`, `alignat`).
    case eachRow
    /// One number for the environment, on its last row (`equation`, `multline`).
    case once
}

extension MathParser {
    /// `\tag{…}` or `\tag*{…}`: the current row's, or the formula's outside numbered environments.
    mutating func readTag(_ token: MathToken) {
        let starred = consumeStar()
        let text = readTextArgument(of: token, font: nil).trimmingSpaces()
        if currentRow != nil {
            if currentRow?.tag != nil {
                report(.duplicateTag, at: token.start, "A second “\\tag\(starred ? "*" : "")” in one row.")
            } else {
                currentRow?.tag = text
                currentRow?.tagIsLiteral = starred
            }
        } else if tag != nil {
            report(.duplicateTag, at: token.start, "A second “\\tag\(starred ? "*" : "")” in one formula; only the rows of align, gather and the like take one each.")
        } else {
            tag = text
        }
    }

    /// `\label{…}`: names the current row, or the formula.
    mutating func readLabel(_ token: MathToken) {
        guard let (raw, _) = readRawGroup(after: token) else { return }
        let text = raw.trimmingSpaces()
        if currentRow != nil {
            if currentRow?.label != nil {
                report(.duplicateTag, at: token.start, "A second “\\label” in one row.")
            }
            currentRow?.label = text
        } else if label != nil {
            report(.duplicateTag, at: token.start, "A second “\\label” in one formula.")
        } else {
            label = text
        }
    }

    /// `\nonumber` and `\notag`: the current row takes no number.
    mutating func suppressNumber() {
        currentRow?.suppressed = true
    }

    /// `\ref{…}` and `\eqref{…}`: the number the caller gives the label, or `??`.
    mutating func referenceAtom(_ token: MathToken, parenthesized: Bool) -> Atom {
        guard let (raw, offset) = readRawGroup(after: token) else { return Atom(node: .row([]), cls: .ord) }
        let label = raw.trimmingSpaces()
        let number: String
        if let resolved = options.resolveReference?(label) {
            number = resolved
        } else {
            report(.unknownLabel, at: offset, "No equation is labelled “\(label)”.")
            number = "??"
        }
        return Atom(node: .text(parenthesized ? "(" + number + ")" : number), cls: .ord)
    }

    /// Ends a row of a numbered environment: records it, and returns the cell that shows its
    /// number or tag at the right (nil: nothing to show).
    mutating func finishRow(_ row: RowState, numbered: Bool) -> MathNode? {
        let automatic = numbered && row.tag == nil && !row.suppressed
        equationRows.append(EquationRow(label: row.label, tag: row.tag, tagIsLiteral: row.tagIsLiteral,
                                        isNumbered: automatic, offset: row.offset))
        if let tag = row.tag {
            return .text(row.tagIsLiteral ? tag : "(" + tag + ")")
        }
        guard automatic else { return nil }
        defer { automaticRows += 1 }
        guard automaticRows < options.rowNumbers.count else { return nil }
        return .text("(" + options.rowNumbers[automaticRows] + ")")
    }
}
