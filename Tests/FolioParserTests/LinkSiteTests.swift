import FolioModel
@testable import FolioParser
import Testing

/// The parser records every link a chapter makes, at the place the author wrote it, for the
/// link check.
struct LinkSiteTests {
    @Test func linksImagesAndRawHTMLAreRecordedAtTheirPlace() throws {
        let text = """
            # T

            A [link](b.md#x "title") and ![an image](img/a.png), `[not](code.md)`.
            With $x$ math first: [after](c.md).

            <div class="note"><a href='d.html'>d</a>
            <img
              src=e.png alt="e"></div>

            Inline <span data-x="1"><a HREF="f.html#g&amp;h">f</a></span>.
            """
        let chapter = try #require(ChapterParser().parse(Array(text.utf8), path: "chapters/a.md").chapter)
        let sites = chapter.links.map { "\($0.kind) \($0.target) \($0.location.line):\($0.location.column)" }
        #expect(sites == [
            "link b.md#x 3:3",
            "image img/a.png 3:30",
            "link c.md 4:22",
            "html d.html 6:22",
            "html e.png 8:3",
            "html f.html#g&h 10:28",
        ])
    }

    @Test func attributesOutsideTagsOrInsideValuesAreNotLinks() {
        let found = HTMLLinkAttributes.find(in: "<p title=\"src=x.png\">href=y.html</p><a data-href=\"z\" href = \"w\">")
        #expect(found.map(\.value) == ["w"])
    }
}
