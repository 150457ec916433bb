/// The macros in force at one point of a chapter: book-wide definitions (`macros:` in `book.yml`
/// and front matter) plus those that earlier formulas made with `\newcommand`, `\def` and friends.
///
/// TeX groups would end a definition at the closing brace; authors of web books expect what
/// MathJax and KaTeX (`globalGroup`) do instead: a macro defined in one formula holds for every
/// later formula of the same chapter. So a chapter's formulas are converted in order, each
/// taking the macros the previous one returned (``MathConverter/convert(_:display:macros:options:)``).
public struct MathMacros: Sendable, Equatable {
    /// One definition: a body with `#1`…`#9` for its arguments.
    struct Definition: Sendable, Equatable {
        var parameterCount: Int
        /// `\newcommand{\x}[2][d]{…}`: the first argument is optional and defaults to this.
        var defaultArgument: [Unicode.Scalar]?
        var body: [Unicode.Scalar]
    }

    /// By name, without the backslash.
    private(set) var definitions: [String: Definition] = [:]

    /// No macros.
    public init() {}

    /// Commands of KaTeX's and Temml's tables that are shorthands for others, defined the way
    /// their packages define them (braket, mathtools, amsmath's `\mod`); they expand like user
    /// macros, and a user definition of the same name takes precedence.
    static let builtins: [String: Definition] = {
        let sources: [(String, Int, String)] = [
            ("bra", 1, "\\mathinner{\\langle{#1}\\vert}"), ("ket", 1, "\\mathinner{\\vert{#1}\\rangle}"),
            ("braket", 1, "\\mathinner{\\langle{#1}\\rangle}"), ("Bra", 1, "\\left\\langle{#1}\\right\\vert"),
            ("Ket", 1, "\\left\\vert{#1}\\right\\rangle"), ("Braket", 1, "\\left\\langle{#1}\\right\\rangle"),
            ("set", 1, "\\{{#1}\\}"), ("Set", 1, "\\left\\{{#1}\\right\\}"),
            ("varlimsup", 0, "\\mathop{\\overline{\\mathrm{lim}}}"), ("varliminf", 0, "\\mathop{\\underline{\\mathrm{lim}}}"),
            ("varinjlim", 0, "\\mathop{\\underrightarrow{\\mathrm{lim}}}"),
            ("varprojlim", 0, "\\mathop{\\underleftarrow{\\mathrm{lim}}}"),
            ("idotsint", 0, "\\int\\cdots\\int"), ("operatornamewithlimits", 1, "\\operatorname*{#1}"),
            ("mod", 1, "\\mathchoice{\\quad}{\\quad}{\\,}{\\,}\\mathrm{mod}\\,\\,{#1}"),
            ("pod", 1, "\\mathchoice{\\quad}{\\quad}{\\,}{\\,}({#1})"),
            ("underbar", 1, "\\underline{#1}"), ("TeX", 0, "\\text{TeX}"), ("LaTeX", 0, "\\text{LaTeX}"),
            ("KaTeX", 0, "\\text{KaTeX}"), ("bgroup", 0, "{"), ("egroup", 0, "}"),
        ]
        var table: [String: Definition] = [:]
        for (name, count, body) in sources {
            table[name] = Definition(parameterCount: count, defaultArgument: nil, body: Array(body.unicodeScalars))
        }
        return table
    }()

    /// Names the expander acts on even without user macros: the built-in shorthands and the
    /// commands that define macros.
    static let expandedNames: Set<String> = Set(builtins.keys).union(MathMacroExpander.definingCommands)

    /// Book-wide definitions as written in YAML, KaTeX's `macros` option style: a key such as
    /// `"\\RR"` (or `RR`) and a body such as `"\\mathbb{R}"`. A body's arity is the highest `#n`
    /// it uses, so `"\\norm": "\\left\\lVert #1 \\right\\rVert"` takes one argument.
    ///
    /// Returns the macros that could be defined and a problem for each that could not (a name
    /// that is not a command, `#` not followed by a digit, unbalanced braces), located by
    /// scalar offset into its body; definitions are read in name order, so the result does not
    /// depend on the dictionary's order.
    public static func parse(_ definitions: [String: String]) -> (macros: MathMacros, problems: [MathMacroProblem]) {
        var macros = MathMacros()
        var problems: [MathMacroProblem] = []
        for name in definitions.keys.sorted() {
            if let error = macros.define(name, body: definitions[name] ?? "") {
                problems.append(MathMacroProblem(name: name, error: error))
            }
        }
        return (macros, problems)
    }

