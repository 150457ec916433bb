/// One Markdown file of the book, parsed: its front matter and its blocks, in document order.
public struct Chapter: Sendable, Equatable {
    /// The path as the author names it, relative to the book's root (`chapters/softmax.md`).
    public var path: String
    /// The output name without extension (`softmax` for `chapters/softmax.md`).
    public var slug: String
    public var frontMatter: FrontMatter
    public var blocks: [Block]
    /// Every link, image and raw HTML `href`/`src` in the chapter, in document order.
    public var links: [LinkSite]
    /// The numbers of the labels its formulas' `\ref{…}` and `\eqref{…}` name, once the book is
    /// numbered.
    public var mathReferences: [String: String] = [:]
    /// The works its citations cite, in the style's order, once the book has formatted them:
    /// the "References" at the end of its page.
    public var bibliography: [BibliographyEntry] = []

    public init(path: String, slug: String, frontMatter: FrontMatter, blocks: [Block], links: [LinkSite] = []) {
        self.path = path
        self.slug = slug
        self.frontMatter = frontMatter
        self.blocks = blocks
        self.links = links
    }

    /// Its citations, in the order they are read (footnotes where they are written).
    public var citations: [CitationMark] {
        var found: [CitationMark] = []
        for block in blocks {
            _ = block.mapInlines { inline in
                if case .citation(let citation) = inline { found.append(citation) }
                return inline
            }
        }
        return found
    }

    /// The chapter's title: front matter's `title`, else the text of its first level-1 heading,
    /// else its slug.
    public var title: String {
        if let title = frontMatter.title { return title }
        for case let .heading(heading) in blocks where heading.level == 1 {
            return heading.content.plainText
        }
        return slug
    }
}

/// The YAML block at the top of a chapter (SPEC 3.1), with defaults filled in.
public struct FrontMatter: Sendable, Equatable {
    public var title: String?
    /// The page's language, as a BCP 47 tag (`zh-CN`); `nil` when the chapter does not say, and
    /// it is the book's (`lang` in `book.yml`, else English).
    public var lang: String?
    /// The number given to the chapter's first numbered display equation; `nil` when the
    /// chapter does not say, and its numbers continue from the chapter before it in the book.
    public var equationStart: Int?
    /// Significant digits for inline numbers.
    public var digits: Int
    /// TeX macros its formulas may use (`macros:`), on top of the book's.
    public var macros: [MacroDefinition] = []
    /// `.bib` files of its own (`bibliography:`), beside the book's, as written.
    public var bibliography: [String] = []

    public init(title: String? = nil, lang: String? = nil, equationStart: Int? = nil, digits: Int = 4) {
        self.title = title
        self.lang = lang
        self.equationStart = equationStart
        self.digits = digits
    }
}

/// A TeX macro declared in YAML (`macros:` in `book.yml` or a chapter's front matter): its
/// name without the backslash, its body, and where it is declared.
public struct MacroDefinition: Sendable, Equatable {
    public var name: String
    public var body: String
    public var location: SourceLocation

    public init(name: String, body: String, location: SourceLocation) {
        self.name = name
        self.body = body
        self.location = location
    }
}

/// One work in a chapter's reference list: the anchor its citations link to, its number in a
/// numeric style, and its formatted text.
public struct BibliographyEntry: Sendable, Equatable {
    public var anchor: String
    /// "[1]" in a numeric style; `nil` in author–date.
    public var label: String?
    public var content: [Inline]

    public init(anchor: String, label: String?, content: [Inline]) {
        self.anchor = anchor
        self.label = label
        self.content = content
    }
}
