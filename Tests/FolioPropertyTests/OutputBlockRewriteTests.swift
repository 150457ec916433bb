import FolioDoctest
import FolioModel
import Testing

/// Chapters and outputs on which the rewriter behind `check --update` went wrong, found by the
/// fuzz target `Fuzz/Sources/FuzzOutputBlocks`: each the smallest case, kept so the cause stays fixed.
@Suite("Output block rewrite: regressions")
struct OutputBlockRewriteTests {
    private func block(_ fence: Int, _ closing: Int) -> CodeBlock {
        CodeBlock(language: "output", code: "", location: SourceLocation(file: "chapters/a.md", line: fence, column: 1),
                  closingLine: closing)
    }

    private func rewrite(_ file: String, _ output: String, fence: Int, closing: Int) -> String {
        let bytes = OutputBlockRewrite.rewritten(Array(file.utf8), applying: [OutputBlockRewrite(block: block(fence, closing), output: output)])
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Lines were counted by LF alone while the parser (and the block's location) counts a lone
    /// CR too, so the rewrite replaced the wrong bytes.
    @Test("A chapter with lone CR line endings: the block's own lines are rewritten, in CR")
    func loneCarriageReturns() {
        let file = "```swift\rprint(2)\r```\r\r```output\r2\r```\rafter\r"
        #expect(rewrite(file, "new\n", fence: 5, closing: 7) == "```swift\rprint(2)\r```\r\r```output\rnew\r```\rafter\r")
    }

    /// Output was split at LF only, so a lone CR went into the file, where it ends a line, and
    /// `check` never passed again.
    @Test("Output with a lone CR or CRLF is compared and written line by line")
    func carriageReturnsInOutput() {
        #expect(OutputBlockRewrite.comparedLines("10%\r20%\r\n30%  \r\n\r\n") == ["10%", "20%", "30%"])
        #expect(rewrite("```output\nold\n```\n", "10%\r20%", fence: 1, closing: 3) == "```output\n10%\n20%\n```\n")
    }

    /// A printed fence closed the block early and the rest of the output spilled into the prose.
    @Test("Output holding a fence gets longer fences around it")
    func fenceInOutput() {
        #expect(rewrite("```output\nold\n```\nprose\n", "a\n```\nb\n", fence: 1, closing: 3) == "````output\na\n```\nb\n````\nprose\n")
        #expect(rewrite("> ~~~output\n> old\n> ~~~\n", "~~~~~\n", fence: 1, closing: 3) == "> ~~~~~~output\n> ~~~~~\n> ~~~~~~\n")
        // A fence of the other character, or indented four spaces, closes nothing: fences stay.
        #expect(rewrite("```output\nold\n```\n", "~~~\n    ```\n", fence: 1, closing: 3) == "```output\n~~~\n    ```\n```\n")
    }
}
