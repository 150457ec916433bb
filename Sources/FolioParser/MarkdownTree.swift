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

    /// Parses the rewritten text into blocks, with the problems found in cells' options and
    /// nesting flattened past `NestingLimit.depth`.
    static func blocks(of text: String, builder: InlineBuilder) -> (blocks: [Block], diagnostics: [Diagnostic], links: [LinkSite]) {
        withDocument(text) { root in
            var converter = Converter(builder: builder)
            walk(root) { node, entering in
                if entering { converter.enter(node) } else { converter.exit(node) }
                return true
            }
            return (converter.result, converter.diagnostics, converter.links)
        }
    }

    /// Copies cmark nodes into model values as an iterator walks them: each container entered is
    /// opened on a stack on the heap, filled as its children go by, and closed into a value when
    /// it is left. Containers nested deeper than `NestingLimit.depth` are not opened: their
    /// content goes to the deepest open one, with a warning where the flattening starts.
    private struct Converter {
        let builder: InlineBuilder
        var diagnostics: [Diagnostic] = []
        /// Every link, image and raw HTML `href`/`src`, where it is.
        var links: [LinkSite] = []
        /// The document's blocks, once it is left.
        private(set) var result: [Block] = []
        /// The containers entered and not yet left, outermost first.
        private var open: [OpenContainer] = []
        /// How many quotes and lists are open, and how many emphases, links and images.
        private var blockDepth = 0
        private var inlineDepth = 0

        init(builder: InlineBuilder) {
            self.builder = builder
        }

        private func literal(_ node: OpaquePointer) -> String {
            cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        }

        private func string(_ pointer: UnsafePointer<CChar>?) -> String {
            pointer.map { String(cString: $0) } ?? ""
        }

        private func start(_ node: OpaquePointer) -> (line: Int, column: Int) {
            (Int(cmark_node_get_start_line(node)), Int(cmark_node_get_start_column(node)))
        }

        private func location(of node: OpaquePointer) -> SourceLocation {
            let place = start(node)
            return builder.location(line: place.line, column: place.column)
        }

        mutating func enter(_ node: OpaquePointer) {
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
                open.append(OpenContainer(.paragraph))
            case CMARK_NODE_HEADING:
                open.append(OpenContainer(.heading(level: Int(cmark_node_get_heading_level(node)), location: location(of: node))))
            case CMARK_NODE_CODE_BLOCK:
                appendBlock(codeBlock(node))
            case CMARK_NODE_HTML_BLOCK:
                htmlLinks(literal(node), at: start(node))
                appendBlock(.html(builder.restore(literal(node))))
            case CMARK_NODE_THEMATIC_BREAK:
                appendBlock(.thematicBreak)
            case CMARK_NODE_TEXT:
                let place = start(node)
                appendInline(.text(literal(node), line: place.line, column: place.column))
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

        /// Records the `href` and `src` attributes in raw HTML that starts at `start`.
        private mutating func htmlLinks(_ html: String, at start: (line: Int, column: Int)) {
            for attribute in HTMLLinkAttributes.find(in: html) {
                let line = start.line + attribute.line
                let column = attribute.line == 0 ? start.column + attribute.column : attribute.column + 1
                links.append(LinkSite(kind: .html, target: builder.restore(attribute.value),
                                      location: builder.location(line: line, column: column)))
            }
        }

        mutating func exit(_ node: OpaquePointer) {
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
                appendBlock(.blockQuote(closed.blocks))
            case .list(let start, let isTight):
                blockDepth -= 1
                appendBlock(.list(List(start: start, isTight: isTight, items: closed.items)))
            case .item:
                open[open.count - 1].items.append(closed.blocks)
            case .paragraph:
                if let equation = builder.displayEquation(closed.inlines) {
                    appendBlock(.equation(equation))
                } else {
                    appendBlock(.paragraph(builder.inlines(closed.inlines)))
                }
            case .heading(let level, let location):
                appendBlock(.heading(Heading(level: level, content: builder.inlines(closed.inlines), id: "", location: location)))
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
