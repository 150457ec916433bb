import Foundation
import Testing
@testable import FolioPublish

@Suite struct PrintEditionTests {
    private let page = try! PrintEdition(paper: .a4).html(for: Fixtures.book)

    private func values(of attribute: String, in html: String) -> [String] {
        html.components(separatedBy: " \(attribute)=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test func theSameBookGivesTheSameBytes() throws {
        #expect(try PrintEdition(paper: .a4).html(for: Fixtures.book) == page)
    }

    @Test func everyIdIsUniqueAndEveryLinkWithinThePageHasItsTarget() {
        let ids = values(of: "id", in: page)
        #expect(Set(ids).count == ids.count)
        let targets = Set(ids)
        let fragments = values(of: "href", in: page).filter { $0.hasPrefix("#") }.map { String($0.dropFirst()) }
        #expect(fragments.count > 50)
        for fragment in fragments { #expect(targets.contains(fragment), "#\(fragment)") }
    }

    @Test func linksBetweenChaptersBecomeAnchorsInThePage() {
        // writing.html links to runtime.html#number-formatting and figures.html#numbered-figures.
        #expect(page.contains("href=\"#runtime--number-formatting\""))
        #expect(page.contains("href=\"#figures--numbered-figures\""))
        #expect(page.contains("<a href=\"#runtime\">The runtime</a>"))
        #expect(!values(of: "href", in: page).contains { $0.hasSuffix(".html") || $0.contains(".html#") })
        // In-page links and references are prefixed with their chapter.
        #expect(page.contains("<a class=\"reference\" href=\"#softmax--eq-softmax\">(78)</a>"))
        #expect(page.contains("<div class=\"equation\" id=\"softmax--eq-softmax\">"))
        // MathML's `form` is no id.
        #expect(page.contains("<mo form=\"prefix\""))
        // SVG's references by id too.
        #expect(page.contains("aria-labelledby=\"softmax--fig-sweep-title softmax--fig-sweep-desc\""))
    }

    @Test func theChaptersComeInBookOrderAfterTheContentsWithoutNavigation() throws {
        let order = Fixtures.chapters.map { page.range(of: "<div class=\"print-chapter\" id=\"\($0.slug)\"")?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        let contents = try #require(page.range(of: "<nav class=\"print-contents\""))
        #expect(contents.lowerBound < order[0]!)
        #expect(page.contains("<li><a href=\"#runtime--showing-values\">Showing values</a></li>"))
        for navigation in ["class=\"pager\"", "book-nav", "skip-link", "toc-title", "book-header", "book-footer"] {
            #expect(!page.contains(navigation), "\(navigation)")
        }
    }

    @Test func aChapterInAnotherLanguageSaysSo() {
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(page.contains("<div class=\"print-chapter\" id=\"softmax\" lang=\"zh-CN\">"))
        #expect(page.contains("<div class=\"print-chapter\" id=\"writing\">"))
        #expect(page.contains("<li lang=\"zh-CN\"><a href=\"#softmax\">Softmax</a>"))
    }

    @Test func imagesAreNotLazy() {
        #expect(page.contains("<img src=\"pipeline.svg\" alt=\""))
        #expect(!page.contains("loading=\"lazy\""))
    }

    @Test func numbersStayAsOnTheChapterPages() {
        #expect(page.contains("<span class=\"equation-number\">(78)</span>"))
        #expect(page.contains("<span class=\"figure-number\">图 3</span>"))
        #expect(page.contains("<span class=\"figure-number\">Figure 8</span>"))
    }

    @Test func printCSSBreaksPagesAndNumbersThem() {
        #expect(page.contains("@page {\n  size: A4;"))
        #expect(page.contains("content: counter(page);"))
        #expect(page.contains(".print-chapter { break-before: page;"))
        #expect(!(try! PrintEdition().html(for: Fixtures.book).contains("  size:")))
    }

    @Test func aLinkOutOfTheBookShowsItsURLOnPaperUnlessItsTextIsTheURL() throws {
        let chapter = """
            <main id="content">
            <article>
            <h1 id="t">T</h1>
            <p><a href="https://example.com/a">the docs</a> and <a href="https://example.com/b/">example.com/b</a></p>
            </article>
            </main>
            """
        let book = PublishedBook(title: "B", lang: "en", contentsTitle: "Contents", chapters: [ChapterPage(slug: "t", title: "T", html: chapter)])
        let page = try PrintEdition().html(for: book)
        #expect(page.contains("<a href=\"https://example.com/a\">the docs</a>"))
        #expect(page.contains("<a href=\"https://example.com/b/\" data-print-url=\"no\">example.com/b</a>"))
    }

    @Test func oneChaptersUnclosedMarkupEndsWithIt() throws {
        func chapter(_ slug: String, _ body: String) -> ChapterPage {
            ChapterPage(slug: slug, title: slug, html: "<main id=\"content\">\n<article>\n\(body)</article>\n</main>")
        }
        let book = PublishedBook(title: "B", lang: "en", contentsTitle: "Contents",
                                 chapters: [chapter("a", "<div><p>open <em>still"), chapter("b", "<p>b</p>\n")])
        let page = try PrintEdition().html(for: book)
        #expect(page.contains("<div><p>open <em>still</em></p></div>\n</div>\n<div class=\"print-chapter\" id=\"b\">\n<p>b</p>\n</div>"))
    }

    @Test func aPageFolioDidNotWriteIsAnError() {
        let book = PublishedBook(title: "B", lang: "en", contentsTitle: "Contents",
                                 chapters: [ChapterPage(slug: "x", title: "X", html: "<p>hello</p>")])
        #expect(throws: PublishError.notAChapterPage(slug: "x")) { try PrintEdition().html(for: book) }
        var twice = Fixtures.book
        twice.chapters.append(twice.chapters[0])
        #expect(throws: PublishError.duplicateSlug("introduction")) { try PrintEdition().html(for: twice) }
    }

    @Test func aChapterThatNeverBuiltShowsItsErrors() throws {
        let failed = """
            <body>
            <main id="content">
            <h1>Broken</h1>
            <p>This chapter has not been built yet: fix these errors and render again.</p>
            <ul class="build-errors"><li><code>chapters/b.md:1:1: error: x</code></li></ul>
            <nav class="pager" aria-label="Previous and next chapter"><a class="pager-next" rel="next" href="c.html">Next</a></nav>
            </main>
            """
        let book = PublishedBook(title: "B", lang: "en", contentsTitle: "Contents", chapters: [ChapterPage(slug: "b", title: "Broken", html: failed)])
        let page = try PrintEdition().html(for: book)
        #expect(page.contains("<ul class=\"build-errors\">"))
        #expect(!page.contains("pager"))
    }
}
