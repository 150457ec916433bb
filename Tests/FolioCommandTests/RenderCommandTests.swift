import FolioChecks
import Folio
import Foundation
import Testing

@Suite(.serialized) struct RenderCommandTests {
    @Test func missingChaptersFolderIsAnErrorNamingIt() throws {
        let book = try TemporaryBook.empty()
        defer { book.remove() }
        let run = try folio(["render"], in: book.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: no chapters folder at 'chapters/'"))
        #expect(!FileManager.default.fileExists(atPath: book.root + "/output"))
    }

    @Test func rendersEveryChapterAndTheIndex() throws {
        let book = try TemporaryBook(["a.md": "# 甲\n\n$$x$$ {#eq-x}\n", "b.md": "---\ntitle: 乙\n---\n见 @eq-x。\n", "empty.md": ""])
        defer { book.remove() }
        let run = try folio(["render"], in: book.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(book.files(in: "output") == [".folio-files.json", "a.html", "assets/folio.css", "b.html", "empty.html", "index.html", "print.html"])
        let index = try #require(book.file("output/index.html"))
        #expect(index.contains("<a href=\"a.html\">甲</a></li><li><a href=\"b.html\">乙</a></li><li><a href=\"empty.html\">empty</a>"))
        // References reach across chapters, linking to the right page.
        #expect(book.file("output/b.html")?.contains("<a class=\"reference\" href=\"a.html#eq-x\">(1)</a>") == true)
    }

    @Test func nonUTF8ChapterIsAnErrorOthersStillRender() throws {
        let book = try TemporaryBook(["bad.md": Array("ok\n".utf8) + [0xFF, 0x0A], "good.md": Array("# Good\n".utf8)])
        defer { book.remove() }
        let run = try folio(["render"], in: book.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("chapters/bad.md:2:1: error: file is not valid UTF-8"))
        #expect(book.file("output/good.html") != nil)
        #expect(book.file("output/bad.html") == nil)
    }

    @Test func brokenYAMLIsAnErrorAtItsLineAndKeepsTheLastGoodPage() throws {
        let book = try TemporaryBook(["a.md": "---\ntitle: A\n---\n# A\n"])
        defer { book.remove() }
        #expect(try folio(["render"], in: book.root).status == 0)
        let good = try #require(book.file("output/a.html"))
        try Data("---\ntitle: A\nlang: [zh\n---\n# A changed\n".utf8).write(to: URL(fileURLWithPath: book.root + "/chapters/a.md"))
        let run = try folio(["render"], in: book.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("chapters/a.md:4:1: error: front matter is not valid YAML"))
        #expect(book.file("output/a.html") == good)
    }

    @Test func badTeXIsAWarningWithItsSourceLineAndExitsZero() throws {
        let book = try TemporaryBook(["a.md": "# A\n\n增加 $$z_^L$$ 会\n"])
        defer { book.remove() }
        let run = try folio(["render"], in: book.root)
        #expect(run.status == 0)
        #expect(run.stderr.contains("chapters/a.md:3:7: warning: "))
        #expect(run.stderr.contains("增加 $$z_^L$$ 会\n\u{3000}\u{3000}    ^"))
        #expect(book.file("output/a.html")?.contains("class=\"math-error\"") == true)
    }

    @Test func theRawSeedRendersWithAWarningAtLine40() throws {
        let seed = try String(contentsOfFile: repositoryRoot + "/../shared/seed/softmax.zh.md", encoding: .utf8)
        let book = try TemporaryBook(["seed.md": seed])
        defer { book.remove() }
        let run = try folio(["render"], in: book.root)
        #expect(run.status == 0)
        let warnings = run.stderr.split(separator: "\n").filter { $0.contains(": warning: ") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasPrefix("chapters/seed.md:40:") == true)
    }

    @Test func renderingTwiceIsByteIdenticalAndLeavesNoTemporaryFiles() throws {
        let text = try String(contentsOfFile: repositoryRoot + "/chapters/softmax.md", encoding: .utf8)
        let book = try TemporaryBook(["softmax.md": text])
        defer { book.remove() }
        #expect(try folio(["render"], in: book.root).status == 0)
        let first = try #require(book.file("output/softmax.html"))
        try FileManager.default.removeItem(atPath: book.root + "/output")
        #expect(try folio(["render"], in: book.root).status == 0)
        #expect(book.file("output/softmax.html") == first)
        #expect(!book.files(in: "output").contains { $0.contains(".folio-tmp") || $0.hasPrefix(".") && $0 != ".folio-files.json" })
    }

    @Test func namedChaptersMustBeInTheBook() throws {
        let book = try TemporaryBook(["a.md": "# A\n"])
        defer { book.remove() }
        let missing = try folio(["render", "chapters/nope.md"], in: book.root)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("error: no chapter at 'chapters/nope.md'"))
        let outside = try folio(["render", "../a.md"], in: book.root)
        #expect(outside.stderr.contains("is not a Markdown file in chapters/"))
        let one = try folio(["render", "chapters/a.md"], in: book.root)
        #expect(one.status == 0)
    }
}

@Suite(.serialized) struct EvaluationCommandTests {
    @Test func aCellThatDoesNotCompileFailsTheRenderAndKeepsTheLastGoodPage() throws {
        let book = try TemporaryBook(["a.md": "# A\n\n```swift\nlet x = 1\n```\n\nx is `{swift} x`.\n"])
        defer { book.remove() }
        let first = try folio(["render", "--explain"], in: book.root)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("folio: chapters/a.md: compiled in "))
        let good = try #require(book.file("output/a.html"))
        #expect(good.contains("x is <span class=\"value\">1</span>."))
        try Data("# A\n\n```swift\nlet x: Int = \"one\"\n```\n".utf8).write(to: URL(fileURLWithPath: book.root + "/chapters/a.md"))
        let broken = try folio(["render"], in: book.root)
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("chapters/a.md:4:14: error: cannot convert value of type 'String' to specified type 'Int'\nlet x: Int = \"one\"\n             ^"))
        #expect(broken.stderr.contains("not built, each keeping its last good page (or, never built, a page listing its errors): chapters/a.md"))
        #expect(book.file("output/a.html") == good)
    }

    @Test func aProseEditReusesResults() throws {
        let book = try TemporaryBook(["a.md": "# A\n\n```swift\nlet x = 40 + 2\n```\n"])
        defer { book.remove() }
        #expect(try folio(["render"], in: book.root).status == 0)
        try Data("# A\n\nNew prose.\n\n```swift\nlet x = 40 + 2\n```\n".utf8).write(to: URL(fileURLWithPath: book.root + "/chapters/a.md"))
        let reused = try folio(["render", "--explain"], in: book.root)
        #expect(reused.status == 0)
        #expect(reused.stderr.contains("folio: chapters/a.md: results reused from the cache"))
    }

    @Test func anUpToDatePageIsLeftAloneAndAnEditedOrMissingOneIsRebuilt() throws {
        let book = try TemporaryBook(["a.md": "# A\n\n```swift\nprint(6 * 7)\n```\n", "b.md": "# B\n\n$$x$$\n"])
        defer { book.remove() }
        #expect(try folio(["render"], in: book.root).status == 0)
        let page = try #require(book.file("output/a.html"))
        let again = try folio(["render", "--explain"], in: book.root)
        #expect(again.stderr.contains("folio: chapters/a.md: page up to date"))
        #expect(again.stderr.contains("folio: chapters/b.md: page up to date"))
        // Nothing was written, and it says so rather than counting files.
        #expect(again.stderr.hasSuffix("folio: output/ is up to date\n"), "\(again.stderr)")
        // A page changed by hand, or removed, is made again; the other stays up to date.
        try Data("tampered".utf8).write(to: URL(fileURLWithPath: book.root + "/output/a.html"))
        try FileManager.default.removeItem(atPath: book.root + "/output/b.html")
        let repaired = try folio(["render", "--explain"], in: book.root)
        #expect(repaired.stderr.contains("folio: chapters/a.md: results reused from the cache"))
        #expect(!repaired.stderr.contains("page up to date"))
        #expect(book.file("output/a.html") == page)
        #expect(book.file("output/b.html")?.contains("<math") == true)
        // Another chapter's title is part of every page (the navigation): all are rebuilt.
        try Data("# B, renamed\n\n$$x$$\n".utf8).write(to: URL(fileURLWithPath: book.root + "/chapters/b.md"))
        let renamed = try folio(["render", "--explain"], in: book.root)
        #expect(!renamed.stderr.contains("page up to date"))
        #expect(book.file("output/a.html")?.contains("B, renamed") == true)
    }

    @Test func noCompilerIsOneClearError() throws {
        let book = try TemporaryBook(["a.md": "```swift\nprint(1)\n```\n"])
        defer { book.remove() }
        let run = try folio(["render"], in: book.root, environment: ["SWIFTC": "/nonexistent/swiftc"])
        #expect(run.status == 1)
        #expect(run.stderr == "error: no Swift compiler found (looked for /nonexistent/swiftc); install the Swift toolchain or set SWIFTC to swiftc's path\n")
    }
}

