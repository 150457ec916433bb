@testable import Folio
import FolioStorage
import Foundation
import Testing

/// The book's other editions, made by `render` from a fixture book (`Tests/Fixtures/print-book`)
/// that uses every feature a page links: footnotes of the same name in two chapters, a table,
/// an image figure, a callout, numbered sections, aligned equations with a number per row and
/// `\eqref` across chapters, a citation and the bibliography page, Letter paper.
@Suite struct BookEditionTests {
    /// The fixture in memory, rendered with `editions`.
    private func rendered(editions: Set<BookEdition> = []) throws -> (files: MemoryFileSystem, request: RenderRequest, report: RenderReport) {
        let files = try MemoryFileSystem(loading: FixtureBookTests.fixtures + "/print-book")
        var request = RenderRequest(root: ".", cacheDirectory: ".folio-cache")
        request.files = files
        request.editions = editions
        let report = try BookBuilder().render(request)
        return (files, request, report)
    }

    private func text(_ files: MemoryFileSystem, _ path: String) -> String {
        files.snapshot[path].map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// Every value of the attribute `name` in `html`, in order.
    static func values(of name: String, in html: String) -> [String] {
        var values: [String] = []
        var rest = Substring(html)
        let marker = " \(name)=\""
        while let start = rest.range(of: marker) {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            values.append(String(rest[..<end]))
            rest = rest[end...]
        }
        return values
    }

    @Test func printHTMLHoldsTheBookWithEveryIdOnceAndEveryLinkBetweenChaptersAnAnchor() throws {
        let (files, _, report) = try rendered()
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.message))")
        #expect(report.written.contains("print.html"))
        let page = text(files, "output/print.html")
        let ids = Self.values(of: "id", in: page)
        let duplicates = Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        #expect(duplicates.isEmpty, "ids twice: \(duplicates)")
        let known = Set(ids)
        for href in Self.values(of: "href", in: page) {
            if href.hasPrefix("#") {
                #expect(known.contains(String(href.dropFirst())), "no id for \(href)")
            } else {
                // Only the stylesheet and links out of the book stay links to other files.
                #expect(href == "assets/folio.css" || href.hasPrefix("https:"), "\(href) leaves the page")
            }
        }
        // The chapters in book order, the bibliography page last.
        let order = ["id=\"first\"", "id=\"second\"", "id=\"bibliography\""].map { page.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil } && order[0]! < order[1]! && order[1]! < order[2]!)
        // Footnotes of the same name in two chapters: each its own, with its backlink.
        for slug in ["first", "second"] {
            #expect(page.contains("href=\"#\(slug)--fn-1\"") && page.contains("href=\"#\(slug)--fnref-1\""), "\(slug)")
        }
        #expect(page.contains("The first chapter’s note.") || page.contains("The first chapter's note."))
        // \eqref from the second chapter reaches the first's row, with the number the pages show.
        #expect(page.contains("<mtr id=\"first--row-logistic\">"))
        #expect(page.contains("href=\"#first--row-logistic\">(1)</a>"), "\(page)")
        #expect(page.contains("href=\"#first--row-derivative\">(2)</a>"))
        // A section, a table and a figure referred to from the other chapter; a citation's entry
        // on the bibliography page; the link to a chapter's top.
        #expect(page.contains("href=\"#second--sec-more\""))
        #expect(page.contains("href=\"#first--tbl-values\""))
        #expect(page.contains("href=\"#first--fig-picture\""))
        #expect(known.contains("bibliography--ref-lecun2015"))
        #expect(page.contains("href=\"#first--first\">its beginning</a>"))
        // The image beside the pages, the callout, the paper from book.yml.
        #expect(page.contains("src=\"picture.svg\""))
        #expect(page.contains("class=\"callout callout-note\""))
        #expect(page.contains("size: letter;"))
    }

    @Test func checkComparesPrintHTMLAndRenderKeepsEveryChapterInIt() throws {
        let (files, request, _) = try rendered()
        let fresh = try BookChecker().check(request, update: false)
        #expect(fresh.failures.isEmpty, "\(fresh.failures.map(\.message))")
        #expect(text(files, "output/.folio-files.json").contains("\"print.html\""))

        let good = try #require(files.snapshot["output/print.html"])
        _ = try files.write(Array("<p>edited</p>\n".utf8), to: "output/print.html")
        let stale = try BookChecker().check(request, update: false)
        #expect(stale.staleOutputs == ["output/print.html"])

        // A render of one chapter writes the whole book's page again, the other chapter included.
        var one = request
        one.chapters = ["chapters/second.md"]
        let again = try BookBuilder().render(one)
        #expect(again.written == ["print.html"])
        #expect(files.snapshot["output/print.html"] == good)
    }

    @Test func theEPUBIsAZipWithItsMimetypeFirstAndTheSameBytesEachTime() throws {
        let (files, request, report) = try rendered(editions: [.epub])
        #expect(report.written.contains("book.epub"))
        let epub = try #require(files.snapshot["output/book.epub"])
        #expect(epub.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        #expect(String(decoding: epub[30..<58], as: UTF8.self) == "mimetypeapplication/epub+zip")
        // Made on request only: not Folio's to remove, nor check's to compare.
        #expect(!text(files, "output/.folio-files.json").contains("book.epub"))
        #expect(try BookChecker().check(request, update: false).failures.isEmpty)
        // Rendered again, and afresh elsewhere: the same bytes.
        #expect(try BookBuilder().render(request).written.isEmpty)
        let (other, _, _) = try rendered(editions: [.epub])
        #expect(other.snapshot["output/book.epub"] == epub)
    }

    @Test func paperIsA4OrLetterAndAnythingElseIsAWarningAtItsLine() throws {
        let files = MemoryFileSystem([
            "chapters/book.yml": Array("title: T\npaper: a5\n".utf8),
            "chapters/a.md": Array("# A\n".utf8),
        ])
        var request = RenderRequest(root: ".", cacheDirectory: ".folio-cache")
        request.files = files
        let report = try BookBuilder().render(request)
        let warnings = report.diagnostics.map { "\($0.location.file):\($0.location.line):\($0.location.column): \($0.message)" }
        #expect(warnings == ["chapters/book.yml:2:1: 'paper' must be a4 or letter; the book is printed on A4"])
        #expect(text(files, "output/print.html").contains("size: A4;"))
    }

    @Test func theEditionsDateIsSourceDateEpochElseTheNewestSource() throws {
        #expect(try BookEditions.sourceDate(root: "/nowhere", environment: ["SOURCE_DATE_EPOCH": "1800000000"])
            == Date(timeIntervalSince1970: 1_800_000_000))
        #expect(throws: BookError.edition(path: "SOURCE_DATE_EPOCH", reason: "must be a whole number of seconds since 1970-01-01, not 'soon'")) {
            try BookEditions.sourceDate(root: "/nowhere", environment: ["SOURCE_DATE_EPOCH": "soon"])
        }
        // No sources: zip's first day.
        #expect(try BookEditions.sourceDate(root: "/nowhere", environment: [:]) == Date(timeIntervalSince1970: 315_532_800))

        let root = NSTemporaryDirectory() + "folio-date-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root + "/chapters", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (name, seconds) in [("a.md", 1_700_000_000.0), ("b.md", 1_750_000_000.5), (".hidden.md", 1_790_000_000.0)] {
            FileManager.default.createFile(atPath: root + "/chapters/" + name, contents: Data("# x\n".utf8))
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: seconds)],
                                                  ofItemAtPath: root + "/chapters/" + name)
        }
        #expect(try BookEditions.sourceDate(root: root, environment: [:]) == Date(timeIntervalSince1970: 1_750_000_000))
    }
}
