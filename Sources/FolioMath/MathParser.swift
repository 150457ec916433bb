/// The stable identifiers of `MathError`, one per kind of problem.
enum MathErrorID: String, Sendable {
    case unknownCommand = "math.unknown-command"
    case unknownEnvironment = "math.unknown-environment"
    case unbalancedBrace = "math.unbalanced-brace"
    case emptyScript = "math.empty-script"
    case doubleSubscript = "math.double-subscript"
    case doubleSuperscript = "math.double-superscript"
    case missingArgument = "math.missing-argument"
    case invalidArgument = "math.invalid-argument"
    case unmatchedLeft = "math.unmatched-left"
    case unmatchedRight = "math.unmatched-right"
    case invalidDelimiter = "math.invalid-delimiter"
    case environmentMismatch = "math.environment-mismatch"
    case unclosedEnvironment = "math.unclosed-environment"
    case misplacedAlignment = "math.misplaced-alignment"
    case misplacedLimits = "math.misplaced-limits"
    case ambiguousFraction = "math.ambiguous-fraction"
    case duplicateTag = "math.duplicate-tag"
    case tooDeep = "math.too-deep"
    case invalidMacro = "math.invalid-macro"
    case macroLoop = "math.macro-loop"
    case unknownLabel = "math.unknown-label"
    case misplacedTag = "math.misplaced-tag"

    /// Errors after which the formula is still typeset as the author meant it, with the one
    /// spot marked by an `<merror>` or simply left out (an unknown command, a colour that is not
    /// a colour); any other error leaves the structure in doubt, and the source should be shown.
    var isLocal: Bool {
        switch self {
        case .unknownCommand, .unknownEnvironment, .unknownLabel, .invalidArgument, .misplacedLimits,
             .duplicateTag, .invalidMacro, .misplacedTag, .misplacedAlignment, .invalidDelimiter:
            true
        default:
            false
        }
    }
}

/// A parsed atom: a node and the TeX class that decides its spacing and its scripts.
struct Atom {
    var node: MathNode
    var cls: AtomClass
    /// Where scripts attached to this atom go (`\sum` and `\lim` take limits in display style).
    var limits: ScriptPlacement = .side
}

/// A recursive-descent parser from TeX math to `MathNode`s.
///
/// Grammar, roughly as TeX reads it: an expression is a list of atoms, each optionally followed
/// by `^`, `_` and primes; a script or a command argument is ONE token or one `{…}` group, so
/// `w_{jk}^La_k` is `w_{jk}^{L}` followed by `a_k`. Switches (`\rm`, `\color{red}`,
/// `\displaystyle`) act until the end of the enclosing group.
///
/// The parser never throws: a problem becomes a `MathError` and parsing goes on, so the caller
/// always gets a tree. Recursion is bounded by `maximumDepth`; past it the rest of the input is
/// dropped with a `math.too-deep` error, so hostile input cannot exhaust the stack.
struct MathParser {
    /// Nesting limit, counted in parser frames (about two per level of braces).
    static let maximumDepth = 200
    /// Errors kept per formula.
    static let maximumErrors = 100

    var lexer: MathLexer
    private(set) var errors: [MathError] = []
    /// The formula's own `\tag` (outside any numbered environment), left out of the MathML.
    var tag: String?
    /// The formula's own `\label`, outside any numbered environment.
    var label: String?
    /// Rows of numbered environments (`align`, `gather`, …) in order, for the book's numbering.
    var equationRows: [EquationRow] = []
    /// The row of the innermost numbered environment being read, which `\tag`, `\label` and
    /// `\nonumber` address.
    var currentRow: RowState?
    /// How many rows so far take an automatic number; indexes `options.rowNumbers`.
    var automaticRows = 0
    /// Number texts and a label resolver from the caller.
    var options = MathOptions()
    /// Names of the caller's macros, for "did you mean".
    var macroNames: [String] = []
    /// While reading a `\text{…}` that may hold `$…$`: the math found, by text position.
    var textMath: [(Int, MathNode)]?
    private var depth = 0
    private(set) var aborted = false
    /// The font of letters and digits at this point (`\mathbf{…}`, `\rm`).
    var font: MathFont?

