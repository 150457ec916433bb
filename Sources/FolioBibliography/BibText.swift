/// A field's text after its LaTeX has been read: Unicode characters in spans that remember
/// what the braces and commands around them meant.
///
/// Case protection is kept because styles change case (a title in title case) and `{LSTM}`
/// or `{B}ayes` must come through as written.
public struct BibText: Sendable, Hashable {
    /// The spans, first to last; neighbours always differ in their attributes.
    public var spans: [BibSpan]

    /// Creates a text from its spans, merging neighbours with the same attributes.
    public init(_ spans: [BibSpan] = []) {
        self.spans = []
        for span in spans { append(span) }
    }

    /// Creates an unprotected plain text.
    public init(plain: String) {
        self.init(plain.isEmpty ? [] : [BibSpan(plain)])
    }

    /// The characters without their attributes (math as its TeX source).
    public var plainText: String {
        spans.count == 1 ? spans[0].text : spans.map(\.text).joined()
    }

    /// Whether there is no text at all.
    public var isEmpty: Bool { spans.isEmpty }

    /// Adds a span at the end, merged into the last one when their attributes are the same.
    public mutating func append(_ span: BibSpan) {
        guard !span.text.isEmpty else { return }
        if let last = spans.last, last.attributes == span.attributes, !span.attributes.contains(.math) {
            spans[spans.count - 1].text += span.text
        } else {
            spans.append(span)
        }
    }

    /// Adds every span of `other` at the end.
    public mutating func append(contentsOf other: BibText) {
        for span in other.spans { append(span) }
    }
}

/// A run of text with one set of attributes.
public struct BibSpan: Sendable, Hashable {
    /// The characters; for a math span, the TeX between the dollars.
    public var text: String
    /// How the text is set and whether a style may change its case.
    public var attributes: BibAttributes

    /// Creates a span.
    public init(_ text: String, _ attributes: BibAttributes = []) {
        self.text = text
        self.attributes = attributes
    }
}

/// What the LaTeX around a piece of text asked for.
public struct BibAttributes: OptionSet, Sendable, Hashable {
    /// The attributes as bits.
    public let rawValue: UInt8
    /// Creates attributes from their bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Inside braces: a style must not change its case (`{LSTM}`, `{B}ayes`).
    public static let caseProtected = BibAttributes(rawValue: 1 << 0)
    /// `\emph{…}`, `\textit{…}`, `{\em …}`.
    public static let emphasis = BibAttributes(rawValue: 1 << 1)
    /// `\textbf{…}`, `{\bf …}`.
    public static let strong = BibAttributes(rawValue: 1 << 2)
    /// `$…$`: TeX for the renderer to typeset; never case-changed.
    public static let math = BibAttributes(rawValue: 1 << 3)
    /// `\texttt{…}`, `\url{…}`.
    public static let monospace = BibAttributes(rawValue: 1 << 4)
    /// `\textsc{…}`.
    public static let smallCaps = BibAttributes(rawValue: 1 << 5)
}
