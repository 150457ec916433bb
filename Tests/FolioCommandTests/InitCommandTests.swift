import FolioChecks
@testable import Folio
import Foundation
import Testing

/// Every entry below `root` with its bytes and modification time, to see that nothing changed.
private func snapshot(_ root: String) throws -> [String: String] {
    var entries: [String: String] = [:]
    guard let enumerator = FileManager.default.enumerator(atPath: root) else { return entries }
    for case let path as String in enumerator {
        let attributes = try FileManager.default.attributesOfItem(atPath: root + "/" + path)
        let kind = attributes[.type] as? FileAttributeType
        guard kind == .typeRegular else {
            entries[path] = "\(kind?.rawValue ?? "?")"
            continue
        }
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let bytes = FileManager.default.contents(atPath: root + "/" + path) ?? Data()
        entries[path] = "\(modified) \(bytes.base64EncodedString())"
    }
    return entries
}

private let templateFiles = ["chapters/book.yml", "chapters/getting-started.md", ".gitignore", ".github/workflows/folio.yml"]

/// `folio init`: a new book that renders and checks at once, refused where a book is already started.
@Suite(.serialized) struct InitCommandTests {
    @Test func startsABookInANewFolderThatRendersAndChecksStrictly() throws {
        let parent = try TemporaryBook.empty()
        defer { parent.remove() }
        let run = try folio(["init", "my book"], in: parent.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Started a book in 'my book':\n  chapters/book.yml\n  chapters/getting-started.md\n"))
        #expect(run.stdout.contains("Next: cd 'my book', then 'folio render'"))
        let book = TemporaryBook(root: parent.root + "/my book")
        #expect(book.files(in: ".") == templateFiles.sorted())
        let settings = try #require(book.file("chapters/book.yml"))
        #expect(settings.contains("\ntitle: \"my book\"\nlang: \"en\"\nchapters:\n  - getting-started.md\n"))
        #expect(book.file(".gitignore")?.contains("\n.folio-cache/\n") == true)

        let render = try folio(["render", "--strict"], in: book.root)
        #expect(render.status == 0, "\(render.stderr)")
        let page = try #require(book.file("output/getting-started.html"))
        // An inline value, the numbered equation and its reference, the figure and its number, the doctest.
        #expect(page.contains("the <span class=\"value\">8</span> samples have a mean of\n<span class=\"value\">5</span>."))
        #expect(page.contains("<span class=\"equation-number\">(1)</span>"))
        #expect(page.contains("<a class=\"reference\" href=\"#eq-deviation\">(1)</a>"))
        #expect(page.contains("<a class=\"reference\" href=\"#fig-waves\">Figure 1</a>"))
        #expect(page.contains("<svg"))
        #expect(page.contains("sample 3: 4.0"))
        #expect(book.file("output/index.html")?.contains("<title>my book</title>") == true)

        let check = try folio(["check", "--strict"], in: book.root)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.hasSuffix(" passed, 0 failed\n"))
    }

    @Test func titleAndLanguageFillInBookYmlAndAChineseBookGetsAChineseChapter() throws {
        let book = try TemporaryBook.empty()
        defer { book.remove() }
        let title = "神经网络: \"入门\" #1"
        let run = try folio(["init", "--lang", "zh-CN", "--title", title], in: book.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Started a book in this folder:\n"))
        #expect(book.file("chapters/book.yml")?.contains("title: \"神经网络: \\\"入门\\\" #1\"\nlang: \"zh-CN\"\n") == true)
        let chapter = try #require(book.file("chapters/getting-started.md"))
        #expect(chapter.hasPrefix("---\ntitle: 开始\nlang: \"zh-CN\"\n---\n# 开始\n"))

        let render = try folio(["render", "--strict"], in: book.root)
        #expect(render.status == 0, "\(render.stderr)")
        // The title survives YAML: quotes, a colon and a hash are the title's, not YAML's.
        #expect(book.file("output/index.html")?.contains("<html lang=\"zh-CN\">") == true)
        #expect(book.file("output/index.html")?.contains("<title>神经网络: &quot;入门&quot; #1</title>") == true
            || book.file("output/index.html")?.contains("<title>神经网络: \"入门\" #1</title>") == true)
        let page = try #require(book.file("output/getting-started.html"))
        #expect(page.contains("图 1"))
        #expect(page.contains("样本 3：4.0"))
        let check = try folio(["check", "--strict"], in: book.root)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    /// Each file of the template, and a `chapters/` with anything in it, stops `folio init`
    /// before it writes a byte.
    @Test(arguments: templateFiles + ["chapters/notes.md"])
    func refusesAFolderWhereABookIsStartedAndChangesNothing(existing: String) throws {
        let book = try TemporaryBook.empty()
        defer { book.remove() }
        try book.write(existing, "mine\n")
        let before = try snapshot(book.root)
        let run = try folio(["init"], in: book.root)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("error: this folder already holds a book, and folio init changed nothing: "))
        if existing.hasPrefix("chapters/") { #expect(run.stderr.contains("chapters/ is not empty")) }
        if templateFiles.contains(existing) { #expect(run.stderr.contains("\(existing) exists")) }
        #expect(try snapshot(book.root) == before)
    }

    @Test func namesConflictsByTheFolderAsGiven() throws {
        let parent = try TemporaryBook.empty()
        defer { parent.remove() }
        #expect(try folio(["init", "mybook/"], in: parent.root).status == 0)
        let before = try snapshot(parent.root)
        let run = try folio(["init", "mybook/"], in: parent.root)
        #expect(run.status == 1)
        #expect(run.stderr == "error: 'mybook' already holds a book, and folio init changed nothing: mybook/chapters/ is not empty, "
            + "mybook/chapters/book.yml exists, mybook/chapters/getting-started.md exists, mybook/.gitignore exists, "
            + "mybook/.github/workflows/folio.yml exists\n")
        #expect(try snapshot(parent.root) == before)
    }

    @Test func aFileWhereTheFolderShouldBeIsAnError() throws {
        let parent = try TemporaryBook.empty()
        defer { parent.remove() }
        try parent.write("notes", "mine\n")
        let run = try folio(["init", "notes"], in: parent.root)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("notes: error: not a folder"))
        #expect(parent.file("notes") == "mine\n")
    }

