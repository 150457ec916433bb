import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import FolioPublish

@Suite struct MarkupParserTests {
    private func xhtml(_ html: String) -> String {
        var output = ""
        for node in MarkupParser.parse(html) { ChapterDocument.write(node, into: &output) }
        return output
    }

    private func html(_ html: String) -> String {
        var output = ""
        for node in MarkupParser.parse(html) { MarkupSerializer.html(node, into: &output) }
        return output
    }

    @Test func voidElementsCloseThemselvesInXML() {
        #expect(xhtml("<p>a<br>b<img src=\"x.png\" alt=\"\"></p>") == "<p>a<br/>b<img src=\"x.png\" alt=\"\"/></p>")
    }

    @Test func whatHTMLLeavesOpenIsClosedWhereHTMLClosesIt() {
        #expect(xhtml("<p>one<p>two<ul><li>a<li>b</ul>") == "<p>one</p><p>two</p><ul><li>a</li><li>b</li></ul>")
        #expect(xhtml("<dl><dt>t<dd>d<dt>u</dl>") == "<dl><dt>t</dt><dd>d</dd><dt>u</dt></dl>")
        #expect(xhtml("<table><tr><td>1<td>2<tr><td>3</table>") == "<table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>")
        #expect(xhtml("<div><em>open") == "<div><em>open</em></div>")
    }

    @Test func endTagsThatCloseNothingAreDropped() {
        #expect(xhtml("a</div>b</article>c") == "abc")
        #expect(xhtml("<table><tr><td><div>x</td></tr></table>") == "<table><tr><td><div>x</div></td></tr></table>")
    }

    @Test func svgAndMathMLKeepTheirCaseAndGetTheirNamespaces() {
        #expect(xhtml("<svg viewbox=\"0 0 1 1\"><clippath id=\"c\"><rect/></clippath></svg>")
            == "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"><clipPath id=\"c\"><rect/></clipPath></svg>")
        #expect(xhtml("<math><mi>x</mi></math>") == "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>x</mi></math>")
        // In HTML a self-closed `<div/>` stays open; in SVG `<path/>` is empty.
        #expect(xhtml("<div/>x") == "<div>x</div>")
    }

    @Test func referencesBecomeCharactersAndOnlyXMLsRemain() {
        #expect(xhtml("<p title=\"a&amp;b&quot;\">&nbsp;&copy;&#x4E2D;&#25991; &lt;x&gt; &unknown; a & b</p>")
            == "<p title=\"a&amp;b&quot;\">\u{A0}©中文 &lt;x&gt; &amp;unknown; a &amp; b</p>")
        #expect(xhtml("<p>\u{1}bell</p>") == "<p>bell</p>")
    }

    @Test func attributesWithoutValuesAndUnquotedValues() {
        #expect(xhtml("<input type=radio checked name=g>") == "<input type=\"radio\" checked=\"\" name=\"g\"/>")
        #expect(html("<input type=radio checked name=g>") == "<input type=\"radio\" checked name=\"g\">")
        // An attribute that is no XML name is left out of XML.
        #expect(xhtml("<div @click=\"go\" data-x=\"1\">a</div>") == "<div data-x=\"1\">a</div>")
    }

    @Test func styleAndScriptContentIsLiteral() {
        #expect(xhtml("<style>a > b { content: \"&amp;\" }</style>") == "<style>a &gt; b { content: \"&amp;amp;\" }</style>")
    }

    @Test func commentsAndDeclarationsAreDropped() {
        #expect(xhtml("a<!-- x -- y -->b<!DOCTYPE html>c<?php x ?>d") == "abcd")
        #expect(xhtml("<svg><![CDATA[a<b]]></svg>") == "<svg xmlns=\"http://www.w3.org/2000/svg\">a&lt;b</svg>")
    }

    @Test func folioMarkupPassesThroughAsHTMLUnchanged() {
        for (slug, _) in Fixtures.chapters {
            let page = Fixtures.page(slug)
            let start = page.range(of: "<main id=\"content\">")!.upperBound
            let end = page.range(of: "</main>", options: .backwards)!.lowerBound
            let body = String(page[start..<end])
            // Folio writes booleans as `checked=""` and closes everything: the round trip is exact.
            #expect(html(body) == body, "\(slug)")
        }
    }
}

@Suite struct MarkupSoupTests {
    /// A fixed-seed generator (SplitMix64), so a failure names a case that can be run again.
    private struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    private static let pieces = [
        "<p>", "</p>", "<div class=\"a\">", "</div>", "<li>", "<ul>", "</ul>", "<table>", "<tr>", "<td>", "</td>",
        "</table>", "<svg viewbox=\"0 0 1 1\">", "</svg>", "<path d=\"M0 0\"/>", "<clippath id=c>", "<math>",
        "<mi>", "</mi>", "</math>", "<mtext><b>x</b></mtext>", "<br>", "<img src=a.png alt=\"a&b\">", "<input checked>",
        "&amp;", "&nbsp;", "&bogus;", "&#0;", "&#x110000;", "&", "<", ">", "\"", "'", "=", " ", "\n", "text", "中文",
        "<!--", "-->", "<!DOCTYPE x>", "<![CDATA[", "]]>", "<style>", "</style>", "<script>", "</script>", "<title>",
        "</title>", "<a href=\"b.html#x\">", "</a>", "</", "<a<b>", "<o:p>", "<x-y z=1>", "<p @click=go>", "\u{1}",
        "<em>", "</strong>", "<h2 id=s>", "</h2>", "<dd>", "<dt>", "<foreignObject>", "<textarea>", "</textarea>",
    ]

    @Test func anyMarkupBecomesWellFormedXMLAndBalancedNodes() throws {
        var generator = Generator(state: 22)
        for trial in 0..<400 {
            var html = ""
            for _ in 0..<generator.next(40) { html += Self.pieces[generator.next(Self.pieces.count)] }
            let nodes = MarkupParser.parse(html)
            var depth = 0
            for node in nodes {
                if case .start = node { depth += 1 }
                if case .end = node { depth -= 1 }
                #expect(depth >= 0)
            }
            #expect(depth == 0, "case \(trial): \(html)")
            var xml = "<root xmlns=\"http://www.w3.org/1999/xhtml\">"
            for node in nodes { ChapterDocument.write(node, into: &xml) }
            xml += "</root>"
            let parser = XMLParser(data: Data(xml.utf8))
            #expect(parser.parse(), "case \(trial): \(html)\n→ \(xml)")
        }
    }
}
