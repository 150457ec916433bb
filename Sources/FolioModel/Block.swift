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
}

/// A section heading.
public struct Heading: Sendable, Equatable {
    public var level: Int
    public var content: [Inline]
    /// The anchor, unique within its chapter.
    public var id: String
    public var location: SourceLocation

    public init(level: Int, content: [Inline], id: String, location: SourceLocation) {
        self.level = level
        self.content = content
        self.id = id
        self.location = location
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

    public init(math: Math, label: String? = nil, number: String? = nil) {
        self.math = math
        self.label = label
        self.number = number
    }
}