@Suite struct SoftmaxChapterTests {
    /// The book's own chapter, rendered in process.
    private func softmax() throws -> (page: String, diagnostics: [Diagnostic]) {
        let output = NSTemporaryDirectory() + "folio-softmax-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: output) }
        let report = try BookBuilder().render(RenderRequest(root: repositoryRoot, chapters: ["chapters/softmax.md"], outputDirectory: output,
                                                             cacheDirectory: testCache))
        let page = try String(contentsOfFile: output + "/softmax.html", encoding: .utf8)
        return (page, report.diagnostics)
    }

    @Test func everyFormulaIsTypesetWithoutWarnings() throws {
        let (page, diagnostics) = try softmax()
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.summary))")
        #expect(!page.contains("math-error"))
        #expect(!page.contains("<merror"))
        #expect(page.components(separatedBy: "<math").count - 1 >= 60)
    }

    @Test func theNumbersAreComputedByTheChaptersSwift() throws {
        let (page, _) = try softmax()
        #expect(page.contains("激活值 <math><semantics><mrow><msup><mi>a</mi><mi>L</mi></msup></mrow>"))
        #expect(page.contains("为 <span class=\"value\">(0.315, 0.009, 0.633, 0.043)</span>，与原书滑条示例显示的数值一致"))
        #expect(page.contains("<p class=\"cell-checks\">✓ 21 项检查通过</p>"))
        #expect(page.contains("<table class=\"data-table scale-diverging\">"))
        // Every inline expression got its value.
        #expect(!page.contains("{swift}"))
    }

    @Test func equationsAreNumbered78To84AndReferencesLinkToThem() throws {
        let (page, _) = try softmax()
        let numbers = page.components(separatedBy: "<span class=\"equation-number\">").dropFirst().map { $0.prefix(while: { $0 != "<" }) }
        #expect(numbers == ["(78)", "(79)", "(80)", "(81)", "(82)", "(83)", "(84)"])
        #expect(page.contains("方程<a class=\"reference\" href=\"#eq-softmax\">(78)</a>可能看起来"))
        #expect(page.contains("就拿方程<a class=\"reference\" href=\"#eq-dc-dw\">(82)</a> 和 (67) 比较"))
        #expect(page.contains("<html lang=\"zh-CN\">"))
        #expect(!page.contains("<script"))
    }
}

