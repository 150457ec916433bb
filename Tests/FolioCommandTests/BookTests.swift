import FolioChecks
import Foundation
import Testing

/// A book of several chapters: numbering and references across them, navigation, the order
/// `book.yml` gives, and the same bytes whatever the number of jobs.
@Suite(.serialized) struct BookTests {
    static let chapters = [
        "a.md": "# 第一章\n\n$$a$$ {#eq-a1}\n\n$$b$$ {#eq-a2}\n\n见 @eq-b1。\n",
        "b.md": "# 第二章\n\n$$c$$ {#eq-b1}\n\n回看 @eq-a2，还有 @eq-nowhere。\n",
        "c.md": "---\ntitle: 第三章\nequation-start: 10\n---\n$$d$$ {#eq-c1}\n",
        "d.md": "# 第四章\n\n$$e$$ {#eq-d1}\n",
    ]

    @Test func equationNumbersRunAcrossTheBookAndReferencesLinkToTheRightPage() throws {
        let book = try TemporaryBook(Self.chapters)
        defer { book.remove() }
        let run = try folio(["render"], in: book.root)
        #expect(run.status == 0, "\(run.stderr)")
        let a = try #require(book.file("output/a.html"))
        let b = try #require(book.file("output/b.html"))
        let c = try #require(book.file("output/c.html"))
        let d = try #require(book.file("output/d.html"))
        #expect(a.contains("<span class=\"equation-number\">(1)</span>"))
        #expect(a.contains("<span class=\"equation-number\">(2)</span>"))
        // Chapter two continues after chapter one; three starts where it says; four goes on from it.
        #expect(b.contains("<span class=\"equation-number\">(3)</span>"))
        #expect(c.contains("<span class=\"equation-number\">(10)</span>"))
        #expect(d.contains("<span class=\"equation-number\">(11)</span>"))
        #expect(a.contains("<a class=\"reference\" href=\"b.html#eq-b1\">(3)</a>"))
        #expect(b.contains("<a class=\"reference\" href=\"a.html#eq-a2\">(2)</a>"))
        // An unknown label: a located warning, and visibly unresolved on the page.
        #expect(run.stderr.contains("chapters/b.md:5:14: warning: no equation, figure, table or section is labelled 'eq-nowhere'"))
        #expect(b.contains("<span class=\"reference unresolved\""))
        #expect(b.contains("?@eq-nowhere"))
    }

    @Test func eachPageListsTheBookAndLinksToThePreviousAndNextChapter() throws {
        let book = try TemporaryBook(Self.chapters)
        defer { book.remove() }
        #expect(try folio(["render"], in: book.root).status == 0)
        let a = try #require(book.file("output/a.html"))
        let b = try #require(book.file("output/b.html"))
        let d = try #require(book.file("output/d.html"))
        #expect(b.contains("<nav class=\"book-nav\" aria-labelledby=\"book-nav-title\">"))
        #expect(b.contains("<a href=\"b.html\" aria-current=\"page\">第二章</a>"))
        #expect(b.contains("<a href=\"c.html\">第三章</a>"))
        #expect(b.contains("<a class=\"pager-prev\" rel=\"prev\" href=\"a.html\"><span class=\"pager-label\">Previous</span><span class=\"pager-title\">第一章</span></a>"))
        #expect(b.contains("<a class=\"pager-next\" rel=\"next\" href=\"c.html\">"))
        #expect(!a.contains("rel=\"prev\""))
        #expect(a.contains("rel=\"next\" href=\"b.html\""))
        #expect(!d.contains("rel=\"next\""))
    }

    @Test func bookYAMLOrdersTheChaptersAndWarnsAboutOnesItLeavesOut() throws {
        var chapters = Self.chapters
        chapters["book.yml"] = "title: 书\nchapters:\n  - c.md\n  - a.md\n  - b.md\n"
        let book = try TemporaryBook(chapters)
        defer { book.remove() }
        let run = try folio(["render"], in: book.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("chapters/book.yml:1:1: warning: chapters/d.md is not listed in book.yml and is left out of the book"))
        #expect(book.file("output/d.html") == nil)
        let index = try #require(book.file("output/index.html"))
        #expect(index.contains("<a href=\"c.html\">第三章</a></li><li><a href=\"a.html\">第一章</a></li><li><a href=\"b.html\">第二章</a>"))
        // c starts at 10; a and b continue after it.
        #expect(book.file("output/a.html")?.contains("<span class=\"equation-number\">(11)</span>") == true)
        #expect(book.file("output/b.html")?.contains("<span class=\"equation-number\">(13)</span>") == true)
    }

