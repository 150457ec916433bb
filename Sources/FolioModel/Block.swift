/// A block-level element of a chapter. A closed set: every stage switches over all of it.
public enum Block: Sendable, Equatable {
    case paragraph([Inline])
    case heading(Heading)
    case blockQuote([Block])
    case list(List)
    /// A fenced or indented code block that is not a cell: shown, never run.
    case code(CodeBlock)
    /// Raw HTML, passed through as the author wrote it (SPEC 3.2).
    case html(String)
    case thematicBreak
    /// A display equation: a `$$…$$` that is a paragraph of its own.
    case equation(Equation)
    /// A ```` ```swift ```` block: code that runs.
    case cell(Cell)
    /// A pipe table, as GitHub and pandoc write it.
    case table(MarkdownTable)
    /// A quote that opens with `[!NOTE]` and its kin: a labelled aside.
    case callout(Callout)
    /// An image alone in its paragraph with a `{#fig-…}` label: a numbered figure.
    case figure(ImageFigure)
    /// A footnote's definition, `[^id]: …`, where the author wrote it; shown at the page's end.
    case footnote(Footnote)
}

/// A section heading.
public struct Heading: Sendable, Equatable {
    public var level: Int
    public var content: [Inline]
    /// The anchor, unique within its chapter.
    public var id: String
    public var location: SourceLocation
    /// The anchor the author chose with a trailing `{#NAME}`, which `id` then is.
    public var label: String?
    /// The section's number (`3.2`) when the book numbers its sections; `nil` otherwise.
    public var number: String?
    /// `false` for a heading marked `{.unnumbered}` (or `{-}`), which a numbered book skips.
    public var isNumbered: Bool

    public init(level: Int, content: [Inline], id: String, location: SourceLocation, label: String? = nil, number: String? = nil,
                isNumbered: Bool = true) {
        self.level = level
        self.content = content
        self.id = id
        self.location = location
        self.label = label
        self.number = number
        self.isNumbered = isNumbered
    }
}

/// A bulleted or numbered list; each item is a sequence of blocks.
public struct List: Sendable, Equatable {
    /// `nil` for a bullet list, else the number of the first item.
    public var start: Int?
    /// A tight list's paragraphs are not wrapped in `<p>`.
    public var isTight: Bool
    public var items: [[Block]]

    public init(start: Int?, isTight: Bool, items: [[Block]]) {
        self.start = start
        self.isTight = isTight
        self.items = items
    }
}

/// A block of literal code and the language its info string names.
public struct CodeBlock: Sendable, Equatable {
    /// The first word of the info string (`swift`, `output`), or empty.
    public var language: String
    public var code: String
    /// The opening fence (or the first line of an indented block).
    public var location: SourceLocation
    /// The line of the closing fence; `nil` for an indented block or a fence never closed.
    public var closingLine: Int?

    public init(language: String, code: String, location: SourceLocation, closingLine: Int? = nil) {
        self.language = language
        self.code = code
        self.location = location
        self.closingLine = closingLine
    }
}

/// A numbered or unnumbered display equation.
public struct Equation: Sendable, Equatable {
    public var math: Math
    /// The `eq-…` label from a trailing `{#eq-…}`, if any.
    public var label: String?
    /// What the equation is called at its right and in references: `78`, or a `\tag`'s text.
    public var number: String?
    /// The numbers of the automatically numbered rows of its `align`, `gather`, `eqnarray` or
    /// `multline` rows, in order, which the converter sets at their right.
    public var rowNumbers: [String]

    public init(math: Math, label: String? = nil, number: String? = nil, rowNumbers: [String] = []) {
        self.math = math
        self.label = label
        self.number = number
        self.rowNumbers = rowNumbers
    }
}

/// A table written in the prose as pipes and dashes: a header row, each column's alignment and
/// the body rows, every cell already as wide as the header.
public struct MarkdownTable: Sendable, Equatable {
    /// How a column's cells are aligned, from the colons of the delimiter row.
    public enum Alignment: Sendable, Equatable {
        case none
        case left
        case center
        case right
    }

    public var alignments: [Alignment]
    public var header: [[Inline]]
    public var rows: [[[Inline]]]
    /// The text of a `: Caption` paragraph right after the table, if any.
    public var caption: [Inline]?
    /// The `tbl-…` label of the caption's `{#tbl-…}`, which numbers the table.
    public var label: String?
    /// The table's number in the book, once numbered; `nil` for a table without a label.
    public var number: String?
    /// The header row's first character.
    public var location: SourceLocation

    public init(alignments: [Alignment], header: [[Inline]], rows: [[[Inline]]], caption: [Inline]? = nil, label: String? = nil,
                number: String? = nil, location: SourceLocation) {
        self.alignments = alignments
        self.header = header
        self.rows = rows
        self.caption = caption
        self.label = label
        self.number = number
        self.location = location
    }
}

/// A labelled aside in GitHub's alert syntax: `> [!NOTE]` and the blocks after it.
public struct Callout: Sendable, Equatable {
    /// What the aside is, which decides its label, icon and colour.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case note
        case tip
        case important
        case warning
        case caution
    }

    public var kind: Kind
    public var blocks: [Block]
    /// Where the quote starts.
    public var location: SourceLocation

    public init(kind: Kind, blocks: [Block], location: SourceLocation) {
        self.kind = kind
        self.blocks = blocks
        self.location = location
    }
}

/// An image shown as a numbered figure: `![Caption](path.png){#fig-name}`.
public struct ImageFigure: Sendable, Equatable {
    public var source: String
    public var title: String
    /// The image's bracketed text, shown as the figure's caption.
    public var caption: [Inline]
    /// The `fig-alt="…"` text; the caption's text stands in for it when `nil`.
    public var alt: String?
    public var label: String
    /// The figure's number in the book, once numbered.
    public var number: String?
    /// The image's `!`.
    public var location: SourceLocation

    public init(source: String, title: String = "", caption: [Inline], alt: String? = nil, label: String, number: String? = nil,
                location: SourceLocation) {
        self.source = source
        self.title = title
        self.caption = caption
        self.alt = alt
        self.label = label
        self.number = number
        self.location = location
    }
}

/// A footnote's text, `[^id]: …`, with its number: footnotes are numbered in the order they are
/// first referred to, per chapter.
public struct Footnote: Sendable, Equatable {
    public var id: String
    public var blocks: [Block]
    /// The number its references show; `nil` when nothing refers to it (and it is not shown).
    public var number: Int?
    /// How many references point at it, each with a link back from the note.
    public var referenceCount: Int
    /// The definition's `[`.
    public var location: SourceLocation

    public init(id: String, blocks: [Block], number: Int? = nil, referenceCount: Int = 0, location: SourceLocation) {
        self.id = id
        self.blocks = blocks
        self.number = number
        self.referenceCount = referenceCount
        self.location = location
    }
}
