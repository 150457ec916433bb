import FolioChecks
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

/// Nesting 100,000 deep, of every kind cmark nests: the parser walks cmark's tree on the heap
/// and keeps at most `NestingLimit.depth` levels in the model, flattening the rest into the
/// deepest level kept with one located warning, so no later stage can overflow the stack.
@Suite("Deep nesting")
struct DeepNestingTests {
    static let levels = 100_000

    /// A chapter nesting one construct `levels` deep around an `x`; where the warning points
    /// (line 3, the column of the first construct past the limit), or `nil` when cmark makes no
    /// nesting of it.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let body: String
        let warningColumn: Int?
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        let n = levels
        let limit = NestingLimit.depth
        func repeated(_ text: String, _ count: Int = n) -> String { String(repeating: text, count: count) }
        return [
            Case(name: "quotes", body: repeated(">") + " x", warningColumn: limit + 1),
            Case(name: "bullet list items", body: repeated("- ") + "x", warningColumn: 2 * limit + 1),
            Case(name: "numbered list items", body: repeated("1. ") + "x", warningColumn: 3 * limit + 1),
            Case(name: "quotes in list items", body: repeated("> - ") + "x", warningColumn: 4 * (limit / 2) + 1),
            // cmark starts every emphasis cut from one run of delimiters where the run starts.
            Case(name: "* emphasis", body: repeated("*") + "x" + repeated("*"), warningColumn: 1),
            Case(name: "_ emphasis", body: repeated("_") + "x" + repeated("_"), warningColumn: 1),
            Case(name: "* openers between words", body: repeated("*a ") + "x" + repeated(" b*"), warningColumn: 3 * limit + 1),
            Case(name: "unclosed * openers", body: repeated("*a ") + "x", warningColumn: nil),
            Case(name: "unclosed [ openers", body: repeated("[") + "x", warningColumn: nil),
            Case(name: "links in links", body: repeated("[") + "x" + repeated("](u)"), warningColumn: nil),
            Case(name: "images in images", body: repeated("![") + "x" + repeated("](u)"), warningColumn: 2 * limit + 1),
            Case(name: "inline HTML", body: repeated("<span>") + "x" + repeated("</span>"), warningColumn: nil),
        ]
    }()

    @Test("100,000 levels parse within the limit, keep their text and warn once where flattening starts",
          arguments: cases)
    func deepNesting(_ nesting: Case) {
        let started = ContinuousClock.now
        let parsed = parse("# Q\n\n" + nesting.body + "\n")
        let elapsed = ContinuousClock.now - started
        #expect(elapsed < .seconds(60), "took \(elapsed)")
        guard let blocks = parsed.chapter?.blocks else {
            Issue.record("no chapter")
            return
        }
        let depth = NestingDepth(blocks)
        #expect(depth.isWithinLimit, "\(depth)")
        var text = ""
        Array(blocks.dropFirst()).forEachLeaf { block in
            if case .paragraph(let content) = block { text += content.plainText }
        }
        #expect(text.contains("x"))
        let warnings = parsed.diagnostics.filter { $0.id == "markdown.too-deep" }
        if let column = nesting.warningColumn {
            #expect(warnings.map(\.place) == ["3:\(column) markdown.too-deep"])
            #expect(warnings.first?.severity == .warning)
        } else {
            #expect(warnings.isEmpty)
        }
    }

    /// Found while measuring the nesting: flattened emphases leave thousands of texts side by
    /// side, and joining each to the text before it copied all of that text, so 100,000 `*a `
    /// openers took 26 s to render. Sixteen times the texts must take less than forty times as
    /// long (a linear join takes sixteen times, the quadratic one took over a hundred).
    @Test("Texts side by side are joined in linear time")
    func textsAreJoinedInLinearTime() {
        let builder = InlineBuilder(file: "chapters/test.md", source: SourceText(""), spans: [], columns: ColumnMap(edits: [:]))
        func seconds(_ count: Int) -> Double {
            let texts = [RawInline](repeating: .text("a ", line: 1, column: 1), count: count)
            return (0..<2).map { _ in
                let started = ContinuousClock.now
                let joined = builder.inlines(texts)
                let elapsed = ContinuousClock.now - started
                #expect(joined == [.text(String(repeating: "a ", count: count))])
                return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            }.min()!
        }
        let small = seconds(25_000)
        let large = seconds(400_000)
        #expect(large < 40 * small, "25,000 texts: \(small) s, 400,000: \(large) s")
    }

    @Test("Nesting up to the limit is kept whole, without a warning")
    func nestingAtTheLimit() {
        let limit = NestingLimit.depth
        let quotes = parse(String(repeating: ">", count: limit) + " x\n")
        #expect(quotes.diagnostics.isEmpty)
        #expect(NestingDepth(quotes.chapter?.blocks ?? []).blocks == limit + 1)
        let emphasis = parse(String(repeating: "*a ", count: limit) + "x" + String(repeating: " b*", count: limit) + "\n")
        #expect(emphasis.diagnostics.isEmpty)
        #expect(NestingDepth(emphasis.chapter?.blocks ?? []).inlines == limit)
    }

    @Test("Flattened quotes keep every paragraph, in order, in the deepest quote kept")
    func flattenedContentKeepsItsOrder() {
        let limit = NestingLimit.depth
        let text = (1...(limit + 3)).map { String(repeating: ">", count: $0) + " p\($0)\n" + String(repeating: ">", count: $0) + "\n" }.joined()
        let parsed = parse(text)
        var paragraphs: [String] = []
        parsed.chapter?.blocks.forEachLeaf { block in
            if case .paragraph(let content) = block { paragraphs.append(content.plainText) }
        }
        #expect(paragraphs == (1...(limit + 3)).map { "p\($0)" })
        #expect(parsed.diagnostics.map(\.place) == ["\(2 * limit + 1):\(limit + 1) markdown.too-deep"])
    }
}
