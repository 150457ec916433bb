/// One chapter as an EPUB content document: its article's markup as XHTML (XML, in HTML's
/// namespace, with SVG and MathML in theirs), links pointing at the other documents, and a record
/// of what the package must say about it.
struct ChapterDocument {
    let chapter: ChapterContent
    /// Each chapter's document name, by slug.
    let documentNames: [String: String]
    let slugs: Set<String>
    /// The files beside the pages that were passed in, by path.
    let available: [String: [UInt8]]

    /// Whether the document holds MathML or SVG, which the manifest must declare.
    private(set) var hasMathML = false
    private(set) var hasSVG = false
    /// The files it shows, in the order it shows them first.
    private(set) var files: [String] = []

    init(chapter: ChapterContent, documentNames: [String: String], slugs: Set<String>, available: [String: [UInt8]]) {
        self.chapter = chapter
        self.documentNames = documentNames
        self.slugs = slugs
        self.available = available
    }

    /// The whole document.
    mutating func xhtml(bookLang: String, stylesheet: String) throws(PublishError) -> String {
        let nodes = try packaged(chapter.nodes)
        let usesXLink = nodes.contains { node in
            switch node {
            case .start(let element), .empty(let element): element.attributes.contains { $0.name.hasPrefix("xlink:") }
            default: false
            }
        }
        var document = Self.prologue(lang: chapter.lang ?? bookLang, title: chapter.title, stylesheet: stylesheet, xlink: usesXLink)
        document.reserveCapacity(chapter.nodes.count * 24)
        document += "<body epub:type=\"bodymatter\">\n<article epub:type=\"chapter\">\n"
        for node in nodes { Self.write(node, into: &document) }
        if !document.hasSuffix("\n") { document += "\n" }
        document += "</article>\n</body>\n</html>\n"
        return document
    }

    /// Everything up to `<body>`: the XML declaration, `<html>` with its namespaces and
    /// language, and the head.
    static func prologue(lang: String, title: String, stylesheet: String, xlink: Bool) -> String {
        var prologue = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
        prologue += "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\""
        if xlink { prologue += " xmlns:xlink=\"http://www.w3.org/1999/xlink\"" }
        prologue += " lang=\"\(XMLText.attribute(lang))\" xml:lang=\"\(XMLText.attribute(lang))\">\n<head>\n"
        prologue += "<meta charset=\"utf-8\"/>\n<title>\(XMLText.escape(title))</title>\n"
        prologue += "<link rel=\"stylesheet\" href=\"\(XMLText.attribute(stylesheet))\"/>\n</head>\n"
        return prologue
    }

    // MARK: What changes in an e-book

    /// `nodes` with links pointing at documents in the package, and what the package cannot hold
    /// taken out (see `EPUBPackage`).
    private mutating func packaged(_ nodes: [MarkupNode]) throws(PublishError) -> [MarkupNode] {
        var result: [MarkupNode] = []
        result.reserveCapacity(nodes.count)
        /// Ends of links kept as their text, by index in `nodes`.
        var droppedEnds: Set<Int> = []
        /// The open paragraphs in `result`, and which of them lost a link.
        var openParagraphs: [Int] = []
        var emptied: Set<Int> = []
        var index = nodes.startIndex
        while index < nodes.endIndex {
            defer { index += 1 }
            switch nodes[index] {
            case .start(var element):
                switch try rewrite(&element) {
                case .keep:
                    if element.name == "p", element.namespace == .html { openParagraphs.append(result.count) }
                    result.append(.start(element))
                case .unwrap:
                    droppedEnds.insert(nodes.matchingEnd(of: index))
                case .drop:
                    if let paragraph = openParagraphs.last { emptied.insert(paragraph) }
                    index = nodes.matchingEnd(of: index)
                case .replace(let text):
                    result.append(.text(HTMLText.escape(text)))
                    index = nodes.matchingEnd(of: index)
                }
            case .empty(var element):
                switch try rewrite(&element) {
                case .keep: result.append(.empty(element))
                case .unwrap, .drop: break
                case .replace(let text): result.append(.text(HTMLText.escape(text)))
                }
            case .end(let name, let namespace):
                guard !droppedEnds.contains(index) else { continue }
                result.append(.end(name: name, namespace: namespace))
                if name == "p", namespace == .html, let paragraph = openParagraphs.popLast(), emptied.contains(paragraph),
                   result[(paragraph + 1)..<(result.count - 1)].allSatisfy(\.isWhiteSpace) {
                    result.removeSubrange(paragraph...)
                }
            case let node:
                result.append(node)
            }
        }
        return result
    }

