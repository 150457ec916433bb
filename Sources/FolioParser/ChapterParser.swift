import FolioModel

/// Parses one chapter file — front matter, Markdown, math — into the document model.
/// Parsing never fails: problems come back as diagnostics next to whatever could be read.
public struct ChapterParser: Sendable {
    public init() {}

    /// Parses the bytes of the file at `path` (as the author names it, e.g. `chapters/softmax.md`).
    /// A file that is not UTF-8 gives no chapter and an error at the first bad byte.
    public func parse(_ bytes: [UInt8], path: String) -> ParsedChapter {
        if let bad = Self.firstInvalidUTF8(in: bytes) {
            let diagnostic = Diagnostic.error("file.not-utf8", "file is not valid UTF-8 (byte 0x\(String(bytes[bad.offset], radix: 16, uppercase: true)))",
                                              at: SourceLocation(file: path, line: bad.line, column: bad.column))
            return ParsedChapter(chapter: nil, diagnostics: [diagnostic])
        }
        var text = String(decoding: bytes, as: UTF8.self)
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        // One line ending for every stage; columns do not change, lines are counted the same.
        text = text.replacingCRLF()
        // CommonMark reads U+0000 as U+FFFD; done here, cmark's byte columns are those of the text.
        if text.utf8.contains(0) { text = String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\0" ? "\u{FFFD}" : $0 })) }

        var diagnostics: [Diagnostic] = []
        let (frontMatter, body) = FrontMatterParser(file: path).parse(text, diagnostics: &diagnostics)
        // The chapter, then each footnote's text, parsed as a document of its own.
        var main = parseDocument(SourceText(body), text: body, path: path, diagnostics: &diagnostics)
        var footnotes: [(footnote: Footnote, line: Int)] = []
        var pending = main.definitions
        var links = main.links
        var hasFootnoteReferences = main.hasFootnoteReferences
        var hasHeadingLabels = main.converted.hasHeadingLabels
        var next = 0
        while next < pending.count {
            let (definition, source) = pending[next]
            next += 1
            var document = parseDocument(source.view(of: definition.lines), text: nil, path: path, diagnostics: &diagnostics)
            let location = SourceLocation(file: path, line: source.fileLine(definition.line), column: source.scalarColumn(line: definition.line, byteColumn: 1))
            footnotes.append((Footnote(id: definition.id, blocks: document.converted.blocks, location: location), location.line))
            links += document.links
            hasFootnoteReferences = hasFootnoteReferences || document.hasFootnoteReferences
            hasHeadingLabels = hasHeadingLabels || document.converted.hasHeadingLabels
            pending += document.definitions
            document.definitions = []
        }
        var blocks = Self.placing(footnotes, among: main.converted.blocks, startingOn: main.converted.lines)
        main.definitions = []
        HeadingAnchors.assign(&blocks, hasLabels: hasHeadingLabels)
        diagnostics += FootnoteNumbering.number(&blocks, hasReferences: hasFootnoteReferences)
        // Equations, figures, tables and sections are numbered by the book (FolioNumbering's `BookNumbering`).

        let chapter = Chapter(path: path, slug: Self.slug(of: path), frontMatter: frontMatter, blocks: blocks,
                              links: footnotes.isEmpty ? links : links.sorted { $0.location < $1.location })
        return ParsedChapter(chapter: chapter, diagnostics: diagnostics.sorted { $0.location < $1.location })
    }

    /// One document parsed: the chapter's text, or a footnote's.
    private struct Document {
        var converted: MarkdownTree.Converted
        var links: [LinkSite] { converted.links }
        /// The footnote definitions found in it, each with the text it was found in.
        var definitions: [(LinePass.FootnoteDefinition, SourceText)]
        /// Whether any `[^id]` was found in it.
        var hasFootnoteReferences: Bool
    }

    /// Parses one document: its footnote definitions taken out and blank lines in `$$` blocks
    /// joined, its math found, then cmark's blocks converted. `text` is the source's text when
    /// the caller has it already.
    private func parseDocument(_ source: SourceText, text: String?, path: String, diagnostics: inout [Diagnostic]) -> Document {
        let pass = LinePass(source.lines)
        let prepared = pass.changed ? source.replacingLines(pass.lines) : source
        let text = !pass.changed ? text ?? prepared.text : prepared.text
        let segments = MarkdownTree.proseSegments(of: text, source: prepared)
        let scanned = MathScanner(file: path, source: prepared).scan(blocks: segments, diagnostics: &diagnostics)
        let builder = InlineBuilder(file: path, source: prepared, spans: scanned.spans, columns: scanned.columns)
        let converted = MarkdownTree.blocks(of: scanned.text, builder: builder)
        diagnostics += converted.diagnostics
        let hasReferences = scanned.spans.contains { if case .footnoteReference = $0.content { true } else { false } }
        var document = Document(converted: converted, definitions: pass.definitions.map { ($0, source) }, hasFootnoteReferences: hasReferences)
        document.converted.lines = converted.lines.map(prepared.fileLine)
        return document
    }

    /// The chapter's blocks with each footnote's definition placed where it was written, among
    /// the top-level blocks (whose start lines are `lines`).
    private static func placing(_ footnotes: [(footnote: Footnote, line: Int)], among blocks: [Block], startingOn lines: [Int]) -> [Block] {
        guard !footnotes.isEmpty else { return blocks }
        var result: [Block] = []
        var notes = footnotes.sorted { $0.line < $1.line }[...]
        for (block, line) in zip(blocks, lines) {
            while let note = notes.first, note.line < line {
                result.append(.footnote(note.footnote))
                notes.removeFirst()
            }
            result.append(block)
        }
        result += notes.map { .footnote($0.footnote) }
        return result
    }

    /// `chapters/softmax.md` → `softmax`.
    public static func slug(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// The line, column and byte offset of the first byte that is not valid UTF-8.
    static func firstInvalidUTF8(in bytes: [UInt8]) -> (line: Int, column: Int, offset: Int)? {
        var line = 1
        var column = 1
        // A byte order mark is not a character: columns count from after it, as the parser reads.
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (line, column, index)
            }
            guard index + length <= bytes.count else { return (line, column, index) }
            for next in bytes[(index + 1)..<(index + length)] where next & 0xC0 != 0x80 {
                return (line, column, index)
            }
            if length >= 3 {
                let scalar = String(decoding: bytes[index..<(index + length)], as: UTF8.self).unicodeScalars
                // Overlong forms and surrogates decode to U+FFFD.
                if scalar.first == "\u{FFFD}" && bytes[index..<(index + length)] != [0xEF, 0xBF, 0xBD] { return (line, column, index) }
            }
            // LF, CRLF and a lone CR each end a line, as they do for the rest of the parser.
            let isLoneCR = byte == UInt8(ascii: "\r") && (index + 1 == bytes.count || bytes[index + 1] != UInt8(ascii: "\n"))
            if byte == UInt8(ascii: "\n") || isLoneCR {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += length
        }
        return nil
    }
}

/// A chapter as parsed, with what was found wrong in it.
public struct ParsedChapter: Sendable {
    /// `nil` when the file could not be read as text at all.
    public var chapter: Chapter?
    public var diagnostics: [Diagnostic]

    public init(chapter: Chapter?, diagnostics: [Diagnostic]) {
        self.chapter = chapter
        self.diagnostics = diagnostics
    }
}

extension String {
    /// The text with CRLF and lone CR line endings turned into LF.
    func replacingCRLF() -> String {
        guard utf8.contains(UInt8(ascii: "\r")) else { return self }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var previousCR = false
        for byte in utf8 {
            if byte == UInt8(ascii: "\r") {
                bytes.append(UInt8(ascii: "\n"))
                previousCR = true
                continue
            }
            if !(byte == UInt8(ascii: "\n") && previousCR) { bytes.append(byte) }
            previousCR = false
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
