import Folio
import FolioStorage
import Foundation
import Testing

/// Whole books run in process, parse → number → render → check, over fixture folders
/// (`Tests/Fixtures/<case>/chapters/`) loaded into a `MemoryFileSystem`: nothing is read from or
/// written to the disk but the fixture itself, and each case's pages are asserted by content.
@Suite struct FixtureBookTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").path

    /// The fixture `name` in memory, rendered; the files and the render's diagnostics.
    private func rendered(_ name: String) throws -> (files: MemoryFileSystem, request: RenderRequest, diagnostics: [String]) {
        let files = try MemoryFileSystem(loading: Self.fixtures + "/" + name)
        var request = RenderRequest(root: ".", cacheDirectory: ".folio-cache")
        request.files = files
        let report = try BookBuilder().render(request)
        return (files, request, report.diagnostics.map { "\($0.location.file):\($0.location.line):\($0.location.column): \($0.message)" })
    }

    private func page(_ files: MemoryFileSystem, _ path: String) -> String {
        files.snapshot[path].map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    @Test func chaptersAreNumberedInTheBooksOrderAndReferencesCrossChapters() throws {
        let (files, request, diagnostics) = try rendered("cross-references")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        // second.md comes first in book.yml, so its equation is (1) and first.md's is (2).
        let first = page(files, "output/first.html")
        let second = page(files, "output/second.html")
        #expect(first.contains("(2)") && second.contains("(1)"))
        #expect(first.contains("href=\"second.html#eq-derivative\">(1)</a>"), "\(first)")
        #expect(second.contains("href=\"first.html#eq-logistic\">(2)</a>"), "\(second)")
        #expect(second.contains("<a href=\"first.html#first\">the first chapter</a>"))
        let index = page(files, "output/index.html")
        let order = ["second.html", "first.html"].map { index.range(of: $0)?.lowerBound }
        #expect(order[0] != nil && order[1] != nil && order[0]! < order[1]!)
        let report = try BookChecker().check(request, update: false)
        #expect(report.failures.isEmpty, "\(report.failures)")
        // Nothing was written to the disk beside the fixture.
        #expect(!FileManager.default.fileExists(atPath: Self.fixtures + "/cross-references/output"))
        #expect(!FileManager.default.fileExists(atPath: Self.fixtures + "/cross-references/.folio-cache"))
    }

    @Test func brokenLinksFailTheCheckAtTheirPlace() throws {
        let (_, request, diagnostics) = try rendered("broken-links")
        #expect(diagnostics.isEmpty, "render does not follow links: \(diagnostics)")
        let report = try BookChecker().check(request, update: false)
        let failures = report.failures.map { "\($0.location.map { "\($0.file):\($0.line):\($0.column)" } ?? ""): \($0.message)" }
        #expect(failures == [
            "chapters/a.md:3:27: broken link 'c.md': no chapter of the book is c.md",
            "chapters/a.md:3:53: broken link 'b.md#section-3': b.html has no element with id 'section-3'; did you mean '#section-two'?",
        ])
    }

    @Test func oddFileNamesAreLinkedPercentEncodedAndTheLinksHold() throws {
        let (files, request, diagnostics) = try rendered("odd-names")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(files.snapshot["output/c#1.html"] != nil && files.snapshot["output/100%.html"] != nil)
        #expect(page(files, "output/c#1.html").contains("<a href=\"100%25.html\">100 percent</a>"))
        #expect(page(files, "output/index.html").contains("href=\"c%231.html\""))
        let report = try BookChecker().check(request, update: false)
        #expect(report.failures.isEmpty, "\(report.failures)")
    }

    @Test func theSameFixtureRendersToTheSameBytesTwice() throws {
        let once = try rendered("cross-references").files.snapshot.filter { $0.key.hasPrefix("output/") }
        let twice = try rendered("cross-references").files.snapshot.filter { $0.key.hasPrefix("output/") }
        #expect(once == twice)
        #expect(once.keys.sorted().contains("output/assets/folio.css"))
    }

    /// The progress `render` prints, in process: each diagnostic with its quoted line and caret,
    /// in chapter order, then the summary; a second render is "up to date".
    @Test func progressQuotesTheLineAndTheSummarySaysWhatWasWritten() throws {
        let files = MemoryFileSystem([
            "chapters/a.md": Array("# A\n\nBad $\\nosuch{x}$ here.\n".utf8),
            "chapters/b.md": Array("# B\n\nA dangling @eq-nowhere.\n".utf8),
        ])
        var request = RenderRequest(root: ".", cacheDirectory: ".folio-cache")
        request.files = files
        var lines: [String] = []
        var progress = BuildProgress(explain: false, files: files, write: { lines.append($0) })
        let report = try BookBuilder().render(request) { progress.show($0) }
        progress.finish()
        lines.append(BuildProgress.summary(report, output: "output"))
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.first?.hasPrefix("chapters/a.md:3:6: warning: ") == true, "\(lines)")
        #expect(lines.first?.contains("\nBad $\\nosuch{x}$ here.\n     ^") == true, "\(lines)")
        #expect(lines.dropFirst().first?.hasPrefix("chapters/b.md:3:12: warning: ") == true, "\(lines)")
        #expect(lines.last == "folio: wrote \(report.written.count) files to output/" && report.written.count > 2)
        let again = try BookBuilder().render(request)
        #expect(BuildProgress.summary(again, output: "output") == "folio: output/ is up to date")
    }
}

