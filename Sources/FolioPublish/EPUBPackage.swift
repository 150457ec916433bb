import Foundation
import ZIPFoundation

/// The book as an EPUB 3 file, `book.epub`: one XHTML document per chapter with its MathML and
/// SVG inline as on the pages, a navigation document, the package document, Folio's stylesheet
/// and the images the chapters show.
///
/// What a page holds that an e-book cannot:
/// - **Links to files beside the pages** (a figure's data as CSV, anything that is not a
///   chapter): EPUB allows hyperlinks only to documents in its reading order, and a reading
///   system has nothing to open a CSV with. A download link (`<a download>`, which is what Folio
///   writes for figure data) is left out with its text, and a paragraph left empty goes too;
///   any other such link keeps its text, unlinked. The data stays in the web edition.
/// - **Links above the output folder** (`../../README.md`) keep their text, unlinked.
/// - **Images from the web** (`<img src="https://…">`): EPUB forbids remote images, so such an
///   image is replaced by its `alt` text.
/// - **Stepper figures** show their first step, as on paper (see `EPUBStylesheet`).
///
/// The same input gives the same bytes: entries in a fixed order (`mimetype` first and stored,
/// as EPUB requires; then the rest sorted by path and deflated), every entry dated `modified`,
/// and no clock or random number anywhere. The deflated bytes are zlib's, so another zlib
/// version may compress differently; the files inside stay the same.
public struct EPUBPackage: Sendable {
    /// The file the book build writes.
    public static let fileName = "book.epub"

    /// The book's unique identifier (`urn:uuid:…`); `nil` derives one from its title and
    /// language with `EPUBPackage.identifier(title:lang:)`.
    public var identifier: String?

    /// A package that names the book `identifier`, or one derived from the book.
    public init(identifier: String? = nil) {
        self.identifier = identifier
    }

    /// A stable identifier for a book: a name-based UUID (version 5, SHA-1, RFC 9562) in the URL
    /// namespace, of `folio:book:<lang>:<title>`. It names the publication, not one version of
    /// it — EPUB tells versions apart by `dcterms:modified` — so adding a chapter keeps it and a
    /// reading system sees an update of the same book; a new title makes a new book.
    public static func identifier(title: String, lang: String) -> String {
        "urn:uuid:" + NameBasedUUID.version5(namespace: NameBasedUUID.urlNamespace, name: "folio:book:\(lang):\(title)")
    }

    /// `book.epub` for `book`. `stylesheet` is Folio's CSS (`assets/folio.css`); `files` are the
    /// files beside the pages that chapters may show, by their path in the output folder (files
    /// no chapter refers to are left out, so passing every file there is fine); `modified` is
    /// the book's date, from its sources, for `dcterms:modified` and every entry of the archive.
    public func epub(for book: PublishedBook, stylesheet: [UInt8], files: [BookFile], modified: Date) throws(PublishError) -> [UInt8] {
        let chapters = try ChapterContent.chapters(of: book)
        let names = Self.documentNames(for: chapters.map(\.slug))
        let slugs = Set(chapters.map(\.slug))
        let available = Dictionary(files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { first, _ in first })

        var entries: [(path: String, bytes: [UInt8])] = []
        var manifest: [ManifestItem] = []
        var used: [String] = []
        for (index, chapter) in chapters.enumerated() {
            var document = ChapterDocument(chapter: chapter, documentNames: names, slugs: slugs, available: available)
            let xhtml = try document.xhtml(bookLang: book.lang, stylesheet: Self.stylesheetPath)
            let name = names[chapter.slug] ?? chapter.slug
            entries.append((Self.contentFolder + name, Array(xhtml.utf8)))
            var properties: [String] = []
            if document.hasMathML { properties.append("mathml") }
            if document.hasSVG { properties.append("svg") }
            manifest.append(ManifestItem(id: "chapter-\(index + 1)", href: name, mediaType: "application/xhtml+xml",
                                         properties: properties, inSpine: true))
            for path in document.files where !used.contains(path) { used.append(path) }
        }
        for (index, path) in used.sorted().enumerated() {
            guard let bytes = available[path] else { continue }
            entries.append((Self.contentFolder + path, bytes))
            manifest.append(ManifestItem(id: "file-\(index + 1)", href: Self.escapePath(path), mediaType: Self.mediaType(of: path),
                                         properties: [], inSpine: false))
        }
        entries.append((Self.contentFolder + Self.stylesheetPath, EPUBStylesheet.adapt(stylesheet)))
        manifest.append(ManifestItem(id: "stylesheet", href: Self.stylesheetPath, mediaType: "text/css", properties: [], inSpine: false))
        entries.append((Self.contentFolder + Self.navigationName, Array(navigation(book, chapters, names).utf8)))
        manifest.insert(ManifestItem(id: "nav", href: Self.navigationName, mediaType: "application/xhtml+xml",
                                     properties: ["nav"], inSpine: true), at: 0)
        entries.append((Self.contentFolder + "content.opf", Array(package(book, manifest, modified: modified).utf8)))
        entries.append(("META-INF/container.xml", Array(Self.container.utf8)))
        entries.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return try Self.zip([("mimetype", Array("application/epub+zip".utf8))] + entries, modified: modified)
    }

