import FolioMath
import FolioModel

/// Renders chapters and the book's index as complete HTML pages: MathML for math, no JavaScript.
public struct PageRenderer: Sendable {
    /// Where pages find the shared stylesheet, relative to the page.
    public static let stylesheetPath = "assets/folio.css"

    let outline: BookOutline
    let converter = MathConverter()

    public init(outline: BookOutline) {
        self.outline = outline
    }

    /// The chapter's page, and the problems found in its math. `highlightedCode` holds cells'
    /// code already highlighted (by `SwiftHighlighter`), by its text, as a cache hands it back.
    public func render(_ chapter: Chapter, highlightedCode: [String: String] = [:]) -> RenderedPage {
        var body = BodyRenderer(chapter: chapter, lang: language(of: chapter), converter: converter, macros: outline.macros,
                                highlightedCode: highlightedCode,
                                showsCheckBadges: outline.showsCheckBadges)
        let vocabulary = Vocabulary(lang: language(of: chapter))
        let hasTitleHeading = chapter.blocks.contains { if case .heading(let heading) = $0 { heading.level == 1 } else { false } }
        var writer = HTMLWriter()
        writeHead(&writer, title: chapter.title == outline.title ? chapter.title : "\(chapter.title) · \(outline.title)",
                  lang: language(of: chapter))
        writer.element("body") { writer in
            writer.newline()
            writeBanner(&writer, vocabulary: vocabulary)
            writer.element("div", ["class": "layout"]) { writer in
                writer.newline()
                let headings = chapter.headings.filter { $0.level >= 2 && $0.level <= 3 }
                let listsBook = outline.chapters.count > 1
                if !headings.isEmpty || listsBook {
                    writer.element("div", ["class": "toc"]) { writer in
                        if listsBook {
                            writer.element("nav", ["class": "book-nav", "aria-labelledby": "book-nav-title"]) { writer in
                                writer.element("h2", ["id": "book-nav-title"], text: vocabulary.contents)
                                writeBookContents(&writer, current: chapter.slug)
                            }
                        }
                        if !headings.isEmpty {
                            writer.element("nav", ["aria-labelledby": "toc-title"]) { writer in
                                writer.element("h2", ["id": "toc-title"], text: vocabulary.chapterContents)
                                writeTableOfContents(&writer, headings)
                            }
                        }
                    }
                    writer.newline()
                }
                writer.element("main", ["id": "content"]) { writer in
                    writer.newline()
                    writer.element("article") { writer in
                        writer.newline()
                        if !hasTitleHeading {
                            writer.element("h1", text: chapter.title)
                            writer.newline()
                        }
                        body.blocks(chapter.blocks, into: &writer)
                        body.references(into: &writer)
                        body.endnotes(into: &writer)
                    }
                    writer.newline()
                    writePager(&writer, current: chapter.slug, vocabulary: vocabulary)
                }
                writer.newline()
            }
            writer.newline()
            writeFooter(&writer, vocabulary: vocabulary)
        }
        writer.trusted("\n</html>\n")
        return RenderedPage(html: writer.output, attachments: body.attachments, diagnostics: body.diagnostics)
    }

    /// The slug of the book's bibliography page (`bibliography-page: true`).
    public static let bibliographySlug = "bibliography"

    /// The title of the bibliography page in the book's language.
    public static func bibliographyTitle(lang: String) -> String { Vocabulary(lang: lang).bibliography }

    /// The heading of a list of the book's chapters ("Contents", "目录") in the book's language:
    /// the index page's, and the print edition's and the e-book's.
    public static func contentsTitle(lang: String) -> String { Vocabulary(lang: lang).contents }

    /// The book's bibliography page: every work cited in the book, in the style's order, as a
    /// page of the book after its chapters.
    public func renderBibliography(_ entries: [BibliographyEntry]) -> String {
        let vocabulary = Vocabulary(lang: outline.lang)
        var page = Chapter(path: "\(Self.bibliographySlug).md", slug: Self.bibliographySlug,
                           frontMatter: FrontMatter(title: vocabulary.bibliography), blocks: [])
        page.bibliography = entries
        return render(page).html
    }

