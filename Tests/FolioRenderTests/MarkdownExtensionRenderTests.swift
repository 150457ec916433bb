import FolioModel
import Testing
@testable import FolioRender

// A textbook's Markdown (issue 17) as the page shows it: pipe tables, footnotes, callouts,
// numbered images, strikethrough, numbered sections and references to tables and sections.
// The chapters are built from the model's values, as the parser and the numbering will hand
// them over.

private let here = SourceLocation(file: "chapters/test.md", line: 1, column: 1)

/// Renders a chapter `test` of these blocks in a book of `lang`.
private func render(_ blocks: [Block], lang: String = "en") -> RenderedPage {
    let chapter = Chapter(path: "chapters/test.md", slug: "test", frontMatter: FrontMatter(title: "T"), blocks: blocks)
    let outline = BookOutline(title: "Book", lang: lang, chapters: [.init(slug: "test", title: "T")])
    return PageRenderer(outline: outline).render(chapter)
}

private func count(_ needle: String, in haystack: String) -> Int {
    haystack.components(separatedBy: needle).count - 1
}

/// Ids that more than one element of `html` carries.
private func duplicateIDs(_ html: String) -> [String] {
    var seen: [String: Int] = [:]
    for part in html.components(separatedBy: " id=\"").dropFirst() {
        if let end = part.firstIndex(of: "\"") { seen[String(part[..<end]), default: 0] += 1 }
    }
    return seen.filter { $0.value > 1 }.keys.sorted()
}

private func table(caption: [Inline]? = nil, label: String? = nil, number: String? = nil) -> MarkdownTable {
    MarkdownTable(alignments: [.left, .center, .right, .none],
                  header: [[.text("Name")], [.text("Kind")], [.text("Score")], [.text("Note")]],
                  rows: [[[.code("softmax")], [.emphasis([.text("map")])], [.text("0.5")], [.text("a < b")]],
                         [[.text("relu")], [], [.text("1")], [.math(Math(tex: "x^2", location: here))]]],
                  caption: caption, label: label, number: number, location: here)
}

