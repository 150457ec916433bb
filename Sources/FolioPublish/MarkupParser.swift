/// Reads an HTML fragment — the body of a chapter page — into balanced `MarkupNode`s.
///
/// Folio's own markup is regular (`HTMLWriter` closes every element it opens), but a chapter may
/// hold raw HTML its author wrote, so this follows HTML's rules where a page could depend on them:
/// void elements, elements left open (`<p>` closed by the next block, `<li>` by the next item),
/// end tags without a start, raw text in `<script>` and `<style>`, SVG and MathML inside HTML with
/// their names' case, comments dropped. It is not the whole HTML5 tree builder: it never moves
/// content (no foster parenting, no adoption agency), it only closes what is open, which is all
/// that well-formed XML and one page holding many chapters need. Every element it opens it
/// closes, by the end of the fragment at the latest, so one chapter's markup cannot spill into
/// the next.
struct MarkupParser {
    private let bytes: ArraySlice<UInt8>
    private var position: Int
    private var nodes: [MarkupNode] = []
    private var open: [(name: String, namespace: MarkupNamespace)] = []

    /// The nodes of `html`, balanced.
    static func parse(_ html: String) -> [MarkupNode] {
        parse(Array(html.utf8)[...])
    }

    /// The nodes of the UTF-8 markup in `bytes`, balanced.
    static func parse(_ bytes: ArraySlice<UInt8>) -> [MarkupNode] {
        var parser = MarkupParser(bytes: bytes)
        parser.run()
        return parser.nodes
    }