    // How many constructs are open that would accept each closing token; a token nobody
    // accepts is reported where it stands instead of ending an expression.
    var openGroups = 0
    var openLefts = 0
    var openTables = 0
    /// Set by `\sqrt[` (to `]`) and the `CD` environment (to `@`, `>`, …) for the expression it
    /// is about to parse, which then stops at that character.
    var expressionStop: Unicode.Scalar?

    init(_ tex: String) {
        lexer = MathLexer(Array(tex.unicodeScalars))
    }

    init(scalars: [Unicode.Scalar]) {
        lexer = MathLexer(scalars)
    }

    // MARK: Formula

    /// Parses the whole formula. Lines separated by `\\` outside any environment (which some
    /// authors write in display math) become the rows of a one-column table.
    mutating func parseFormula(display: Bool) -> [MathNode] {
        var lines: [[MathNode]] = []
        while true {
            lines.append(parseExpression())
            let token = lexer.peek()
            if aborted { break }
            switch token.kind {
            case .endOfInput:
                break
            case .command(let name) where Self.isLineBreak(name):
                lexer.next()
                skipRowSpacing()
                continue
            default:
                // Unreachable when the top-level expression reports what it cannot use; kept
                // so that a mistake here can never loop forever.
                lexer.next()
                continue
            }
            break
        }
        if lines.count > 1, lines.last?.isEmpty == true { lines.removeLast() }
        guard lines.count > 1 else { return lines.first ?? [] }
        let table = MathTable(rows: lines.map { [Self.single($0)] }, columns: [.center], displayStyle: display)
        return [.table(table)]
    }

    // MARK: Expressions

