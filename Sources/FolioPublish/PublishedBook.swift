/// A book as the print edition and the EPUB take it: its title, language and the word for
/// "Contents" in that language, and its chapters' pages in book order, as Folio wrote them.
public struct PublishedBook: Sendable {
    public var title: String
    /// A BCP 47 tag (`en`, `zh-CN`), the book's; a chapter whose page says otherwise keeps its own.
    public var lang: String
    /// The heading of the contents list ("Contents", "目录"): FolioRender's vocabulary, in the
    /// book's language.
    public var contentsTitle: String
    public var chapters: [ChapterPage]

    /// A book of `chapters`, in the order the book lists them.
    public init(title: String, lang: String, contentsTitle: String, chapters: [ChapterPage]) {
        self.title = title
        self.lang = lang
        self.contentsTitle = contentsTitle
        self.chapters = chapters
    }
}

/// One chapter: its slug (the page is `<slug>.html`), its title as the book lists it, and its
/// page exactly as Folio wrote it — whether rendered now or kept from an earlier render.
public struct ChapterPage: Sendable {
    public var slug: String
    public var title: String
    public var html: String

    /// The chapter whose page `html` is `<slug>.html`.
    public init(slug: String, title: String, html: String) {
        self.slug = slug
        self.title = title
        self.html = html
    }
}

/// A file beside the pages that a chapter may refer to, such as an image: its path relative to
/// the output folder (`pipeline.svg`, `images/net.png`) and its bytes.
public struct BookFile: Sendable, Equatable {
    public var path: String
    public var bytes: [UInt8]

    /// The file at `path`, relative to the output folder.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// What went wrong making the print edition or the EPUB: always a page or file the caller gave.
public enum PublishError: Error, Equatable, CustomStringConvertible {
    /// The page has no `<main id="content">`: it is not a page Folio wrote.
    case notAChapterPage(slug: String)
    /// Two chapters have the same slug, so links to one would reach the other.
    case duplicateSlug(String)
    /// A chapter shows a file (`<img src>`) that was not among the files passed in.
    case missingFile(path: String, chapter: String)
    /// ZIPFoundation could not build the archive.
    case archive(reason: String)

    public var description: String {
        switch self {
        case .notAChapterPage(let slug):
            "\(slug).html is not a chapter page Folio wrote: it has no <main id=\"content\">"
        case .duplicateSlug(let slug):
            "two chapters are both named '\(slug)'"
        case .missingFile(let path, let chapter):
            "\(chapter).html shows \(path), which is not in the output folder"
        case .archive(let reason):
            "cannot build the EPUB archive: \(reason)"
        }
    }
}

/// A chapter page taken apart: the body of its article as nodes, and its language.
struct ChapterContent {
    var slug: String
    var title: String
    var lang: String?
    var nodes: [MarkupNode]

    /// Every chapter of `book`, in order; two with one slug are an error.
    static func chapters(of book: PublishedBook) throws(PublishError) -> [ChapterContent] {
        var seen: Set<String> = []
        var chapters: [ChapterContent] = []
        for page in book.chapters {
            guard seen.insert(page.slug).inserted else { throw .duplicateSlug(page.slug) }
            chapters.append(try ChapterContent(page))
        }
        return chapters
    }

    /// Reads the article out of a page `PageRenderer` wrote. Its layout is fixed: one
    /// `<main id="content">`, whose first child is the `<article>` and after which come only the
    /// pager, the footer and the end of the page. So the article runs from the first `<article>`
    /// after that `<main>` to the last `</article>` in the page, whatever raw HTML the chapter
    /// holds. A page for a chapter that never built has no article: its `<main>` is taken, less
    /// the pager, so that the book still shows which chapter is missing and why.
    init(_ page: ChapterPage) throws(PublishError) {
        let bytes = Array(page.html.utf8)
        guard let main = bytes.firstIndex(of: "<main id=\"content\">".utf8),
              let mainEnd = bytes.lastIndex(of: "</main>".utf8), main < mainEnd
        else { throw .notAChapterPage(slug: page.slug) }
        var body = (main + "<main id=\"content\">".utf8.count)..<mainEnd
        let article = "\n<article>".utf8
        if bytes[body].starts(with: article), let close = bytes[body].lastIndex(of: "</article>".utf8) {
            body = (body.lowerBound + article.count)..<close
            if body.lowerBound < body.upperBound, bytes[body.lowerBound] == UInt8(ascii: "\n") { body = (body.lowerBound + 1)..<body.upperBound }
        } else if let pager = bytes[body].lastIndex(of: "<nav class=\"pager\"".utf8) {
            body = body.lowerBound..<pager
        }
        slug = page.slug
        title = page.title
        lang = Self.lang(of: bytes[..<main])
        nodes = MarkupParser.parse(bytes[body])
    }

    /// The `lang` of the page's `<html>` element.
    private static func lang(of head: ArraySlice<UInt8>) -> String? {
        let marker = "<html lang=\"".utf8
        guard let tag = head.firstIndex(of: marker) else { return nil }
        let start = tag + marker.count
        guard let quote = head[start...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        let value = CharacterReferences.decode(String(decoding: head[start..<quote], as: UTF8.self))
        return value.isEmpty ? nil : value
    }

    /// The second-level headings that have an id, with their text, for contents lists.
    var sections: [(id: String, title: String)] {
        var found: [(String, String)] = []
        var index = nodes.startIndex
        while index < nodes.endIndex {
            if case .start(let element) = nodes[index], element.name == "h2", element.namespace == .html,
               let id = element[attribute: "id"] {
                let end = nodes.matchingEnd(of: index)
                found.append((id, nodes.plainText(in: (index + 1)..<end)))
                index = end
            }
            index += 1
        }
        return found
    }
}

extension [MarkupNode] {
    /// The index of the `.end` that closes the `.start` at `index`.
    func matchingEnd(of index: Int) -> Int {
        var depth = 0
        var cursor = index
        while cursor < endIndex {
            switch self[cursor] {
            case .start: depth += 1
            case .end:
                depth -= 1
                if depth == 0 { return cursor }
            default: break
            }
            cursor += 1
        }
        return endIndex - 1
    }

    /// The text a reader sees in `range`, white space collapsed: a formula's TeX annotation,
    /// which only a screen reader or a copy would show, is left out.
    func plainText(in range: Range<Int>) -> String {
        var text = ""
        var hidden = 0
        for node in self[range] {
            switch node {
            case .start(let element) where element.name == "annotation" || element.name == "annotation-xml":
                hidden += 1
            case .end(let name, _) where name == "annotation" || name == "annotation-xml":
                hidden -= 1
            case .text(let raw) where hidden == 0:
                text += CharacterReferences.decode(raw)
            default:
                break
            }
        }
        return text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }
}
