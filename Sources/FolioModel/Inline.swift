/// An inline element of prose. A closed set, like `Block`.
public indirect enum Inline: Sendable, Equatable {
    case text(String)
    /// A line break in the source that is not a hard break; rendered as a space or newline.
    case softBreak
    case lineBreak
    case code(String)
    case emphasis([Inline])
    case strong([Inline])
    case link(destination: String, title: String, content: [Inline])
    case image(source: String, title: String, alt: [Inline])
    /// Raw inline HTML, passed through.
    case html(String)
    /// Inline math: `$…$`, or `$$…$$` inside a paragraph with other text.
    case math(Math)
    /// `@eq-NAME`: a reference to a labelled equation, resolved when the book is numbered.
    case reference(Reference)
    /// `` `{swift} expr` ``: replaced by the expression's value.
    case expression(InlineExpression)
    /// `~~text~~`.
    case strikethrough([Inline])
    /// `[^id]`: a reference to a footnote of the chapter.
    case footnoteReference(FootnoteReference)
    /// `[@key]`, `[see @a; @b, p. 3]`, `@key`: a citation of works in the book's bibliography.
    case citation(CitationMark)
}

/// A citation as written in the prose, and, once the book has formatted its citations, what it
/// reads: "(Nielsen 2015)" linked to the chapter's reference list.
public struct CitationMark: Sendable, Equatable {
    /// The citation exactly as written, brackets included.
    public var source: String
    /// Where it starts.
    public var location: SourceLocation
    /// The formatted citation; `nil` until the book formats it (it is shown as written).
    public var rendered: [Inline]?

    public init(source: String, location: SourceLocation, rendered: [Inline]? = nil) {
        self.source = source
        self.location = location
        self.rendered = rendered
    }
}

/// `[^id]` in the prose: numbered with its footnote, and linked both ways.
public struct FootnoteReference: Sendable, Equatable {
    public var id: String
    public var location: SourceLocation
    /// The footnote's number; `nil` when no footnote has this id (the reference is shown as written).
    public var number: Int?
    /// Which reference to its footnote this is, from 1: the anchor the note's back-link returns to.
    public var occurrence: Int

    public init(id: String, location: SourceLocation, number: Int? = nil, occurrence: Int = 1) {
        self.id = id
        self.location = location
        self.number = number
        self.occurrence = occurrence
    }
}

/// TeX source of one formula and where it stands in the chapter.
public struct Math: Sendable, Equatable {
    /// The TeX between the dollars, exactly as written.
    public var tex: String
    /// Where the TeX's first character is.
    public var location: SourceLocation
    /// For TeX spanning several lines: the column where each later line's TeX starts.
    public var continuationColumns: [Int]
    /// The file line of each later line of TeX, when blank lines were dropped from between them;
    /// empty when the lines follow one another.
    public var continuationLines: [Int]
    /// How the author delimited it: `$` or `$$`.
    public var delimiter: String

    public init(tex: String, location: SourceLocation, continuationColumns: [Int] = [], continuationLines: [Int] = [],
                delimiter: String = "$") {
        self.tex = tex
        self.location = location
        self.continuationColumns = continuationColumns
        self.continuationLines = continuationLines
        self.delimiter = delimiter
    }

    /// The source location of the scalar at `offset` (in Unicode scalars) into `tex`.
    public func location(ofScalarOffset offset: Int) -> SourceLocation {
        var line = 0
        var column = location.column
        for (index, scalar) in tex.unicodeScalars.enumerated() {
            if index == offset { break }
            if scalar == "\n" {
                line += 1
                column = line - 1 < continuationColumns.count ? continuationColumns[line - 1] : 1
            } else {
                column += 1
            }
        }
        let fileLine = line > 0 && line - 1 < continuationLines.count ? continuationLines[line - 1] : location.line + line
        return SourceLocation(file: location.file, line: fileLine, column: column)
    }
}

/// A cross-reference written in the prose, such as `@eq-softmax`.
public struct Reference: Sendable, Equatable {
    /// The label referred to, e.g. `eq-softmax`.
    public var label: String
    public var location: SourceLocation
    /// What the label names, once the book is numbered; `nil` if the label is unknown.
    public var target: ReferenceTarget?
    /// Whether an equation's number reads in parentheses: `(78)` for `@eq-…` and `\eqref{…}`,
    /// `78` for `\ref{…}`.
    public var parenthesized: Bool

    public init(label: String, location: SourceLocation, target: ReferenceTarget? = nil, parenthesized: Bool = true) {
        self.label = label
        self.location = location
        self.target = target
        self.parenthesized = parenthesized
    }
}

/// What a resolved reference points at: the number it reads and the page it links to.
public struct ReferenceTarget: Sendable, Equatable {
    /// What is referred to, which decides how the reference reads: `(78)` or `图 1`.
    public enum Kind: Sendable, Equatable {
        case equation
        case figure
        case table
        case section
    }

    /// `78`, or a `\tag`'s text; for a section, its number (`3.2`), empty when the book does
    /// not number its sections.
    public var number: String
    /// The slug of the chapter the target is on.
    public var page: String
    public var kind: Kind
    /// For a section: its heading's text, which a reference reads when there is no number.
    public var title: String?

    public init(number: String, page: String, kind: Kind = .equation, title: String? = nil) {
        self.number = number
        self.page = page
        self.kind = kind
        self.title = title
    }
}

extension Array where Element == Inline {
    /// The text a reader sees, without markup: for titles, alt text and anchors.
    public var plainText: String {
        map(\.plainText).joined()
    }
}

extension Inline {
    /// The text a reader sees, without markup.
    public var plainText: String {
        switch self {
        case .text(let text), .code(let text): return text
        case .softBreak, .lineBreak: return " "
        case .emphasis(let content), .strong(let content), .strikethrough(let content), .link(_, _, let content):
            return content.plainText
        case .image(_, _, let alt): return alt.plainText
        case .html: return ""
        case .math(let math): return math.tex
        case .reference(let reference):
            guard let target = reference.target else { return "@\(reference.label)" }
            switch target.kind {
            case .equation: return reference.parenthesized ? "(\(target.number))" : target.number
            case .figure, .table: return target.number
            case .section: return target.number.isEmpty ? target.title ?? "" : target.number
            }
        case .expression(let expression): return expression.value ?? expression.code
        // A footnote's mark is not part of the text it marks (a title, an anchor).
        case .footnoteReference: return ""
        case .citation(let citation): return citation.rendered?.plainText ?? citation.source
        }
    }
}