    /// Parses atoms up to a token that some enclosing construct accepts (`}`, `&`, `\\`, `\end`,
    /// `\right`), or the end; the caller consumes that token.
    ///
    /// `afterOrd` says the expression continues an ordinary atom, as the right-hand column of
    /// `aligned` does (`&-x` is a binary minus there).
    mutating func parseExpression(afterOrd: Bool = false) -> [MathNode] {
        guard enter() else { return [] }
        defer { leave() }
        let savedFont = font
        defer { font = savedFont }
        let stop = expressionStop
        expressionStop = nil

        var atoms: [Atom] = []
        var numerator: (atoms: [Atom], kind: InfixFraction, delimiters: (open: String?, close: String?, thickness: String?))?
        loop: while !aborted {
            let token = lexer.peek()
            switch token.kind {
            case .endOfInput:
                break loop
            case .closeBrace:
                if openGroups > 0 { break loop }
                report(.unbalancedBrace, at: token.start, "Unexpected “}” with no “{” to close.")
                lexer.next()
            case .alignment:
                if openTables > 0 { break loop }
                report(.misplacedAlignment, at: token.start, "“&” outside an environment such as aligned or array.")
                lexer.next()
            case .caret, .underscore:
                // A script with nothing before it attaches to an empty base, as in `{}^{14}C`.
                atoms.append(parseScripts(Atom(node: .row([]), cls: .ord)))
            case .character(let scalar) where scalar == stop:
                break loop
            case .command(let name):
                if Self.isLineBreak(name) {
                    if openTables > 0 || (openGroups == 0 && openLefts == 0) { break loop }
                    report(.misplacedAlignment, at: token.start, "“\\\\” inside braces outside an environment.")
                    lexer.next()
                    continue
                }
                switch MathSymbols.commands[name] {
                case .special(.end):
                    if openTables > 0 { break loop }
                    lexer.next()
                    let name = readEnvironmentName(after: token) ?? ""
                    report(.environmentMismatch, at: token.start, "“\\end{\(name)}” without a matching “\\begin”.")
                case .special(.right), .special(.middle):
                    if openLefts > 0 { break loop }
                    lexer.next()
                    report(.unmatchedRight, at: token.start, "“\\\(name)” without a matching “\\left”.")
                    _ = parseDelimiter(after: token)
                case .special(.infix(let kind)):
                    lexer.next()
                    var delimiters: (open: String?, close: String?, thickness: String?) = (nil, nil, nil)
                    switch kind {
                    case .withDelimiters(let thickness, _):
                        delimiters.open = parseDelimiter(after: token)
                        delimiters.close = parseDelimiter(after: token)
                        if thickness { delimiters.thickness = readLength(after: token) }
                    case .above:
                        delimiters.thickness = readLength(after: token)
                    default:
                        break
                    }
                    if numerator != nil {
                        report(.ambiguousFraction, at: token.start, "Two fractions in one group; add braces around one of them.")
                    } else {
                        numerator = (atoms, kind, delimiters)
                        atoms = []
                    }
                case .special(.color):
                    lexer.next()
                    let color = readColor(after: token)
                    expressionStop = stop
                    let rest = parseExpression()
                    let node = Self.single(rest)
                    atoms.append(Atom(node: color.map { .styled(.color($0), node) } ?? node, cls: .ord))
                case .special(.sizeSwitch(let size)):
                    lexer.next()
                    expressionStop = stop
                    let rest = parseExpression()
                    atoms.append(Atom(node: .styled(.size(size), Self.single(rest)), cls: .ord))
                case .special(.styleSwitch(let display, let level)):
                    lexer.next()
                    expressionStop = stop
                    let rest = parseExpression()
                    atoms.append(Atom(node: .styled(.display(display, scriptLevel: level), Self.single(rest)), cls: .ord))
                case .fontSwitch(let newFont):
                    lexer.next()
                    font = newFont
                default:
                    if let atom = parseAtom(argument: false) { atoms.append(parseScripts(atom)) }
                }
            case .character, .openBrace:
                if let atom = parseAtom(argument: false) { atoms.append(parseScripts(atom)) }
            }
        }

        let nodes = Self.finish(atoms, afterOrd: afterOrd)
        guard let numerator else { return nodes }
        let top = Self.single(Self.finish(numerator.atoms, afterOrd: false))
        let bottom = Self.single(nodes)
        switch numerator.kind {
        case .over: return [.fraction(numerator: top, denominator: bottom, thickness: nil)]
        case .atop: return [.fraction(numerator: top, denominator: bottom, thickness: "0")]
        case .choose: return [Self.fenced(.fraction(numerator: top, denominator: bottom, thickness: "0"), open: "(", close: ")")]
        case .brace: return [Self.fenced(.fraction(numerator: top, denominator: bottom, thickness: "0"), open: "{", close: "}")]
        case .brack: return [Self.fenced(.fraction(numerator: top, denominator: bottom, thickness: "0"), open: "[", close: "]")]
        case .above: return [.fraction(numerator: top, denominator: bottom, thickness: numerator.delimiters.thickness)]
        case .withDelimiters(_, let rule):
            let (open, close, thickness) = numerator.delimiters
            let fraction = MathNode.fraction(numerator: top, denominator: bottom, thickness: rule ? thickness : "0")
            return [Self.fenced(fraction, open: open, close: close)]
        }
    }

    /// Turns atoms into nodes, adding what MathML needs to space them as TeX does: U+2061
    /// after a function name that applies to something, and `form="prefix"` on a binary
    /// operator that TeX would treat as a sign.
    static func finish(_ atoms: [Atom], afterOrd: Bool) -> [MathNode] {
        var nodes: [MathNode] = []
        nodes.reserveCapacity(atoms.count + 2)
        var previous: AtomClass? = afterOrd ? .ord : nil
        for (index, atom) in atoms.enumerated() {
            var node = atom.node
            if atom.cls == .bin, case .operator(let text, var attributes) = node {
                switch previous {
                case nil, .bin?, .op?, .function?, .rel?, .open?, .punct?:
                    // First in its row, MathML already infers a prefix form.
                    if index > 0 { attributes.form = .prefix }
                default:
                    if index == 0 { attributes.form = .infix }
                }
                node = .operator(text, attributes)
            }
            nodes.append(node)
            if atom.cls == .function, let next = atoms[(index + 1)...].first(where: { $0.cls != .space }) {
                switch next.cls {
                case .ord, .op: nodes.append(.operator("\u{2061}", .application))
                case .open, .inner: nodes.append(.operator("\u{2061}", .plain))
                case .function: nodes.append(.space(width: "0.1667em"))
                default: break
                }
            }
            if atom.cls != .space { previous = atom.cls }
        }
        return nodes
    }

