/// A paper size for the print edition, set as CSS `@page { size }`.
public enum PaperSize: String, Sendable, CaseIterable {
    case a4 = "A4"
    case letter

    /// The size `name` stands for in `book.yml` (`a4`, `letter`, in any case); `nil` for others.
    public init?(named name: String) {
        switch name.lowercased() {
        case "a4": self = .a4
        case "letter": self = .letter
        default: return nil
        }
    }
}

/// The whole book on one page, `print.html`, for printing and for the PDF: a contents list,
/// then every chapter in book order, with no navigation.
///
/// Each chapter becomes a `<div id="<slug>">` and every id in it is prefixed with its slug
/// (`eq-x` in chapter `b` becomes `b--eq-x`), so ids stay unique on one page; links follow:
/// `#x` on chapter `b` → `#b--x`, `b.html#x` → `#b--x`, `b.html` → `#b`, `index.html` → the
/// contents. Numbers of equations, figures, tables and footnotes are in the pages already and
/// stay as they are. Links to other files (a figure's CSV, an image) keep their paths, which
/// hold since `print.html` sits beside the pages.
///
/// On paper a link cannot be followed, so a link out of the book (`http:`, `https:`) shows its
/// URL after its text, in print only, unless its text already is the URL. Chromium has no
/// footnotes for CSS (`float: footnote`), so the URL goes inline, in parentheses and smaller;
/// links within the book are not marked at all: their text already says "Equation 3" or
/// "Figure 2", and in the PDF they stay clickable.
public struct PrintEdition: Sendable {
    /// The file the book build writes, beside the pages.
    public static let fileName = "print.html"

    /// The paper the page asks for (`@page { size }`), which the PDF is printed on; `nil` leaves
    /// it to the printer.
    public var paper: PaperSize?
    /// Where the page finds Folio's stylesheet, as the chapter pages do.
    public var stylesheetPath: String

    /// A print edition on `paper`, styled by the stylesheet at `stylesheetPath`.
    public init(paper: PaperSize? = nil, stylesheetPath: String = "assets/folio.css") {
        self.paper = paper
        self.stylesheetPath = stylesheetPath
    }

    /// `print.html` for `book`: the same book gives the same bytes.
    public func html(for book: PublishedBook) throws(PublishError) -> String {
        let chapters = try ChapterContent.chapters(of: book)
        let slugs = Set(chapters.map(\.slug))
        var page = ""
        page.reserveCapacity(book.chapters.reduce(0) { $0 + $1.html.utf8.count } + 64 * 1024)
        page += "<!DOCTYPE html>\n<html lang=\"\(HTMLText.escapeAttribute(book.lang))\">\n<head>\n"
        page += "<meta charset=\"utf-8\">\n"
        page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        page += "<meta name=\"color-scheme\" content=\"light dark\">\n"
        page += "<meta name=\"generator\" content=\"Folio\">\n"
        page += "<title>\(HTMLText.escape(book.title))</title>\n"
        page += "<link rel=\"stylesheet\" href=\"\(HTMLText.escapeAttribute(stylesheetPath))\">\n"
        page += "<style>\n\(PrintStylesheet.css(paper: paper))</style>\n"
        page += "</head>\n<body class=\"print-edition\">\n<main id=\"content\">\n"
        page += "<h1 class=\"print-title\">\(HTMLText.escape(book.title))</h1>\n"
        writeContents(chapters, title: book.contentsTitle, bookLang: book.lang, into: &page)
        for chapter in chapters {
            // A <div>, not an <article>: each chapter's <h1> is a top-level heading of the page, as
            // the book's title is, which an <h1> inside sectioning content would not be.
            page += "<div class=\"print-chapter\" id=\"\(HTMLText.escapeAttribute(chapter.slug))\""
            if let lang = chapter.lang, lang != book.lang { page += " lang=\"\(HTMLText.escapeAttribute(lang))\"" }
            page += ">\n"
            write(chapter, slugs: slugs, into: &page)
            page += "</div>\n"
        }
        page += "</main>\n</body>\n</html>\n"
        return page
    }

    /// The id of the contents list, where links to the book's index lead.
    static let contentsID = "print-contents"

    /// The chapters, each with its second-level sections.
    private func writeContents(_ chapters: [ChapterContent], title: String, bookLang: String, into page: inout String) {
        page += "<nav class=\"print-contents\" id=\"\(Self.contentsID)\" aria-labelledby=\"\(Self.contentsID)-title\">"
        page += "<h2 id=\"\(Self.contentsID)-title\">\(HTMLText.escape(title))</h2><ol>"
        for chapter in chapters {
            page += "<li"
            if let lang = chapter.lang, lang != bookLang { page += " lang=\"\(HTMLText.escapeAttribute(lang))\"" }
            page += "><a href=\"#\(HTMLText.escapeAttribute(chapter.slug))\">\(HTMLText.escape(chapter.title))</a>"
            let sections = chapter.sections
            if !sections.isEmpty {
                page += "<ol>"
                for section in sections {
                    let target = HTMLText.escapeAttribute(Self.prefixed(section.id, in: chapter.slug))
                    page += "<li><a href=\"#\(target)\">\(HTMLText.escape(section.title))</a></li>"
                }
                page += "</ol>"
            }
            page += "</li>"
        }
        page += "</ol></nav>\n"
    }

