import FolioModel
import FolioParser
import FolioRender
import Testing

/// The same chapter always gives the same page, byte for byte: parsed again, rendered again,
/// rendered after other chapters, rendered on several threads at once. (That a page is the same
/// from one process to the next, `folio check` tests: it compares `output/` with a fresh render.)
@Suite("Property: rendering is deterministic")
struct RenderingProperties {
    @Test("60 generated chapters, each rendered four ways, give byte-identical HTML")
    func sameChapterSamePage() async {
        var generator = ChapterGenerator(seed: 0x0008_12E4)
        let files = (0..<60).map { _ in generator.chapter() }
        for (index, bytes) in files.enumerated() {
            let first = Self.page(bytes)
            let again = Self.page(bytes)
            #expect(first == again, "chapter \(index) rendered twice differs")
            _ = Self.page(files[(index + 1) % files.count])
            #expect(Self.page(bytes) == first, "chapter \(index) rendered after another differs")
            let concurrent = await withTaskGroup(of: String?.self) { group in
                for _ in 0..<4 { group.addTask { Self.page(bytes) } }
                var pages: [String?] = []
                for await page in group { pages.append(page) }
                return pages
            }
            #expect(concurrent.allSatisfy { $0 == first }, "chapter \(index) rendered concurrently differs")
        }
    }

    /// Parses the file anew and renders its page; `nil` when it is not text.
    static func page(_ bytes: [UInt8]) -> String? {
        guard let chapter = ChapterParser().parse(bytes, path: "chapters/generated.md").chapter else { return nil }
        let outline = BookOutline(title: "Book", lang: "en", chapters: [.init(slug: chapter.slug, title: chapter.title)])
        return PageRenderer(outline: outline).render(chapter).html
    }
}