@Suite struct MarkdownTableRenderingTests {
    @Test func aPipeTableHasHeadersBodyAndAlignmentByClass() {
        let html = render([.table(table())]).html
        #expect(html.contains(["<div class=\"table-scroll table-block\" tabindex=\"0\"><table class=\"data-table markdown-table\"><thead><tr>",
            "<th scope=\"col\" class=\"align-left\">Name</th><th scope=\"col\" class=\"align-center\">Kind</th>",
            "<th scope=\"col\" class=\"align-right\">Score</th><th scope=\"col\">Note</th></tr></thead><tbody>"].joined()))
        #expect(html.contains(["<tr><td class=\"align-left\"><code>softmax</code></td><td class=\"align-center\"><em>map</em></td>",
            "<td class=\"align-right\">0.5</td><td>a &lt; b</td></tr>"].joined()))
        #expect(html.contains("<td class=\"align-center\"></td><td class=\"align-right\">1</td><td><math>"))
        #expect(!html.contains(" align="))
        // Without a caption the wrapper has no name to give, and is no region.
        #expect(!html.contains("role=\"region\""))
        #expect(!html.contains("<caption"))
    }

    @Test func aNumberedTableIsAnchoredAndCaptionedInEitherLanguage() {
        let english = render([.table(table(caption: [.text("Scores & "), .strong([.text("kinds")])], label: "tbl-scores", number: "3"))]).html
        #expect(english.contains(["<div class=\"table-scroll table-block\" tabindex=\"0\" role=\"region\" aria-labelledby=\"table-1-caption\">",
            "<table class=\"data-table markdown-table\" id=\"tbl-scores\"><caption id=\"table-1-caption\">",
            "<span class=\"table-number\">Table 3:</span> Scores &amp; <strong>kinds</strong></caption><thead>"].joined()))
        let chinese = render([.table(table(caption: [.text("得分")], label: "tbl-scores", number: "3"))], lang: "zh-CN").html
        #expect(chinese.contains("<caption id=\"table-1-caption\"><span class=\"table-number\">表 3：</span>得分</caption>"))
    }

    @Test func aNumberWithoutCaptionHasNoColonAndACaptionWithoutNumberIsJustTheCaption() {
        let html = render([.table(table(label: "tbl-a", number: "1")), .table(table(caption: [.text("Unnumbered")]))]).html
        #expect(html.contains("<caption id=\"table-1-caption\"><span class=\"table-number\">Table 1</span></caption>"))
        #expect(html.contains(["aria-labelledby=\"table-2-caption\"><table class=\"data-table markdown-table\">",
            "<caption id=\"table-2-caption\">Unnumbered</caption>"].joined()))
        #expect(duplicateIDs(html).isEmpty)
    }

    /// An empty header cell heads nothing (a `<th>` would be announced as an empty header); a
    /// row shorter or longer than the header is padded or cut to it.
    @Test func emptyHeadersAreCellsAndRowsAreAsWideAsTheHeader() {
        let odd = MarkdownTable(alignments: [.none, .right], header: [[], [.text("x")]],
                                rows: [[[.text("a")]], [[.text("b")], [.text("1")], [.text("extra")]]], location: here)
        let html = render([.table(odd)]).html
        #expect(html.contains("<thead><tr><td></td><th scope=\"col\" class=\"align-right\">x</th></tr></thead>"))
        #expect(html.contains("<tr><td>a</td><td class=\"align-right\"></td></tr>"))
        #expect(html.contains("<tr><td>b</td><td class=\"align-right\">1</td></tr>"))
        #expect(!html.contains("extra"))
    }

    @Test func aTableInAListOrAQuoteIsATable() {
        let html = render([.list(List(start: nil, isTight: true, items: [[.paragraph([.text("item")]), .table(table())]])),
                           .blockQuote([.table(table())])]).html
        #expect(count("<table class=\"data-table markdown-table\">", in: html) == 2)
        #expect(html.contains("<blockquote>\n<div class=\"table-scroll table-block\""))
    }

    private func tableCell(label: String?, caption: String?, number: String?, tables: [DataTable]) -> Block {
        var options = CellOptions()
        options.echo = false
        options.label = label
        options.tableCaption = caption
        var cell = Cell(code: "show(t)", options: options, location: here, codeLine: 2,
                        result: CellResult(outputs: tables.map { .table($0) }))
        cell.tableNumber = number
        return .cell(cell)
    }

    private let scores = DataTable(columns: ["", "p"], rows: [["a", "0.5"]], values: [[nil, 0.5]], caption: "Its own caption")

    /// A `tbl-…` cell gives its label, number and `tbl-cap` to the table it shows, as a `fig-…`
    /// cell gives them to its figure; any other label stays on the cell.
    @Test func aTableCellsLabelNumberAndCaptionGoToItsTable() {
        let html = render([tableCell(label: "tbl-scores", caption: "Scores < 1", number: "2", tables: [scores])]).html
        #expect(html.contains(["<div class=\"cell\"><div class=\"cell-output\"><div class=\"table-scroll\" tabindex=\"0\" role=\"region\" ",
            "aria-labelledby=\"table-1-caption\"><table class=\"data-table\" id=\"tbl-scores\"><caption id=\"table-1-caption\">",
            "<span class=\"table-number\">Table 2:</span> Scores &lt; 1</caption>"].joined()))
        #expect(!html.contains("Its own caption"))
        let other = render([tableCell(label: "scores", caption: nil, number: nil, tables: [scores])]).html
        #expect(other.contains("<div class=\"cell\" id=\"scores\">"))
        #expect(other.contains("<table class=\"data-table\"><caption id=\"table-1-caption\">Its own caption</caption>"))
    }

    @Test func severalTablesOfOneCellAreItsParts() {
        let html = render([tableCell(label: "tbl-pair", caption: nil, number: "4", tables: [scores, scores])], lang: "zh-CN").html
        #expect(html.contains("<table class=\"data-table\" id=\"tbl-pair\"><caption id=\"table-1-caption\"><span class=\"table-number\">表 4a：</span>Its own caption"))
        #expect(html.contains("<table class=\"data-table\" id=\"tbl-pair-b\"><caption id=\"table-2-caption\"><span class=\"table-number\">表 4b：</span>"))
        #expect(duplicateIDs(html).isEmpty)
    }

    @Test func aTableReferenceReadsTableAndLinks() {
        let local = Reference(label: "tbl-scores", location: here, target: ReferenceTarget(number: "3", page: "test", kind: .table))
        let there = Reference(label: "tbl-x", location: here, target: ReferenceTarget(number: "12", page: "other", kind: .table))
        let english = render([.paragraph([.text("See "), .reference(local), .text(" and "), .reference(there), .text(".")])]).html
        #expect(english.contains(["<p>See <a class=\"reference\" href=\"#tbl-scores\">Table 3</a> and ",
            "<a class=\"reference\" href=\"other.html#tbl-x\">Table 12</a>.</p>"].joined()))
        let chinese = render([.paragraph([.text("见"), .reference(local), .text("。")])], lang: "zh-CN").html
        #expect(chinese.contains("<p>见<a class=\"reference\" href=\"#tbl-scores\">表 3</a>。</p>"))
    }
}

