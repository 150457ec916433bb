import FolioModel

/// The four extensions the differential test compares, each on its own.
enum GFMCategory: String, CaseIterable, Sendable {
    case tables
    case footnotes
    case strikethrough
    case autolinks

    /// Whether an input is about this extension at all: the figures count only those.
    func concerns(_ markdown: String) -> Bool {
        switch self {
        case .tables: markdown.contains("|")
        case .footnotes: markdown.contains("[^")
        case .strikethrough: markdown.contains("~")
        case .autolinks: markdown.lowercased().contains("www.") || markdown.contains("://") || markdown.contains("@")
        }
    }
}

/// What the differential test compares of one parsed document, the same for cmark-gfm's tree
/// and Folio's model: the tables' shape and cell text, the footnotes' numbers and order, the
/// struck text and every link's destination.
///
/// The prose is read in order; the notes are read apart, by id, since cmark-gfm moves their
/// definitions to the end while Folio leaves them where the author wrote them. Tables, struck
/// text and links are compared in the prose and in the notes both sides list, so that which
/// notes are shown, and in what order, is the footnotes' comparison alone.
struct GFMShape: Equatable, Sendable {
    /// One table: each column's alignment, then the text of every cell, row by row.
    struct Table: Equatable, Sendable {
        var alignments: [String] = []
        var header: [String] = []
        var rows: [[String]] = []
    }

    /// What one stretch of the document holds, in reading order.
    struct Content: Equatable, Sendable {
        var tables: [Table] = []
        /// The text of every strikethrough.
        var struck: [String] = []
        /// The destination of every link, autolinks and written ones alike.
        var links: [String] = []
    }

    /// Everything outside the notes.
    var prose = Content()
    /// The notes listed at the end, by id.
    var notes: [String: Content] = [:]
    /// The number every footnote reference shows: the prose's, then each listed note's in turn.
    var footnoteReferences: [Int] = []
    /// The ids of the notes listed at the end, in their order.
    var endnotes: [String] = []

    /// Whether the two agree on what `category` compares.
    func agrees(with other: GFMShape, on category: GFMCategory) -> Bool {
        let shared = Set(endnotes).intersection(other.endnotes)
        return part(category, notes: shared) == other.part(category, notes: shared)
    }

    /// What `category` compares, written out for a failure message: the prose, then the notes
    /// named (by id), for all but footnotes.
    func part(_ category: GFMCategory, notes shown: Set<String>) -> String {
        if category == .footnotes {
            return "references \(footnoteReferences.map(String.init).joined(separator: " ")); endnotes \(endnotes.map(Self.quoted).joined(separator: " "))"
        }
        let stretches = [("", prose)] + shown.sorted().compactMap { id in notes[id].map { ("in note \(Self.quoted(id)): ", $0) } }
        return stretches.map { title, content in title + Self.describe(category, content) }.joined(separator: "\n")
    }

    private static func describe(_ category: GFMCategory, _ content: Content) -> String {
        switch category {
        case .tables:
            if content.tables.isEmpty { return "no table" }
            return content.tables.enumerated().map { index, table in
                let rows = ([table.header] + table.rows).map { "| " + $0.map(quoted).joined(separator: " | ") + " |" }
                return "table \(index + 1), \(table.rows.count) body rows, alignments \(table.alignments.joined(separator: " ")):\n"
                    + rows.map { "    " + $0 }.joined(separator: "\n")
            }.joined(separator: "\n")
        case .strikethrough:
            return "struck \(content.struck.map(quoted).joined(separator: ", "))"
        case .autolinks:
            return "links \(content.links.map(quoted).joined(separator: ", "))"
        case .footnotes:
            return ""
        }
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Spaces, tabs and line ends as a reader sees them: runs of them are one space, none at the ends.
    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }

    /// How a footnote reference reads in a cell's text on both sides (the numbers are compared
    /// apart, under footnotes).
    static let footnoteMarker = "[^]"
}

// MARK: - Folio's model

