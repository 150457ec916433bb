/// One citation as the author wrote it: `[see @a; @b, p. 3]`, `@a`, `[-@a]`.
public struct Citation: Sendable, Hashable {
    /// How the citation stands in the sentence.
    public enum Mode: Sendable, Hashable {
        /// `[@key]`: the whole citation in parentheses, "(Nielsen 2015)".
        case parenthetical
        /// `@key`: the author is part of the sentence, "Nielsen (2015)".
        case narrative
    }

    /// The works cited, in the order written.
    public var items: [CitationItem]
    /// Parenthetical or narrative.
    public var mode: Mode

    /// Creates a citation.
    public init(items: [CitationItem], mode: Mode) {
        self.items = items
        self.mode = mode
    }
}

/// One work in a citation, with what the author wrote around its key.
public struct CitationItem: Sendable, Hashable {
    /// The citation key, without `@` or braces.
    public var key: String
    /// Text before the key ("see"), trimmed.
    public var prefix: String
    /// A point in the work ("p. 33" → page 33), when the text after the key starts with one.
    public var locator: Locator?
    /// Text after the key and locator (", and passim"), as written, leading comma included
    /// when there is no locator.
    public var suffix: String
    /// `-@key`: the author is already named in the sentence; only the year is shown.
    public var suppressAuthor: Bool
    /// Where `@key` (with its `-` or braces) is in the scanned text, in Unicode scalars.
    public var keyRange: Range<Int>

    /// Creates an item.
    public init(key: String, prefix: String = "", locator: Locator? = nil, suffix: String = "",
                suppressAuthor: Bool = false, keyRange: Range<Int> = 0..<0) {
        self.key = key
        self.prefix = prefix
        self.locator = locator
        self.suffix = suffix
        self.suppressAuthor = suppressAuthor
        self.keyRange = keyRange
    }
}

/// A point in a work: a page, a chapter, a section…
public struct Locator: Sendable, Hashable {
    /// What the value counts (CSL's locator terms).
    public var label: Label
    /// The page, chapter… as written; hyphens between numbers become en dashes when shown.
    public var value: String

    /// Creates a locator.
    public init(_ label: Label, _ value: String) {
        self.label = label
        self.value = value
    }

    /// CSL's locator terms, which pandoc recognises by their English names and abbreviations.
    public enum Label: String, Sendable, Hashable, CaseIterable {
        case book, chapter, column, figure, folio, issue, line, note, opus, page, paragraph, part, section
        case subVerbo = "sub verbo"
        case verse, volume

        /// The abbreviation Chicago shows before the value ("chap. 2"); none for a page.
        public var shortForm: String {
            switch self {
            case .book: "bk."
            case .chapter: "chap."
            case .column: "col."
            case .figure: "fig."
            case .folio: "fol."
            case .issue: "no."
            case .line: "l."
            case .note: "n."
            case .opus: "op."
            case .page: ""
            case .paragraph: "para."
            case .part: "pt."
            case .section: "sec."
            case .subVerbo: "s.v."
            case .verse: "v."
            case .volume: "vol."
            }
        }

        /// The plural abbreviation, for a range or a list ("chaps. 2–3").
        public var pluralShortForm: String {
            switch self {
            case .line: "ll."
            case .note: "nn."
            case .opus: "opp."
            case .subVerbo: "s.vv."
            case .verse: "vv."
            case .page: ""
            default: String(shortForm.dropLast()) + "s."
            }
        }
    }
}

/// A piece of scanned text: plain text to keep, or a citation to format.
public enum CitationSegment: Sendable, Hashable {
    /// Text that is not a citation, as a range of Unicode scalars of the scanned string.
    case text(Range<Int>)
    /// A citation and the range of Unicode scalars it replaces (brackets included).
    case citation(Citation, Range<Int>)
}
