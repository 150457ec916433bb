import FolioModel

/// What a document's lines say before cmark reads them, for the two extensions cmark's blocks
/// cannot carry: footnote definitions, which hold blocks of their own and are cut out of the
/// text to be parsed apart, and `$$` display blocks with blank lines inside, which are joined
/// into one paragraph. Lines in fenced code are left alone.
struct LinePass {
    /// A footnote definition as written: its id and the lines of its text.
    struct FootnoteDefinition {
        let id: String
        /// The line of `[^id]:`, 1-based, in the text the pass read.
        let line: Int
        /// Each line of its text, with the bytes cut from its start (`[^id]: `, or four columns
        /// of indentation), and whether it was lazy (not indented, continuing a paragraph).
        let lines: [(line: Int, cut: Int, lazy: Bool)]
    }

    /// The lines, with definitions blanked and blank lines inside `$$` blocks filled.
    private(set) var lines: [[UInt8]]
    private(set) var definitions: [FootnoteDefinition] = []
    /// Whether any line was changed.
    private(set) var changed = false

    /// What fills a blank line inside a `$$` block, so that cmark keeps the block one paragraph;
    /// the math scanner drops it from the TeX.
    static let joinedBlankLine = Array(String(MathScanner.filler).utf8)

    init(_ lines: [[UInt8]]) {
        self.lines = lines
        let fenced = Self.fencedLines(lines)
        if lines.contains(where: { $0.starts(with: [UInt8(ascii: "["), UInt8(ascii: "^")]) }) {
            findDefinitions(fenced: fenced)
        }
        if lines.contains(where: { Self.opensDisplayMath($0) }) {
            joinDisplayMath(fenced: fenced)
        }
    }

    /// Whether each line is inside a fenced code block (its fences included): a fence opens with
    /// three or more backticks or tildes after at most three spaces, and closes with as many of
    /// the same or more.
    static func fencedLines(_ lines: [[UInt8]]) -> [Bool] {
        var fenced = [Bool](repeating: false, count: lines.count)
        var open: (character: UInt8, length: Int)?
        for (index, line) in lines.enumerated() {
            let indent = line.prefix { $0 == UInt8(ascii: " ") }.count
            let rest = line.dropFirst(indent)
            let character = rest.first
            let run = character.map { first in rest.prefix { $0 == first }.count } ?? 0
            if let fence = open {
                fenced[index] = true
                if indent < 4, character == fence.character, run >= fence.length,
                   rest.dropFirst(run).allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
                    open = nil
                }
            } else if indent < 4, let character, character == UInt8(ascii: "`") || character == UInt8(ascii: "~"), run >= 3,
                      character == UInt8(ascii: "~") || !rest.dropFirst(run).contains(UInt8(ascii: "`")) {
                fenced[index] = true
                open = (character, run)
            }
        }
        return fenced
    }

    /// The id of a definition that opens `line` (`[^id]:` in its first column), and how many bytes
    /// the marker and the spaces after it take.
    static func definitionMarker(_ line: [UInt8]) -> (id: String, length: Int)? {
        guard line.starts(with: [UInt8(ascii: "["), UInt8(ascii: "^")]) else { return nil }
        var end = 2
        while end < line.count, line[end] != UInt8(ascii: "]") {
            let byte = line[end]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "^") { return nil }
            end += 1
        }
        guard end > 2, end + 1 < line.count, line[end + 1] == UInt8(ascii: ":") else { return nil }
        var length = end + 2
        while length < line.count, line[length] == UInt8(ascii: " ") || line[length] == UInt8(ascii: "\t") { length += 1 }
        return (String(decoding: line[2..<end], as: UTF8.self), length)
    }

    /// Finds each definition and its lines: the first line's text after the marker, then every
    /// line up to a blank line, and after blank lines every line indented by four columns or
    /// more. A line that opens another definition or, after a line of text, another kind of
    /// block ends it.
    private mutating func findDefinitions(fenced: [Bool]) {
        var index = 0
        while index < lines.count {
            guard !fenced[index], let marker = Self.definitionMarker(lines[index]) else {
                index += 1
                continue
            }
            var taken: [(line: Int, cut: Int, lazy: Bool)] = [(index + 1, marker.length, false)]
            var next = index + 1
            var blankRun = 0
            while next < lines.count {
                let line = lines[next]
                if Self.isBlank(line) {
                    blankRun += 1
                    next += 1
                    continue
                }
                let indent = Self.indentWidth(line)
                if indent.columns >= 4 {
                    for blank in 0..<blankRun { taken.append((next - blankRun + blank + 1, lines[next - blankRun + blank].count, false)) }
                    taken.append((next + 1, indent.bytes, false))
                } else if blankRun == 0, !fenced[next], Self.definitionMarker(line) == nil, !Self.startsBlock(line) {
                    taken.append((next + 1, 0, true))
                } else {
                    break
                }
                blankRun = 0
                next += 1
            }
            definitions.append(FootnoteDefinition(id: marker.id, line: index + 1, lines: taken))
            for (line, _, _) in taken { lines[line - 1] = [] }
            changed = true
            index = taken.last.map { $0.line } ?? index + 1
        }
    }

    /// Fills the blank lines of each `$$` block that opens a line and closes later, past them.
    /// One pass: a block never closed means no `$$` follows, so the search stops there.
    private mutating func joinDisplayMath(fenced: [Bool]) {
        var index = 0
        while index < lines.count {
            guard !fenced[index], Self.opensDisplayMath(lines[index]) else {
                index += 1
                continue
            }
            let start = lines[index].firstIndex(of: UInt8(ascii: "$"))! + 2
            guard let close = closingDollars(fromLine: index, offset: start) else { return }
            for line in (index + 1)..<max(index + 1, close) where Self.isBlank(lines[line]) {
                lines[line] = Self.joinedBlankLine
                changed = true
            }
            index = close + 1
        }
    }

    /// The line of the `$$` that closes a block opened before `offset` on `line`.
    private func closingDollars(fromLine line: Int, offset: Int) -> Int? {
        var current = line
        var index = offset
        while current < lines.count {
            let bytes = lines[current]
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "\\") {
                    index += 2
                } else if bytes[index] == UInt8(ascii: "$"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "$") {
                    return current
                } else {
                    index += 1
                }
            }
            current += 1
            index = 0
        }
        return nil
    }

    /// Whether a line starts with `$$` after at most three spaces.
    static func opensDisplayMath(_ line: [UInt8]) -> Bool {
        let indent = line.prefix { $0 == UInt8(ascii: " ") }.count
        return indent < 4 && line.dropFirst(indent).starts(with: [UInt8(ascii: "$"), UInt8(ascii: "$")])
    }

    static func isBlank(_ line: [UInt8]) -> Bool {
        line.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// How far a line is indented, in columns (a tab to the next multiple of four), and the bytes
    /// that make up the first four columns or the whole indentation.
    static func indentWidth(_ line: [UInt8]) -> (columns: Int, bytes: Int) {
        var columns = 0
        var bytes = 0
        while bytes < line.count, columns < 4 {
            if line[bytes] == UInt8(ascii: " ") {
                columns += 1
            } else if line[bytes] == UInt8(ascii: "\t") {
                columns += 4 - columns % 4
            } else {
                break
            }
            bytes += 1
        }
        return (columns, bytes)
    }

    /// Whether a line, not indented, opens a block that ends a paragraph: a heading, a quote, a
    /// fence, a thematic break, a list item or an HTML block.
    static func startsBlock(_ line: [UInt8]) -> Bool {
        let indent = line.prefix { $0 == UInt8(ascii: " ") }.count
        let rest = Array(line.dropFirst(indent))
        guard let first = rest.first else { return false }
        let second = rest.count > 1 ? rest[1] : UInt8(ascii: " ")
        switch first {
        case UInt8(ascii: ">"):
            return true
        case UInt8(ascii: "#"):
            let marks = rest.prefix { $0 == first }.count
            return marks <= 6 && (marks == rest.count || rest[marks] == UInt8(ascii: " ") || rest[marks] == UInt8(ascii: "\t"))
        case UInt8(ascii: "<"):
            return opensHTMLBlock(rest)
        case UInt8(ascii: "`"), UInt8(ascii: "~"):
            return rest.prefix { $0 == first }.count >= 3
        case UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "_"):
            let marks = rest.filter { $0 == first }.count
            let onlyMarks = rest.allSatisfy { $0 == first || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            return (first != UInt8(ascii: "_") && (second == UInt8(ascii: " ") || second == UInt8(ascii: "\t"))) || (onlyMarks && marks >= 3)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            let digits = rest.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            guard digits <= 9, digits < rest.count else { return false }
            let mark = rest[digits]
            let after = digits + 1 < rest.count ? rest[digits + 1] : UInt8(ascii: " ")
            return (mark == UInt8(ascii: ".") || mark == UInt8(ascii: ")")) && (after == UInt8(ascii: " ") || after == UInt8(ascii: "\t"))
        default:
            return false
        }
    }
}