extension GFMShape {
    /// The shape of a chapter as Folio parsed it: the notes it numbered, in their order.
    init(folio blocks: [Block]) {
        var notes: [Footnote] = []
        FolioShapeReader.gatherNotes(blocks, into: &notes)
        var reader = FolioShapeReader()
        reader.read(blocks)
        self.prose = reader.content
        self.footnoteReferences = reader.references
        for note in notes.filter({ $0.number != nil }).sorted(by: { $0.number! < $1.number! }) {
            var noteReader = FolioShapeReader()
            noteReader.read(note.blocks)
            endnotes.append(note.id)
            if self.notes[note.id] == nil { self.notes[note.id] = noteReader.content }
            footnoteReferences += noteReader.references
        }
    }
}

/// Walks Folio's blocks into a `GFMShape.Content` and the footnote numbers they show, leaving
/// footnote definitions for the caller to read in their listed order.
private struct FolioShapeReader {
    var content = GFMShape.Content()
    var references: [Int] = []

    /// Every footnote definition, nested ones included.
    static func gatherNotes(_ blocks: [Block], into notes: inout [Footnote]) {
        for block in blocks {
            switch block {
            case .footnote(let note):
                notes.append(note)
                gatherNotes(note.blocks, into: &notes)
            case .blockQuote(let children): gatherNotes(children, into: &notes)
            case .list(let list): list.items.forEach { gatherNotes($0, into: &notes) }
            case .callout(let callout): gatherNotes(callout.blocks, into: &notes)
            case .paragraph, .heading, .code, .html, .thematicBreak, .equation, .cell, .table, .figure: break
            }
        }
    }

    mutating func read(_ blocks: [Block]) {
        for block in blocks {
            switch block {
            case .paragraph(let content): read(content)
            case .heading(let heading): read(heading.content)
            case .blockQuote(let children): read(children)
            case .list(let list): list.items.forEach { read($0) }
            case .callout(let callout): read(callout.blocks)
            case .figure(let figure): read(figure.caption)
            case .footnote: break
            case .code, .html, .thematicBreak, .equation, .cell: break
            case .table(let table):
                content.tables.append(GFMShape.Table(
                    alignments: table.alignments.map(Self.name),
                    header: table.header.map(Self.text),
                    rows: table.rows.map { $0.map(Self.text) }))
                table.header.forEach { read($0) }
                table.rows.forEach { $0.forEach { read($0) } }
                if let caption = table.caption { read(caption) }
            }
        }
    }

    mutating func read(_ inlines: [Inline]) {
        for inline in inlines {
            switch inline {
            case .strikethrough(let content):
                self.content.struck.append(Self.text(content))
                read(content)
            case .link(let destination, _, let content):
                self.content.links.append(destination)
                read(content)
            case .emphasis(let content), .strong(let content): read(content)
            case .image(_, _, let alt): read(alt)
            case .footnoteReference(let reference):
                if let number = reference.number { references.append(number) }
            case .text, .softBreak, .lineBreak, .code, .html, .math, .reference, .expression, .citation: break
            }
        }
    }

    static func name(_ alignment: MarkdownTable.Alignment) -> String {
        switch alignment {
        case .none: "none"
        case .left: "left"
        case .center: "center"
        case .right: "right"
        }
    }

    /// The text of inlines as cmark-gfm's tree holds it: math with its dollars (GFM reads them
    /// as text), a footnote reference as the marker, one that names no note as written.
    static func text(_ inlines: [Inline]) -> String {
        GFMShape.normalized(raw(inlines))
    }

    private static func raw(_ inlines: [Inline]) -> String {
        inlines.map { inline -> String in
            switch inline {
            case .text(let text), .code(let text), .html(let text): return text
            case .softBreak, .lineBreak: return " "
            case .emphasis(let content), .strong(let content), .strikethrough(let content), .link(_, _, let content): return raw(content)
            case .image(_, _, let alt): return raw(alt)
            case .math(let math): return math.delimiter + math.tex + math.delimiter
            case .reference(let reference): return "@" + reference.label
            case .expression(let expression): return "{swift} " + expression.code
            case .footnoteReference(let reference): return reference.number == nil ? "[^\(reference.id)]" : GFMShape.footnoteMarker
            case .citation(let citation): return citation.source
            }
        }.joined()
    }
}