    // MARK: Atoms

    /// Parses one atom without its scripts: a group, a character run, or a command with its
    /// arguments. `argument` limits number and word runs to one character, as TeX takes one
    /// token for `\frac12`. Returns nil for tokens that produce nothing (`\label`, `\tag`).
    mutating func parseAtom(argument: Bool) -> Atom? {
        guard enter() else { return nil }
        defer { leave() }
        let token = lexer.next()
        switch token.kind {
        case .openBrace:
            return parseGroup(openedAt: token.start)
        case .character(let scalar):
            return characterAtom(scalar, at: token, argument: argument)
        case .command(let name):
            return commandAtom(name, at: token, argument: argument)
        case .closeBrace, .alignment, .caret, .underscore, .endOfInput:
            return nil
        }
    }

    mutating func parseGroup(openedAt offset: Int) -> Atom {
        openGroups += 1
        let nodes = parseExpression()
        openGroups -= 1
        if lexer.peek().kind == .closeBrace {
            lexer.next()
        } else if !aborted {
            report(.unbalancedBrace, at: offset, "This “{” is never closed.")
        }
        return Atom(node: Self.single(nodes), cls: .ord)
    }

    /// Attaches `^`, `_`, primes and `\limits` that follow an atom.
    mutating func parseScripts(_ base: Atom) -> Atom {
        var atom = base
        var sub: MathNode?
        var sup: MathNode?
        var primes: [MathNode] = []
        var placement = base.limits
        loop: while !aborted {
            let token = lexer.peek()
            switch token.kind {
            case .caret:
                lexer.next()
                let script = parseScriptArgument(after: token)
                if sup != nil {
                    report(.doubleSuperscript, at: token.start, "Double superscript; use braces, as in x^{a^b} or {x^a}^b.")
                } else if let script {
                    sup = primes.isEmpty ? script : .row([Self.primeNode(primes), script])
                    primes = []
                }
            case .underscore:
                lexer.next()
                let script = parseScriptArgument(after: token)
                if sub != nil {
                    report(.doubleSubscript, at: token.start, "Double subscript; use braces, as in x_{a_b} or {x_a}_b.")
                } else {
                    sub = script
                }
            case .character("'"):
                lexer.next()
                if sup != nil {
                    report(.doubleSuperscript, at: token.start, "A prime after a superscript; write x'^2 instead of x^2'.")
                } else {
                    primes.append(.operator("′", .plain))
                }
            case .command(let name):
                guard case .special(.limits(let newPlacement)) = MathSymbols.commands[name] else { break loop }
                lexer.next()
                if atom.cls == .op || atom.cls == .function {
                    placement = newPlacement
                } else {
                    report(.misplacedLimits, at: token.start, "“\\\(name)” must follow an operator such as \\sum or \\max.")
                }
            default:
                break loop
            }
        }
        if !primes.isEmpty { sup = Self.primeNode(primes) }
        if sub != nil || sup != nil {
            atom.node = .scripts(base: atom.node, sub: sub, sup: sup, placement: placement)
        }
        return atom
    }

    /// Several primes read better as one `″` or `‴` than as separate marks.
    private static func primeNode(_ primes: [MathNode]) -> MathNode {
        switch primes.count {
        case 1: .operator("′", .plain)
        case 2: .operator("″", .plain)
        case 3: .operator("‴", .plain)
        case 4: .operator("⁗", .plain)
        default: .row(primes)
        }
    }

