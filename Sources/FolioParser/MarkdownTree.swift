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
            visit(root) { node in
                let type = cmark_node_get_type(node)
                guard type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING else { return true }
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

    /// Walks the tree depth-first; `visitor` returns whether to descend into a node's children.
    private static func visit(_ node: OpaquePointer, _ visitor: (OpaquePointer) -> Bool) {
        guard visitor(node) else { return }
        var child = cmark_node_first_child(node)
        while let current = child {
            visit(current, visitor)
            child = cmark_node_next(current)
        }
    }

    /// Parses the rewritten text into blocks, with the problems found in cells' options.
    static func blocks(of text: String, builder: InlineBuilder) -> (blocks: [Block], diagnostics: [Diagnostic]) {
        withDocument(text) { root in
            var converter = Converter(builder: builder)
            let blocks = converter.children(of: root)
            return (blocks, converter.diagnostics)
        }
    }

    /// Copies cmark nodes into model values.
    private struct Converter {
        let builder: InlineBuilder
        var diagnostics: [Diagnostic] = []

        mutating func children(of node: OpaquePointer) -> [Block] {
            var blocks: [Block] = []
            var child = cmark_node_first_child(node)
            while let current = child {
                if let block = block(current) {
                    // An `output` block right after a cell is that cell's expected output.
                    if case .code(let code) = block, code.language == "output", case .cell(var cell)? = blocks.last,
                       cell.expectedOutput == nil {
                        cell.expectedOutput = code
                        blocks[blocks.count - 1] = .cell(cell)
                    } else {
                        blocks.append(block)
                    }
                }
                child = cmark_node_next(current)
            }
            return blocks
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

        mutating func block(_ node: OpaquePointer) -> Block? {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_PARAGRAPH:
                let raw = rawInlines(of: node)
                if let equation = builder.displayEquation(raw) { return .equation(equation) }
                return .paragraph(builder.inlines(raw))
            case CMARK_NODE_HEADING:
                let content = builder.inlines(rawInlines(of: node))
                let place = start(node)
                return .heading(Heading(level: Int(cmark_node_get_heading_level(node)), content: content, id: "",
                                        location: builder.location(line: place.line, column: place.column)))
            case CMARK_NODE_BLOCK_QUOTE:
                return .blockQuote(children(of: node))
            case CMARK_NODE_LIST:
                let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
                var items: [[Block]] = []
                var item = cmark_node_first_child(node)
                while let current = item {
                    items.append(children(of: current))
                    item = cmark_node_next(current)
                }
                return .list(List(start: ordered ? Int(cmark_node_get_list_start(node)) : nil,
                                  isTight: cmark_node_get_list_tight(node) != 0, items: items))
            case CMARK_NODE_CODE_BLOCK:
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
            case CMARK_NODE_HTML_BLOCK:
                return .html(builder.restore(literal(node)))
            case CMARK_NODE_THEMATIC_BREAK:
                return .thematicBreak
            default:
                return nil
            }
        }

        /// The inline children of `node`, still holding placeholders.
        private func rawInlines(of node: OpaquePointer) -> [RawInline] {
            var inlines: [RawInline] = []
            var child = cmark_node_first_child(node)
            while let current = child {
                inlines.append(rawInline(current))
                child = cmark_node_next(current)
            }
            return inlines
        }

        private func rawInline(_ node: OpaquePointer) -> RawInline {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT:
                let place = start(node)
                return .text(literal(node), line: place.line, column: place.column)
            case CMARK_NODE_SOFTBREAK: return .softBreak
            case CMARK_NODE_LINEBREAK: return .lineBreak
            case CMARK_NODE_CODE:
                let place = start(node)
                return .code(literal(node), line: place.line, column: place.column)
            case CMARK_NODE_HTML_INLINE: return .html(literal(node))
            case CMARK_NODE_EMPH: return .emphasis(rawInlines(of: node))
            case CMARK_NODE_STRONG: return .strong(rawInlines(of: node))
            case CMARK_NODE_LINK:
                return .link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)),
                             content: rawInlines(of: node))
            case CMARK_NODE_IMAGE:
                return .image(source: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)),
                              alt: rawInlines(of: node))
            default:
                return .html("")
            }
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
