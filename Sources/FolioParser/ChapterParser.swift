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

        var diagnostics: [Diagnostic] = []
        let (frontMatter, body) = FrontMatterParser(file: path).parse(text, diagnostics: &diagnostics)
        let source = SourceText(body)
        let segments = MarkdownTree.proseSegments(of: body, source: source)
        let scanned = MathScanner(file: path, source: source).scan(blocks: segments, diagnostics: &diagnostics)
        let builder = InlineBuilder(file: path, source: source, spans: scanned.spans, columns: scanned.columns)
        var (blocks, cellDiagnostics, links) = MarkdownTree.blocks(of: scanned.text, builder: builder)
        diagnostics += cellDiagnostics
        HeadingAnchors.assign(&blocks)
        // Equations and figures are numbered by the book (FolioNumbering's `BookNumbering`).

        let chapter = Chapter(path: path, slug: Self.slug(of: path), frontMatter: frontMatter, blocks: blocks, links: links)
        return ParsedChapter(chapter: chapter, diagnostics: diagnostics.sorted { $0.location < $1.location })
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
