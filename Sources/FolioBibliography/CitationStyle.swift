/// How citations and reference lists look.
public struct CitationStyle: Sendable, Hashable {
    /// The two families of styles.
    public enum Kind: Sendable, Hashable {
        /// "(Nielsen 2015)"; the list sorted by author, year and title (Chicago author-date).
        case authorDate
        /// "[1]"; the list numbered in the order works are first cited.
        case numeric
    }

    /// Author–date or numeric.
    public var kind: Kind
    /// A citation of a work with at least this many authors names the first and "et al.".
    /// pandoc's default Chicago style (17th edition) says 4: "(Goodfellow, Bengio, and
    /// Courville 2016)", "(Vaswani et al. 2017)".
    public var etAlMinimum: Int
    /// How many authors a citation names before "et al.".
    public var etAlUseFirst: Int
    /// In the reference list, at least this many authors are cut to ``bibliographyEtAlUseFirst``.
    public var bibliographyEtAlMinimum: Int
    /// How many authors the reference list names before "et al.".
    public var bibliographyEtAlUseFirst: Int

    /// Creates a style.
    public init(kind: Kind, etAlMinimum: Int = 4, etAlUseFirst: Int = 1,
                bibliographyEtAlMinimum: Int = 11, bibliographyEtAlUseFirst: Int = 7) {
        self.kind = kind
        self.etAlMinimum = max(1, etAlMinimum)
        self.etAlUseFirst = max(1, etAlUseFirst)
        self.bibliographyEtAlMinimum = max(1, bibliographyEtAlMinimum)
        self.bibliographyEtAlUseFirst = max(1, bibliographyEtAlUseFirst)
    }

    /// Chicago author-date, as pandoc's default CSL style gives it.
    public static let authorDate = CitationStyle(kind: .authorDate)
    /// Numbers in brackets, the reference list in order of first citation.
    public static let numeric = CitationStyle(kind: .numeric)
}