@Suite(.serialized) struct NotBuiltPageTests {
    /// Every page links to every chapter; a chapter that has never built must still have a page.
    @Test func aNewChapterThatFailsGetsAPageListingItsErrorsUntilItBuilds() throws {
        let book = try TemporaryBook(["a.md": "# A\n\nText.\n"])
        defer { book.remove() }
        #expect(try folio(["render"], in: book.root).status == 0)
        try book.write("chapters/b.md", "# B\n\n```swift\nlet n: Int = \"x\"\n```\n")
        let failed = try folio(["render"], in: book.root)
        #expect(failed.status == 1)
        #expect(book.file("output/a.html")?.contains("href=\"b.html\"") == true)
        let notBuilt = try #require(book.file("output/b.html"))
        #expect(notBuilt.contains("This chapter has not been built yet"))
        #expect(notBuilt.contains("chapters/b.md:4:14: error: cannot convert value of type"))
        #expect(notBuilt.contains("<meta name=\"robots\" content=\"noindex\""))

        // Once it builds, its page replaces the list; broken again, the good page stays.
        try book.write("chapters/b.md", "# B\n\n```swift\nlet n: Int = 1\nprint(n)\n```\n")
        #expect(try folio(["render"], in: book.root).status == 0)
        let good = try #require(book.file("output/b.html"))
        #expect(!good.contains("not been built"))
        try book.write("chapters/b.md", "# B\n\n```swift\nlet n: Int = \"y\"\n```\n")
        #expect(try folio(["render"], in: book.root).status == 1)
        #expect(book.file("output/b.html") == good)
    }

