/// The alignment environments the converter knows, by the layout they produce.
enum MathEnvironment {
    /// `aligned`, `align`, `split`: right/left column pairs in display style.
    case aligned
    /// `gathered`, `gather`, `equation`: centred lines in display style.
    case gathered
    /// `array`: columns from a spec such as `{c|cl}`.
    case array
    /// `matrix` and its bracketed forms.
    case matrix(open: String?, close: String?)
    /// `cases`: left-aligned pairs after a brace; `dcases` in display style, `rcases` braced on the right.
    case cases(display: Bool, right: Bool)

    init?(name: String) {
        switch name {
        case "aligned", "align", "align*", "split", "flalign", "flalign*": self = .aligned
        case "gathered", "gather", "gather*", "equation", "equation*", "multline", "multline*": self = .gathered
        case "array", "subarray": self = .array
        case "matrix", "smallmatrix": self = .matrix(open: nil, close: nil)
        case "pmatrix": self = .matrix(open: "(", close: ")")
        case "bmatrix": self = .matrix(open: "[", close: "]")
        case "Bmatrix": self = .matrix(open: "{", close: "}")
        case "vmatrix": self = .matrix(open: "|", close: "|")
        case "Vmatrix": self = .matrix(open: "‖", close: "‖")
        case "cases": self = .cases(display: false, right: false)
        case "dcases": self = .cases(display: true, right: false)
        case "rcases": self = .cases(display: false, right: true)
        default: return nil
        }
    }
}

extension MathParser {
    /// `\begin{name}…\end{name}`: cells separated by `&`, rows by `\\`.
    mutating func parseEnvironment(begin: MathToken) -> Atom {
        guard let name = readEnvironmentName(after: begin) else { return Atom(node: .row([]), cls: .ord) }
        let environment: MathEnvironment
        if let known = MathEnvironment(name: name) {
            environment = known
        } else {
            report(.unknownEnvironment, at: begin.start, "Unknown environment “\(name)”.")
            // Read it as a matrix anyway so that its `\end` is found and parsing goes on.
            environment = .matrix(open: nil, close: nil)
        }
        var columns: [MathTable.Alignment] = []
        var rules: Set<Int> = []
        if case .array = environment, let (spec, offset) = readRawGroup(after: begin) {
            (columns, rules) = parseColumnSpec(spec, at: offset)
        }
        let paired = if case .aligned = environment { true } else { false }

        openTables += 1
        var rows: [[MathNode]] = []
        var cells: [MathNode] = []
        rowLoop: while true {
            // In aligned, the right-hand column continues the left: `a &= b`, `&-c`.
            let cell = parseExpression(afterOrd: paired && cells.count % 2 == 1)
            cells.append(Self.single(cell))
            let token = lexer.peek()
            if aborted {
                rows.append(cells)
                break
            }
            switch token.kind {
            case .alignment:
                lexer.next()
            case .command(let command) where Self.isLineBreak(command):
                lexer.next()
                skipRowSpacing()
                rows.append(cells)
                cells = []
            case .command("end"):
                lexer.next()
                let endName = readEnvironmentName(after: token) ?? ""
                if endName != name {
                    report(.environmentMismatch, at: token.start, "“\\begin{\(name)}” is closed by “\\end{\(endName)}”.")
                }
                rows.append(cells)
                break rowLoop
            default:
                report(.unclosedEnvironment, at: begin.start, "“\\begin{\(name)}” without a matching “\\end{\(name)}”.")
                rows.append(cells)
                break rowLoop
            }
        }
        openTables -= 1
        // `\\` before `\end` ends the last row; it does not start an empty one.
        if rows.count > 1, let last = rows.last, last.count == 1, last[0] == .row([]) { rows.removeLast() }

        let width = rows.map(\.count).max() ?? 0
        switch environment {
        case .aligned:
            let alignments = (0..<width).map { $0 % 2 == 0 ? MathTable.Alignment.right : .left }
            let table = MathTable(rows: rows, columns: alignments, displayStyle: true, pairedColumns: true)
            return Atom(node: .table(table), cls: .ord)
        case .gathered:
            return Atom(node: .table(MathTable(rows: rows, columns: [], displayStyle: true)), cls: .ord)
        case .array:
            let table = MathTable(rows: rows, columns: columns, rulesAfter: rules, displayStyle: false)
            return Atom(node: .table(table), cls: .ord)
        case .matrix(let open, let close):
            let table = MathNode.table(MathTable(rows: rows, columns: [], displayStyle: false))
            guard open != nil || close != nil else { return Atom(node: table, cls: .ord) }
            return Atom(node: Self.fenced(table, open: open, close: close), cls: .inner)
        case .cases(let display, let right):
            let table = MathNode.table(MathTable(rows: rows, columns: [.left, .left], displayStyle: display))
            let node = right ? Self.fenced(table, open: nil, close: "}") : Self.fenced(table, open: "{", close: nil)
            return Atom(node: node, cls: .inner)
        }
    }

    /// `{c|cl}` → alignments and the columns followed by a rule; `p{…}` columns align left.
    private mutating func parseColumnSpec(_ spec: String, at offset: Int) -> ([MathTable.Alignment], Set<Int>) {
        var columns: [MathTable.Alignment] = []
        var rules: Set<Int> = []
        var level = 0
        for (position, scalar) in spec.unicodeScalars.enumerated() {
            // Widths and `@{…}` material inside braces do not describe columns.
            if scalar == "{" { level += 1; continue }
            if scalar == "}" { level -= 1; continue }
            guard level == 0 else { continue }
            switch scalar {
            case "l", "p", "m", "b": columns.append(.left)
            case "c": columns.append(.center)
            case "r": columns.append(.right)
            case "|": rules.insert(columns.count - 1)
            case " ", "\n", "\t", "@", "!", ":", "*":
                break
            default:
                report(.invalidArgument, at: offset + position, "“\(scalar)” is not a column type; use l, c, r or |.")
            }
        }
        return (columns, rules)
    }
}
