import FolioChecks
import Foundation
import Testing

/// What a killed run leaves, odd file names, a broken disk, damaged caches: each ends in a clear
/// message or is repaired by the next render.
@Suite(.serialized) struct FaultTests {
    @Test func aLaterRenderRemovesWhatAKilledRunLeft() throws {
        let book = try TemporaryBook(["a.md": "# A\n\n```swift\nprint(1)\n```\n"])
        defer { book.remove() }
        let cache = book.root + "/cache"
        #expect(try folio(["render"], in: book.root, environment: ["FOLIO_CACHE_DIR": cache]).status == 0)
        // A process id that is not running: 4194304 is above Linux's largest.
        let dead = "4194304"
        let leftovers = ["output/.folio-tmp-\(dead)-7", "output/assets/.folio-tmp-\(dead)-8", "cache/build/\(dead)-ABCDEF12/main.swift",
                         "cache/runtime/.staging-\(dead)-ABCDEF12/Show.swift", "cache/results/.folio-tmp-\(dead)-9"]
        for path in leftovers { try book.write(path, "half") }
        // One of a run still going (this test's own process) is left alone.
        try book.write("output/.folio-tmp-\(getpid())-1", "mine")
        #expect(try folio(["render"], in: book.root, environment: ["FOLIO_CACHE_DIR": cache]).status == 0)
        for path in leftovers { #expect(book.file(path) == nil, "\(path) is still there") }
        #expect(book.file("cache/build/\(dead)-ABCDEF12") == nil)
        #expect(book.file("output/.folio-tmp-\(getpid())-1") == "mine")
    }

    @Test func aChapterNameNearTheSystemsLimitRenders() throws {
        let name = String(repeating: "长", count: 80) + ".md"  // 243 bytes
        let book = try TemporaryBook([name: "# Long\n"])
        defer { book.remove() }
        let run = try folio(["render"], in: book.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(book.file("output/" + name.dropLast(3) + ".html") != nil)
    }

    @Test func writeFailuresNameTheSystemsReason() throws {
        let book = try TemporaryBook(["a.md": "# A\n"])
        defer { book.remove() }
        try book.write("output", "a file where the output folder should be")
        let run = try folio(["render"], in: book.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: cannot write: a file stands where a folder should be") || run.stderr.contains("Not a directory"),
                "\(run.stderr)")
        #expect(!run.stderr.contains("NSCocoaErrorDomain"))
    }

    @Test func anUnreadableChapterStopsOnlyItself() throws {
        let book = try TemporaryBook(["a.md": "# A\n"])
        defer { book.remove() }
        try FileManager.default.createSymbolicLink(atPath: book.root + "/chapters/b.md", withDestinationPath: book.root + "/nowhere.md")
        let run = try folio(["render"], in: book.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("chapters/b.md:1:1: error: cannot read this chapter: it is a symbolic link to a file that does not exist"))
        #expect(book.file("output/a.html") != nil)
    }

    @Test func anUnclosedCommentInAnInlineExpressionIsAtTheExpression() throws {
        let book = try TemporaryBook(["a.md": "# I\n\nValue `{swift} n /*` here.\n\nMore.\n"])
        defer { book.remove() }
        let run = try folio(["render"], in: book.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("chapters/a.md:3:16: error: unterminated '/*' comment"), "\(run.stderr)")
        #expect(!run.stderr.contains("chapters/a.md:1:1:"), "\(run.stderr)")
        #expect(!run.stderr.contains("chapters/a.md:6:"), "\(run.stderr)")
    }

    @Test func aDamagedCacheEntryIsNeverUsed() throws {
        let book = try TemporaryBook(["a.md": "# A\n\n```swift\nlet answer = 42\n```\n"])
        defer { book.remove() }
        let cache = book.root + "/cache"
        #expect(try folio(["render"], in: book.root, environment: ["FOLIO_CACHE_DIR": cache]).status == 0)
        let page = try #require(book.file("output/a.html"))
        // Every highlighted cell and every result, tampered with in place.
        for folder in ["highlight", "results"] {
            for path in book.files(in: "cache/" + folder) {
                let text = try #require(book.file("cache/\(folder)/\(path)"))
                try book.write("cache/\(folder)/\(path)", text.replacingOccurrences(of: "42", with: "<script>alert(1)</script>"))
            }
        }
        try FileManager.default.removeItem(atPath: book.root + "/output")
        #expect(try folio(["render"], in: book.root, environment: ["FOLIO_CACHE_DIR": cache]).status == 0)
        #expect(book.file("output/a.html") == page)
    }
}