    @Test func renderWarnsAtAnOutputBlockThatNoLongerMatches() throws {
        let book = try TemporaryBook(["a.md": "# A\n\n```swift\nprint(6 * 7)\n```\n\n```output\n41\n```\n"])
        defer { book.remove() }
        let run = try folio(["render"], in: book.root)
        #expect(run.status == 0)
        #expect(run.stderr.contains("chapters/a.md:7:1: warning: the output of the cell at line 3 differs from its expected output"), "\(run.stderr)")
        #expect(book.file("output/a.html")?.contains("42") == true)
    }

    @Test func helpDoesNotRepeatDefaults() throws {
        let help = try folio(["render", "--help"], in: NSTemporaryDirectory())
        #expect(help.stdout.contains("--jobs"))
        #expect(!help.stdout.contains("cores). (default:"), "\(help.stdout)")
    }
}

@Suite(.serialized) struct OddNameTests {
    /// A chapter file may be named anything a file system allows; its links must still reach it.
    @Test func linksToPagesArePercentEncoded() throws {
        let book = try TemporaryBook(["c#1.md": "# Hash\n\n$$x$$ {#eq-x}\n", "what?.md": "# What\n\nSee @eq-x.\n",
                                      "100%.md": "# Percent\n", "a b\"q.md": "# Quote\n"])
        defer { book.remove() }
        #expect(try folio(["render"], in: book.root).status == 0)
        let index = try #require(book.file("output/index.html"))
        for (href, file) in [("c%231.html", "c#1.html"), ("what%3F.html", "what?.html"), ("100%25.html", "100%.html"), ("a%20b%22q.html", "a b\"q.html")] {
            #expect(index.contains("href=\"\(href)\""), "\(href)")
            #expect(book.file("output/" + file) != nil, "\(file)")
        }
        #expect(book.file("output/what?.html")?.contains("href=\"c%231.html#eq-x\"") == true)
    }
}

@Suite(.serialized) struct ImageCopyTests {
    /// Only the chapters' own files are published: a symbolic link out of `chapters/` is not
    /// followed, while a path that climbs and comes back inside is fine.
    @Test func imagesAreCopiedOnlyFromInsideTheChapters() throws {
        let book = try TemporaryBook(["a.md": "# A\n\n![in](img/../x.png) ![leak](leak.png) ![dir](linked/y.png) ![up](../secret.txt)\n"])
        defer { book.remove() }
        try book.write("secret.txt", "secret")
        try book.write("outside/y.png", "secret too")
        try book.write("chapters/x.png", "png")
        try FileManager.default.createSymbolicLink(atPath: book.root + "/chapters/leak.png", withDestinationPath: book.root + "/secret.txt")
        try FileManager.default.createSymbolicLink(atPath: book.root + "/chapters/linked", withDestinationPath: book.root + "/outside")
        let run = try folio(["render"], in: book.root)
        #expect(run.status == 0)
        #expect(book.file("output/x.png") == "png")
        #expect(book.files(in: "output").filter { !$0.hasSuffix(".html") && !$0.hasPrefix("assets/") && !$0.hasPrefix(".") } == ["x.png"])
        // Each warning at the image's own place (they were all at 1:1).
        for (image, column) in [("leak.png", 21), ("linked/y.png", 39), ("../secret.txt", 60)] {
            #expect(run.stderr.contains("chapters/a.md:3:\(column): warning: image '\(image)' is outside chapters/ and is not copied"),
                    "\(image): \(run.stderr)")
        }
    }
}
