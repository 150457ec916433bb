import FolioChecks
import Foundation
import Testing

/// A book with one chapter whose cell prints, its output block, and a rendered output/.
private func bookWithDoctest(_ text: String? = nil) throws -> TemporaryBook {
    let chapter = text ?? "# A\n\n```swift\nlet xs = [1, 2, 3]\nprint(xs.map { $0 * 2 })\nprint(\"done\")\n```\n\n```output\n[2, 4, 6]\ndone\n```\n"
    let book = try TemporaryBook(["a.md": chapter])
    let render = try folio(["render"], in: book.root)
    #expect(render.status == 0, "\(render.stderr)")
    return book
}

private func write(_ text: String, to path: String, in book: TemporaryBook) throws {
    try book.write(path, text)
}

@Suite(.serialized) struct CheckCommandTests {
    @Test func aHealthyBookPrintsOneSummaryLine() throws {
        let book = try bookWithDoctest()
        defer { book.remove() }
        let run = try folio(["check"], in: book.root)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        // Checks: the chapter, its doctest, and output/ being fresh.
        #expect(run.stdout == "3 passed, 0 failed\n")
    }

    @Test func aBrokenNumberFailsAtItsBlockWithADiffAndUpdateRepairsOnlyThatBlock() throws {
        // CRLF line endings, a byte order mark and trailing spaces elsewhere must survive.
        let original = "\u{FEFF}# A  \r\n\r\n```swift\r\nprint(6 * 7)\r\nprint(\"same\")\r\n```\r\n\r\n```output\r\n41\r\nsame\r\n```\r\n\r\nTrailing   \r\n"
        let book = try bookWithDoctest(original)
        defer { book.remove() }
        let failing = try folio(["check"], in: book.root)
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("chapters/a.md:8:1: error: the output of the cell at line 3 differs from its expected output"))
        #expect(failing.stdout.contains("--- expected (chapters/a.md:8)\n+++ actual (the cell at line 3)\n@@ -1,2 +1,2 @@\n-41\n+42\n same\n"))
        #expect(failing.stdout.hasSuffix("2 passed, 1 failed\n"))

