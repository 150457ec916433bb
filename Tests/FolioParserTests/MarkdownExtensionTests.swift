import FolioModel
import FolioNumbering
@testable import FolioParser
import Foundation
import Testing

/// A textbook's Markdown beyond CommonMark (issue 17): pipe tables and their captions,
/// footnotes, callouts, image figures, heading anchors, display math across blank lines,
/// strikethrough, addresses without brackets and images in raw HTML without alt text.
struct MarkdownExtensionTests {
    private func parse(_ text: String, path: String = "c.md") throws -> (blocks: [Block], diagnostics: [Diagnostic]) {
        let parsed = ChapterParser().parse(Array(text.utf8), path: path)
        return (try #require(parsed.chapter).blocks, parsed.diagnostics)
    }

    private func tables(_ blocks: [Block]) -> [MarkdownTable] {
        var found: [MarkdownTable] = []
        func visit(_ blocks: [Block]) {
            for block in blocks {
                switch block {
                case .table(let table): found.append(table)
                case .blockQuote(let children): visit(children)
                case .callout(let callout): visit(callout.blocks)
                case .list(let list): list.items.forEach(visit)
                default: break
                }
            }
        }
        visit(blocks)
        return found
    }

    private func texts(_ row: [[Inline]]) -> [String] { row.map(\.plainText) }

    private func ids(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { "\($0.id) \($0.location.line):\($0.location.column)" }
    }

    // MARK: Tables

    @Test func aPipeTableHasItsHeaderAlignmentsAndRows() throws {
        let (blocks, diagnostics) = try parse("""
            | Name | Count | Share |
            |:-----|:-----:|------:|
            | *a*  | 1     | 0.5   |
            b | 2 | 0.25
            """)
        let table = try #require(tables(blocks).first)
        #expect(table.alignments == [.left, .center, .right])
        #expect(texts(table.header) == ["Name", "Count", "Share"])
        #expect(table.rows.map(texts) == [["a", "1", "0.5"], ["b", "2", "0.25"]])
        #expect(table.rows[0][0] == [.emphasis([.text("a")])])
        #expect(table.location == SourceLocation(file: "c.md", line: 1, column: 3))
        #expect(blocks.count == 1)
        #expect(diagnostics.isEmpty)
    }

    @Test func pipesInMathAndCodeSpansDoNotSplitCellsButEscapedOnesAreText() throws {
        let (blocks, _) = try parse("""
            | norm | code | escaped |
            | --- | --- | --- |
            | $|x|$ | `a|b` | c \\| d |
            | `x\\|y` | e | f |
            """)
        let table = try #require(tables(blocks).first)
        #expect(table.rows[0].count == 3)
        guard case .math(let math)? = table.rows[0][0].first else { Issue.record("no math in \(table.rows[0][0])"); return }
        #expect(math.tex == "|x|")
        #expect(math.location == SourceLocation(file: "c.md", line: 3, column: 4))
        #expect(table.rows[0][1] == [.code("a|b")])
        #expect(table.rows[0][2].plainText == "c | d")
        #expect(table.rows[1][0] == [.code("x|y")])
    }

    @Test func rowsArePaddedOrCutToTheHeaderAndOuterPipesAreOptional() throws {
        let (blocks, _) = try parse("""
            a | b
            --|--
            1
            1 | 2 | 3
            """)
        let table = try #require(tables(blocks).first)
        #expect(table.alignments == [.none, .none])
        #expect(table.rows.map(texts) == [["1", ""], ["1", "2"]])
    }

    @Test func aDelimiterRowOfAnotherWidthIsNoTable() throws {
        let (blocks, _) = try parse("""
            | a | b |
            | --- |
            | c | d |
            """)
        #expect(tables(blocks).isEmpty)
        guard case .paragraph? = blocks.first else { Issue.record("\(blocks)"); return }
    }

    @Test func proseBeforeTheHeaderRowStaysAParagraph() throws {
        let (blocks, _) = try parse("""
            Some *prose* first
            | a | b |
            | - | - |
            | 1 | 2 |
            """)
        #expect(blocks.count == 2)
        #expect(blocks.first == .paragraph([.text("Some "), .emphasis([.text("prose")]), .text(" first")]))
        #expect(tables(blocks).first.map { texts($0.header) } == ["a", "b"])
    }

    @Test func tablesStandInListsAndQuotes() throws {
        let (blocks, _) = try parse("""
            - item

              | a | b |
              | - | - |
              | 1 | 2 |

            > | c | d |
            > |---|---|
            > | 3 | 4 |
            """)
        let found = tables(blocks)
        #expect(found.map { texts($0.header) } == [["a", "b"], ["c", "d"]])
        #expect(found.map { $0.rows.map(texts) } == [[["1", "2"]], [["3", "4"]]])
        #expect(found.map(\.location.line) == [3, 7])
    }

    @Test func linksInCellsAreRecordedOnceAtTheirPlace() throws {
        let parsed = ChapterParser().parse(Array("""
            | [a](a.md) | b |
            |---|---|
            | ![i](i.png) | [c](c.md) |
            """.utf8), path: "c.md")
        let chapter = try #require(parsed.chapter)
        #expect(chapter.links.map { "\($0.target) \($0.location.line):\($0.location.column)" } == ["a.md 1:3", "i.png 3:3", "c.md 3:17"])
    }

    @Test func aCaptionAfterATableNamesAndLabelsIt() throws {
        var (blocks, diagnostics) = try parse("""
            | a |
            |---|
            | 1 |

            : Values of $x$ {#tbl-values}

            See @tbl-values.

            : A caption with no table
            """)
        let table = try #require(tables(blocks).first)
        #expect(table.label == "tbl-values")
        #expect(table.caption?.first == .text("Values of "))
        #expect(ids(diagnostics) == ["table.caption-without-table 9:1"])
        var chapters = [Chapter(path: "c.md", slug: "c", frontMatter: FrontMatter(), blocks: blocks)]
        diagnostics = BookNumbering.number(&chapters)
        #expect(diagnostics.isEmpty)
        blocks = chapters[0].blocks
        #expect(tables(blocks).first?.number == "1")
        guard case .paragraph(let prose) = blocks[1], case .reference(let reference) = prose[1] else { Issue.record("\(blocks[1])"); return }
        #expect(reference.target == ReferenceTarget(number: "1", page: "c", kind: .table))
    }

    @Test func tablesAreNumberedAcrossTheBookWithCellTablesAndALabelUsedTwiceIsAWarning() throws {
        let first = try parse("""
            ```swift
            //| label: tbl-computed
            //| tbl-cap: Computed
            show(1)
            ```

            | a |
            |---|
            | 1 |

            : Written {#tbl-written}
            """).blocks
        let second = try parse("""
            | b |
            |---|
            | 2 |

            : Again {#tbl-written}
            """, path: "b.md").blocks
        var chapters = [Chapter(path: "a.md", slug: "a", frontMatter: FrontMatter(), blocks: first),
                        Chapter(path: "b.md", slug: "b", frontMatter: FrontMatter(), blocks: second)]
        let diagnostics = BookNumbering.number(&chapters)
        guard case .cell(let cell) = chapters[0].blocks[0] else { Issue.record("no cell"); return }
        #expect(cell.tableNumber == "1")
        #expect(cell.options.tableCaption == "Computed")
        #expect(tables(chapters[0].blocks).first?.number == "2")
        #expect(tables(chapters[1].blocks).first?.number == "3")
        #expect(diagnostics.map(\.id) == ["reference.duplicate-label"])
        #expect(diagnostics.first?.location.file == "b.md")
    }

    @Test func aTwoThousandColumnTableIsParsedWhole() throws {
        let columns = 2_000
        let row = "|" + (0..<columns).map { " c\($0) " }.joined(separator: "|") + "|"
        let text = row + "\n|" + String(repeating: "---|", count: columns) + "\n" + row
        let (blocks, _) = try parse(text)
        let table = try #require(tables(blocks).first)
        #expect(table.header.count == columns)
        #expect(table.rows.first?.last == [.text("c1999")])
    }

    // MARK: Footnotes

    @Test func footnotesAreNumberedInOrderOfFirstReference() throws {
        let (blocks, diagnostics) = try parse("""
            First[^b], then[^a], and[^b] again.

            [^a]: Note A.
            [^b]: Note B,
                on two lines.

                And a second paragraph with $x$.

            After.
            """)
        guard case .paragraph(let prose) = blocks[0] else { Issue.record("\(blocks)"); return }
        let references = prose.compactMap { if case .footnoteReference(let reference) = $0 { reference } else { nil } }
        #expect(references.map { "\($0.id) \($0.number ?? 0) \($0.occurrence)" } == ["b 1 1", "a 2 1", "b 1 2"])
        #expect(references.map(\.location.column) == [6, 16, 25])
        let notes = blocks.compactMap { if case .footnote(let note) = $0 { note } else { nil } }
        #expect(notes.map(\.id) == ["a", "b"])
        #expect(notes.map(\.number) == [2, 1])
        #expect(notes.map(\.referenceCount) == [1, 2])
        #expect(notes[1].blocks.count == 2)
        #expect(notes[1].location == SourceLocation(file: "c.md", line: 4, column: 1))
        guard case .paragraph(let second) = notes[1].blocks[1], case .math(let math) = second[1] else { Issue.record("\(notes[1])"); return }
        #expect(math.location == SourceLocation(file: "c.md", line: 7, column: 34))
        #expect(blocks.last == .paragraph([.text("After.")]))
        #expect(diagnostics.isEmpty)
    }

    @Test func undefinedUnusedAndDuplicatedFootnotesAreLocatedWarnings() throws {
        let (blocks, diagnostics) = try parse("""
            A[^one] and[^missing].

            [^one]: One.
            [^one]: One again.
            [^spare]: Never used.
            """)
        #expect(ids(diagnostics) == ["footnote.undefined 1:12", "footnote.duplicate 4:1", "footnote.unused 5:1"])
        guard case .paragraph(let prose) = blocks[0], case .footnoteReference(let missing) = prose[3] else { Issue.record("\(blocks)"); return }
        #expect(missing.number == nil)
    }

    @Test func aFootnoteDefinedInsideAFootnoteIsAFootnoteOfTheChapter() throws {
        let (blocks, diagnostics) = try parse("""
            Outer[^outer].

            [^outer]: Outer note[^inner].

                [^inner]: Inner note.
            """)
        let notes = blocks.compactMap { if case .footnote(let note) = $0 { note } else { nil } }
        #expect(notes.map(\.id) == ["outer", "inner"])
        #expect(notes.map(\.number) == [1, 2])
        #expect(notes[1].location == SourceLocation(file: "c.md", line: 5, column: 5))
        #expect(diagnostics.isEmpty)
    }

    @Test func aDefinitionInFencedCodeIsCode() throws {
        let (blocks, _) = try parse("""
            ```
            [^x]: not a note
            ```
            """)
        #expect(blocks == [.code(CodeBlock(language: "", code: "[^x]: not a note\n", location: SourceLocation(file: "c.md", line: 1, column: 1),
                                           closingLine: 3))])
    }

    @Test func tenThousandFootnotesAreNumbered() throws {
        let count = 10_000
        let text = (0..<count).map { "Text[^n\($0)]." }.joined(separator: "\n") + "\n\n" + (0..<count).map { "[^n\($0)]: Note \($0)." }.joined(separator: "\n")
        let start = Date()
        let (blocks, diagnostics) = try parse(text)
        #expect(Date().timeIntervalSince(start) < 30)
        let notes = blocks.compactMap { if case .footnote(let note) = $0 { note } else { nil } }
        #expect(notes.count == count)
        #expect(notes.last?.number == count)
        #expect(diagnostics.isEmpty)
    }

    // MARK: Callouts

    @Test func calloutsInGitHubsSyntax() throws {
        let (blocks, diagnostics) = try parse("""
            > [!NOTE]
            > Take note.

            > [!tip]
            >
            > A tip.

            > [!WARNING]

            > [!NOPE]
            > Just a quote.
            """)
        guard blocks.count == 4, case .callout(let note) = blocks[0], case .callout(let tip) = blocks[1], case .callout(let warning) = blocks[2],
              case .blockQuote(let quote) = blocks[3] else { Issue.record("\(blocks)"); return }
        #expect(note.kind == .note && note.blocks == [.paragraph([.text("Take note.")])])
        #expect(note.location == SourceLocation(file: "c.md", line: 1, column: 3))
        #expect(tip.kind == .tip && tip.blocks == [.paragraph([.text("A tip.")])])
        #expect(warning.kind == .warning && warning.blocks.isEmpty)
        #expect(quote.first?.plainTextOfParagraph == "[!NOPE] Just a quote.")
        #expect(ids(diagnostics) == ["callout.unknown-kind 10:3"])
    }

    // MARK: Figures and sections

    @Test func anImageWithAFigureLabelIsANumberedFigureAmongCellFigures() throws {
        let first = try parse("""
            ```swift
            //| label: fig-computed
            show(1)
            ```

            ![A *drawn* plot](plot.png){#fig-drawn fig-alt="Two lines crossing"}

            ![Not a figure](other.png)
            """, path: "a.md").blocks
        let second = try parse("See @fig-drawn.").blocks
        var chapters = [Chapter(path: "a.md", slug: "a", frontMatter: FrontMatter(), blocks: first),
                        Chapter(path: "b.md", slug: "b", frontMatter: FrontMatter(), blocks: second)]
        #expect(BookNumbering.number(&chapters).isEmpty)
        guard case .figure(let figure) = chapters[0].blocks[1] else { Issue.record("\(chapters[0].blocks)"); return }
        #expect(figure.number == "2")
        #expect(figure.caption == [.text("A "), .emphasis([.text("drawn")]), .text(" plot")])
        #expect(figure.alt == "Two lines crossing")
        #expect(figure.location == SourceLocation(file: "a.md", line: 6, column: 1))
        guard case .paragraph = chapters[0].blocks[2] else { Issue.record("an image without a label is prose"); return }
        guard case .paragraph(let prose) = chapters[1].blocks[0], case .reference(let reference) = prose[1] else { Issue.record("no reference"); return }
        #expect(reference.target == ReferenceTarget(number: "2", page: "a", kind: .figure))
    }

    @Test func headingLabelsSetAnchorsAndSectionReferencesReadTextOrNumbers() throws {
        let text = """
            # Chapter

            ## Methods {#sec-methods}

            ## Methods

            ### Detail {#sec-detail}

            ## Aside {.unnumbered}

            See @sec-methods and @sec-detail.
            """
        for numbered in [false, true] {
            var chapters = [Chapter(path: "a.md", slug: "a", frontMatter: FrontMatter(), blocks: try parse(text).blocks),
                            Chapter(path: "b.md", slug: "b", frontMatter: FrontMatter(), blocks: try parse(text.replacingOccurrences(of: "{#sec-", with: "{#other-")).blocks)]
            #expect(BookNumbering.number(&chapters, numbersSections: numbered).isEmpty)
            let headings = chapters[1].blocks.compactMap { if case .heading(let heading) = $0 { heading } else { nil } }
            #expect(headings.map(\.id) == ["chapter", "other-methods", "methods", "other-detail", "aside"])
            #expect(headings.map(\.number) == (numbered ? ["2", "2.1", "2.2", "2.2.1", nil] : [nil, nil, nil, nil, nil]))
            guard case .paragraph(let prose) = chapters[0].blocks.last else { Issue.record("no prose"); return }
            let targets = prose.compactMap { if case .reference(let reference) = $0 { reference.target } else { nil } }
            #expect(targets.map(\.number) == (numbered ? ["1.1", "1.2.1"] : ["", ""]))
            #expect(targets.map(\.title) == ["Methods", "Detail"])
            #expect(targets.map(\.kind) == [.section, .section])
        }
    }

    // MARK: Display math across blank lines

    @Test func aDisplayBlockRunsAcrossBlankLinesWhichAreDropped() throws {
        let (blocks, diagnostics) = try parse("""
            $$
            a = b

            \\frac{1}{x}
            $$ {#eq-joined}
            """)
        guard case .equation(let equation) = try #require(blocks.first) else { Issue.record("\(blocks)"); return }
        #expect(blocks.count == 1)
        #expect(equation.label == "eq-joined")
        #expect(equation.math.tex == "\na = b\n\\frac{1}{x}\n")
        // Line 3 of the TeX is the file's line 4: the blank line is gone, its place is kept.
        #expect(equation.math.location(ofScalarOffset: 7) == SourceLocation(file: "c.md", line: 4, column: 1))
        #expect(diagnostics.isEmpty)
    }

    @Test func aDisplayBlockNeverClosedStaysTextInLinearTime() throws {
        func measure(_ lines: Int) throws -> (TimeInterval, [Diagnostic]) {
            let text = "$$\n" + String(repeating: "x\n\n", count: lines / 2)
            let start = Date()
            let (_, diagnostics) = try parse(text)
            return (Date().timeIntervalSince(start), diagnostics)
        }
        let (small, diagnostics) = try measure(5_000)
        let (large, _) = try measure(20_000)
        #expect(ids(diagnostics) == ["math.unclosed 1:1"])
        #expect(large < max(small, 0.05) * 8)
    }

    // MARK: Inline extras

    @Test func strikethroughPairsLikeEmphasis() throws {
        let (blocks, _) = try parse("~~gone~~, ~one~, \\~~kept~, ~~ spaced ~~ and ~~~three~~~.")
        #expect(blocks == [.paragraph([.strikethrough([.text("gone")]), .text(", "), .strikethrough([.text("one")]), .text(", ~"),
                                       .strikethrough([.text("kept")]), .text(", ~~ spaced ~~ and ~~~three~~~.")])])
    }

    @Test func addressesWithoutBracketsAreLinks() throws {
        let (blocks, _) = try parse("Visit www.example.com/a_(b), https://example.org/x?y=1. or mail me@example.com; not [www.x.org](y.md).")
        guard case .paragraph(let prose) = try #require(blocks.first) else { Issue.record("\(blocks)"); return }
        let links = prose.compactMap { if case .link(let destination, _, let content) = $0 { "\(destination) \(content.plainText)" } else { nil } }
        #expect(links == ["http://www.example.com/a_(b) www.example.com/a_(b)", "https://example.org/x?y=1 https://example.org/x?y=1",
                          "mailto:me@example.com me@example.com", "y.md www.x.org"])
    }

    @Test func rawImagesWithoutAltAreLocatedWarnings() throws {
        let (_, diagnostics) = try parse("""
            <img src="a.png" alt="A">

            Text <img src="b.png"> and <img alt="" src="c.png">.
            """)
        #expect(ids(diagnostics) == ["html.image-without-alt 3:6"])
    }
}