    static func prefixed(_ id: String, in slug: String) -> String {
        "\(slug)--\(id)"
    }

    /// The chapter's markup with its ids prefixed and its links pointing into this page.
    private func write(_ chapter: ChapterContent, slugs: Set<String>, into page: inout String) {
        let slug = chapter.slug
        let rename = { (id: String) in Self.prefixed(id, in: slug) }
        let nodes = chapter.nodes
        // A chapter's reference list or footnotes are a landmark named "References" or
        // "Footnotes", as in every other chapter: on one page each is also named by its
        // chapter's heading, so that no two landmarks have the same name.
        let heading = nodes.lazy.compactMap { node -> String? in
            guard case .start(let element) = node, element.name == "h1", element.namespace == .html else { return nil }
            return element[attribute: "id"].map(rename)
        }.first
        for index in nodes.indices {
            switch nodes[index] {
            case .start(var element):
                rewrite(&element, at: index, in: nodes, slug: slug, slugs: slugs, rename: rename)
                if element.name == "section", element.namespace == .html, let heading, let labels = element[attribute: "aria-labelledby"] {
                    element[attribute: "aria-labelledby"] = labels + " " + heading
                }
                MarkupSerializer.html(.start(element), into: &page)
            case .empty(var element):
                rewrite(&element, at: index, in: nodes, slug: slug, slugs: slugs, rename: rename)
                MarkupSerializer.html(.empty(element), into: &page)
            case let node:
                MarkupSerializer.html(node, into: &page)
            }
        }
        if !page.hasSuffix("\n") { page += "\n" }
    }

    private func rewrite(_ element: inout MarkupElement, at index: Int, in nodes: [MarkupNode], slug: String,
                         slugs: Set<String>, rename: (String) -> String) {
        for position in element.attributes.indices {
            let attribute = element.attributes[position]
            guard let value = attribute.value else { continue }
            var rewritten = value
            switch attribute.name {
            case "id":
                rewritten = rename(value)
            case "name" where element.name == "input" || element.name == "a":
                // Radio groups (a stepper's steps) and old-style anchors are per page too.
                rewritten = rename(value)
            case _ where element.namespace == .html && IDReferences.single.contains(attribute.name):
                // HTML's `for` and `form`; MathML's `form` is a word (`prefix`), not an id.
                rewritten = rename(value)
            case _ where IDReferences.lists.contains(attribute.name) && (element.namespace == .html || attribute.name.hasPrefix("aria-")):
                rewritten = value.split(separator: " ").map { rename(String($0)) }.joined(separator: " ")
            case "href", "xlink:href":
                switch PageLink(value, chapters: slugs) {
                case .fragment(let id):
                    rewritten = id.isEmpty ? "#\(slug)" : "#" + rename(id)
                case .chapter(let target, let fragment):
                    rewritten = "#" + (fragment.map { Self.prefixed($0, in: target) } ?? target)
                case .index:
                    rewritten = "#\(Self.contentsID)"
                case .file, .external, .outside:
                    break
                }
            default:
                rewritten = IDReferences.renamingURLs(in: value, rename)
            }
            element.attributes[position].value = rewritten
        }
        // Every image is printed, so none may wait to load until scrolled to: a lazy one can be
        // missing from a PDF printed while it loads.
        if element.name == "img" { element[attribute: "loading"] = nil }
        // A URL printed after a link whose text already is that URL would say it twice.
        if element.name == "a", let href = element[attribute: "href"], href.hasPrefix("http:") || href.hasPrefix("https:") {
            let text = nodes.plainText(in: (index + 1)..<nodes.matchingEnd(of: index))
            if Self.bareURL(text) == Self.bareURL(href) { element[attribute: "data-print-url"] = "no" }
        }
    }

    /// A URL without its scheme and trailing slash, to compare a link's text with its target.
    private static func bareURL(_ url: String) -> Substring {
        var bare = Substring(url)
        for scheme in ["https://", "http://", "mailto:"] where bare.hasPrefix(scheme) {
            bare = bare.dropFirst(scheme.count)
        }
        while bare.hasSuffix("/") { bare = bare.dropLast() }
        return bare
    }
}

/// Writes nodes back as HTML or as XML.
enum MarkupSerializer {
    /// As HTML: text exactly as the page had it, void elements without a slash.
    static func html(_ node: MarkupNode, into output: inout String) {
        switch node {
        case .start(let element):
            openTag(element, into: &output)
            output += ">"
        case .empty(let element):
            openTag(element, into: &output)
            output += element.namespace == .html ? ">" : "/>"
        case .end(let name, _):
            output += "</\(name)>"
        case .text(let raw), .rawText(let raw):
            output += raw
        }
    }

    private static func openTag(_ element: MarkupElement, into output: inout String) {
        output += "<"
        output += element.name
        for attribute in element.attributes {
            output += " "
            output += attribute.name
            if let value = attribute.value {
                output += "=\""
                output += HTMLText.escapeAttribute(value)
                output += "\""
            }
        }
    }
}
