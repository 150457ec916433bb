import FolioModel

/// A cell's ```` ```output ```` block set against what the cell printed (SPEC 3.6): what
/// `check` fails on, and what `render` and the preview warn about, so an author sees a stale
/// block before CI does.
public struct Doctest: Sendable {
    public let cell: Cell
    public let block: CodeBlock
    /// The block's lines and the printed lines, as compared: trailing white space and empty
    /// lines at the end do not count.
    public let expected: [String]
    public let actual: [String]

    public var holds: Bool { expected == actual }

    /// The warning `render` gives and the failure `check` reports, at the block.
    public static let id = "cell.output-differs"

    public var message: String {
        "the output of the cell at line \(cell.location.line) differs from its expected output"
    }

    /// A unified diff of the block against the output.
    public var diff: String {
        UnifiedDiff.make(expected: expected, actual: actual,
                         expectedName: "expected (\(block.location.file):\(block.location.line))",
                         actualName: "actual (the cell at line \(cell.location.line))")
    }

    /// Every evaluated cell of `chapter` that has an output block, in document order.
    public static func all(in chapter: Chapter) -> [Doctest] {
        var doctests: [Doctest] = []
        chapter.blocks.forEachLeaf { block in
            guard case .cell(let cell) = block, let result = cell.result, let expected = cell.expectedOutput else { return }
            doctests.append(Doctest(cell: cell, block: expected, expected: OutputBlockRewrite.comparedLines(expected.code),
                                    actual: OutputBlockRewrite.comparedLines(result.standardOutput)))
        }
        return doctests
    }

    /// A warning for each block that no longer matches its cell's output.
    public static func warnings(in chapter: Chapter) -> [Diagnostic] {
        all(in: chapter).filter { !$0.holds }.map { doctest in
            .warning(id, doctest.message + "; 'folio check --update' rewrites the block", at: doctest.block.location)
        }
    }
}