    private enum Change {
        case keep
        /// The element goes, its content stays.
        case unwrap
        /// The element goes with its content.
        case drop
        /// The element and its content become this text.
        case replace(String)
    }

    private mutating func rewrite(_ element: inout MarkupElement) throws(PublishError) -> Change {
        if element.namespace == .svg, element.name == "svg" { hasSVG = true }
        if element.namespace == .mathML, element.name == "math" { hasMathML = true }
        element[attribute: "srcset"] = nil
        let isHyperlink = (element.name == "a" || element.name == "area")
        for name in ["href", "xlink:href"] {
            guard let value = element[attribute: name] else { continue }
            if isHyperlink {
                switch PageLink(value, chapters: slugs) {
                case .fragment, .external:
                    break
                case .chapter(let slug, let fragment):
                    element[attribute: name] = (documentNames[slug] ?? slug) + (fragment.map { "#" + $0 } ?? "")
                case .index:
                    element[attribute: name] = EPUBPackage.navigationName
                case .file:
                    return element.has("download") ? .drop : .unwrap
                case .outside:
                    return .unwrap
                }
            } else if let change = try source(value, of: element) {
                return change
            }
        }
        for name in ["src", "poster"] {
            guard let value = element[attribute: name] else { continue }
            if let change = try source(value, of: element) { return change }
        }
        return .keep
    }

    /// A file the element shows (`<img src>`, SVG's `<image href>`): carried in the package,
    /// or, from the web or from above the book, replaced by the element's `alt` text.
    private mutating func source(_ value: String, of element: MarkupElement) throws(PublishError) -> Change? {
        switch PageLink(value, chapters: slugs) {
        case .file(let path):
            guard available[path] != nil else { throw .missingFile(path: path, chapter: chapter.slug) }
            if !files.contains(path) { files.append(path) }
            return nil
        case .external, .outside:
            return .replace(element[attribute: "alt"] ?? "")
        case .fragment, .chapter, .index:
            return nil
        }
    }

    // MARK: XML

    static func write(_ node: MarkupNode, into output: inout String) {
        switch node {
        case .start(let element):
            openTag(element, into: &output)
            output += ">"
        case .empty(let element):
            openTag(element, into: &output)
            output += "/>"
        case .end(let name, _):
            output += "</\(name)>"
        case .text(let raw):
            output += XMLText.text(fromHTML: raw)
        case .rawText(let raw):
            output += XMLText.escape(raw)
        }
    }

    private static func openTag(_ element: MarkupElement, into output: inout String) {
        output += "<"
        output += element.name
        let declaresNamespace = element.namespace != .html && (element.name == "svg" || element.name == "math")
        if declaresNamespace { output += " xmlns=\"\(element.namespace.uri)\"" }
        for attribute in element.attributes where attribute.name != "xmlns" && XMLText.isAttributeName(attribute.name) {
            output += " "
            output += attribute.name
            output += "=\""
            output += XMLText.attribute(attribute.value ?? "")
            output += "\""
        }
    }
}

extension MarkupNode {
    /// Whether the node is text of nothing but white space.
    var isWhiteSpace: Bool {
        guard case .text(let text) = self else { return false }
        return text.utf8.allSatisfy(\.isHTMLSpace)
    }
}
