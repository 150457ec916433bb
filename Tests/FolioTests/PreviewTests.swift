import FolioChecks
import Folio
import Foundation
import Testing

/// What `folio serve` shows while a chapter's code is broken, beside what `folio render` writes.
@Suite(.serialized) struct PreviewTests {
    static let good = """
        # Preview

        Some prose.

        ```swift
        let xs = [1, 2, 3]
        print("sum", xs.reduce(0, +))
        ```

        ```swift
        print("second cell", xs.count)
        ```

        ```swift
        print("third cell")
        ```
        """

    @Test func aBrokenCellLeavesTheRestOfThePagePreviewed() throws {
        let book = try TemporaryBook(["a.md": Self.good])
        defer { book.remove() }
        let request = RenderRequest(root: book.root, cacheDirectory: book.root + "/.folio-cache")
        #expect(try BookBuilder().render(request).succeeded)
        let published = try #require(book.file("output/a.html"))

        let broken = Self.good.replacingOccurrences(of: "Some prose.", with: "Prose edited while a cell is broken.")
            .replacingOccurrences(of: "xs.count)", with: "xs.cont)")
        try book.write("chapters/a.md", broken)

        // render keeps its rule: an error writes no page.
        let render = try BookBuilder().render(request)
        #expect(!render.succeeded)
        #expect(book.file("output/a.html") == published)

        // The preview shows the new prose, the first cell's last good output, the error in the
        // second cell, and never touches output/.
        let preview = try BookBuilder().render(request.forPreview)
        #expect(!preview.succeeded)
        #expect(request.forPreview.outputDirectory == book.root + "/.folio-cache/preview")
        let page = try #require(book.file(".folio-cache/preview/a.html"))
        #expect(page.contains("Prose edited while a cell is broken."))
        #expect(page.contains("sum 6"))
        #expect(page.contains("<pre class=\"cell-error\">chapters/a.md:11:25: error: value of type &#39;[Int]&#39; has no member &#39;cont&#39;</pre>")
                || page.contains("chapters/a.md:11:25: error: value of type"), "\(page)")
        #expect(page.contains("third cell"))
        #expect(!page.contains("second cell 3"))
        #expect(book.file("output/a.html") == published)
    }

    @Test func checkBadgesCanBeLeftOutOfThePublishedBookButStayInThePreview() throws {
        let chapter = "# A\n\n```swift\nexpect(1 + 1 == 2)\n```\n"
        let book = try TemporaryBook(["a.md": chapter, "book.yml": "title: T\ncheck-badges: false\n"])
        defer { book.remove() }
        let request = RenderRequest(root: book.root, cacheDirectory: book.root + "/.folio-cache")
        #expect(try BookBuilder().render(request).succeeded)
        #expect(try BookBuilder().render(request.forPreview).succeeded)
        #expect(book.file("output/a.html")?.contains("cell-checks") == false)
        #expect(book.file(".folio-cache/preview/a.html")?.contains("✓ 1 check holds") == true)
    }
}