    /// The book's front page: its title and the list of its chapters.
    public func renderIndex() -> String {
        let vocabulary = Vocabulary(lang: outline.lang)
        var writer = HTMLWriter()
        writeHead(&writer, title: outline.title, lang: outline.lang)
        writer.element("body", ["class": "index"]) { writer in
            writer.newline()
            writeBanner(&writer, vocabulary: vocabulary)
            writer.element("main", ["id": "content"]) { writer in
                writer.newline()
                writer.element("h1", text: outline.title)
                writer.newline()
                writer.element("nav", ["class": "book-contents", "aria-labelledby": "book-contents-title"]) { writer in
                    writer.element("h2", ["id": "book-contents-title"], text: vocabulary.contents)
                    writer.element("ol") { writer in
                        for entry in outline.chapters {
                            writer.element("li") { writer in
                                writer.element("a", ["href": PageLink.page(entry.slug)], text: entry.title)
                            }
                        }
                    }
                }
                writer.newline()
            }
            writer.newline()
            writeFooter(&writer, vocabulary: vocabulary)
        }
        writer.trusted("\n</html>\n")
        return writer.output
    }

    /// A page for a chapter that has never built: it says so and lists the errors, each at its
    /// place, so that the links every other page has to it are never broken. It is replaced by
    /// the chapter's page as soon as the chapter builds; a chapter that built once keeps its last
    /// good page instead.
    public func renderFailure(_ chapter: Chapter, errors: [Diagnostic]) -> String {
        let vocabulary = Vocabulary(lang: language(of: chapter))
        var writer = HTMLWriter()
        writeHead(&writer, title: "\(chapter.title) · \(outline.title)", lang: language(of: chapter), failed: true)
        writer.element("body") { writer in
            writer.newline()
            writeBanner(&writer, vocabulary: vocabulary)
            writer.element("main", ["id": "content"]) { writer in
                writer.newline()
                writer.element("h1", text: chapter.title)
                writer.newline()
                writer.element("p", text: vocabulary.notBuilt)
                writer.newline()
                writer.element("ul", ["class": "build-errors"]) { writer in
                    for error in errors {
                        writer.element("li") { writer in
                            writer.element("code", text: error.summary)
                        }
                    }
                }
                writer.newline()
                writePager(&writer, current: chapter.slug, vocabulary: vocabulary)
            }
            writer.newline()
            writeFooter(&writer, vocabulary: vocabulary)
        }
        writer.trusted("\n</html>\n")
        return writer.output
    }

    /// The chapter's language: its own, else the book's.
    func language(of chapter: Chapter) -> String {
        chapter.frontMatter.lang ?? outline.lang
    }

    /// Whether `page` is one `renderFailure` wrote, which a later render may replace.
    public static func isFailurePage(_ page: [UInt8]) -> Bool {
        String(decoding: page.prefix(600), as: UTF8.self).contains(failureMarker)
    }

    private static let failureMarker = "<meta name=\"robots\" content=\"noindex\" data-folio=\"not-built\">"

    private func writeHead(_ writer: inout HTMLWriter, title: String, lang: String, failed: Bool = false) {
        writer.trusted("<!DOCTYPE html>\n")
        writer.open("html", ["lang": lang])
        writer.newline()
        writer.element("head") { writer in
            writer.newline()
            writer.trusted("<meta charset=\"utf-8\">\n")
            writer.trusted("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            writer.trusted("<meta name=\"color-scheme\" content=\"light dark\">\n")
            writer.trusted("<meta name=\"generator\" content=\"Folio\">\n")
            if failed { writer.trusted(Self.failureMarker + "\n") }
            writer.element("title", text: title)
            writer.newline()
            writer.open("link", ["rel": "stylesheet", "href": Self.stylesheetPath])
            writer.newline()
        }
        writer.newline()
    }

