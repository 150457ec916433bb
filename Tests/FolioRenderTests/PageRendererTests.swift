import FolioModel
import FolioParser
import Testing
@testable import FolioRender

/// Parses `text` as `chapters/test.md`, resolves its references, and renders its page.
private func render(_ text: String, lang: String = "en") -> RenderedPage {
    var chapters = [ChapterParser().parse(Array(text.utf8), path: "chapters/test.md").chapter!]
    _ = EquationNumbering.resolveReferences(in: &chapters)
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
        #expect(html.contains("<nav class=\"toc\" aria-labelledby=\"toc-title\"><h2 id=\"toc-title\">本章内容</h2>"))
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
        #expect(html.contains("<pre class=\"code\"><code>&lt;/pre&gt;&lt;script&gt;x&lt;/script&gt;\n</code></pre>"))
        #expect(html.contains("<div class=\"raw\">ok</div>"))
        #expect(!html.contains("<script"))
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

    @Test func badTeXIsAWarningAndShowsItsSource() {
        let page = render("第一行\n\n增加 $$z_^L$$ 会提高 $\\nosuch{x}$\n")
        #expect(page.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.severity) \($0.id)" }
                == ["3:7 warning math.empty-script", "3:18 warning math.unknown-command"])
        #expect(page.html.contains("<code class=\"math-error\""))
        #expect(page.html.contains(">$$z_^L$$</code>"))
        #expect(page.html.contains(">$\\nosuch{x}$</code>"))
    }

    @Test func unbalancedBraceIsAWarningAndOnlyThatFormulaIsMarked() {
        let page = render("$\\frac{a$ and $b$\n")
        #expect(page.diagnostics.map(\.id) == ["math.unbalanced-brace"])
        #expect(page.diagnostics[0].location.line == 1)
        #expect(page.html.contains(">$\\frac{a$</code> and <math>"))
    }
}