    /// The single token or group after `^` or `_`; an empty script is an error (`z_^L`).
    mutating func parseScriptArgument(after script: MathToken) -> MathNode? {
        if isArgumentEnd(lexer.peek()) {
            let which = script.kind == .caret ? "superscript" : "subscript"
            report(.emptyScript, at: script.start, "Empty \(which): “\(script.kind == .caret ? "^" : "_")” must be followed by one character or a {group}.")
            return nil
        }
        return parseAtom(argument: true)?.node ?? .row([])
    }

    /// The single token or group that a command takes as its argument.
    mutating func parseArgumentAtom(of command: MathToken) -> Atom {
        if isArgumentEnd(lexer.peek()) {
            report(.missingArgument, at: command.start, "“\(Self.name(of: command))” is missing an argument.")
            return Atom(node: .row([]), cls: .ord)
        }
        return parseAtom(argument: true) ?? Atom(node: .row([]), cls: .ord)
    }

    mutating func parseArgument(of command: MathToken) -> MathNode {
        parseArgumentAtom(of: command).node
    }

    /// Tokens that end an expression and so can never begin an argument.
    private func isArgumentEnd(_ token: MathToken) -> Bool {
        switch token.kind {
        case .endOfInput, .closeBrace, .alignment, .caret, .underscore:
            return true
        case .command(let name):
            if Self.isLineBreak(name) { return true }
            switch MathSymbols.commands[name] {
            case .special(.end), .special(.right), .special(.middle), .special(.infix): return true
            default: return false
            }
        case .character, .openBrace:
            return false
        }
    }

    // MARK: Helpers

    /// Records a problem. One mistake often trips the same check twice at one spot, so a
    /// repeat of the previous error is dropped; past `maximumErrors` the rest add nothing a
    /// reader could use, and keeping them would let hostile input grow the result unboundedly.
    mutating func report(_ id: MathErrorID, at offset: Int, _ message: String) {
        if let last = errors.last, last.offset == offset, last.id == id.rawValue { return }
        guard errors.count < Self.maximumErrors else { return }
        errors.append(MathError(id: id.rawValue, message: message, offset: offset))
    }

    /// Counts one level of recursion; false (with an error, and the input abandoned) when the
    /// limit is reached.
    mutating func enter() -> Bool {
        if aborted { return false }
        if depth >= Self.maximumDepth {
            report(.tooDeep, at: lexer.position, "The formula nests too deeply (more than \(Self.maximumDepth / 2) levels).")
            aborted = true
            lexer.seek(to: lexer.scalars.count)
            return false
        }
        depth += 1
        return true
    }

    mutating func leave() {
        depth -= 1
    }

    /// A list of nodes as one node: the node itself when there is one, else a row.
    static func single(_ nodes: [MathNode]) -> MathNode {
        nodes.count == 1 ? nodes[0] : .row(nodes)
    }

    static func isLineBreak(_ name: String) -> Bool {
        name == "\\" || name == "newline" || name == "cr"
    }

    static func name(of token: MathToken) -> String {
        if case .command(let name) = token.kind { return "\\" + name }
        return ""
    }

    /// A stretchy pair of brackets around a node, as `\left( … \right)` makes.
    static func fenced(_ node: MathNode, open: String?, close: String?) -> MathNode {
        var children: [MathNode] = []
        if let open { children.append(.operator(open, MathOperator(form: .prefix, fence: true, stretchy: true))) }
        children.append(node)
        if let close { children.append(.operator(close, MathOperator(form: .postfix, fence: true, stretchy: true))) }
        return .row(children)
    }

    /// Skips the `[2pt]` of `\\[2pt]`; only a dimension written right after the `\\`, so a
    /// matrix row that begins with a bracket is left alone.
    mutating func skipRowSpacing() {
        let start = lexer.position
        guard lexer.scalar(at: start) == "[" else { return }
        var index = start + 1
        while let scalar = lexer.scalar(at: index), scalar != "]" {
            guard ("0"..."9").contains(scalar) || scalar == "." || scalar == "-" || scalar == " "
                || MathLexer.isLetter(scalar) else { return }
            index += 1
        }
        if lexer.scalar(at: index) == "]" { lexer.seek(to: index + 1) }
    }
}
