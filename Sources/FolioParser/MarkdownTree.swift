import CCmark
import FolioModel

/// The only door to cmark: parses text, copies the C tree into the document model, and frees the
/// tree before returning, so no C pointer escapes this file.
enum MarkdownTree {
    private static let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_UNSAFE

    /// Calls `body` with the root of cmark's tree for `text`, then frees the tree.
    private static func withDocument<Result>(_ text: String, _ body: (OpaquePointer) -> Result) -> Result {
        var text = text
        let root = text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, options) }
        }
        guard let root else { fatalError("cmark could not allocate a document") }
        defer { cmark_node_free(root) }
        return body(root)
    }

    /// The prose of every paragraph and heading, line by line: where math may stand.
    static func proseSegments(of text: String, source: SourceText) -> [[ProseSegment]] {
        withDocument(text) { root in
            var blocks: [[ProseSegment]] = []
            walk(root) { node, entering in
                let type = cmark_node_get_type(node)
                guard entering, type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING else { return true }
                let startLine = Int(cmark_node_get_start_line(node))
                var endLine = Int(cmark_node_get_end_line(node))
                var endColumn = Int(cmark_node_get_end_column(node))
                // cmark 0.30 ends a setext heading where the paragraph right after it ends; a
                // block ends before the next one starts, or the next one's math is read twice.
                if let next = cmark_node_next(node), Int(cmark_node_get_start_line(next)) <= endLine {
                    endLine = Int(cmark_node_get_start_line(next)) - 1
                    endColumn = Int.max
                }
                var segments: [ProseSegment] = []
                for line in startLine...max(startLine, endLine) where line >= 1 && line <= source.lines.count {
                    let bytes = source.lines[line - 1]
                    var start = line == startLine ? Int(cmark_node_get_start_column(node)) - 1 : containerPrefix(bytes)
                    var end = line == endLine ? endColumn : bytes.count
                    start = min(max(0, start), bytes.count)
                    end = min(max(start, end), bytes.count)
                    segments.append(ProseSegment(line: line, start: start, end: end))
                }
                blocks.append(segments)
                return false
            }
            return blocks
        }
    }

    /// The length of the blockquote markers and indentation before a continuation line's text.
    private static func containerPrefix(_ bytes: [UInt8]) -> Int {
        var index = 0
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") || bytes[index] == UInt8(ascii: ">") {
            index += 1
        }
        return index
    }

    /// Calls `body` with each node of the tree under `root` and whether it is entered or left, in
    /// document order, walking with cmark's own iterator: however deep the tree, the walk uses
    /// no more of the call stack. `body` returns whether to walk into a node just entered.
    private static func walk(_ root: OpaquePointer, _ body: (OpaquePointer, _ entering: Bool) -> Bool) {
        guard let iterator = cmark_iter_new(root) else { fatalError("cmark could not allocate an iterator") }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            guard event != CMARK_EVENT_DONE, let node = cmark_iter_get_node(iterator) else { return }
            let entering = event == CMARK_EVENT_ENTER
            if !body(node, entering), entering {
                // On to the node's exit: its children are skipped, and so is the exit event.
                cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
            }
        }
    }

    /// What the converter made of a document: its blocks, the line each top-level block starts
    /// on, the problems found in cells' options and in nesting flattened past
    /// `NestingLimit.depth`, and its links.
    struct Converted {
        var blocks: [Block]
        var lines: [Int]
        var diagnostics: [Diagnostic]
        var links: [LinkSite]
        /// Whether a heading has a `{#label}`.
        var hasHeadingLabels = false
    }

    /// Parses the rewritten text into blocks.
    static func blocks(of text: String, builder: InlineBuilder) -> Converted {
        withDocument(text) { root in
            var converter = Converter(builder: builder, text: text)
            walk(root) { node, entering in
                if entering { converter.enter(node) } else { converter.exit(node) }
                return true
            }
            return Converted(blocks: converter.result, lines: converter.resultLines, diagnostics: converter.diagnostics, links: converter.links,
                             hasHeadingLabels: converter.hasHeadingLabels)
        }
    }

    /// What stands before a piece of a line in the text cmark parses for `inlines(of:)`: a
    /// punctuation mark, which no block starts with and which leaves emphasis as the start of a
    /// line would, so the piece is always one paragraph of inlines.
    static let pieceMarker = Array("\u{A1}".utf8)

    /// The inlines of pieces of the rewritten text's lines (a table's cells, a paragraph's
    /// lines before its table), each parsed as inline Markdown only and placed where it stands.
    /// One cmark document for them all, each piece its own paragraph.
    static func inlines(of pieces: [[(line: Int, start: Int, bytes: ArraySlice<UInt8>)]], in rewritten: String,
                        definitions: [ArraySlice<UInt8>] = [], builder: InlineBuilder)
        -> (inlines: [[Inline]], diagnostics: [Diagnostic], links: [LinkSite]) {
        var text: [UInt8] = []
        var placement: [(line: Int, shift: Int)] = []
        for piece in pieces {
            for (index, line) in piece.enumerated() {
                if index == 0 { text += pieceMarker }
                text += line.bytes
                text.append(UInt8(ascii: "\n"))
                placement.append((line.line, line.start - (index == 0 ? pieceMarker.count : 0)))
            }
            text.append(UInt8(ascii: "\n"))
            placement.append((0, 0))
        }
        // The chapter's link reference definitions, after the pieces, so `[text][label]` resolves.
        for definition in definitions {
            text += definition
            text += [UInt8(ascii: "\n"), UInt8(ascii: "\n")]
        }
        return withDocument(String(decoding: text, as: UTF8.self)) { root in
            var converter = Converter(builder: builder, text: rewritten, placement: placement)
            walk(root) { node, entering in
                if entering { converter.enter(node) } else { converter.exit(node) }
                return true
            }
            // A line that looked like a definition and was not is a paragraph after the pieces'.
            var inlines: [[Inline]] = Array(converter.result.compactMap { if case .paragraph(let content) = $0 { content } else { nil } }.prefix(pieces.count))
            // A piece that was only spaces still made its marker's paragraph; none is lost.
            while inlines.count < pieces.count { inlines.append([]) }
            return (inlines, converter.diagnostics, converter.links)
        }
    }

    /// Copies cmark nodes into model values as an iterator walks them: each container entered is
    /// opened on a stack on the heap, filled as its children go by, and closed into a value when
    /// it is left. Containers nested deeper than `NestingLimit.depth` are not opened: their
    /// content goes to the deepest open one, with a warning where the flattening starts.
    private struct Converter {
        let builder: InlineBuilder
        /// The rewritten text, for reading a paragraph's lines as a table.
        let text: String
        /// For a document of pieces (`inlines(of:)`): where each of its lines is in the
        /// rewritten text, as a line and how far its columns are shifted; `nil` for a chapter.
        let placement: [(line: Int, shift: Int)]?
        private var textLines: [ArraySlice<UInt8>]?
        private var definitionLines: [ArraySlice<UInt8>]?
        var diagnostics: [Diagnostic] = []
        /// Every link, image and raw HTML `href`/`src`, where it is.
        var links: [LinkSite] = []
        /// The document's blocks, once it is left, and the line each starts on.
        private(set) var result: [Block] = []
        private(set) var resultLines: [Int] = []
        /// The start line of the node being entered or left, for the top-level block it makes.
        private var nodeLine = 0
        /// Whether a heading had a `{#label}`.
        private(set) var hasHeadingLabels = false
        /// The containers entered and not yet left, outermost first.
        private var open: [OpenContainer] = []
        /// How many quotes and lists are open, and how many emphases, links and images.
        private var blockDepth = 0
        private var inlineDepth = 0

        init(builder: InlineBuilder, text: String, placement: [(line: Int, shift: Int)]? = nil) {
            self.builder = builder
            self.text = text
            self.placement = placement
        }

        private func literal(_ node: OpaquePointer) -> String {
            cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        }

        private func string(_ pointer: UnsafePointer<CChar>?) -> String {
            pointer.map { String(cString: $0) } ?? ""
        }

        private func start(_ node: OpaquePointer) -> (line: Int, column: Int) {
            let line = Int(cmark_node_get_start_line(node))
            let column = Int(cmark_node_get_start_column(node))
            guard let placement, line >= 1, line <= placement.count else { return (line, column) }
            return (placement[line - 1].line, column + placement[line - 1].shift)
        }

        private func location(of node: OpaquePointer) -> SourceLocation {
            let place = start(node)
            return builder.location(line: place.line, column: place.column)
        }

        mutating func enter(_ node: OpaquePointer) {
            nodeLine = Int(cmark_node_get_start_line(node))
            switch cmark_node_get_type(node) {
            case CMARK_NODE_DOCUMENT:
                open.append(OpenContainer(.document))
            case CMARK_NODE_BLOCK_QUOTE:
                openBlockContainer(.blockQuote, node)
            case CMARK_NODE_LIST:
                let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
                openBlockContainer(.list(start: ordered ? Int(cmark_node_get_list_start(node)) : nil,
                                         isTight: cmark_node_get_list_tight(node) != 0), node)
            case CMARK_NODE_ITEM:
                // An item is its list's: opened when the list was, flattened when it was not.
                if case .list = open.last?.kind, open.last?.flattened == 0 {
                    open.append(OpenContainer(.item))
                } else {
                    open[open.count - 1].flattened += 1
                }
            case CMARK_NODE_PARAGRAPH:
                var paragraph = OpenContainer(.paragraph)
                paragraph.linkCount = links.count
                paragraph.diagnosticCount = diagnostics.count
                open.append(paragraph)
            case CMARK_NODE_HEADING:
                var heading = OpenContainer(.heading(level: Int(cmark_node_get_heading_level(node)), location: location(of: node)))
                heading.linkCount = links.count
                heading.diagnosticCount = diagnostics.count
                open.append(heading)
            case CMARK_NODE_CODE_BLOCK:
                appendBlock(codeBlock(node))
            case CMARK_NODE_HTML_BLOCK:
                htmlLinks(literal(node), at: start(node))
                appendBlock(.html(builder.restore(literal(node))))
            case CMARK_NODE_THEMATIC_BREAK:
                appendBlock(.thematicBreak)
            case CMARK_NODE_TEXT:
                let place = start(node)
                var text = literal(node)
                if text.utf8.contains(UInt8(ascii: "~")) { text = markingEscapedTildes(text, at: place) }
                appendInline(.text(text, line: place.line, column: place.column))
            case CMARK_NODE_SOFTBREAK:
                appendInline(.softBreak)
            case CMARK_NODE_LINEBREAK:
                appendInline(.lineBreak)
            case CMARK_NODE_CODE:
                let place = start(node)
                appendInline(.code(literal(node), line: place.line, column: place.column))
            case CMARK_NODE_HTML_INLINE:
                htmlLinks(literal(node), at: start(node))
                appendInline(.html(literal(node)))
            case CMARK_NODE_EMPH:
                openInlineContainer(.emphasis, node)
            case CMARK_NODE_STRONG:
                openInlineContainer(.strong, node)
            case CMARK_NODE_LINK:
                links.append(LinkSite(kind: .link, target: builder.restore(string(cmark_node_get_url(node))), location: location(of: node)))
                openInlineContainer(.link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node))), node)
            case CMARK_NODE_IMAGE:
                links.append(LinkSite(kind: .image, target: builder.restore(string(cmark_node_get_url(node))), location: location(of: node)))
                openInlineContainer(.image(source: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node))), node)
            default:
                // Custom nodes, which cmark's parser never makes: their content stands for them.
                open[open.count - 1].flattened += 1
            }
        }

        /// Records the `href` and `src` attributes in raw HTML that starts at `start`, and warns of
        /// each `<img>` in it without `alt` (a screen reader would read its file name).
        private mutating func htmlLinks(_ html: String, at start: (line: Int, column: Int)) {
            let found = HTMLLinkAttributes(html)
            func location(_ line: Int, _ column: Int) -> SourceLocation {
                builder.location(line: start.line + line, column: line == 0 ? start.column + column : column + 1)
            }
            for attribute in found.attributes {
                links.append(LinkSite(kind: .html, target: builder.restore(attribute.value), location: location(attribute.line, attribute.column)))
            }
            for image in found.imagesWithoutAlt {
                diagnostics.append(.warning("html.image-without-alt", "<img> has no alt text: say what the image shows (alt=\"…\"), or alt=\"\" if it is decoration",
                                            at: location(image.line, image.column)))
            }
        }

        mutating func exit(_ node: OpaquePointer) {
            nodeLine = Int(cmark_node_get_start_line(node))
            if open[open.count - 1].flattened > 0 {
                open[open.count - 1].flattened -= 1
                return
            }
            let closed = open.removeLast()
            switch closed.kind {
            case .document:
                result = closed.blocks
            case .blockQuote:
                blockDepth -= 1
                if let callout = closed.callout {
                    appendBlock(.callout(Callout(kind: callout.kind, blocks: closed.blocks, location: callout.location)))
                } else {
                    appendBlock(.blockQuote(closed.blocks))
                }
            case .list(let start, let isTight):
                blockDepth -= 1
                appendBlock(.list(List(start: start, isTight: isTight, items: closed.items)))
            case .item:
                open[open.count - 1].items.append(closed.blocks)
            case .paragraph:
                paragraph(closed, node)
            case .heading(let level, let location):
                // cmark reads a table followed by `text` and `===` as one setext heading; GitHub as a
                // table whose rows go on to the underline.
                if let underline = setextUnderline(node), Self.mayHoldTable(closed.inlines),
                   table(lines: Int(cmark_node_get_start_line(node)), underline, startColumn: Int(cmark_node_get_start_column(node)),
                         inItem: Self.isInItem(node), since: closed) {
                    return
                }
                var content = builder.inlines(closed.inlines)
                let attributes = Self.takeAttributes(from: &content)
                if attributes?.id != nil { hasHeadingLabels = true }
                appendBlock(.heading(Heading(level: level, content: content, id: "", location: location, label: attributes?.id,
                                             isNumbered: attributes?.classes.contains("unnumbered") != true)))
            case .emphasis:
                inlineDepth -= 1
                appendInline(.emphasis(closed.inlines))
            case .strong:
                inlineDepth -= 1
                appendInline(.strong(closed.inlines))
            case .link(let destination, let title):
                inlineDepth -= 1
                appendInline(.link(destination: destination, title: title, content: closed.inlines))
            case .image(let source, let title):
                inlineDepth -= 1
                appendInline(.image(source: source, title: title, alt: closed.inlines))
            }
        }

        /// A paragraph as what it stands for: a display equation, a pipe table (after the lines
        /// before it), a table's caption, an image figure, or prose; its first line may make the
        /// quote it opens a callout.
        private mutating func paragraph(_ closed: OpenContainer, _ node: OpaquePointer) {
            var raw = closed.inlines
            if placement != nil {
                // A piece of a line parsed on its own: only its inlines, less the marker before it.
                return appendBlock(.paragraph(builder.inlines(Self.droppingPieceMarker(raw))))
            }
            if let equation = builder.displayEquation(raw) {
                return appendBlock(.equation(equation))
            }
            if Self.mayHoldTable(raw),
               table(lines: Int(cmark_node_get_start_line(node)), Int(cmark_node_get_end_line(node)),
                     startColumn: Int(cmark_node_get_start_column(node)), inItem: Self.isInItem(node), since: closed) {
                return
            }
            if calloutOpens(&raw), raw.isEmpty { return }
            var content = builder.inlines(raw)
            if let figure = imageFigure(content) {
                return appendBlock(.figure(figure))
            }
            if caption(&content, at: location(of: node)) { return }
            appendBlock(.paragraph(content))
        }

        /// Reads the lines `first...last` of a paragraph (or of a setext heading, whose underline
        /// may be a row) as pipe tables and the prose between them, and appends them in order;
        /// `false` if the lines hold no table. A table runs from its header row to the last row
        /// before a lazy line or a row of no cells; the lines after it are a paragraph again, in
        /// which another table may start. The block's links and problems found so far are
        /// replaced by those of its pieces, parsed on their own.
        private mutating func table(lines first: Int, _ last: Int, startColumn: Int, inItem: Bool, since paragraph: OpenContainer) -> Bool {
            let textLines = self.lines()
            guard first >= 1, last <= textLines.count, last > first else { return false }
            let quotes = open.reduce(0) { if case .blockQuote = $1.kind { $0 + 1 } else { $0 } }
            // Each line's text after its container's prefix (`start`: the offset where it begins).
            var lines: [(line: Int, start: Int, bytes: ArraySlice<UInt8>)] = []
            // A lazy line (a quote's line without its `>`, a list item's line less indented than
            // its text, which starts where the item's first paragraph does, a footnote's line not
            // indented) continues a paragraph but neither starts nor continues a table, as on GitHub.
            var lazy: [Bool] = []
            for line in first...last {
                let bytes = textLines[line - 1]
                if line == first {
                    let start = min(bytes.count, startColumn - 1)
                    lines.append((line, start, bytes[start...]))
                    lazy.append(false)
                } else {
                    let prefix = Self.afterQuoteMarkers(bytes, quotes)
                    lines.append((line, prefix.end, bytes[prefix.end...]))
                    lazy.append(prefix.markers < quotes || (inItem && quotes == 0 && prefix.end < startColumn - 1) || builder.source.isLazy(line))
                }
            }
            /// What the lines make, in order: prose (one piece) or a table (its header and rows).
            enum Part {
                case prose
                case table(alignments: [MarkdownTable.Alignment], rowWidths: [Int], location: SourceLocation)
            }
            var parts: [Part] = []
            var pieces: [[(line: Int, start: Int, bytes: ArraySlice<UInt8>)]] = []
            var from = 0
            // Past a lazy line the lines stand outside the container, where none is lazy.
            var outside = false
            while from < lines.count {
                let candidates = (from + 1)..<lines.count
                // The first delimiter row as wide as the line before it, with its alignments.
                var found: (header: Int, alignments: [MarkdownTable.Alignment])?
                for index in candidates where outside || !lazy[index] {
                    if let alignments = PipeTableRows.alignments(of: lines[index].bytes),
                       alignments.count == PipeTableRows.cells(of: lines[index - 1].bytes).count {
                        found = (index - 1, alignments)
                        break
                    }
                }
                guard let (header, alignments) = found else { break }
                if header > from {
                    parts.append(.prose)
                    pieces.append(Array(lines[from..<header]))
                }
                var rowWidths: [Int] = []
                var end = lines.count
                for row in [header] + Array((header + 2)..<lines.count) {
                    let cells = PipeTableRows.cells(of: lines[row].bytes).prefix(alignments.count)
                    if row > header, (!outside && lazy[row]) || cells.isEmpty {
                        if lazy[row] { outside = true }
                        end = row
                        break
                    }
                    rowWidths.append(cells.count)
                    for cell in cells {
                        pieces.append([(lines[row].line, cell.start, textLines[lines[row].line - 1][cell.start..<cell.end])])
                    }
                }
                let place = lines[header]
                let column = (PipeTableRows.cells(of: place.bytes).first?.start ?? place.start) + 1
                parts.append(.table(alignments: alignments, rowWidths: rowWidths, location: builder.location(line: place.line, column: column)))
                from = end
            }
            guard !parts.isEmpty else { return false }
            if from < lines.count {
                parts.append(.prose)
                pieces.append(Array(lines[from...]))
            }
            links.removeSubrange(paragraph.linkCount...)
            diagnostics.removeSubrange(paragraph.diagnosticCount...)
            let parsed = MarkdownTree.inlines(of: pieces, in: text, definitions: referenceDefinitions(), builder: builder)
            links += parsed.links
            diagnostics += parsed.diagnostics
            var inlines = parsed.inlines.makeIterator()
            for part in parts {
                switch part {
                case .prose:
                    appendBlock(.paragraph(inlines.next() ?? []))
                case .table(let alignments, let rowWidths, let location):
                    var rows: [[[Inline]]] = rowWidths.map { count in
                        var row = (0..<count).map { _ in Self.unescapingPipesInCode(inlines.next() ?? []) }
                        while row.count < alignments.count { row.append([]) }
                        return row
                    }
                    let header = rows.removeFirst()
                    appendBlock(.table(MarkdownTable(alignments: alignments, header: header, rows: rows, location: location)))
                }
            }
            return true
        }

        /// The rewritten text's lines, split once.
        private mutating func lines() -> [ArraySlice<UInt8>] {
            if let textLines { return textLines }
            let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { ArraySlice(Array($0)) }
            textLines = lines
            return lines
        }

        /// The lines that may define link references (`[label]: destination`), which cmark took
        /// out of the tree: a table's cells, parsed apart, need them to resolve `[text][label]`.
        private mutating func referenceDefinitions() -> [ArraySlice<UInt8>] {
            if let definitionLines { return definitionLines }
            let found = lines().filter { line in
                let rest = line.drop { $0 == UInt8(ascii: " ") }
                guard line.count - rest.count < 4, rest.first == UInt8(ascii: "["), let close = rest.firstIndex(of: UInt8(ascii: "]")) else { return false }
                return rest.index(after: close) < rest.endIndex && rest[rest.index(after: close)] == UInt8(ascii: ":")
            }
            definitionLines = found
            return found
        }

        /// `literal` with each tilde the author escaped (`\~`) as `InlineExtensions.escapedTilde`,
        /// so that strikethrough leaves it: cmark joins an escaped character into the text
        /// around it, so the text is read beside the line it came from. Where the two part (an
        /// entity), the rest is left as it is.
        private mutating func markingEscapedTildes(_ literal: String, at place: (line: Int, column: Int)) -> String {
            let textLines = self.lines()
            guard place.line >= 1, place.line <= textLines.count else { return literal }
            let line = textLines[place.line - 1]
            guard line.contains(UInt8(ascii: "\\")) else { return literal }
            let bytes = Array(literal.utf8)
            var result: [UInt8] = []
            var source = line.startIndex + max(0, place.column - 1)
            var index = 0
            while index < bytes.count, source < line.endIndex {
                if line[source] == bytes[index] {
                    result.append(bytes[index])
                    source += 1
                } else if line[source] == UInt8(ascii: "\\"), source + 1 < line.endIndex, line[source + 1] == bytes[index] {
                    if bytes[index] == UInt8(ascii: "~") { result += Array(String(InlineExtensions.escapedTilde).utf8) } else { result.append(bytes[index]) }
                    source += 2
                } else {
                    break
                }
                index += 1
            }
            result += bytes[index...]
            return String(decoding: result, as: UTF8.self)
        }

        /// Where a continuation line's text starts (an index into `bytes`), after up to `quotes`
        /// quote markers and the indentation around them, and how many markers it has.
        private static func afterQuoteMarkers(_ bytes: ArraySlice<UInt8>, _ quotes: Int) -> (end: Int, markers: Int) {
            var index = bytes.startIndex
            var markers = 0
            while index < bytes.endIndex {
                if bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
                    index += 1
                } else if bytes[index] == UInt8(ascii: ">"), markers < quotes {
                    markers += 1
                    index += 1
                } else {
                    break
                }
            }
            return (index, markers)
        }

        /// GitHub reads `\|` in a cell as `|` even inside a code span, where a backslash is
        /// otherwise kept.
        private static func unescapingPipesInCode(_ inlines: [Inline]) -> [Inline] {
            inlines.map { inline in
                inline.mapInlines { if case .code(let code) = $0 { .code(code.replacingOccurrences(of: "\\|", with: "|")) } else { $0 } }
            }
        }

        /// The raw inlines of a piece without the marker put before it.
        private static func droppingPieceMarker(_ raw: [RawInline]) -> [RawInline] {
            guard case .text(let literal, let line, let column)? = raw.first, literal.utf8.starts(with: MarkdownTree.pieceMarker) else { return raw }
            let rest = String(decoding: literal.utf8.dropFirst(MarkdownTree.pieceMarker.count), as: UTF8.self)
            return (rest.isEmpty ? [] : [.text(rest, line: line, column: column + MarkdownTree.pieceMarker.count)]) + raw.dropFirst()
        }

        /// When the paragraph is the first thing in a quote and its first line is `[!NOTE]` (or
        /// another kind, in any case), makes the quote a callout and takes that line off. An
        /// unknown kind is a warning, and the quote stays a quote.
        private mutating func calloutOpens(_ raw: inout [RawInline]) -> Bool {
            let top = open.count - 1
            guard case .blockQuote = open[top].kind, open[top].blocks.isEmpty, open[top].callout == nil, open[top].flattened == 0 else { return false }
            var marker = ""
            var place: (line: Int, column: Int)?
            var taken = 0
            for inline in raw {
                guard case .text(let literal, let line, let column) = inline else { break }
                if place == nil { place = (line, column) }
                marker += literal
                taken += 1
            }
            guard taken == raw.count || { if case .softBreak = raw[taken] { true } else { false } }() else { return false }
            let trimmed = marker.trimmingCharacters(in: [" ", "\t"])
            guard trimmed.hasPrefix("[!"), trimmed.hasSuffix("]"), let place else { return false }
            let name = String(trimmed.dropFirst(2).dropLast())
            guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }) else { return false }
            let location = builder.location(line: place.line, column: place.column)
            guard let kind = Callout.Kind(rawValue: name.lowercased()) else {
                let names = Callout.Kind.allCases.map { $0.rawValue.uppercased() }
                let suggestion = Spelling.closest(to: name.uppercased(), among: names).map { "; did you mean '[!\($0)]'?" } ?? ""
                diagnostics.append(.warning("callout.unknown-kind", "'[!\(name)]' is not a callout (NOTE, TIP, IMPORTANT, WARNING or CAUTION); the quote is shown as a quote" + suggestion,
                                            at: location))
                return false
            }
            open[top].callout = (kind, location)
            raw.removeFirst(min(raw.count, taken + 1))
            return true
        }

        /// An image alone in its paragraph with a `{#fig-…}` attribute block after it.
        private func imageFigure(_ content: [Inline]) -> ImageFigure? {
            guard content.count == 2, case .image(let source, let title, let alt) = content[0], case .text(let text) = content[1],
                  let attributes = AttributeBlock.trailing(in: text), attributes.rest.isEmpty,
                  let label = attributes.block.id, label.hasPrefix("fig-") else { return nil }
            // The image's place is that of its link site, recorded when cmark's walk entered it.
            let location = links.last { $0.kind == .image }?.location ?? SourceLocation(file: builder.file, line: 1, column: 1)
            return ImageFigure(source: source, title: title, caption: alt, alt: attributes.block.pairs["fig-alt"], label: label, location: location)
        }

        /// A paragraph that starts with `: ` (or `Table: `) right after a table is its caption,
        /// and may end with the table's `{#tbl-…}`; one after anything else is a warning, since
        /// it has no table to caption.
        private mutating func caption(_ content: inout [Inline], at location: SourceLocation) -> Bool {
            guard case .text(let text)? = content.first else { return false }
            let prefix = [": ", ":\t", "Table: "].first { text.hasPrefix($0) } ?? (text == ":" ? ":" : nil)
            guard let prefix else { return false }
            let top = open.count - 1
            guard case .table(var table)? = open[top].blocks.last, table.caption == nil else {
                if prefix != "Table: " {
                    diagnostics.append(.warning("table.caption-without-table", "a caption (': …') must follow a table; it is shown as a paragraph",
                                                at: location))
                }
                return false
            }
            var caption = content
            let rest = String(text.dropFirst(prefix.count).drop { $0 == " " || $0 == "\t" })
            if rest.isEmpty { caption.removeFirst() } else { caption[0] = .text(rest) }
            let attributes = Self.takeAttributes(from: &caption)
            table.caption = caption
            table.label = attributes?.id
            open[top].blocks[open[top].blocks.count - 1] = .table(table)
            return true
        }

        /// Whether a block is a list item's own.
        private static func isInItem(_ node: OpaquePointer) -> Bool {
            cmark_node_parent(node).map { cmark_node_get_type($0) == CMARK_NODE_ITEM } ?? false
        }

        /// Whether raw inlines have a `|` in their text, which every table has.
        private static func mayHoldTable(_ raw: [RawInline]) -> Bool {
            raw.contains { if case .text(let text, _, _) = $0 { text.utf8.contains(UInt8(ascii: "|")) } else { false } }
        }

        /// The line of a setext heading's underline, or `nil` for an ATX heading. cmark 0.30 may
        /// end a setext heading where the paragraph after it ends: the underline is the last line
        /// before the next block.
        private func setextUnderline(_ node: OpaquePointer) -> Int? {
            let first = Int(cmark_node_get_start_line(node))
            var last = Int(cmark_node_get_end_line(node))
            if let next = cmark_node_next(node), Int(cmark_node_get_start_line(next)) <= last { last = Int(cmark_node_get_start_line(next)) - 1 }
            guard placement == nil, last > first else { return nil }
            return last
        }

        /// Takes a trailing `{#id …}` off the last text of `content`.
        private static func takeAttributes(from content: inout [Inline]) -> AttributeBlock? {
            guard case .text(let text)? = content.last, let found = AttributeBlock.trailing(in: text) else { return nil }
            content.removeLast()
            if !found.rest.isEmpty { content.append(.text(found.rest)) }
            while let last = content.last, last == .softBreak || last == .lineBreak { content.removeLast() }
            return found.block
        }

        /// Opens a quote or list, or flattens it into the open container past the limit.
        private mutating func openBlockContainer(_ kind: OpenContainer.Kind, _ node: OpaquePointer) {
            guard blockDepth < NestingLimit.depth else { return flatten(node, what: "quotes and lists") }
            blockDepth += 1
            open.append(OpenContainer(kind))
        }

        /// Opens an emphasis, link or image, or flattens it into the open container past the limit.
        private mutating func openInlineContainer(_ kind: OpenContainer.Kind, _ node: OpaquePointer) {
            guard inlineDepth < NestingLimit.depth else { return flatten(node, what: "emphasis, links and images") }
            inlineDepth += 1
            open.append(OpenContainer(kind))
        }

        /// Leaves `node` unopened: what it holds goes to the open container. The first node so
        /// flattened in a container is where the warning points.
        private mutating func flatten(_ node: OpaquePointer, what: String) {
            if open[open.count - 1].flattened == 0 {
                diagnostics.append(.warning("markdown.too-deep",
                                            "\(what) nested more than \(NestingLimit.depth) deep: from here they are flattened into the one around them",
                                            at: location(of: node)))
            }
            open[open.count - 1].flattened += 1
        }

        /// Adds a block to the open container. An `output` block right after a cell is that
        /// cell's expected output.
        private mutating func appendBlock(_ block: Block) {
            let top = open.count - 1
            if top == 0 { resultLines.append(nodeLine) }
            if case .code(let code) = block, code.language == "output", case .cell(var cell)? = open[top].blocks.last,
               cell.expectedOutput == nil {
                cell.expectedOutput = code
                open[top].blocks[open[top].blocks.count - 1] = .cell(cell)
            } else {
                open[top].blocks.append(block)
            }
        }

        private mutating func appendInline(_ inline: RawInline) {
            open[open.count - 1].inlines.append(inline)
        }

        private mutating func codeBlock(_ node: OpaquePointer) -> Block {
            let info = string(cmark_node_get_fence_info(node))
            let language = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
            let place = start(node)
            let location = builder.location(line: place.line, column: place.column)
            // cmark 0.30 does not say how a block was fenced; its first line does.
            let fence = builder.openingFence(line: place.line)
            let fenced = fence != nil
            let endLine = Int(cmark_node_get_end_line(node))
            // cmark 0.30 ends a fence its container closed (a quote's last line) on the line
            // after the container: a fence there is not this block's, though it looks closing.
            // Nor is a last line that is the code's own (a fence never closed runs to the end).
            let containerEnd = cmark_node_parent(node).map { Int(cmark_node_get_end_line($0)) } ?? endLine
            let codeLines = literal(node).utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            let closed = fence.map {
                endLine > place.line && endLine <= containerEnd && codeLines == endLine - place.line - 1
                    && builder.isClosingFence(line: endLine, character: $0.character, length: $0.length)
            } ?? false
            if fenced && !closed && (language == "swift" || language == "output") {
                diagnostics.append(.error("markdown.unclosed-fence", "this ```\(language) block is never closed: it runs to the end of its container",
                                          at: location))
            }
            if language == "swift" {
                return .cell(CellParser.cell(code: literal(node), location: location, indent: location.column - 1,
                                             diagnostics: &diagnostics))
            }
            return .code(CodeBlock(language: language, code: literal(node), location: location, closingLine: closed ? endLine : nil))
        }
    }

    /// A container the converter has entered and not yet left, and what it holds so far.
    private struct OpenContainer {
        enum Kind {
            case document
            case blockQuote
            case list(start: Int?, isTight: Bool)
            case item
            case paragraph
            case heading(level: Int, location: SourceLocation)
            case emphasis
            case strong
            case link(destination: String, title: String)
            case image(source: String, title: String)
        }

        let kind: Kind
        /// The blocks of a document, quote or item.
        var blocks: [Block] = []
        /// The items of a list.
        var items: [[Block]] = []
        /// The inlines of a paragraph, heading, emphasis, link or image.
        var inlines: [RawInline] = []
        /// How many nodes inside it, entered and not yet left, were flattened into it.
        var flattened = 0
        /// For a quote whose first line is `[!NOTE]` or its kin: the callout it is.
        var callout: (kind: Callout.Kind, location: SourceLocation)?
        /// For a paragraph: how many links and problems had been found when it opened.
        var linkCount = 0
        var diagnosticCount = 0

        init(_ kind: Kind) {
            self.kind = kind
        }
    }
}

/// An inline as cmark gave it: text may still hold math placeholders, positions are those of the
/// rewritten text.
indirect enum RawInline {
    case text(String, line: Int, column: Int)
    case softBreak
    case lineBreak
    case code(String, line: Int, column: Int)
    case html(String)
    case emphasis([RawInline])
    case strong([RawInline])
    case link(destination: String, title: String, content: [RawInline])
    case image(source: String, title: String, alt: [RawInline])
}
