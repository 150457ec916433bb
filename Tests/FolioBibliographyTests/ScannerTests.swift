import Testing
import FolioBibliography

/// pandoc's citation syntax, found in prose text.
@Suite("Citation scanner")
struct ScannerTests {
    func citations(_ text: String) -> [Citation] {
        CitationScanner.citations(in: text)
    }

    @Test("[@key], [@key, p. 33], [see @a; @b, ch. 2], [-@key]")
    func bracketed() {
        #expect(citations("As shown [@nielsen2015].") == [Citation(items: [CitationItem(key: "nielsen2015", keyRange: 10..<22)], mode: .parenthetical)])
        let page = citations("[@nielsen2015, p. 33]")[0].items[0]
        #expect(page.locator == Locator(.page, "33"))
        #expect(page.suffix == "")
        let two = citations("[see @a; @b, ch. 2]")[0].items
        #expect(two.map(\.key) == ["a", "b"])
        #expect(two[0].prefix == "see")
        #expect(two[1].locator == nil)
        #expect(two[1].suffix == ", ch. 2")
        let chapter = citations("[@b, chap. 2]")[0].items[0]
        #expect(chapter.locator == Locator(.chapter, "2"))
        let suppressed = citations("Nielsen says [-@nielsen2015].")[0].items[0]
        #expect(suppressed.suppressAuthor)
        #expect(suppressed.keyRange == 14..<27)
    }

    @Test("Locators and suffixes as pandoc splits them")
    func locators() {
        let item = citations("[@doe99, pp. 33-35 and passim]")[0].items[0]
        #expect(item.locator == Locator(.page, "33-35"))
        #expect(item.suffix == " and passim")
        #expect(citations("[@doe99, 33]")[0].items[0].locator == Locator(.page, "33"))
        #expect(citations("[@doe99, sec. 2.3]")[0].items[0].locator == Locator(.section, "2.3"))
        #expect(citations("[@smith, {pp. iv, vi-xi} with suffix]")[0].items[0].locator == Locator(.page, "iv, vi-xi"))
        #expect(citations("[@doe99, and elsewhere]")[0].items[0].suffix == ", and elsewhere")
    }

    @Test("Narrative @key, with an optional [locator] after it")
    func narrative() {
        let found = citations("@nielsen2015 shows, and @smith04 [p. 33] says.")
        #expect(found.map(\.mode) == [.narrative, .narrative])
        #expect(found[1].items[0].locator == Locator(.page, "33"))
        let segments = CitationScanner.scan("@smith04 [p. 33] says")
        #expect(segments.count == 2)
        if case .citation(_, let range) = segments[0] { #expect(range == 0..<16) } else { Issue.record("no citation") }
    }

    @Test("Keys: internal punctuation, not a final period; braces for anything")
    func keys() {
        #expect(citations("@Foo_bar.baz.")[0].items[0].key == "Foo_bar.baz")
        #expect(citations("@Foo_bar--baz")[0].items[0].key == "Foo_bar")
        #expect(citations("@{Foo_bar.baz.}")[0].items[0].key == "Foo_bar.baz.")
        #expect(citations("[@{https://example.com/bib?name=foobar&date=2000}, p. 33]")[0].items[0].key
                == "https://example.com/bib?name=foobar&date=2000")
        #expect(citations("@1657:huygens")[0].items[0].key == "1657:huygens")
        #expect(citations("see @nielsen2015's book")[0].items[0].key == "nielsen2015")
        // Chinese prose has no spaces: a Han character before `@` does not hide the citation.
        #expect(citations("如@chen2018所示")[0].items[0].key == "chen2018")
    }

    @Test("Cross-references, e-mail addresses and lone brackets are not citations")
    func notCitations() {
        #expect(citations("See @eq-softmax, @fig-sweep, @tbl-x and @sec-intro.").isEmpty)
        #expect(citations("[@fig-a; @fig-b]").isEmpty)
        #expect(citations("Write to name@example.com or [me@example.com].").isEmpty)
        #expect(citations("[not a citation] and [x]").isEmpty)
        #expect(citations("[see @a; no key here]").map(\.mode) == [.narrative])
        #expect(citations("@ alone, @@twice, and @.").isEmpty)
    }

    @Test("Segments cover the text once, in order, in Unicode scalars")
    func segmentsCoverText() {
        let text = "甜 [@a] and @b, then [-@c; see @d, p. 4]."
        let segments = CitationScanner.scan(text)
        var next = 0
        for segment in segments {
            switch segment {
            case .text(let range), .citation(_, let range):
                #expect(range.lowerBound == next)
                next = range.upperBound
            }
        }
        #expect(next == text.unicodeScalars.count)
        #expect(CitationScanner.citations(in: text).count == 3)
    }
}
