/// Converts TeX math, as textbook authors write it, into MathML Core that browsers render natively.
public struct MathConverter: Sendable {
    public init() {}

    /// Converts one formula. `display` selects a block formula (`<math display="block">`).
    /// Never fails: problems come back as `errors`, located by scalar offset into `tex`.
    public func convert(_ tex: String, display: Bool) -> MathRendering {
        var parser = MathParser(tex)
        let nodes = parser.parseFormula(display: display)
        let mathML = MathMLWriter.document(nodes, tex: tex, display: display)
        return MathRendering(mathML: mathML, errors: parser.errors, tag: parser.tag)
    }
}

/// The result of converting one formula.
public struct MathRendering: Sendable, Equatable {
    /// A complete `<math>` element, with the TeX as an `application/x-tex` annotation.
    public var mathML: String
    /// Problems in the TeX, first to last. When non-empty, the renderer shows the source instead.
    public var errors: [MathError]
    /// The text of a `\tag{…}` (without parentheses), which the converter leaves out of `mathML`
    /// so the page can set it at the right like an automatic number.
    ///
    /// `\tag*{…}` gives its text here in the same way: the star (“no parentheses”) is not
    /// recorded, so the page sets both forms alike.
    public var tag: String?

    /// Creates a rendering from its parts.
    public init(mathML: String, errors: [MathError], tag: String?) {
        self.mathML = mathML
        self.errors = errors
        self.tag = tag
    }
}

/// One problem in a formula's TeX.
public struct MathError: Sendable, Equatable, Error {
    /// A stable identifier: `math.unknown-command`, `math.unbalanced-brace`, `math.empty-script`, …
    public var id: String
    /// What is wrong, for a person, naming the command or character at fault.
    public var message: String
    /// Offset of the offending character, in Unicode scalars from the start of the TeX.
    public var offset: Int

    /// Creates an error from its parts.
    public init(id: String, message: String, offset: Int) {
        self.id = id
        self.message = message
        self.offset = offset
    }
}
