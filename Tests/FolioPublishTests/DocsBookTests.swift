import Foundation
import Testing
import ZIPFoundation
@testable import FolioPublish

/// The documentation book's pages as Folio writes them now (`docs/output`, which `folio check`
/// in `make test` keeps equal to a fresh render): footnotes with backlinks, tables, callouts,
/// numbered figures, rows of equations with `\eqref`, citations with a reference list per
/// chapter and the bibliography page — through the print edition and the EPUB.
enum DocsBook {
    static let output = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/output")

    /// The book's order (`docs/chapters/book.yml`), then its bibliography page.
    static let slugs = ["introduction", "writing", "markdown", "runtime", "figures", "checking", "citations", "bibliography"]

    static func bytes(_ path: String) -> [UInt8] {
        [UInt8](FileManager.default.contents(atPath: output.appendingPathComponent(path).path) ?? Data())
    }

    static var book: PublishedBook {
        let pages = slugs.map { slug in
            let html = String(decoding: bytes("\(slug).html"), as: UTF8.self)
            // The page's <title> is "Chapter · Book".
            let title = html.range(of: "<title>").flatMap { start in
                html[start.upperBound...].range(of: " · ").map { String(html[start.upperBound..<$0.lowerBound]) }
            } ?? slug
            return ChapterPage(slug: slug, title: title, html: html)
        }
        return PublishedBook(title: "Folio", lang: "en", contentsTitle: "Contents", chapters: pages)
    }

    static var files: [BookFile] { [BookFile(path: "pipeline.svg", bytes: bytes("pipeline.svg"))] }

    /// Every value of the attribute `name` in `markup`, in order.
    static func values(of name: String, in markup: String) -> [String] {
        var values: [String] = []
        var rest = Substring(markup)
        let marker = " \(name)=\""
        while let start = rest.range(of: marker) {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            values.append(String(rest[..<end]))
            rest = rest[end...]
        }
        return values
    }
}

@Suite struct DocsBookTests {
    @Test func theDocsBookIsThere() {
        #expect(DocsBook.slugs.allSatisfy { !DocsBook.bytes("\($0).html").isEmpty }, "render docs/ first")
    }

    @Test func printEditionHasEachIdOnceAndEveryLinkWithinTheBookIsAnAnchorOnThePage() throws {
        let page = try PrintEdition(paper: .a4).html(for: DocsBook.book)
        let ids = DocsBook.values(of: "id", in: page)
        let duplicates = Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        #expect(duplicates.isEmpty, "ids twice: \(duplicates)")
        let known = Set(ids)
        var anchors = 0
        for href in DocsBook.values(of: "href", in: page) {
            if href.hasPrefix("#") {
                anchors += 1
                #expect(known.contains(String(href.dropFirst())), "no id for \(href)")
            } else {
                // What stays a link to another file: the stylesheet, the web, mail, a figure's
                // data (CSV beside the pages) and a file above the book.
                let leaves = href.contains(":") || href.hasSuffix(".csv") || href.hasPrefix("../") || href == "assets/folio.css"
                #expect(leaves, "\(href) should have become an anchor")
            }
        }
        #expect(anchors > 100)
        // Footnotes and their backlinks.
        #expect(page.contains("<a id=\"markdown--fnref-1\" href=\"#markdown--fn-1\" role=\"doc-noteref\">"))
        #expect(page.contains("href=\"#markdown--fnref-1\" role=\"doc-backlink\""))
        // Rows of an equation, by \eqref, with their numbers as on the page.
        #expect(page.contains("<mtr id=\"writing--bp1\">"))
        #expect(page.contains("<a class=\"reference\" href=\"#writing--bp1\">"))
        // Tables, figures, sections by reference; citations to the chapter's reference list; the
        // bibliography page in the book, reached from the chapter that links to it.
        #expect(page.contains("href=\"#markdown--tbl-logistic\""))
        #expect(page.contains("href=\"#markdown--fig-pipeline\""))
        #expect(page.contains("href=\"#markdown--sec-tables\""))
        #expect(page.contains("href=\"#citations--ref-lecun2015\""))
        #expect(known.contains("bibliography--ref-lecun2015"))
        #expect(page.contains("href=\"#bibliography\""))
        // A chapter's reference list is named by its chapter too: no two landmarks share a name.
        #expect(page.contains("<section class=\"references\" role=\"doc-bibliography\" aria-labelledby=\"citations--references-title citations--citations\">"))
        #expect(page.contains("aria-labelledby=\"markdown--footnotes-title markdown--sec-textbook-markdown\""))
        // Callouts keep their markup.
        #expect(page.components(separatedBy: "class=\"callout callout-").count - 1 == 5)
    }

    @Test func theEPUBLinksOnlyToWhatItHoldsAndIsTheSameEachTime() throws {
        let epub = try EPUBPackage().epub(for: DocsBook.book, stylesheet: DocsBook.bytes("assets/folio.css"), files: DocsBook.files,
                                          modified: Fixtures.date)
        #expect(try EPUBPackage().epub(for: DocsBook.book, stylesheet: DocsBook.bytes("assets/folio.css"), files: DocsBook.files,
                                       modified: Fixtures.date) == epub)
        let archive = try Archive(data: Data(epub), accessMode: .read)
        var documents: [String: String] = [:]
        for entry in archive where entry.path.hasSuffix(".xhtml") {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            documents[String(entry.path.dropFirst("EPUB/".count))] = String(decoding: data, as: UTF8.self)
        }
        #expect(documents.keys.sorted() == (DocsBook.slugs.map { "\($0).xhtml" } + ["nav.xhtml"]).sorted())
        let ids = documents.mapValues { Set(DocsBook.values(of: "id", in: $0)) }
        for (name, document) in documents.sorted(by: { $0.key < $1.key }) {
            for href in DocsBook.values(of: "href", in: document) where !href.contains(":") && href != "assets/folio.css" {
                let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let target = parts[0].isEmpty ? name : parts[0]
                #expect(documents[target] != nil, "\(name): \(href) leads out of the book")
                if parts.count == 2 { #expect(ids[target]?.contains(parts[1]) == true, "\(name): no id for \(href)") }
            }
        }
        #expect(documents["markdown.xhtml"]?.contains("href=\"#fn-1\"") == true)
        #expect(documents["citations.xhtml"]?.contains("href=\"bibliography.xhtml\"") == true)
    }

    @Test func theEPUBsStylesheetLeavesOutWhatEpubcheckCannotParse() {
        let css = "/* a; b :has() */\n.t:has(> caption) { x: 1; }\n.u { y: 2; }\n@media print {\n  .v:has(p) { z: 3; }\n  img:not([src$=\".svg\" i]) { w: 4; }\n}\n"
        let adapted = String(decoding: EPUBStylesheet.adapt(Array(css.utf8)), as: UTF8.self)
        #expect(adapted.hasPrefix("/* a; b :has() */\n.u { y: 2; }\n@media print {\n  img:not([src$=\".svg\"]) { w: 4; }\n}\n"), "\(adapted)")
    }

    @Test(.enabled(if: EPUBCheck.jar != nil, "epubcheck is not installed (apt-get install epubcheck)"))
    func epubcheckFindsNothingInTheDocsBook() throws {
        let epub = try EPUBPackage().epub(for: DocsBook.book, stylesheet: DocsBook.bytes("assets/folio.css"), files: DocsBook.files,
                                          modified: Fixtures.date)
        let report = try EPUBCheck.run(on: epub)
        #expect(report.status == 0, "\(report.output)")
        #expect(report.output.contains("No errors or warnings detected"), "\(report.output)")
    }
}