    @Test func aMissingChapterInBookYAMLIsAnErrorAtItsLine() throws {
        var chapters = Self.chapters
        chapters["book.yml"] = "chapters:\n  - a.md\n  - gone.md\n  - b.md\n  - c.md\n  - d.md\n"
        let book = try TemporaryBook(chapters)
        defer { book.remove() }
        let run = try folio(["render"], in: book.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("chapters/book.yml:3:5: error: chapter 'gone.md' is listed in book.yml but chapters/gone.md does not exist"))
    }

    @Test func anyNumberOfJobsWritesTheSameBytesAndPrintsDiagnosticsInChapterOrder() throws {
        var chapters: [String: String] = [:]
        for index in 1...12 {
            let name = String(format: "ch%02d.md", index)
            chapters[name] = "# 第 \(index) 章\n\n$$x_{\(index)}$$ {#eq-\(index)}\n\n见 @eq-missing-\(index)。\n"
        }
        let book = try TemporaryBook(chapters)
        defer { book.remove() }
        let serial = try folio(["render", "--jobs", "1"], in: book.root)
        let pages = book.files(in: "output").map { book.file("output/" + $0) }
        try FileManager.default.removeItem(atPath: book.root + "/output")
        let parallel = try folio(["render", "-j", "4"], in: book.root)
        #expect(book.files(in: "output").map { book.file("output/" + $0) } == pages)
        #expect(serial.stderr == parallel.stderr)
        let order = parallel.stderr.split(separator: "\n").filter { $0.contains("warning") }.map { $0.prefix(16) }
        #expect(order == (1...12).map { String(format: "chapters/ch%02d.md", $0).prefix(16) })
    }

    /// Unchanged chapters' outlines come from `.folio-cache/outlines/`, not a new parse: after an
    /// edit that shifts every later number, the pages must be byte for byte what a render from
    /// nothing gives, and a broken outline file only costs a parse.
    @Test func anEditRenumbersTheBookAsARenderFromNothingWould() throws {
        let book = try TemporaryBook(Self.chapters)
        defer { book.remove() }
        // The book's own cache (no code here, so nothing to compile), to look into it.
        let cache = ["FOLIO_CACHE_DIR": book.root + "/.folio-cache"]
        #expect(try folio(["render"], in: book.root, environment: cache).status == 0)
        let outlines = book.files(in: ".folio-cache/outlines")
        #expect(outlines.count == 1)
        let kept = try #require(book.file(".folio-cache/outlines/" + (outlines.first ?? "")))
        #expect(["chapters/a.md", "chapters/b.md", "chapters/c.md", "chapters/d.md"].allSatisfy { kept.contains("\"\($0)\"") })

        try book.write("chapters/a.md", "# 第一章\n\n$$z$$ {#eq-a0}\n\n$$a$$ {#eq-a1}\n\n$$b$$ {#eq-a2}\n\n见 @eq-b1。\n")
        let edited = try folio(["render"], in: book.root, environment: cache)
        #expect(edited.status == 0, "\(edited.stderr)")
        let b = try #require(book.file("output/b.html"))
        #expect(b.contains("<span class=\"equation-number\">(4)</span>"), "chapter two now starts at 4")
        #expect(b.contains("<a class=\"reference\" href=\"a.html#eq-a2\">(3)</a>"))
        #expect(book.file("output/d.html")?.contains("<span class=\"equation-number\">(11)</span>") == true)
        let pages = book.files(in: "output").map { book.file("output/" + $0) }

        try FileManager.default.removeItem(atPath: book.root + "/output")
        try FileManager.default.removeItem(atPath: book.root + "/.folio-cache/pages")
        try book.write(".folio-cache/outlines/" + (outlines.first ?? ""), "{ not json")
        let fresh = try folio(["render"], in: book.root, environment: cache)
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(book.files(in: "output").map { book.file("output/" + $0) } == pages)
        let warnings = { (stderr: String) in stderr.split(separator: "\n").filter { $0.contains("warning") } }
        #expect(warnings(fresh.stderr) == warnings(edited.stderr))
        #expect(warnings(fresh.stderr).contains { $0.contains("eq-nowhere") })
    }
}