/// TeX as authors write it (issue 18): macros from `book.yml`, front matter and earlier
/// formulas; a number per row of an environment, `\label`, `\tag`, `\nonumber`; `\eqref` and
/// `\ref` in prose and math, across chapters; an unknown command marked in place.
@Suite struct TeXBookTests {
    private func rendered() throws -> (files: MemoryFileSystem, diagnostics: [String]) {
        let files = try MemoryFileSystem(loading: FixtureBookTests.fixtures + "/tex-book")
        var request = RenderRequest(root: ".", cacheDirectory: ".folio-cache")
        request.files = files
        let report = try BookBuilder().render(request)
        return (files, report.diagnostics.map { "\($0.location.file):\($0.location.line):\($0.location.column): \($0.id)" })
    }

    private func page(_ files: MemoryFileSystem, _ path: String) -> String {
        files.snapshot[path].map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    @Test func macrosRowsLabelsAndReferencesAcrossTheBook() throws {
        let (files, diagnostics) = try rendered()
        #expect(diagnostics == ["chapters/book.yml:8:3: math.invalid-macro", "chapters/first.md:23:7: math.unknown-command"], "\(diagnostics)")
        let first = page(files, "output/first.html")
        let second = page(files, "output/second.html")
        // Book, front matter and in-formula macros expand: ℝ, ‖x‖, 𝔼, ½ in a later formula.
        #expect(first.contains("<mi>ℝ</mi>") && first.contains("‖") && first.contains("<mi>𝔼</mi>"))
        #expect(first.contains("stays defined") && first.components(separatedBy: "<mfrac><mn>1</mn><mn>2</mn></mfrac>").count == 3)
        // (1) for {#eq-energy}; align rows: (2), none, (G); \label alone numbers a formula: (3).
        #expect(first.contains("<mtr id=\"row-sum\">") && first.contains("<mtext>(2)</mtext>") && first.contains("<mtext>(G)</mtext>"))
        #expect(first.contains("id=\"einstein\"") && first.contains("equation-number\">(3)</span>"))
        #expect(first.contains("Row <a class=\"reference\" href=\"#row-sum\">(2)</a>, the tagged row <a class=\"reference\" href=\"#row-tagged\">G</a>, and <a class=\"reference\" href=\"#einstein\">(3)</a>."))
        // The next chapter continues the numbers; \eqref reaches back across pages, and in math.
        #expect(second.contains("<mtext>(4)</mtext>") && second.contains("<mtext>(5)</mtext>"))
        #expect(second.contains("<a class=\"reference\" href=\"first.html#row-sum\">(2)</a>"))
        #expect(second.contains("<annotation encoding=\"application/x-tex\">\\eqref{row-second}</annotation>"))
        // An unknown command is marked where it stands; the rest of the formula typesets.
        #expect(first.contains("<merror><mtext>\\unknowncommand</mtext></merror><mo>+</mo><mn>1</mn>"))
    }
}

/// Citations and reference lists (issue 19): a numeric style across the book, a chapter's own
/// `.bib`, located problems in the chapters and in a `.bib` file.
@Suite struct CitationBookTests {
    @Test func citationsAreNumberedAcrossTheBookAndEachChapterListsItsWorks() throws {
        let files = try MemoryFileSystem(loading: FixtureBookTests.fixtures + "/cite-book")
        var request = RenderRequest(root: ".", cacheDirectory: ".folio-cache")
        request.files = files
        let report = try BookBuilder().render(request)
        let diagnostics = report.diagnostics.map { "\($0.location.file):\($0.location.line):\($0.location.column): \($0.id)" }
        #expect(diagnostics.contains("chapters/first.md:3:65: cite.unknown-key"), "\(diagnostics)")
        #expect(diagnostics.contains("chapters/first.md:4:26: reference.unknown"), "\(diagnostics)")
        #expect(diagnostics.contains { $0.hasPrefix("chapters/works.bib:17:") }, "\(diagnostics)")
        let first = files.snapshot["output/first.html"].map { String(decoding: $0, as: UTF8.self) } ?? ""
        let second = files.snapshot["output/second.html"].map { String(decoding: $0, as: UTF8.self) } ?? ""
        // Numbers in order of first citation in the book, the same on every page.
        #expect(first.contains("<span class=\"citation\">[<a href=\"#ref-lecun2015\">1</a>]</span>"), "\(first)")
        #expect(first.contains("<a href=\"#ref-nielsen2015\">2, p. 3</a>"), "\(first)")
        #expect(second.contains("<a href=\"#ref-nielsen2015\">2</a>") && second.contains("<a href=\"#ref-zhou2016\">3</a>"), "\(second)")
        // Each chapter lists what it cites; an unknown key is shown in bold with a question mark
        // (pandoc's way); an e-mail address and a code span stay as they are.
        #expect(first.contains("<section class=\"references\" role=\"doc-bibliography\""))
        #expect(first.contains("id=\"ref-lecun2015\"") && !first.contains("id=\"ref-zhou2016\""))
        #expect(second.contains("id=\"ref-zhou2016\"") && second.contains("周志华"))
        #expect(first.contains("<strong>nielsen2051?</strong>") && first.contains("me@example.com") && first.contains("<code>[@nielsen2015]</code>"))
        #expect(first.contains("href=\"https://doi.org/10.1038/nature14539\""))
        // bibliography-page: true: every work the book cites, on a page after the chapters.
        let page = files.snapshot["output/bibliography.html"].map { String(decoding: $0, as: UTF8.self) } ?? ""
        #expect(page.contains("<h1") && page.contains("Bibliography"))
        #expect(["ref-lecun2015", "ref-nielsen2015", "ref-zhou2016"].allSatisfy { page.contains("id=\"\($0)\"") })
        let index = files.snapshot["output/index.html"].map { String(decoding: $0, as: UTF8.self) } ?? ""
        #expect(index.contains("href=\"bibliography.html\""))
    }
}
