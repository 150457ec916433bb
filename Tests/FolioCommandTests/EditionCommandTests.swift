import FolioChecks
import Foundation
import Testing

/// `folio render --pdf` and `--epub`, run as the built binary on a copy of the print-book
/// fixture: the PDF needs Chromium and a page on the disk.
@Suite struct EditionCommandTests {
    /// `Tests/Fixtures/print-book` in a temporary folder.
    private func printBook() throws -> TemporaryBook {
        let folder = repositoryRoot + "/Tests/Fixtures/print-book/chapters"
        var chapters: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            chapters[name] = [UInt8](FileManager.default.contents(atPath: folder + "/" + name) ?? Data())
        }
        return try TemporaryBook(chapters)
    }

    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The first program `name` on `PATH`.
    private static func tool(_ name: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private static func output(of tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func aMissingChromiumIsAnErrorNamingWhereItLookedBeforeAnythingIsBuilt() throws {
        let book = try printBook()
        defer { book.remove() }
        let run = try folio(["render", "--pdf"], in: book.root, environment: ["CHROMIUM": "/nowhere/chromium"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("output/book.pdf: error: cannot print the PDF: no Chromium found (looked for /nowhere/chromium); install Debian's chromium or set CHROMIUM to its path"),
                "\(run.stderr)")
        #expect(book.files(in: "output").isEmpty)
    }

    @Test(.enabled(if: chromium != nil, "Chromium is not installed (apt-get install chromium)"), .timeLimit(.minutes(3)))
    func renderPrintsTheBookToPDFOnItsPaperWithAnOutlineAndWritesTheEPUB() throws {
        let book = try printBook()
        defer { book.remove() }
        let run = try folio(["render", "--pdf", "--epub"], in: book.root, environment: ["SOURCE_DATE_EPOCH": "1800000000"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(book.files(in: "output") == [
            ".folio-files.json", "assets/folio.css", "bibliography.html", "book.epub", "book.pdf", "first.html", "index.html",
            "picture.svg", "print.html", "second.html",
        ])
        let pdf = try #require(FileManager.default.contents(atPath: book.root + "/output/book.pdf"))
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(text.hasPrefix("%PDF-"))
        #expect(text.contains("/Outlines"))
        #expect(text.contains("/StructTreeRoot"))
        // 2027-01-15 08:00:00 UTC, from SOURCE_DATE_EPOCH.
        #expect(text.contains("/CreationDate (D:20270115080000+00'00')"))
        if let pdfinfo = Self.tool("pdfinfo") {
            let info = try Self.output(of: pdfinfo, [book.root + "/output/book.pdf"])
            #expect(info.contains("Tagged:          yes"), "\(info)")
            #expect(info.contains("612 x 792 pts (letter)"), "\(info)")
        }
        if let pdffonts = Self.tool("pdffonts") {
            let fonts = try Self.output(of: pdffonts, [book.root + "/output/book.pdf"]).split(separator: "\n").dropFirst(2)
            #expect(!fonts.isEmpty)
            for font in fonts { #expect(font.contains(" yes "), "\(font)") }
        }
        // Rendered again: the EPUB's bytes are the same; nothing is left half-written.
        let epub = FileManager.default.contents(atPath: book.root + "/output/book.epub")
        #expect(try folio(["render", "--epub"], in: book.root, environment: ["SOURCE_DATE_EPOCH": "1800000000"]).status == 0)
        #expect(FileManager.default.contents(atPath: book.root + "/output/book.epub") == epub)
        #expect(book.files(in: "output").count == 10)
    }
}