extension LinePass {
    /// The tags whose opening starts an HTML block even inside prose (CommonMark's kinds 1 and 6).
    private static let blockTags: Set<String> = [
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col", "colgroup", "dd",
        "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset",
        "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "iframe", "legend", "li", "link", "main", "menu",
        "menuitem", "nav", "noframes", "ol", "optgroup", "option", "p", "param", "search", "section", "summary", "table", "tbody",
        "td", "tfoot", "th", "thead", "title", "tr", "track", "ul", "pre", "script", "style", "textarea",
    ]

    /// Whether a line starting with `<` opens an HTML block: a comment, a declaration, or a
    /// block-level tag. (`<https://…>` is a link, and other inline tags continue a paragraph.)
    static func opensHTMLBlock(_ rest: [UInt8]) -> Bool {
        guard rest.count > 1 else { return false }
        if rest[1] == UInt8(ascii: "!") || rest[1] == UInt8(ascii: "?") { return true }
        let name = rest.dropFirst(rest[1] == UInt8(ascii: "/") ? 2 : 1).prefix { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) }
        let after = rest.dropFirst((rest[1] == UInt8(ascii: "/") ? 2 : 1) + name.count).first
        guard after == nil || after == UInt8(ascii: " ") || after == UInt8(ascii: "\t") || after == UInt8(ascii: ">") || after == UInt8(ascii: "/") else { return false }
        return blockTags.contains(String(decoding: name, as: UTF8.self).lowercased())
    }
}

extension SourceText {
    /// The lines `lines` of this text, each with its first `cut` bytes taken off, as a view whose
    /// positions still read as the file's; a lazy line is marked so.
    func view(of lines: [(line: Int, cut: Int, lazy: Bool)]) -> SourceText {
        var taken: [[UInt8]] = []
        var placement: [LinePlacement] = []
        for (line, cut, lazy) in lines {
            let bytes = self.lines[line - 1]
            let cut = min(cut, bytes.count)
            taken.append(Array(bytes[cut...]))
            let own = self.placement(of: line)
            let scalars = bytes[..<cut].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
            placement.append(LinePlacement(line: own.line, cutBytes: own.cutBytes + cut, cutScalars: own.cutScalars + scalars, isLazy: lazy))
        }
        return SourceText(lines: taken, placement: placement)
    }
}