        let update = try folio(["check", "--update"], in: book.root)
        #expect(update.stdout.contains("updated the output block at chapters/a.md:8"))
        // Every failure was a block it repaired: the check passes, and says what it did.
        #expect(update.status == 0, "\(update.stdout)")
        #expect(update.stdout.hasSuffix("2 passed, 0 failed, 1 updated\n"))
        #expect(!update.stdout.contains("error:"))
        let repaired = try #require(book.file("chapters/a.md"))
        #expect(repaired == original.replacingOccurrences(of: "41\r\n", with: "42\r\n"))
        let again = try folio(["check"], in: book.root)
        #expect(again.status == 0, "\(again.stdout)")
    }

    @Test func updateNeverInventsABlockNorTouchesAChapterThatDoesNotCompile() throws {
        let book = try bookWithDoctest("# A\n\n```swift\nprint(1)\n```\n\n```swift\nprint(2)\n```\n\n```output\n3\n```\n")
        defer { book.remove() }
        _ = try folio(["check", "--update"], in: book.root)
        #expect(book.file("chapters/a.md") == "# A\n\n```swift\nprint(1)\n```\n\n```swift\nprint(2)\n```\n\n```output\n2\n```\n")

        let broken = "# A\n\n```swift\nlet n: Int = \"x\"\nprint(n)\n```\n\n```output\n3\n```\n"
        try write(broken, to: "chapters/a.md", in: book)
        let run = try folio(["check", "--update"], in: book.root)
        #expect(run.status == 1)
        #expect(book.file("chapters/a.md") == broken)
        // Reported once, at the compile error, not also as a doctest failure.
        let errors = run.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("chapters/a.md:4:14: error: cannot convert value") == true)
    }

    @Test func anUnclosedOutputBlockIsALocatedError() throws {
        let book = try bookWithDoctest()
        defer { book.remove() }
        try write("# A\n\n```swift\nprint(1)\n```\n\n```output\n1\n", to: "chapters/a.md", in: book)
        let run = try folio(["check"], in: book.root)
        #expect(run.status == 1)
        #expect(run.stdout.contains("chapters/a.md:7:1: error: this ```output block is never closed"))
    }

    @Test func aStaleOutputIsNamedAndRenderRemovesWhatItMadeBefore() throws {
        let book = try bookWithDoctest()
        defer { book.remove() }
        try write("# Gone\n", to: "chapters/gone.md", in: book)
        #expect(try folio(["render"], in: book.root).status == 0)
        try write("stale", to: "output/a.html", in: book)
        try write("www.example.org\n", to: "output/CNAME", in: book)
        try FileManager.default.removeItem(atPath: book.root + "/chapters/gone.md")
        let run = try folio(["check"], in: book.root)
        #expect(run.status == 1)
        #expect(run.stdout.contains("error: output/ differs from a fresh render; run 'folio render': output/index.html, output/a.html, output/print.html, output/gone.html (made by no chapter), output/.folio-files.json"),
                "\(run.stdout)")
        // A render removes the page it made before and makes no more, never a file of the author's.
        let render = try folio(["render"], in: book.root)
        #expect(render.status == 0)
        #expect(book.file("output/gone.html") == nil)
        #expect(book.file("output/CNAME") == "www.example.org\n")
        #expect(try folio(["check"], in: book.root).status == 0)
    }

    @Test func aManifestNamingFilesOutsideTheOutputIsIgnored() throws {
        let book = try bookWithDoctest()
        defer { book.remove() }
        try write("keep", to: "precious.txt", in: book)
        try write(#"{"chapters/x.md": ["../precious.txt", "/etc/hostname", "a/../../precious.txt"]}"#, to: "output/.folio-files.json", in: book)
        #expect(try folio(["render"], in: book.root).status == 0)
        #expect(book.file("precious.txt") == "keep")
    }

    @Test func aFailingChapterIsOneFailureNotAlsoAStaleOutput() throws {
        let book = try bookWithDoctest()
        defer { book.remove() }
        try write("# B\n\n```swift\nlet n: Int = 1\n```\n", to: "chapters/b.md", in: book)
        #expect(try folio(["render"], in: book.root).status == 0)
        try write("# B\n\n```swift\nlet n: Int = \"x\"\n```\n", to: "chapters/b.md", in: book)
        let run = try folio(["check"], in: book.root)
        #expect(run.status == 1)
        #expect(!run.stdout.contains("made by no chapter"), "\(run.stdout)")
        #expect(!run.stdout.contains("differs from a fresh render"), "\(run.stdout)")
        #expect(run.stdout.hasSuffix(" 1 failed\n"), "\(run.stdout)")
    }

    /// Every local link is followed: Markdown links (a chapter's `.md` is its page), raw HTML
    /// `href` and `src`, `#anchors` on the same page and on others; a broken one fails at its
    /// Markdown line and column, with the closest id; external links are never fetched.
    @Test func brokenLocalLinksFailAtTheirLine() throws {
        let first = """
            # First

            See [the second](b.md), [its section](b.md#details), [ours](#first) and [that](https://example.org/nowhere).
            Also [missing](nowhere.md), [a bad anchor](b.md#detials) and [up](../secret.html).

            <p>Raw: <a href="b.html#details">fine</a> and
            <img alt="x" src="img/absent.png"></p>
            """
        let second = "# Second\n\n## Details\n\nBack to [the first](a.md#frist).\n"
        let book = try TemporaryBook(["a.md": Array(first.utf8), "b.md": Array(second.utf8)])
        defer { book.remove() }
        #expect(try folio(["render"], in: book.root).status == 0)
        #expect(book.file("output/a.html")?.contains("<a href=\"b.html#details\">its section</a>") == true)
        let run = try folio(["check"], in: book.root)
        #expect(run.status == 1)
        #expect(run.stdout.contains("chapters/a.md:4:6: error: broken link 'nowhere.md': no chapter of the book is nowhere.md"), "\(run.stdout)")
        #expect(run.stdout.contains("chapters/a.md:4:29: error: broken link 'b.md#detials': b.html has no element with id 'detials'; did you mean '#details'?"), "\(run.stdout)")
        #expect(run.stdout.contains("chapters/a.md:4:62: error: broken link '../secret.html': leaves the book's output folder"), "\(run.stdout)")
        #expect(run.stdout.contains("chapters/a.md:7:14: error: broken 'img/absent.png': the book has no file img/absent.png"), "\(run.stdout)")
        #expect(run.stdout.contains("chapters/b.md:5:9: error: broken link 'a.md#frist': a.html has no element with id 'frist'; did you mean '#first'?"), "\(run.stdout)")
        #expect(!run.stdout.contains("example.org") && !run.stdout.contains("'b.md'") && !run.stdout.contains("link '#first'"), "\(run.stdout)")
        #expect(!run.stdout.contains("b.html#details"), "\(run.stdout)")
        #expect(run.stdout.hasSuffix("5 failed\n"), "\(run.stdout)")
    }

    @Test func warningsArePrintedAndStrictFailsOnThem() throws {
        let book = try bookWithDoctest("# A\n\nBad $\\nosuchthing{x}$ and a dangling @eq-nowhere.\n")
        defer { book.remove() }
        let run = try folio(["check"], in: book.root)
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("chapters/a.md:3:6: warning: "), "\(run.stdout)")
        #expect(run.stdout.contains("warning: no equation"), "\(run.stdout)")
        #expect(run.stdout.hasSuffix("2 passed, 0 failed, 2 warnings\n"), "\(run.stdout)")
        let strict = try folio(["check", "--strict"], in: book.root)
        #expect(strict.status == 1)
        #expect(strict.stdout.hasSuffix("2 warnings (--strict: warnings fail the check)\n"), "\(strict.stdout)")
        let github = try folio(["check", "--strict", "--format", "github"], in: book.root)
        #expect(github.status == 1)
        #expect(github.stdout.contains("::warning file=chapters/a.md,line=3,col=6::"), "\(github.stdout)")
        #expect(try folio(["render", "--strict"], in: book.root).status == 1)
        #expect(try folio(["render"], in: book.root).status == 0)
    }

    @Test func githubFormatPrintsAnnotations() throws {
        let book = try bookWithDoctest()
        defer { book.remove() }
        try write("# A\n\n```swift\nprint(1)\nexpect(1 + 1 == 3, \"arithmetic\")\n```\n\n```output\n2\n```\n", to: "chapters/a.md", in: book)
        let run = try folio(["check", "--format", "github"], in: book.root)
        #expect(run.status == 1)
        #expect(run.stdout.contains("::error file=chapters/a.md,line=5,col=1::expectation failed: arithmetic\n"))
        #expect(run.stdout.contains("::error file=chapters/a.md,line=8,col=1::the output of the cell at line 3 differs from its expected output%0A--- expected"))
    }

    @Test func chaptersOutsideTheBookAreUsageErrors() throws {
        let book = try bookWithDoctest()
        defer { book.remove() }
        let missing = try folio(["check", "chapters/none.md"], in: book.root)
        #expect(missing.status == 2)
        #expect(missing.stderr == "error: no chapter at 'chapters/none.md'\n")
        #expect(try folio(["check", "README.md"], in: book.root).status == 2)
        #expect(try folio(["check", "--format", "xml"], in: book.root).status == 2)
    }
}