    // MARK: Names

    static let contentFolder = "EPUB/"
    static let navigationName = "nav.xhtml"
    static let stylesheetPath = "assets/folio.css"

    /// Each chapter's document: `<slug>.xhtml` where the slug is a plain file name, else
    /// `chapter-<n>.xhtml`, so that no file name needs escaping in a URL.
    static func documentNames(for slugs: [String]) -> [String: String] {
        var names: [String: String] = [:]
        var taken: Set<String> = [navigationName]
        for (index, slug) in slugs.enumerated() {
            let plain = slug.utf8.allSatisfy { $0.isASCIILetter || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
            var name = plain && !slug.isEmpty ? "\(slug).xhtml" : "chapter-\(index + 1).xhtml"
            var attempt = 1
            while taken.contains(name) {
                attempt += 1
                name = "chapter-\(index + 1)-\(attempt).xhtml"
            }
            taken.insert(name)
            names[slug] = name
        }
        return names
    }

    /// A file's path as a URL path: each segment percent-escaped where it needs to be.
    static func escapePath(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":")
        return path.split(separator: "/").map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? String($0) }
            .joined(separator: "/")
    }

    /// The media types of what a chapter may show, by extension.
    static func mediaType(of path: String) -> String {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "svg": return "image/svg+xml"
        case "webp": return "image/webp"
        case "mp3": return "audio/mpeg"
        case "m4a", "mp4a": return "audio/mp4"
        case "mp4", "m4v": return "video/mp4"
        case "webm": return "video/webm"
        case "css": return "text/css"
        case "woff": return "font/woff"
        case "woff2": return "font/woff2"
        case "otf": return "font/otf"
        case "ttf": return "font/ttf"
        default: return "application/octet-stream"
        }
    }

    // MARK: Documents

    private struct ManifestItem {
        var id: String
        var href: String
        var mediaType: String
        var properties: [String]
        var inSpine: Bool
    }

    static let container = """
        <?xml version="1.0" encoding="UTF-8"?>
        <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
        <rootfiles>
        <rootfile full-path="\(contentFolder)content.opf" media-type="application/oebps-package+xml"/>
        </rootfiles>
        </container>

        """

    private func package(_ book: PublishedBook, _ manifest: [ManifestItem], modified: Date) -> String {
        let identifier = identifier ?? Self.identifier(title: book.title, lang: book.lang)
        var opf = """
            <?xml version="1.0" encoding="UTF-8"?>
            <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="\(XMLText.attribute(book.lang))">
            <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:identifier id="book-id">\(XMLText.escape(identifier))</dc:identifier>
            <dc:title>\(XMLText.escape(book.title))</dc:title>
            <dc:language>\(XMLText.escape(book.lang))</dc:language>
            <meta property="dcterms:modified">\(Self.timestamp(modified))</meta>
            </metadata>
            <manifest>

            """
        for item in manifest {
            opf += "<item id=\"\(item.id)\" href=\"\(XMLText.attribute(item.href))\" media-type=\"\(item.mediaType)\""
            if !item.properties.isEmpty { opf += " properties=\"\(item.properties.joined(separator: " "))\"" }
            opf += "/>\n"
        }
        opf += "</manifest>\n<spine>\n"
        for item in manifest where item.inSpine { opf += "<itemref idref=\"\(item.id)\"/>\n" }
        opf += "</spine>\n</package>\n"
        return opf
    }

    /// `2026-11-30T18:05:32Z`: `dcterms:modified` as EPUB requires it, in UTC, whole seconds.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)))
    }

    /// The navigation document: the book's title, then its contents, chapters and their sections.
    private func navigation(_ book: PublishedBook, _ chapters: [ChapterContent], _ names: [String: String]) -> String {
        var nav = ChapterDocument.prologue(lang: book.lang, title: book.title, stylesheet: Self.stylesheetPath, xlink: false)
        // Laid out as Folio's index page is, whose styles these are.
        nav += "<body class=\"index\">\n<main>\n<h1>\(XMLText.escape(book.title))</h1>\n"
        nav += "<nav epub:type=\"toc\" id=\"toc\" class=\"book-contents\" aria-labelledby=\"toc-title\">"
        nav += "<h2 id=\"toc-title\">\(XMLText.escape(book.contentsTitle))</h2>\n<ol>\n"
        for chapter in chapters {
            let file = XMLText.attribute(names[chapter.slug] ?? chapter.slug)
            nav += "<li"
            if let lang = chapter.lang, lang != book.lang { nav += " lang=\"\(XMLText.attribute(lang))\" xml:lang=\"\(XMLText.attribute(lang))\"" }
            nav += "><a href=\"\(file)\">\(XMLText.escape(chapter.title))</a>"
            let sections = chapter.sections
            if !sections.isEmpty {
                nav += "<ol>"
                for section in sections {
                    nav += "<li><a href=\"\(file)#\(XMLText.attribute(section.id))\">\(XMLText.escape(section.title))</a></li>"
                }
                nav += "</ol>"
            }
            nav += "</li>\n"
        }
        nav += "</ol></nav>\n"
        if let first = chapters.first, let file = names[first.slug] {
            nav += "<nav epub:type=\"landmarks\" hidden=\"\"><ol>"
            nav += "<li><a epub:type=\"toc\" href=\"#toc\">\(XMLText.escape(book.contentsTitle))</a></li>"
            nav += "<li><a epub:type=\"bodymatter\" href=\"\(XMLText.attribute(file))\">\(XMLText.escape(first.title))</a></li>"
            nav += "</ol></nav>\n"
        }
        nav += "</main>\n</body>\n</html>\n"
        return nav
    }

    // MARK: The archive

    /// The archive of `entries` in the order given, every one dated `modified`.
    static func zip(_ entries: [(path: String, bytes: [UInt8])], modified: Date) throws(PublishError) -> [UInt8] {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for (index, entry) in entries.enumerated() {
                let data = Data(entry.bytes)
                // `mimetype` is stored, as EPUB requires, so a reader finds its bytes at offset 38.
                try archive.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(data.count),
                                     modificationDate: modified, permissions: 0o644,
                                     compressionMethod: index == 0 ? .none : .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw PublishError.archive(reason: "the archive kept no bytes") }
            return [UInt8](data)
        } catch let error as PublishError {
            throw error
        } catch {
            throw .archive(reason: "\(error)")
        }
    }
}