    /// Defines or replaces one macro from its YAML form (see ``parse(_:)``); returns the problem
    /// instead when the definition is unusable, and leaves the macros as they were.
    public mutating func define(_ name: String, body: String) -> MathError? {
        var scalars = Array(name.trimmingSpaces().unicodeScalars)
        if scalars.first == "\\" { scalars.removeFirst() }
        let isWord = !scalars.isEmpty && scalars.allSatisfy(MathLexer.isLetter)
        let isSymbol = scalars.count == 1 && !MathLexer.isLetter(scalars[0]) && !MathLexer.isIgnorable(scalars[0])
        guard isWord || isSymbol else {
            return MathError(id: MathErrorID.invalidMacro.rawValue,
                             message: "“\(name)” is not a command name such as \\RR.", offset: 0)
        }
        let bodyScalars = Array(body.unicodeScalars)
        switch Self.arity(of: bodyScalars) {
        case .failure(let error):
            return error
        case .success(let count):
            definitions[String(String.UnicodeScalarView(scalars))] = Definition(parameterCount: count, defaultArgument: nil, body: bodyScalars)
            return nil
        }
    }

    /// These macros with `definitions` (name and body, in order, as YAML declares them) added
    /// on top; each that cannot be defined comes back with its index and problem instead.
    public func adding(_ definitions: [(name: String, body: String)]) -> (macros: MathMacros, problems: [(index: Int, error: MathError)]) {
        var macros = self
        var problems: [(index: Int, error: MathError)] = []
        for (index, definition) in definitions.enumerated() {
            if let error = macros.define(definition.name, body: definition.body) { problems.append((index, error)) }
        }
        return (macros, problems)
    }

    /// The names defined, with their backslash, sorted: for "did you mean" and for callers.
    public var names: [String] { definitions.keys.sorted().map { "\\" + $0 } }

    /// These macros with `other`'s added on top (a chapter's front matter over the book's).
    public func merging(_ other: MathMacros) -> MathMacros {
        var result = self
        result.definitions.merge(other.definitions) { _, new in new }
        return result
    }

    /// Whether no macro is defined (the built-in shorthands aside).
    public var isEmpty: Bool { definitions.isEmpty }

    subscript(name: String) -> Definition? {
        get { definitions[name] }
        set { definitions[name] = newValue }
    }

    /// The highest `#n` in a body, after checking its braces and parameter marks.
    static func arity(of body: [Unicode.Scalar]) -> Result<Int, MathError> {
        var highest = 0
        var level = 0
        var index = 0
        func failure(_ message: String, _ offset: Int) -> Result<Int, MathError> {
            .failure(MathError(id: MathErrorID.invalidMacro.rawValue, message: message, offset: offset))
        }
        while index < body.count {
            switch body[index] {
            case "\\":
                index += 1
            case "{":
                level += 1
            case "}":
                level -= 1
                if level < 0 { return failure("Unexpected “}” in the macro's body.", index) }
            case "#":
                guard index + 1 < body.count else { return failure("“#” must be followed by a digit 1–9 or another #.", index) }
                let next = body[index + 1]
                if next == "#" {
                    index += 1
                } else if ("1"..."9").contains(next) {
                    highest = max(highest, Int(next.value - 0x30))
                    index += 1
                } else {
                    return failure("“#” must be followed by a digit 1–9 or another #.", index)
                }
            default:
                break
            }
            index += 1
        }
        if level > 0 { return failure("A “{” in the macro's body is never closed.", 0) }
        return .success(highest)
    }
}

/// A book-wide macro definition that could not be used.
public struct MathMacroProblem: Sendable, Equatable {
    /// The name as written in YAML.
    public var name: String
    /// What is wrong; the offset is into the body (0 for a bad name).
    public var error: MathError

    /// Creates a problem from its parts.
    public init(name: String, error: MathError) {
        self.name = name
        self.error = error
    }
}
