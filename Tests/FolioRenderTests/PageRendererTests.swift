import FolioModel
import FolioParser
import FolioNumbering
import Testing
@testable import FolioRender

/// Parses `text` as `chapters/test.md`, resolves its references, and renders its page.
private func render(_ text: String, lang: String = "en") -> RenderedPage {
    var chapters = [ChapterParser().parse(Array(text.utf8), path: "chapters/test.md").chapter!]
    _ = BookNumbering.number(&chapters)
    let outline = BookOutline(title: "Book", lang: lang, chapters: [.init(slug: "test", title: chapters[0].title)])
    return PageRenderer(outline: outline).render(chapters[0])
}

private func count(_ needle: String, in haystack: String) -> Int {
    haystack.components(separatedBy: needle).count - 1
}

@Suite struct PageStructureTests {
    @Test func pageHasLanguageCharsetLandmarksAndOneTitle() {
        let html = render("---\ntitle: Softmax\nlang: zh-CN\n---\n## 练习\n\n文字\n\n### 小节\n\n## 问题\n").html
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<title>Softmax · Book</title>"))
        #expect(count("<h1", in: html) == 1)
        #expect(html.contains("<h1>Softmax</h1>"))
        #expect(count("<main", in: html) == 1)
        #expect(html.contains("<div class=\"toc\"><nav aria-labelledby=\"toc-title\"><h2 id=\"toc-title\">本章内容</h2>"))
        #expect(html.contains("<ol><li><a href=\"#练习\">练习</a><ol><li><a href=\"#小节\">小节</a></li></ol></li><li><a href=\"#问题\">问题</a></li></ol>"))
        #expect(html.contains("<link rel=\"stylesheet\" href=\"assets/folio.css\">"))
        #expect(!html.contains("<script"))
    }

    @Test func aLevelOneHeadingIsTheTitle() {
        let html = render("# Softmax\n\n## A\n").html
        #expect(count("<h1", in: html) == 1)
        #expect(html.contains("<h1 id=\"softmax\">Softmax</h1>"))
    }

    @Test func textIsEscapedRawHTMLIsNot() {
        let html = render("a < b & \"c\" `</code><script>`\n\n```\n</pre><script>x</script>\n```\n\n<div class=\"raw\">ok</div>\n").html
        #expect(html.contains("<p>a &lt; b &amp; \"c\" <code>&lt;/code&gt;&lt;script&gt;</code></p>"))
        #expect(html.contains("<pre class=\"code\" tabindex=\"0\"><code>&lt;/pre&gt;&lt;script&gt;x&lt;/script&gt;\n</code></pre>"))
        #expect(html.contains("<div class=\"raw\">ok</div>"))
        #expect(!html.contains("<script"))
    }

    /// Inline code breaks at its spaces, never inside `--update`: browsers break after a
    /// hyphen, so such runs are kept whole; one too long for a phone's line is left breakable.
    @Test func inlineCodeBreaksAtSpacesNotHyphens() {
        let html = render("Run `folio check --update`, set `fig-cap`, ask `x?` or `a - b`; `\(String(repeating: "a-", count: 20))`.\n").html
        #expect(html.contains("<code>folio check <span class=\"nowrap\">--update</span></code>"))
        #expect(html.contains("<code><span class=\"nowrap\">fig-cap</span></code>"))
        #expect(html.contains("<code><span class=\"nowrap\">x?</span></code>"))
        #expect(html.contains("<code>a - b</code>"))
        #expect(html.contains("<code>\(String(repeating: "a-", count: 20))</code>"))
    }

    @Test func renderingIsDeterministic() {
        let text = "---\nlang: zh-CN\n---\n# T\n\n$$a_j$$ {#eq-a}\n\n见 @eq-a 和 $x^2$。\n"
        #expect(render(text).html == render(text).html)
    }

    @Test func indexListsChaptersInOrder() {
        let outline = BookOutline(title: "书 & <名>", lang: "zh-CN", chapters: [.init(slug: "a", title: "第一章"), .init(slug: "b", title: "第二章")])
        let html = PageRenderer(outline: outline).renderIndex()
        #expect(html.contains("<html lang=\"zh-CN\">"))
        #expect(html.contains("<h1>书 &amp; &lt;名&gt;</h1>"))
        #expect(html.contains("<ol><li><a href=\"a.html\">第一章</a></li><li><a href=\"b.html\">第二章</a></li></ol>"))
    }
}

@Suite struct EquationRenderingTests {
    @Test func numberedEquationCarriesItsNumberAndAnchor() {
        let page = render("---\nequation-start: 78\n---\n$$a^L_j = \\frac{e^{z^L_j}}{\\sum_k e^{z^L_k}}$$ {#eq-softmax}\n\n方程@eq-softmax可能\n")
        #expect(page.diagnostics.isEmpty)
        #expect(page.html.contains("<div class=\"equation\" id=\"eq-softmax\"><math display=\"block\">"))
        #expect(page.html.contains("</math><span class=\"equation-number\">(78)</span></div>"))
        #expect(page.html.contains("<p>方程<a class=\"reference\" href=\"#eq-softmax\">(78)</a>可能</p>"))
        #expect(page.html.contains("<annotation encoding=\"application/x-tex\">a^L_j = \\frac{e^{z^L_j}}{\\sum_k e^{z^L_k}}</annotation>"))
    }