    /// A failure halfway (here `.github` is a file, so its folder cannot be made) undoes what was written.
    @Test func aFailedWriteUndoesTheFilesAndFoldersItMade() throws {
        let parent = try TemporaryBook.empty()
        defer { parent.remove() }
        try parent.write("mybook/.github", "mine\n")
        let before = try snapshot(parent.root)
        let run = try folio(["init", "mybook"], in: parent.root)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("mybook/.github: error: cannot create: "))
        #expect(run.stderr.hasSuffix("; folio init changed nothing\n"))
        #expect(try snapshot(parent.root) == before)
    }

    @Test(arguments: ["", "e", "en_US", "en-", "toolonglanguage", "en\"><script>", "中文"])
    func aLanguageThatIsNotATagIsAUsageError(lang: String) throws {
        let book = try TemporaryBook.empty()
        defer { book.remove() }
        let run = try folio(["init", "--lang", lang], in: book.root)
        #expect(run.status == 2)
        #expect(run.stderr.contains("is not a language tag"))
        #expect(book.files(in: ".").isEmpty)
    }

    @Test func languageTags() {
        for tag in ["en", "zh-CN", "zh-Hans-CN", "sr-Latn", "de-CH-1996", "no"] { #expect(BookTemplate.isLanguageTag(tag), "\(tag)") }
    }

    /// `no` is Norwegian, not YAML's false; quoting and escaping keep every title a string.
    @Test func yamlStringsAreQuotedAndEscaped() {
        #expect(BookTemplate.yamlString("no") == "\"no\"")
        #expect(BookTemplate.yamlString("a\\b \"c\"\n\t\u{7}") == "\"a\\\\b \\\"c\\\"\\n\\t\\u0007\"")
        #expect(BookTemplate.yamlString("神经网络") == "\"神经网络\"")
    }

    @Test func theWorkflowInstallsTheFolioThatStartedTheBookThenChecksStrictly() throws {
        let known = BookTemplate(title: "T", lang: "en",
                                 folio: FolioSource(version: "folio 0.1.0 (commit abc)", repository: "https://example.com/folio.git", revision: "abc"))
        let workflow = try #require(known.files.first { $0.path == ".github/workflows/folio.yml" }?.text)
        #expect(workflow.contains("\n  FOLIO_REPOSITORY: \"https://example.com/folio.git\"\n  FOLIO_REVISION: \"abc\"\n"))
        #expect(workflow.contains("# Started with folio 0.1.0 (commit abc)."))
        #expect(workflow.contains("container: swift:\(BookTemplate.swiftRelease)\n"))
        #expect(workflow.contains("apt-get install -y libcmark-dev"))
        #expect(workflow.contains("make -C /tmp/folio install PREFIX=/opt/folio\n"))
        #expect(workflow.hasSuffix("run: folio check --strict --format github\n"))

        let unknown = BookTemplate(title: "T", lang: "en", folio: FolioSource(version: "folio 0.1.0 (unknown commit)", repository: nil, revision: nil))
        let fallback = try #require(unknown.files.first { $0.path == ".github/workflows/folio.yml" }?.text)
        #expect(fallback.contains("FOLIO_REPOSITORY: \"\"   # set this to the git URL of Folio's repository"))
        #expect(fallback.contains("${FOLIO_REPOSITORY:?set FOLIO_REPOSITORY"))
        #expect(fallback.contains("CI takes Folio's default branch"))
    }

    @Test func versionSaysTheVersionAndTheCommitOrThatItIsUnknown() throws {
        let book = try TemporaryBook.empty()
        defer { book.remove() }
        let run = try folio(["--version"], in: book.root)
        #expect(run.status == 0)
        let pattern = #/folio \d+\.\d+\.\d+ \((unknown commit|commit [0-9a-f]{40}( with uncommitted changes)?)\)\n/#
        #expect(run.stdout.wholeMatch(of: pattern) != nil, "\(run.stdout)")
    }
}

