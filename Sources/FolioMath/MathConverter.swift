/// Converts TeX math, as textbook authors write it, into MathML Core that browsers render natively.
public struct MathConverter: Sendable {
    public init() {}

    /// Converts one formula on its own. `display` selects a block formula (`<math display="block">`).
    /// Never fails: problems come back as `errors`, located by scalar offset into `tex`.
    public func convert(_ tex: String, display: Bool) -> MathRendering {
        var macros = MathMacros()
        return convert(tex, display: display, macros: &macros)
    }

    /// Converts one formula of a chapter. `macros` are those in force before it (the book's and
    /// those earlier formulas defined); definitions in `tex` are added to them, so the next
    /// formula sees them too. `options` carry the numbers the book gave this formula's rows and
    /// resolve its `\ref`s.
    public func convert(_ tex: String, display: Bool, macros: inout MathMacros,
                        options: MathOptions = MathOptions()) -> MathRendering {
        let expanded = Self.expand(tex, macros: &macros)
        var parser = MathParser(scalars: expanded.scalars)
        parser.options = options
        parser.macroNames = macros.names
        let nodes = parser.parseFormula(display: display)
        let mathML = MathMLWriter.document(nodes, tex: tex, display: display)
        let errors = expanded.errors + parser.errors.map { expanded.locate($0) }
        var rows = parser.equationRows.map { expanded.locate($0) }
        if rows.isEmpty, display {
            rows = [Self.wholeFormulaRow(parser)]
        }
        return MathRendering(mathML: mathML, errors: errors, tag: parser.tag, rows: rows)
    }

    /// The rows a display formula contributes to the book's equation numbering, in order, with
    /// their labels and tags, and the macros it defines — without writing any MathML, for the
    /// numbering pass that reads the whole book before any page is rendered.
    public func outline(_ tex: String, macros: inout MathMacros) -> [EquationRow] {
        let expanded = Self.expand(tex, macros: &macros)
        var parser = MathParser(scalars: expanded.scalars)
        _ = parser.parseFormula(display: true)
        if parser.equationRows.isEmpty { return [Self.wholeFormulaRow(parser)] }
        return parser.equationRows.map { expanded.locate($0) }
    }

    private static func wholeFormulaRow(_ parser: MathParser) -> EquationRow {
        EquationRow(label: parser.label, tag: parser.tag, isNumbered: parser.label != nil && parser.tag == nil, offset: 0, isWholeFormula: true)
    }

    /// The formula after macro expansion, and where its scalars came from.
    private struct Expansion {
        var scalars: [Unicode.Scalar]
        /// Source offset of each expanded scalar; nil when nothing was expanded.
        var offsets: [Int]?
        var sourceCount: Int
        var errors: [MathError]

        func locate(_ offset: Int) -> Int {
            guard let offsets else { return offset }
            return offset < offsets.count ? offsets[offset] : sourceCount
        }

        func locate(_ error: MathError) -> MathError {
            var located = error
            located.offset = locate(error.offset)
            return located
        }

        func locate(_ row: EquationRow) -> EquationRow {
            var located = row
            located.offset = locate(row.offset)
            return located
        }
    }

    private static func expand(_ tex: String, macros: inout MathMacros) -> Expansion {
        let source = Array(tex.unicodeScalars)
        guard MathMacroExpander.isNeeded(source, macros: macros) else {
            return Expansion(scalars: source, offsets: nil, sourceCount: source.count, errors: [])
        }
        var expander = MathMacroExpander(source, macros: macros)
        expander.run()
        macros = expander.macros
        return Expansion(scalars: expander.output, offsets: expander.offsets, sourceCount: source.count, errors: expander.errors)
    }
}

/// The result of converting one formula.
public struct MathRendering: Sendable, Equatable {
    /// A complete `<math>` element, with the TeX as an `application/x-tex` annotation.
    public var mathML: String
    /// Problems in the TeX, first to last.
    public var errors: [MathError]
    /// The text of a `\tag{…}` (without parentheses) outside any numbered environment, which
    /// the converter leaves out of `mathML` so the page can set it at the right like an
    /// automatic number.
    ///
    /// `\tag*{…}` gives its text here in the same way: the star (“no parentheses”) is not
    /// recorded, so the page sets both forms alike. Tags of rows of `align` and the like are
    /// set in `mathML` itself, at the right of their rows, and come back in ``rows``.
    public var tag: String?
    /// For a display formula, its rows as ``MathConverter/outline(_:macros:)`` gives them
    /// (labels for anchors and references); empty for inline math.
    public var rows: [EquationRow]
    /// Whether `mathML` can be shown despite the errors (see ``MathErrorScope``).
    public var errorScope: MathErrorScope

    /// Creates a rendering from its parts; the error scope follows from the errors' ids.
    public init(mathML: String, errors: [MathError], tag: String?, rows: [EquationRow] = []) {
        self.mathML = mathML
        self.errors = errors
        self.tag = tag
        self.rows = rows
        if errors.isEmpty {
            errorScope = .none
        } else if errors.allSatisfy({ MathErrorID(rawValue: $0.id)?.isLocal ?? false }) {
            errorScope = .local
        } else {
            errorScope = .formula
        }
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