    @Test func unnumberedDisplayEquationHasNoNumber() {
        let html = render("$$x$$\n").html
        #expect(html.contains("<div class=\"equation\"><math display=\"block\">"))
        #expect(!html.contains("equation-number"))
    }

    @Test func unresolvedReferenceIsVisible() {
        let html = render("see @eq-nowhere.\n").html
        #expect(html.contains("<span class=\"reference unresolved\" title=\"Unresolved reference\">?@eq-nowhere</span>"))
    }

    /// A formula whose structure is in doubt shows its source; one with an unknown command is
    /// typeset with that command marked in place (issue 18).
    @Test func badTeXIsAWarningAndShowsItsSourceOrMarksTheSpot() {
        let page = render("第一行\n\n增加 $$z_^L$$ 会提高 $\\nosuch{x}$\n")
        #expect(page.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.severity) \($0.id)" }
                == ["3:7 warning math.empty-script", "3:18 warning math.unknown-command"])
        #expect(page.html.contains("<code class=\"math-error\""))
        #expect(page.html.contains(">$$z_^L$$</code>"))
        #expect(!page.html.contains(">$\\nosuch{x}$</code>"))
        #expect(page.html.contains("<merror><mtext>\\nosuch</mtext></merror>"), "\(page.html)")
    }

    @Test func unbalancedBraceIsAWarningAndOnlyThatFormulaIsMarked() {
        let page = render("$\\frac{a$ and $b$\n")
        #expect(page.diagnostics.map(\.id) == ["math.unbalanced-brace"])
        #expect(page.diagnostics[0].location.line == 1)
        #expect(page.html.contains(">$\\frac{a$</code> and <math>"))
    }
}

@Suite struct CellRenderingTests {
    private func page(with result: CellResult, options: String = "") -> String {
        var chapters = [ChapterParser().parse(Array("```swift\n\(options)print(\"<b>\")\n```\n\n见 `{swift} x`。\n".utf8), path: "chapters/test.md").chapter!]
        chapters[0].blocks = chapters[0].blocks.map { block in
            switch block {
            case .cell(var cell):
                cell.result = result
                return .cell(cell)
            default:
                return block.mapInlines { inline in
                    guard case .expression(var expression) = inline else { return inline }
                    expression.value = "<0.315>"
                    return .expression(expression)
                }
            }
        }
        let outline = BookOutline(title: "Book", lang: "en", chapters: [.init(slug: "test", title: "T")])
        return PageRenderer(outline: outline).render(chapters[0]).html
    }

    @Test func outputAndValuesAreEscaped() {
        let html = page(with: CellResult(outputs: [.standardOutput("<script>alert(1)</script></p>\n", truncated: false), .value("a & b")]))
        #expect(html.contains("<pre class=\"cell-stdout\" tabindex=\"0\">&lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;\n</pre>"))
        #expect(html.contains("<pre class=\"cell-value\" tabindex=\"0\">a &amp; b</pre>"))
        #expect(html.contains("见 <span class=\"value\">&lt;0.315&gt;</span>。"))
        #expect(!html.contains("<script"))
    }

    @Test func codeIsHighlightedAndHiddenWithEchoFalse() {
        let shown = page(with: CellResult())
        #expect(shown.contains("<pre class=\"cell-code\" tabindex=\"0\"><code class=\"language-swift\">print(<span class=\"str\">\"&lt;b&gt;\"</span>)</code></pre>"))
        let hidden = page(with: CellResult(outputs: [.value("1")]), options: "//| echo: false\n")
        #expect(!hidden.contains("cell-code"))
        #expect(hidden.contains("<div class=\"cell\"><div class=\"cell-output\"><pre class=\"cell-value\" tabindex=\"0\">1</pre></div></div>"))
    }

    @Test func truncationErrorsAndChecksAreShown() {
        let html = page(with: CellResult(outputs: [.standardOutput("xxx", truncated: true)], error: "Index out of range", passedExpectations: 3))
        #expect(html.contains("<pre class=\"cell-stdout\" tabindex=\"0\">xxx<span class=\"cell-truncated\">\n(output truncated)</span></pre>"))
        #expect(html.contains("<pre class=\"cell-error\">Index out of range</pre>"))
        #expect(html.contains("<p class=\"cell-checks\">✓ 3 checks hold</p>"))
    }

    @Test func tablesAreShadedBySignAndAlignNumbers() {
        let table = DataTable(columns: ["", "x"], rows: [["a", "0.5"], ["b", "-1"], ["3", "0"]],
                              values: [[nil, 0.5], [nil, -1], [nil, 0]], colorScale: "diverging")
        let html = page(with: CellResult(outputs: [.table(table)]))
        #expect(html.contains("<thead><tr><td></td><th scope=\"col\">x</th></tr></thead>"))
        #expect(html.contains("<td>a</td><td class=\"number positive\" style=\"--shade: 50%\">0.5</td>"))
        #expect(html.contains("<td class=\"number negative\" style=\"--shade: 100%\">-1</td>"))
        #expect(html.contains("<td class=\"number\">3</td><td class=\"number zero\" style=\"--shade: 0%\">0</td>"))
    }
}