private func note(_ id: String, _ number: Int?, references: Int, _ blocks: [Block]) -> Block {
    .footnote(Footnote(id: id, blocks: blocks, number: number, referenceCount: references, location: here))
}

private func ref(_ id: String, _ number: Int?, _ occurrence: Int = 1) -> Inline {
    .footnoteReference(FootnoteReference(id: id, location: here, number: number, occurrence: occurrence))
}

@Suite struct FootnoteRenderingTests {
    @Test func referencesAreRaisedLinksAndNotesEndThePageWithLinksBack() {
        let html = render([
            .paragraph([.text("Softmax"), ref("a", 1), .text(" is smooth"), ref("b", 2), .text(", and again"), ref("a", 1, 2), .text(".")]),
            note("a", 1, references: 2, [.paragraph([.text("First & note.")])]),
            note("b", 2, references: 1, [.paragraph([.text("Second note.")])]),
            .paragraph([.text("After the notes.")]),
        ]).html
        #expect(html.contains(["<p>Softmax<sup class=\"footnote-ref\"><a id=\"fnref-1\" href=\"#fn-1\" role=\"doc-noteref\">1</a></sup> is smooth",
            "<sup class=\"footnote-ref\"><a id=\"fnref-2\" href=\"#fn-2\" role=\"doc-noteref\">2</a></sup>, and again",
            "<sup class=\"footnote-ref\"><a id=\"fnref-1-2\" href=\"#fn-1\" role=\"doc-noteref\">1</a></sup>.</p>\n<p>After the notes.</p>"].joined()))
        #expect(html.contains(["<p>After the notes.</p>\n<section class=\"footnotes\" role=\"doc-endnotes\" aria-labelledby=\"footnotes-title\">\n",
            "<h2 id=\"footnotes-title\">Footnotes</h2>\n<ol>\n",
            "<li id=\"fn-1\"><p>First &amp; note. <a class=\"footnote-back\" href=\"#fnref-1\" role=\"doc-backlink\" ",
            "aria-label=\"Back to reference 1 (1 of 2)\">↩\u{FE0E}</a> <a class=\"footnote-back\" href=\"#fnref-1-2\" role=\"doc-backlink\" ",
            "aria-label=\"Back to reference 1 (2 of 2)\">↩\u{FE0E}<sup>2</sup></a></p></li>\n",
            "<li id=\"fn-2\"><p>Second note. <a class=\"footnote-back\" href=\"#fnref-2\" role=\"doc-backlink\" ",
            "aria-label=\"Back to reference 2\">↩\u{FE0E}</a></p></li>\n</ol>\n</section>\n</article>"].joined()))
        // The definitions are shown once, at the end, not where the author wrote them.
        #expect(count("First &amp; note.", in: html) == 1)
        #expect(duplicateIDs(html).isEmpty)
    }

    @Test func notesSpeakThePagesLanguage() {
        let html = render([.paragraph([.text("正文"), ref("a", 1)]), note("a", 1, references: 1, [.paragraph([.text("注释。")])])],
                          lang: "zh-CN").html
        #expect(html.contains("<h2 id=\"footnotes-title\">脚注</h2>"))
        #expect(html.contains("<li id=\"fn-1\"><p>注释。 <a class=\"footnote-back\" href=\"#fnref-1\" role=\"doc-backlink\" aria-label=\"返回引用 1\">"))
        let twice = render([note("a", 1, references: 2, [.paragraph([.text("注")])])], lang: "zh-CN").html
        #expect(twice.contains("aria-label=\"返回引用 1（第 2 处，共 2 处）\""))
    }

    @Test func anUndefinedFootnoteReadsAsWritten() {
        let html = render([.paragraph([.text("See"), ref("missing", nil), .text(".")])]).html
        #expect(html.contains("<p>See[^missing].</p>"))
        #expect(!html.contains("footnote"))
        #expect(!html.contains("doc-endnotes"))
    }

    /// Definitions are found wherever they stand — in a quote, a list, a callout, another
    /// footnote — and listed by number; one that nothing refers to has no number and is not
    /// shown; of two with one number, the first.
    @Test func notesInsideContainersAreCollectedInNumberOrder() {
        let html = render([
            .blockQuote([.paragraph([.text("q")]), note("quote", 3, references: 1, [.paragraph([.text("In a quote.")])])]),
            .list(List(start: nil, isTight: false, items: [[.paragraph([.text("i")]),
                                                            note("list", 1, references: 1, [.paragraph([.text("In a list.")])])]])),
            .callout(Callout(kind: .tip, blocks: [note("callout", 2, references: 1, [
                .paragraph([.text("In a callout"), ref("inner", 4)]),
                note("inner", 4, references: 1, [.paragraph([.text("In a footnote.")])]),
            ])], location: here)),
            note("unused", nil, references: 0, [.paragraph([.text("Never referred to.")])]),
            note("list", 1, references: 1, [.paragraph([.text("Duplicate.")])]),
        ]).html
        let notes = html.components(separatedBy: "<li id=\"fn-").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(notes == ["1", "2", "3", "4"])
        #expect(html.contains("<li id=\"fn-2\"><p>In a callout<sup class=\"footnote-ref\"><a id=\"fnref-4\" href=\"#fn-4\" role=\"doc-noteref\">4</a></sup> "))
        #expect(html.contains("<li id=\"fn-4\"><p>In a footnote. "))
        #expect(!html.contains("Never referred to."))
        #expect(!html.contains("Duplicate."))
        #expect(!html.contains(" value=\""))
        // The callout that held only a definition is left with its title.
        #expect(html.contains("Tip</p>\n</div>"))
    }

    @Test func aNoteEndingInCodeGetsItsLinkBackBelowAndGapsKeepTheirNumbers() {
        let html = render([note("code", 2, references: 1, [.paragraph([.text("Run:")]),
                                                          .code(CodeBlock(language: "", code: "folio render\n", location: here))])]).html
        #expect(html.contains(["<li id=\"fn-2\" value=\"2\"><p>Run:</p>\n<pre class=\"code\" tabindex=\"0\"><code>folio render\n</code></pre>\n",
            "<p><a class=\"footnote-back\" href=\"#fnref-2\" role=\"doc-backlink\" aria-label=\"Back to reference 2\">↩\u{FE0E}</a></p></li>"].joined()))
    }
}

