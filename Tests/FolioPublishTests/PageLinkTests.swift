import Testing
@testable import FolioPublish

@Suite struct PageLinkTests {
    private let chapters: Set<String> = ["softmax", "练习"]

    @Test func linksAreSortedByWhereTheyLead() {
        #expect(PageLink("#eq-x", chapters: chapters) == .fragment("eq-x"))
        #expect(PageLink("softmax.html#eq-x", chapters: chapters) == .chapter(slug: "softmax", fragment: "eq-x"))
        #expect(PageLink("./softmax.html", chapters: chapters) == .chapter(slug: "softmax", fragment: nil))
        #expect(PageLink("softmax.html#", chapters: chapters) == .chapter(slug: "softmax", fragment: nil))
        #expect(PageLink("%E7%BB%83%E4%B9%A0.html", chapters: chapters) == .chapter(slug: "练习", fragment: nil))
        #expect(PageLink("index.html", chapters: chapters) == .index)
        #expect(PageLink("softmax-fig-sweep.csv", chapters: chapters) == .file(path: "softmax-fig-sweep.csv"))
        #expect(PageLink("images/../net%20a.png?v=2", chapters: chapters) == .file(path: "net a.png"))
        #expect(PageLink("other.html", chapters: chapters) == .file(path: "other.html"))
        #expect(PageLink("../../README.md", chapters: chapters) == .outside)
        #expect(PageLink("https://example.com/softmax.html", chapters: chapters) == .external)
        #expect(PageLink("mailto:a@b.c", chapters: chapters) == .external)
        #expect(PageLink("//cdn.example.com/x.png", chapters: chapters) == .external)
        #expect(PageLink("?q=1", chapters: chapters) == .fragment(""))
    }

    @Test func urlReferencesInSVGAttributesAreRenamed() {
        #expect(IDReferences.renamingURLs(in: "url(#clip-1)", { "c--" + $0 }) == "url(#c--clip-1)")
        #expect(IDReferences.renamingURLs(in: "fill: url(#g); stroke: url(#h)", { "c--" + $0 }) == "fill: url(#c--g); stroke: url(#c--h)")
        #expect(IDReferences.renamingURLs(in: "none", { "c--" + $0 }) == "none")
    }
}