    private func writeBanner(_ writer: inout HTMLWriter, vocabulary: Vocabulary) {
        writer.element("a", ["class": "skip-link", "href": "#content"], text: vocabulary.skipToContent)
        writer.newline()
        writer.element("header", ["class": "book-header"]) { writer in
            writer.element("a", ["class": "book-title", "href": "index.html"], text: outline.title)
        }
        writer.newline()
    }

    private func writeFooter(_ writer: inout HTMLWriter, vocabulary: Vocabulary) {
        writer.element("footer", ["class": "book-footer"]) { writer in
            writer.element("p", text: vocabulary.generatedBy)
        }
        writer.newline()
    }

    /// The book's chapters, the current one marked.
    private func writeBookContents(_ writer: inout HTMLWriter, current: String) {
        writer.element("ol") { writer in
            for entry in outline.chapters {
                writer.element("li") { writer in
                    writer.element("a", ["href": PageLink.page(entry.slug), "aria-current": entry.slug == current ? "page" : nil],
                                   text: entry.title)
                }
            }
        }
    }

    /// Links to the chapters before and after this one in the book, if there are any.
    private func writePager(_ writer: inout HTMLWriter, current: String, vocabulary: Vocabulary) {
        guard let index = outline.chapters.firstIndex(where: { $0.slug == current }) else { return }
        let previous = index > 0 ? outline.chapters[index - 1] : nil
        let next = index + 1 < outline.chapters.count ? outline.chapters[index + 1] : nil
        guard previous != nil || next != nil else { return }
        writer.element("nav", ["class": "pager", "aria-label": vocabulary.pager]) { writer in
            for (entry, rel, label) in [(previous, "prev", vocabulary.previousChapter), (next, "next", vocabulary.nextChapter)] {
                guard let entry else { continue }
                writer.element("a", ["class": "pager-\(rel)", "rel": rel, "href": PageLink.page(entry.slug)]) { writer in
                    writer.element("span", ["class": "pager-label"], text: label)
                    writer.element("span", ["class": "pager-title"], text: entry.title)
                }
            }
        }
        writer.newline()
    }

    /// A heading's text as the contents list it: without the numbers of its footnotes, which,
    /// glued to the text, would read as part of it.
    private func contentsText(_ heading: Heading) -> String {
        heading.content.map { $0.mapInlines { if case .footnoteReference = $0 { .text("") } else { $0 } } }.plainText
    }

    /// Nested lists of links to the chapter's second- and third-level headings.
    private func writeTableOfContents(_ writer: inout HTMLWriter, _ headings: [Heading]) {
        writer.open("ol")
        var openSublist = false
        for (index, heading) in headings.enumerated() {
            if heading.level == 3, !openSublist, index > 0 {
                // Continue inside the previous item, which is still open.
                writer.open("ol")
                openSublist = true
            } else if heading.level == 2, openSublist {
                writer.trusted("</li></ol></li>")
                openSublist = false
            } else if index > 0 {
                writer.close("li")
            }
            writer.open("li")
            writer.element("a", ["href": "#" + PageLink.encode(heading.id)]) { writer in
                BodyRenderer.sectionNumber(of: heading, into: &writer)
                writer.text(contentsText(heading))
            }
        }
        if !headings.isEmpty { writer.close("li") }
        if openSublist { writer.trusted("</ol></li>") }
        writer.close("ol")
    }
}

/// One rendered page, the files it links to that are made with it, and the diagnostics
/// rendering found.
public struct RenderedPage: Sendable {
    public var html: String
    public var attachments: [OutputFile]
    public var diagnostics: [Diagnostic]
}

/// One file of the book's output — a page, the stylesheet, a copied image, a file written beside
/// a page and linked from it (a figure's data as CSV) — by its path relative to the output
/// folder, and its bytes.
public struct OutputFile: Sendable, Equatable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

extension Chapter {
    /// Every heading, in document order, nested ones included.
    var headings: [Heading] {
        var result: [Heading] = []
        blocks.forEachLeaf { block in
            if case .heading(let heading) = block { result.append(heading) }
        }
        return result
    }
}
