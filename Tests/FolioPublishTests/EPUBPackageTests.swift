import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import ZIPFoundation
@testable import FolioPublish

@Suite struct EPUBPackageTests {
    private let epub = try! EPUBPackage().epub(for: Fixtures.book, stylesheet: Fixtures.stylesheet, files: Fixtures.files,
                                               modified: Fixtures.date)

    private func entries() throws -> [String: [UInt8]] {
        let archive = try Archive(data: Data(epub), accessMode: .read)
        var entries: [String: [UInt8]] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            entries[entry.path] = [UInt8](data)
        }
        return entries
    }

    private func text(_ path: String) throws -> String {
        String(decoding: try #require(try entries()[path]), as: UTF8.self)
    }

    @Test func theSameBookGivesTheSameBytes() throws {
        let again = try EPUBPackage().epub(for: Fixtures.book, stylesheet: Fixtures.stylesheet, files: Fixtures.files,
                                           modified: Fixtures.date)
        #expect(again == epub)
        // In another time zone too: ZIP's DOS dates are written in UTC.
        setenv("TZ", "Asia/Shanghai", 1)
        tzset()
        defer { unsetenv("TZ"); tzset() }
        let elsewhere = try EPUBPackage().epub(for: Fixtures.book, stylesheet: Fixtures.stylesheet, files: Fixtures.files,
                                               modified: Fixtures.date)
        #expect(elsewhere == epub)
    }

    @Test func mimetypeComesFirstStoredAndTheRestSorted() throws {
        // The local header of the first entry: signature, …, method 0 at 8, name at 30, data at 38.
        #expect(Array(epub[0..<4]) == [0x50, 0x4b, 0x03, 0x04])
        #expect(epub[8] == 0 && epub[9] == 0)
        #expect(String(decoding: epub[30..<38], as: UTF8.self) == "mimetype")
        #expect(String(decoding: epub[38..<58], as: UTF8.self) == "application/epub+zip")
        let archive = try Archive(data: Data(epub), accessMode: .read)
        let paths = archive.map(\.path)
        #expect(paths.first == "mimetype")
        #expect(Array(paths.dropFirst()) == paths.dropFirst().sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(archive.allSatisfy { $0.fileAttributes[.modificationDate] as? Date == Fixtures.date })
        #expect(paths == [
            "mimetype", "EPUB/assets/folio.css", "EPUB/checking.xhtml", "EPUB/content.opf", "EPUB/figures.xhtml",
            "EPUB/introduction.xhtml", "EPUB/nav.xhtml", "EPUB/pipeline.svg", "EPUB/runtime.xhtml", "EPUB/softmax.xhtml",
            "EPUB/writing.xhtml", "META-INF/container.xml",
        ])
    }

    @Test func everyDocumentIsWellFormedXML() throws {
        for (path, bytes) in try entries() where path.hasSuffix(".xhtml") || path.hasSuffix(".opf") || path.hasSuffix(".xml") {
            let parser = XMLParser(data: Data(bytes))
            #expect(parser.parse(), "\(path): \(parser.parserError.map { "\($0)" } ?? "") at line \(parser.lineNumber)")
        }
    }

    @Test func thePackageNamesTheBookAndWhatEachDocumentHolds() throws {
        let opf = try text("EPUB/content.opf")
        #expect(opf.contains("<dc:identifier id=\"book-id\">urn:uuid:\(EPUBPackage.identifier(title: "Folio", lang: "en").dropFirst(9))</dc:identifier>"))
        #expect(opf.contains("<dc:title>Folio</dc:title>"))
        #expect(opf.contains("<dc:language>en</dc:language>"))
        #expect(opf.contains("<meta property=\"dcterms:modified\">2026-11-30T12:00:00Z</meta>"))
        #expect(opf.contains("<item id=\"chapter-6\" href=\"softmax.xhtml\" media-type=\"application/xhtml+xml\" properties=\"mathml svg\"/>"))
        #expect(opf.contains("<item id=\"chapter-5\" href=\"checking.xhtml\" media-type=\"application/xhtml+xml\"/>"))
        #expect(opf.contains("<item id=\"file-1\" href=\"pipeline.svg\" media-type=\"image/svg+xml\"/>"))
        #expect(opf.contains("<spine>\n<itemref idref=\"nav\"/>\n<itemref idref=\"chapter-1\"/>\n"))
    }

    @Test func theIdentifierIsANameBasedUUID() {
        // Python: uuid.uuid5(uuid.NAMESPACE_URL, "folio:book:en:Folio")
        #expect(EPUBPackage.identifier(title: "Folio", lang: "en") == "urn:uuid:\(folioUUID)")
        #expect(EPUBPackage(identifier: "urn:isbn:9780000000000").identifier == "urn:isbn:9780000000000")
    }

    @Test func linksPointAtTheChapterDocuments() throws {
        let writing = try text("EPUB/writing.xhtml")
        #expect(writing.contains("href=\"runtime.xhtml#number-formatting\""))
        #expect(writing.contains("href=\"figures.xhtml#numbered-figures\""))
        #expect(!writing.contains("href=\"runtime.html") && !writing.contains(".html#"))
        let nav = try text("EPUB/nav.xhtml")
        #expect(nav.contains("<nav epub:type=\"toc\" id=\"toc\""))
        #expect(nav.contains("<li lang=\"zh-CN\" xml:lang=\"zh-CN\"><a href=\"softmax.xhtml\">Softmax</a>"))
    }

    @Test func whatAnEbookCannotOpenIsLeftOutOrUnlinked() throws {
        let figures = try text("EPUB/figures.xhtml")
        #expect(!figures.contains(".csv"))
        #expect(!figures.contains("class=\"figure-data\"><a"))
        let introduction = try text("EPUB/introduction.xhtml")
        // `../../README.md` is above the book: its text stays, unlinked.
        #expect(introduction.contains("the project's\nREADME says what to install"))
        #expect(!introduction.contains("README.md"))
        #expect(introduction.contains("<img src=\"pipeline.svg\""))
    }

    @Test func aChapterKeepsItsLanguage() throws {
        #expect(try text("EPUB/softmax.xhtml").contains("lang=\"zh-CN\" xml:lang=\"zh-CN\""))
        #expect(try text("EPUB/writing.xhtml").contains("lang=\"en\" xml:lang=\"en\""))
    }

    @Test func theStylesheetLeavesOutWhatNeedsHasAndShowsAStepperStill() throws {
        let css = try text("EPUB/assets/folio.css")
        #expect(!css.contains(".stepper:has(") && !css.contains("@supports selector("))
        #expect(css.contains(".folio-chart .step:not(.step-1) { display: none; }"))
        #expect(css.hasSuffix(".stepper-controls { display: none; }\n"))
        let web = String(decoding: Fixtures.stylesheet, as: UTF8.self)
        #expect(css.hasPrefix(String(web[..<web.range(of: "@supports selector(")!.lowerBound])))
        #expect(css.contains("/* Math: MathML Core, typeset by the browser. */"))
    }

    @Test func anImageThatWasNotPassedInIsAnError() {
        #expect(throws: PublishError.missingFile(path: "pipeline.svg", chapter: "introduction")) {
            try EPUBPackage().epub(for: Fixtures.book, stylesheet: Fixtures.stylesheet, files: [], modified: Fixtures.date)
        }
    }

    /// epubcheck, Debian's package, when it is installed: no errors and no warnings.
    @Test(.enabled(if: EPUBCheck.jar != nil, "epubcheck is not installed (apt-get install epubcheck)"))
    func epubcheckFindsNothing() throws {
        let report = try EPUBCheck.run(on: epub)
        #expect(report.status == 0, "\(report.output)")
        #expect(report.output.contains("No errors or warnings detected"), "\(report.output)")
    }
}

private let folioUUID = "a6ecfac8-05f6-5147-8806-a71914c6171d"