@Suite struct CalloutRenderingTests {
    @Test func eachKindHasItsClassIconAndNameInEitherLanguage() {
        let english = ["Note", "Tip", "Important", "Warning", "Caution"]
        let chinese = ["备注", "提示", "重要", "警告", "注意"]
        var icons: Set<String> = []
        for (index, kind) in Callout.Kind.allCases.enumerated() {
            let callout = Block.callout(Callout(kind: kind, blocks: [.paragraph([.text("Body")])], location: here))
            let html = render([callout]).html
            #expect(html.contains(["<div class=\"callout callout-\(kind.rawValue)\" role=\"note\"><p class=\"callout-title\">",
                "<svg class=\"callout-icon\" viewBox=\"0 0 16 16\" width=\"16\" height=\"16\" aria-hidden=\"true\""].joined()))
            #expect(html.contains("</svg>\(english[index])</p>\n<p>Body</p>\n</div>"))
            #expect(render([callout], lang: "zh-CN").html.contains("</svg>\(chinese[index])</p>"))
            icons.insert(CalloutIcon.svg(kind))
        }
        #expect(icons.count == Callout.Kind.allCases.count)
    }

    @Test func aCalloutHoldsAnyBlocksAndNoScript() {
        let html = render([.callout(Callout(kind: .warning, blocks: [
            .paragraph([.text("Careful: "), .strikethrough([.text("never")])]),
            .list(List(start: 1, isTight: true, items: [[.paragraph([.text("one")])]])),
            .callout(Callout(kind: .note, blocks: [.paragraph([.text("inner")])], location: here)),
        ], location: here))]).html
        #expect(html.contains("Warning</p>\n<p>Careful: <del>never</del></p>\n<ol>\n<li>one\n</li>\n</ol>\n<div class=\"callout callout-note\" role=\"note\">"))
        #expect(!html.contains("<script"))
    }
}

@Suite struct ImageFigureRenderingTests {
    @Test func aLabelledImageIsANumberedCaptionedFigure() {
        let figure = ImageFigure(source: "images/cat & hat.png", caption: [.text("A "), .emphasis([.text("cat")]), .text(" & a hat")],
                                 label: "fig-cat", number: "3", location: here)
        let html = render([.figure(figure)]).html
        #expect(html.contains(["<figure class=\"figure image-figure\" id=\"fig-cat\"><img src=\"images/cat &amp; hat.png\" ",
            "alt=\"A cat &amp; a hat\" loading=\"lazy\"><figcaption><span class=\"figure-number\">Figure 3:</span> ",
            "A <em>cat</em> &amp; a hat</figcaption></figure>"].joined()))
    }

    @Test func altTextTitleAndChineseCaption() {
        let figure = ImageFigure(source: "a.svg", title: "The \"net\"", caption: [.text("网络结构")], alt: "三层网络，每层四个单元",
                                 label: "fig-net", number: "2.1", location: here)
        let html = render([.figure(figure)], lang: "zh-CN").html
        #expect(html.contains(["<img src=\"a.svg\" alt=\"三层网络，每层四个单元\" title=\"The &quot;net&quot;\" loading=\"lazy\">",
            "<figcaption><span class=\"figure-number\">图 2.1：</span>网络结构</figcaption>"].joined()))
    }

    @Test func anImageReferenceReadsFigure() {
        let reference = Reference(label: "fig-cat", location: here, target: ReferenceTarget(number: "3", page: "test", kind: .figure))
        let html = render([.paragraph([.reference(reference)])], lang: "zh-CN").html
        #expect(html.contains("<a class=\"reference\" href=\"#fig-cat\">图 3</a>"))
    }
}

