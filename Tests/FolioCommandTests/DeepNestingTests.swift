import FolioChecks
import Foundation
import Testing

/// Issue 14: 2,500 nested quotes (a 2.5 KB file) crashed `render` and `check` with SIGSEGV. A book
/// whose chapters nest 100,000 deep, of each kind, renders and checks with the real binary; the
/// nesting past the limit is flattened, with a warning at the first level flattened.
@Suite(.serialized) struct DeepNestingTests {
    static let levels = 100_000

    static func repeated(_ text: String) -> String { String(repeating: text, count: levels) }

    /// Each chapter, and where its warning points (`nil`: cmark makes no nesting of it).
    static let chapters: [(name: String, body: String, warning: String?)] = [
        ("quotes.md", repeated(">") + " x", "3:101"),
        ("bullets.md", repeated("- ") + "x", "3:201"),
        ("numbered.md", repeated("1. ") + "x", "3:301"),
        ("mixed.md", repeated("> - ") + "x", "3:201"),
        ("emphasis.md", repeated("*") + "x" + repeated("*"), "3:1"),
        ("underscores.md", repeated("_") + "x" + repeated("_"), "3:1"),
        ("openers.md", repeated("*a ") + "x" + repeated(" b*"), "3:301"),
        ("brackets.md", repeated("[") + "x", nil),
        ("links.md", repeated("[") + "x" + repeated("](#q)"), nil),
        ("images.md", repeated("![") + "x" + repeated("](u)"), "3:201"),
        ("html.md", repeated("<span>") + "x" + repeated("</span>"), nil),
    ]

    @Test func aBookNested100000DeepRendersAndChecks() throws {
        let book = try TemporaryBook(Dictionary(uniqueKeysWithValues: Self.chapters.map { ($0.name, "# Q\n\n" + $0.body + "\n") }))
        defer { book.remove() }
        let started = Date()
        let render = try folio(["render"], in: book.root)
        let elapsed = Date().timeIntervalSince(started)
        #expect(render.status == 0, "\(render.stderr.prefix(2000))")
        #expect(elapsed < 120, "render took \(elapsed) s")
        for chapter in Self.chapters {
            let page = chapter.name.replacingOccurrences(of: ".md", with: ".html")
            let html = try #require(book.file("output/" + page), "\(page) was written")
            #expect(html.contains("<h1"), "\(page)")
            if let warning = chapter.warning {
                #expect(render.stderr.contains("chapters/\(chapter.name):\(warning): warning: "), "\(chapter.name)")
            } else {
                #expect(!render.stderr.contains("chapters/\(chapter.name):"), "\(chapter.name)")
            }
        }
        // The deepest quote kept holds the rest: 100 opened, 100 closed, the text inside.
        let quotes = try #require(book.file("output/quotes.html"))
        #expect(quotes.components(separatedBy: "<blockquote>").count - 1 == 100)
        #expect(quotes.components(separatedBy: "</blockquote>").count - 1 == 100)
        let check = try folio(["check"], in: book.root)
        #expect(check.status == 0, "\(check.stdout.prefix(2000))\(check.stderr.prefix(2000))")
    }
}