private extension Block {
    var plainTextOfParagraph: String? {
        if case .paragraph(let content) = self { content.plainText } else { nil }
    }
}

extension MarkdownExtensionTests {
    @Test func aDisplayBlockClosedOnItsOwnLineIsOneEquation() throws {
        let (blocks, diagnostics) = try parse("$$x$$ {#eq-x}\n\n$$y$$\n")
        #expect(blocks.count == 2)
        #expect(diagnostics.isEmpty)
    }
}

extension MarkdownExtensionTests {
    @Test func anEscapedTildeAloneIsATilde() throws {
        let (blocks, _) = try parse("a \\~ b")
        #expect(blocks == [.paragraph([.text("a ~ b")])])
    }
}

/// The differences the comparison with cmark-gfm found, each now read as GitHub reads it.
extension MarkdownExtensionTests {
    @Test func aLonePipeOrALazyLineEndsATableAndTheLinesAfterMayHoldAnother() throws {
        let lone = try parse("| a |\n|---|\n| b |\n|\nc | d\n--|--\n").blocks
        #expect(tables(lone).map { $0.rows.map(texts) } == [[["b"]], []])
        #expect(tables(try parse("|\n-|\n").blocks).isEmpty)
        let quoted = try parse("> | a | b |\n> |---|---|\n> | 1 | 2 |\nlazy\n").blocks
        #expect(tables(quoted).map { $0.rows.map(texts) } == [[["1", "2"]]])
        #expect(tables(try parse("1.  x | y\n   --|--\n").blocks).isEmpty)
    }

