import FolioModel
@testable import FolioParser
import Testing

/// Chapters the fuzz target `Fuzz/Sources/FuzzChapter` found that trapped the parser: each is
/// the smallest input that did, kept so the cause stays fixed.
@Suite("Hostile input")
struct HostileInputTests {
    /// cmark 0.30 reports a setext heading as ending where the paragraph right after it ends, so
    /// that paragraph's math was scanned twice and its second placeholder written past the line.
    @Test("Math in a paragraph right after a setext heading is read once", arguments: zip([
        "3\n-\n$6, A.}$",
        "a\n-\n$bbbbbb$\n",
        "Title\n=====\n$x_1$ and $$y$$ here\n",
    ], [["6, A.}"], ["bbbbbb"], ["x_1", "y"]]))
    func mathAfterSetextHeading(_ text: String, tex: [String]) {
        let parsed = parse(text)
        guard let blocks = parsed.chapter?.blocks, blocks.count == 2, case .heading(let heading) = blocks[0] else {
            Issue.record("expected a heading and a paragraph, got \(String(describing: parsed.chapter?.blocks))")
            return
        }
        #expect(heading.content.count == 1)
        #expect(texts(inlines(of: blocks[1])) == tex)
    }

    /// The first bad byte was located counting LF alone and the byte order mark as a character,
    /// so in a file with CR line endings the error named a line and column that do not exist.
    @Test("A file that is not UTF-8 is reported at the bad byte's line and column, whatever ends its lines")
    func notUTF8Location() {
        #expect(ChapterParser().parse(Array("a\rb\r".utf8) + [0xFF], path: "chapters/test.md").diagnostics.map(\.place) == ["3:1 file.not-utf8"])
        #expect(ChapterParser().parse(Array("a\r\nb".utf8) + [0xFF], path: "chapters/test.md").diagnostics.map(\.place) == ["2:2 file.not-utf8"])
        #expect(ChapterParser().parse([0xEF, 0xBB, 0xBF, 0x78, 0xFF], path: "chapters/test.md").diagnostics.map(\.place) == ["1:2 file.not-utf8"])
    }

    /// cmark 0.30 ends a fence that its quote closed on the line after the quote, so a fence
    /// there passed for its closing one and `check --update` rewrote a line outside the quote.
    @Test("A fence closed by the end of its quote is unclosed, even when a fence line follows the quote")
    func fenceClosedByItsQuote() {
        let parsed = parse("> ```swift\n> print(1)\n> ```\n>\n> ```output\n```\n")
        #expect(parsed.diagnostics.map(\.place) == ["5:3 markdown.unclosed-fence"])
        guard case .blockQuote(let quoted)? = parsed.chapter?.blocks.first, case .cell(let cell)? = quoted.first else {
            Issue.record("expected a quoted cell")
            return
        }
        #expect(cell.expectedOutput?.closingLine == nil)
    }

    /// Found by `FolioPropertyTests`: the last line of a fence never closed was taken for its
    /// closing fence because, quote markers stripped, it looked like one.
    @Test("A fence that runs to the end is unclosed, even when its last line is a quoted fence")
    func fenceRunningToTheEnd() {
        let parsed = parse("```swift\nprint(1)\n```\n\n````output\n1\n> ````\n")
        #expect(parsed.diagnostics.map(\.place) == ["5:1 markdown.unclosed-fence"])
        guard case .cell(let cell)? = parsed.chapter?.blocks.first else {
            Issue.record("expected a cell")
            return
        }
        #expect(cell.expectedOutput?.closingLine == nil)
    }

    private func inlines(of block: Block) -> [Inline] {
        guard case .paragraph(let inlines) = block else { return [] }
        return inlines
    }
}