@Suite struct SectionAndInlineRenderingTests {
    @Test func strikethroughIsDeletedText() {
        let html = render([.paragraph([.strikethrough([.text("old "), .strong([.text("way")])]), .text(" new")])]).html
        #expect(html.contains("<p><del>old <strong>way</strong></del> new</p>"))
    }

    @Test func aNumberedHeadingShowsItsNumberOnThePageAndInTheContents() {
        let numbered = Heading(level: 2, content: [.text("Why"), ref("a", 1)], id: "sec-why", location: here, label: "sec-why", number: "3.2")
        let plain = Heading(level: 2, content: [.text("Plain")], id: "plain", location: here)
        let html = render([.heading(numbered), .heading(plain), note("a", 1, references: 1, [.paragraph([.text("n")])])]).html
        #expect(html.contains("<h2 id=\"sec-why\"><span class=\"section-number\">3.2</span> Why<sup class=\"footnote-ref\">"))
        #expect(html.contains("<h2 id=\"plain\">Plain</h2>"))
        // The contents show the number too, and not the footnote's.
        #expect(html.contains("<li><a href=\"#sec-why\"><span class=\"section-number\">3.2</span> Why</a></li><li><a href=\"#plain\">Plain</a></li>"))
    }

    @Test func aSectionReferenceReadsItsNumberOrItsHeading() {
        func reference(_ number: String, _ title: String, page: String = "test") -> Inline {
            .reference(Reference(label: "sec-why", location: here, target: ReferenceTarget(number: number, page: page, kind: .section, title: title)))
        }
        let english = render([.paragraph([reference("3.2", "Why"), .text("; "), reference("", "Why softmax?", page: "other"), .text("; "),
                                          reference("", "2024")])]).html
        #expect(english.contains(["<p><a class=\"reference\" href=\"#sec-why\">Section 3.2</a>; ",
            "<a class=\"reference reference-text\" href=\"other.html#sec-why\">Why softmax?</a>; ",
            "<a class=\"reference reference-text\" href=\"#sec-why\">2024</a></p>"].joined()))
        let chinese = render([.paragraph([.text("见"), reference("3", "为什么"), .text("和"), reference("", "为什么")])], lang: "zh-CN").html
        #expect(chinese.contains("<p>见<a class=\"reference\" href=\"#sec-why\">第 3 节</a>和<a class=\"reference reference-text\" href=\"#sec-why\">为什么</a></p>"))
    }

    /// Equations and figures read as before.
    @Test func equationAndFigureReferencesAreUnchanged() {
        let equation = Reference(label: "eq-a", location: here, target: ReferenceTarget(number: "78", page: "test"))
        let figure = Reference(label: "fig-a", location: here, target: ReferenceTarget(number: "1", page: "test", kind: .figure))
        let html = render([.paragraph([.reference(equation), .reference(figure)])]).html
        #expect(html.contains("<a class=\"reference\" href=\"#eq-a\">(78)</a><a class=\"reference\" href=\"#fig-a\">Figure 1</a>"))
    }
}

@Suite struct MarkdownExtensionStylesheetTests {
    /// Every class these pages use is styled, and each callout colour is set for light, dark and paper.
    @Test func theStylesheetStylesEveryNewClassInEachScheme() {
        let css = Stylesheet.css
        for selector in [".markdown-table", ".table-block", ".align-left", ".align-center", ".align-right", ".table-number", ".callout",
                         ".callout-title", ".callout-icon", ".footnote-ref", ".footnotes", ".footnote-back", ".section-number",
                         ".image-figure", ".reference-text"] {
            #expect(css.contains(selector + " ") || css.contains(selector + ","), "\(selector) is not styled")
        }
        for kind in Callout.Kind.allCases {
            #expect(count("--callout-\(kind.rawValue):", in: css) == 3)
        }
    }
}