    @Test func aTableBeforeASetextUnderlineKeepsItsRows() throws {
        let blocks = try parse("| a | b |\n| - | - |\n| 1 | 2 |\nbar\n===\n").blocks
        #expect(tables(blocks).first?.rows.map(texts) == [["1", "2"], ["bar", ""], ["===", ""]])
    }

    @Test func cellsResolveTheChaptersReferenceLinks() throws {
        let blocks = try parse("| a |\n|---|\n| [Folio][] |\n\n[Folio]: https://example.org/folio\n").blocks
        #expect(tables(blocks).first?.rows.first?.first == [.link(destination: "https://example.org/folio", title: "", content: [.text("Folio")])])
    }

    @Test func footnoteIdsMatchWithoutRegardToCaseAndNotesKeepLinksOnLazyLines() throws {
        let (blocks, diagnostics) = try parse("x[^Note]\n\n[^note]: n\n<https://a.b/c> and #x\n")
        #expect(diagnostics.isEmpty)
        guard case .footnote(let note)? = blocks.last else { Issue.record("\(blocks)"); return }
        #expect(note.number == 1)
        #expect(note.blocks.first?.plainTextOfParagraph == "n https://a.b/c and #x")
    }

    @Test func bareLinksEndWhereGitHubEndsThem() throws {
        let (blocks, _) = try parse("see (www.example.com) and www.a.com/x&hl; and ~~www.b.com~~ and ftp://f.example/x HTTPS://C.D/e http://localhost:8080/x")
        guard case .paragraph(let prose) = try #require(blocks.first) else { return }
        var links: [String] = []
        func collect(_ inlines: [Inline]) {
            for inline in inlines {
                if case .link(let destination, _, _) = inline { links.append(destination) }
                if case .strikethrough(let content) = inline { collect(content) }
            }
        }
        collect(prose)
        #expect(links == ["http://www.example.com", "http://www.a.com/x", "http://www.b.com", "ftp://f.example/x", "HTTPS://C.D/e",
                          "http://localhost:8080/x"])
    }

    @Test func nullCharactersCountAsOneColumnEach() throws {
        let (_, diagnostics) = try parse("\u{0}\u{0}\u{0}<img>")
        #expect(ids(diagnostics) == ["html.image-without-alt 1:4"])
    }
}

/// Citations as pandoc writes them (issue 19), found in the prose at their place.
extension MarkdownExtensionTests {
    @Test func citationsAreFoundAtTheirPlaceAndCrossReferencesAddressesAndCodeAreNot() throws {
        let (blocks, _) = try parse("See [@a; @b, p. 3], @c says, [-@d]. Not @eq-x, me@example.com or `[@e]`.")
        guard case .paragraph(let prose) = try #require(blocks.first) else { return }
        let citations = prose.compactMap { if case .citation(let mark) = $0 { "\($0.plainText) \(mark.location.column)" } else { nil } }
        #expect(citations == ["[@a; @b, p. 3] 5", "@c 21", "[-@d] 30"])
        #expect(prose.contains { if case .reference(let reference) = $0 { reference.label == "eq-x" } else { false } })
        #expect(prose.contains(.code("[@e]")))
    }
}