    private init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        position = bytes.startIndex
        nodes.reserveCapacity(bytes.count / 16)
    }

    private mutating func run() {
        var textStart = bytes.startIndex
        while position < bytes.endIndex {
            guard bytes[position] == UInt8(ascii: "<"), position + 1 < bytes.endIndex else {
                position += 1
                continue
            }
            let next = bytes[position + 1]
            let tagStart = position
            if next.isASCIILetter {
                flushText(from: textStart, to: tagStart)
                startTag()
            } else if next == UInt8(ascii: "/") {
                flushText(from: textStart, to: tagStart)
                endTag()
            } else if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                flushText(from: textStart, to: tagStart)
                markupDeclaration()
            } else {
                // `a < b`: a literal less-than sign, part of the text.
                position += 1
                continue
            }
            textStart = position
        }
        flushText(from: textStart, to: bytes.endIndex)
        while !open.isEmpty { pop() }
    }

    // MARK: Tokens

    private mutating func flushText(from start: Int, to end: Int) {
        guard start < end else { return }
        nodes.append(.text(String(decoding: bytes[start..<end], as: UTF8.self)))
    }

    /// `<name attributes>`, at `<`.
    private mutating func startTag() {
        position += 1
        let nameStart = position
        while position < bytes.endIndex, !bytes[position].isTagNameEnd { position += 1 }
        let rawName = String(decoding: bytes[nameStart..<position], as: UTF8.self)
        var attributes: [MarkupAttribute] = []
        var selfClosing = false
        var closed = false
        while position < bytes.endIndex {
            let byte = bytes[position]
            if byte.isHTMLSpace {
                position += 1
            } else if byte == UInt8(ascii: ">") {
                position += 1
                closed = true
                break
            } else if byte == UInt8(ascii: "/") {
                position += 1
                if position < bytes.endIndex, bytes[position] == UInt8(ascii: ">") {
                    selfClosing = true
                    position += 1
                    closed = true
                    break
                }
            } else {
                let attribute = readAttribute()
                if !attributes.contains(where: { $0.name == attribute.name }) { attributes.append(attribute) }
            }
        }
        // A tag cut off by the end of the fragment is dropped, as HTML drops it; so is one whose
        // name XML cannot have (`<o:p>`, `<a"b>`), its content kept.
        guard closed, Self.isElementName(rawName) else { return }
        openElement(rawName, attributes: attributes, selfClosing: selfClosing)
    }

    private mutating func readAttribute() -> MarkupAttribute {
        let nameStart = position
        // A name may begin with `=` (HTML says so); it ends at space, `/`, `>` or `=`.
        position += 1
        while position < bytes.endIndex {
            let byte = bytes[position]
            if byte.isHTMLSpace || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "=") { break }
            position += 1
        }
        let name = String(decoding: bytes[nameStart..<position], as: UTF8.self)
        var look = position
        while look < bytes.endIndex, bytes[look].isHTMLSpace { look += 1 }
        guard look < bytes.endIndex, bytes[look] == UInt8(ascii: "=") else { return MarkupAttribute(name: name, value: nil) }
        position = look + 1
        while position < bytes.endIndex, bytes[position].isHTMLSpace { position += 1 }
        guard position < bytes.endIndex else { return MarkupAttribute(name: name, value: "") }
        let quote = bytes[position]
        let valueStart: Int
        let valueEnd: Int
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            valueStart = position + 1
            var end = valueStart
            while end < bytes.endIndex, bytes[end] != quote { end += 1 }
            valueEnd = end
            position = min(end + 1, bytes.endIndex)
        } else {
            valueStart = position
            while position < bytes.endIndex, !bytes[position].isHTMLSpace, bytes[position] != UInt8(ascii: ">") { position += 1 }
            valueEnd = position
        }
        let raw = String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)
        return MarkupAttribute(name: name, value: CharacterReferences.decode(raw))
    }

    /// `</name>`, at `<`.
    private mutating func endTag() {
        position += 2
        guard position < bytes.endIndex, bytes[position].isASCIILetter else {
            // `</>` or `</3`: a bogus comment, dropped up to the next `>`.
            skip(past: UInt8(ascii: ">"))
            return
        }
        let nameStart = position
        while position < bytes.endIndex, !bytes[position].isTagNameEnd { position += 1 }
        let name = String(decoding: bytes[nameStart..<position], as: UTF8.self)
        skip(past: UInt8(ascii: ">"))
        closeElement(name)
    }

    /// `<!-- … -->`, `<!DOCTYPE …>`, `<![CDATA[ … ]]>` or `<? … >`, at `<`.
    private mutating func markupDeclaration() {
        if matches("<!--", at: position) {
            // `<!-->` and `<!--->` close at once, as in HTML.
            var search = position + 4
            if matches(">", at: search) || matches("->", at: search) {
                skip(past: UInt8(ascii: ">"))
                return
            }
            while search < bytes.endIndex, !matches("-->", at: search) { search += 1 }
            position = min(search + 3, bytes.endIndex)
        } else if matches("<![CDATA[", at: position), open.last.map({ $0.namespace != .html }) ?? false {
            // CDATA exists only in SVG and MathML; its text is literal.
            let start = position + 9
            var end = start
            while end < bytes.endIndex, !matches("]]>", at: end) { end += 1 }
            let literal = String(decoding: bytes[start..<end], as: UTF8.self)
            if !literal.isEmpty { nodes.append(.text(HTMLText.escape(literal))) }
            position = min(end + 3, bytes.endIndex)
        } else {
            skip(past: UInt8(ascii: ">"))
        }
    }

    private mutating func skip(past byte: UInt8) {
        while position < bytes.endIndex, bytes[position] != byte { position += 1 }
        position = min(position + 1, bytes.endIndex)
    }

    private func matches(_ literal: StaticString, at index: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.endIndex else { return false }
        return literal.withUTF8Buffer { expected in
            for offset in 0..<count where bytes[index + offset] != expected[offset] { return false }
            return true
        }
    }

    // MARK: The tree

    private mutating func openElement(_ rawName: String, attributes rawAttributes: [MarkupAttribute], selfClosing: Bool) {
        let lowered = rawName.asciiLowercased
        let namespace = namespaceOfChild(lowered)
        var element: MarkupElement
        switch namespace {
        case .html:
            element = MarkupElement(name: lowered, namespace: .html, attributes: rawAttributes.map {
                MarkupAttribute(name: $0.name.asciiLowercased, value: $0.value)
            })
            closeImplied(by: lowered)
            if Self.voidElements.contains(lowered) {
                nodes.append(.empty(element))
                return
            }
        case .svg, .mathML:
            let name = namespace == .svg ? (Self.svgElementNames[lowered] ?? rawName) : rawName
            element = MarkupElement(name: name, namespace: namespace, attributes: rawAttributes.map {
                MarkupAttribute(name: Self.foreignAttributeNames[$0.name.asciiLowercased] ?? $0.name, value: $0.value)
            })
            if selfClosing {
                nodes.append(.empty(element))
                return
            }
        }
        nodes.append(.start(element))
        open.append((element.name, namespace))
        if namespace == .html, Self.rawTextElements.contains(lowered) {
            readRawText(until: lowered, references: Self.escapableRawTextElements.contains(lowered))
        }
    }

    /// The content of `<script>`, `<style>`, `<textarea>` or `<title>`, up to its end tag.
    private mutating func readRawText(until name: String, references: Bool) {
        let start = position
        let target = Array(name.utf8)
        var end = position
        while end < bytes.endIndex {
            if bytes[end] == UInt8(ascii: "<"), end + 2 + target.count <= bytes.endIndex, bytes[end + 1] == UInt8(ascii: "/") {
                let candidate = bytes[(end + 2)..<(end + 2 + target.count)]
                let after = end + 2 + target.count
                if candidate.map({ $0 | 0x20 }).elementsEqual(target),
                   after == bytes.endIndex || bytes[after].isTagNameEnd {
                    break
                }
            }
            end += 1
        }
        if start < end {
            let text = String(decoding: bytes[start..<end], as: UTF8.self)
            nodes.append(references ? .text(text) : .rawText(text))
        }
        position = end
        if position < bytes.endIndex { endTag() }
    }

    /// Where a child named `name` of the current element belongs: HTML's rules for SVG and
    /// MathML inside HTML, and for HTML inside their text (`<mtext>`, `<foreignObject>`).
    private func namespaceOfChild(_ name: String) -> MarkupNamespace {
        let inHTML: MarkupNamespace = name == "svg" ? .svg : name == "math" ? .mathML : .html
        guard let parent = open.last else { return inHTML }
        switch parent.namespace {
        case .html:
            return inHTML
        case .svg:
            return ["foreignObject", "desc", "title"].contains(parent.name) ? inHTML : .svg
        case .mathML:
            if parent.name == "annotation-xml" { return inHTML }
            if ["mi", "mo", "mn", "ms", "mtext"].contains(parent.name), name != "mglyph", name != "malignmark" { return inHTML }
            return .mathML
        }
    }

    /// Closes what a new HTML element ends implicitly: an open paragraph before a block, the
    /// previous item before a list item, the previous cell before a cell.
    private mutating func closeImplied(by name: String) {
        if Self.closesParagraph.contains(name) { closeIfOpen("p", stoppingAt: Self.buttonScope) }
        switch name {
        case "li":
            closeIfOpen("li", stoppingAt: Self.buttonScope.union(["ol", "ul"]))
        case "dd", "dt":
            closeIfOpen(["dd", "dt"], stoppingAt: Self.buttonScope.union(["dl"]))
        case "tr":
            closeIfOpen(["td", "th"], stoppingAt: Self.tableBoundary.union(["tr"]))
            closeIfOpen("tr", stoppingAt: Self.tableBoundary)
        case "td", "th":
            closeIfOpen(["td", "th"], stoppingAt: Self.tableBoundary.union(["tr"]))
        case "thead", "tbody", "tfoot":
            closeIfOpen(["td", "th"], stoppingAt: Self.tableBoundary.union(["tr"]))
            closeIfOpen("tr", stoppingAt: Self.tableBoundary)
            closeIfOpen(["thead", "tbody", "tfoot"], stoppingAt: Self.tableBoundary)
        case "option", "optgroup":
            if open.last?.name == "option" { pop() }
        case "h1", "h2", "h3", "h4", "h5", "h6":
            if let last = open.last, last.namespace == .html, ["h1", "h2", "h3", "h4", "h5", "h6"].contains(last.name) { pop() }
        case "a":
            closeIfOpen("a", stoppingAt: Self.buttonScope)
        default:
            break
        }
    }

    private mutating func closeIfOpen(_ name: String, stoppingAt boundaries: Set<String>) {
        closeIfOpen([name], stoppingAt: boundaries)
    }

    private mutating func closeIfOpen(_ names: Set<String>, stoppingAt boundaries: Set<String>) {
        for index in open.indices.reversed() {
            let element = open[index]
            guard element.namespace == .html else { return }
            if names.contains(element.name) {
                while open.count > index { pop() }
                return
            }
            if boundaries.contains(element.name) { return }
        }
    }

    /// An end tag closes the innermost open element of its name and everything opened after it;
    /// one that matches nothing open (within the table cell or foreign text it is in) is
    /// dropped.
    private mutating func closeElement(_ rawName: String) {
        let name = rawName.asciiLowercased
        for index in open.indices.reversed() {
            let element = open[index]
            if element.name == name || (element.namespace != .html && element.name.asciiLowercased == name) {
                while open.count > index { pop() }
                return
            }
            // `</div>` inside a table cell does not close a `<div>` around the table.
            if element.namespace == .html, Self.tableScope.contains(element.name), !Self.tableScope.contains(name) { return }
        }
    }

    private mutating func pop() {
        guard let element = open.popLast() else { return }
        nodes.append(.end(name: element.name, namespace: element.namespace))
    }

    /// Whether `name` can be an element's name in XML as well as HTML: an ASCII letter, then
    /// ASCII letters, digits, `-`, `_` or `.` (custom elements included).
    static func isElementName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first.isASCIILetter else { return false }
        return name.utf8.allSatisfy { $0.isASCIILetter || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
            || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    // MARK: HTML's lists

    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]
    private static let rawTextElements: Set<String> = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"]
    private static let escapableRawTextElements: Set<String> = ["textarea", "title"]
    private static let closesParagraph: Set<String> = [
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "dd", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
        "hr", "li", "listing", "main", "menu", "nav", "ol", "p", "pre", "search", "section", "summary", "table", "ul",
    ]
    private static let tableScope: Set<String> = ["html", "table", "template", "td", "th", "caption"]
    /// Where a table's own parts stop looking for an open row or cell: the table itself.
    private static let tableBoundary: Set<String> = ["html", "table", "template", "caption"]
    private static let buttonScope: Set<String> = tableScope.union(["applet", "marquee", "object", "button"])

    /// SVG's mixed-case element names, as HTML's parser restores them from any case.
    private static let svgElementNames: [String: String] = Dictionary(uniqueKeysWithValues: [
        "clipPath", "foreignObject", "linearGradient", "radialGradient", "textPath", "feBlend", "feColorMatrix",
        "feComposite", "feFlood", "feGaussianBlur", "feMerge", "feMergeNode", "feOffset", "feMorphology",
        "feTurbulence", "feDropShadow", "animateMotion", "animateTransform",
    ].map { ($0.lowercased(), $0) })

    /// SVG's and MathML's mixed-case attribute names.
    private static let foreignAttributeNames: [String: String] = Dictionary(uniqueKeysWithValues: [
        "viewBox", "preserveAspectRatio", "gradientUnits", "gradientTransform", "patternUnits", "patternContentUnits",
        "patternTransform", "clipPathUnits", "maskUnits", "maskContentUnits", "markerWidth", "markerHeight",
        "markerUnits", "refX", "refY", "textLength", "lengthAdjust", "startOffset", "stdDeviation", "baseFrequency",
        "numOctaves", "pathLength", "spreadMethod", "primitiveUnits", "filterUnits", "definitionURL",
    ].map { ($0.lowercased(), $0) })
}

extension String {
    /// The string with ASCII capitals made small, and itself when it has none (most names).
    var asciiLowercased: String {
        guard utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else { return self }
        return String(decoding: utf8.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}

extension UInt8 {
    var isASCIILetter: Bool { (self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "z") }
    var isHTMLSpace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0C || self == 0x0D }
    var isTagNameEnd: Bool { isHTMLSpace || self == UInt8(ascii: "/") || self == UInt8(ascii: ">") }
}
