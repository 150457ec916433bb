/// The alignment environments the converter knows, by the layout they produce.
enum MathEnvironment {
    /// `aligned`, `align`, `split`, `alignat`…: right/left column pairs in display style.
    case aligned
    /// `gathered`, `gather`, `equation`: centred lines in display style.
    case gathered
    /// `multline`: the first line left, the last right, the others centred.
    case multline
    /// `eqnarray`: right, centre and left columns (`a &=& b`).
    case eqnarray
    /// `array`: columns from a spec such as `{c|cl}`; `darray` in display style.
    case array(display: Bool)
    /// `matrix` and its bracketed forms; `starred` reads an optional `[r]`/`[l]`/`[c]`.
    case matrix(open: String?, close: String?, starred: Bool, small: Bool)
    /// `cases`: left-aligned pairs after a brace; `dcases` in display style, `rcases` braced on the right.
    case cases(display: Bool, right: Bool)
    /// amscd's commutative diagrams.
    case commutativeDiagram

    init?(name: String) {
        let bare = name.hasSuffix("*") ? String(name.dropLast()) : name
        let starred = bare != name
        switch bare {
        case "aligned", "align", "split", "flalign", "alignat", "alignedat", "xalignat", "xxalignat": self = .aligned
        case "gathered", "gather", "equation": self = .gathered
        case "multline": self = .multline
        case "eqnarray": self = .eqnarray
        case "array" where !starred, "subarray" where !starred: self = .array(display: false)
        case "darray" where !starred: self = .array(display: true)
        case "matrix": self = .matrix(open: nil, close: nil, starred: starred, small: false)
        case "smallmatrix": self = .matrix(open: nil, close: nil, starred: starred, small: true)
        case "pmatrix": self = .matrix(open: "(", close: ")", starred: starred, small: false)
        case "bmatrix": self = .matrix(open: "[", close: "]", starred: starred, small: false)
        case "Bmatrix": self = .matrix(open: "{", close: "}", starred: starred, small: false)
        case "vmatrix": self = .matrix(open: "|", close: "|", starred: starred, small: false)
        case "Vmatrix": self = .matrix(open: "‖", close: "‖", starred: starred, small: false)
        case "cases" where !starred: self = .cases(display: false, right: false)
        case "dcases" where !starred: self = .cases(display: true, right: false)
        case "rcases" where !starred: self = .cases(display: false, right: true)
        case "drcases" where !starred: self = .cases(display: true, right: true)
        case "CD" where !starred: self = .commutativeDiagram
        default: return nil
        }
    }

    /// How an environment of this name numbers its rows: nil for environments that are not
    /// numbered displays (`aligned`, `matrix`…). Starred forms are numbered displays whose rows
    /// take no automatic number; their rows still take a `\tag`.
    static func numbering(of name: String) -> (RowNumbering, automatic: Bool)? {
        let starred = name.hasSuffix("*")
        switch starred ? String(name.dropLast()) : name {
        case "align", "gather", "eqnarray", "flalign", "alignat", "xalignat", "xxalignat": return (.eachRow, !starred)
        case "equation", "multline": return (.once, !starred)
        default: return nil
        }
    }
}

extension MathParser {
    /// `\begin{name}…\end{name}`: cells separated by `&`, rows by `\\`.
    mutating func parseEnvironment(begin: MathToken) -> Atom {
        guard let name = readEnvironmentName(after: begin) else { return Atom(node: .row([]), cls: .ord) }
        let environment: MathEnvironment
        var unknown = false
        if let known = MathEnvironment(name: name) {
            environment = known
        } else {
            report(.unknownEnvironment, at: begin.start, "Unknown environment “\(name)”.\(Self.suggestion(for: name, among: MathEnvironment.names))")
            // Read it as a matrix anyway so that its `\end` is found and parsing goes on.
            environment = .matrix(open: nil, close: nil, starred: false, small: false)
            unknown = true
        }
        if case .commutativeDiagram = environment { return parseCommutativeDiagram(begin: begin, name: name) }
        var columns: [MathTable.Alignment] = []
        var rules: [Int: MathTable.Rule] = [:]
        switch environment {
        case .array:
            if let (spec, offset) = readRawGroup(after: begin) { (columns, rules) = parseColumnSpec(spec, at: offset) }
        case .aligned where name.hasPrefix("alignat") || name.hasPrefix("alignedat") || name.hasPrefix("xalignat") || name.hasPrefix("xxalignat"):
            // The number of column pairs; the cells say as much.
            _ = readRawGroup(after: begin)
        case .matrix(_, _, true, _):
            columns = [readMatrixAlignment()]
        default:
            break
        }
        let paired = if case .aligned = environment { true } else { false }
        let numbering = MathEnvironment.numbering(of: name)

        let savedRow = currentRow
        openTables += 1
        var rows: [[MathNode]] = []
        var rowRules: [Int: MathTable.Rule] = [:]
        var labels: [MathNode?] = []
        var anchors: [String?] = []
        var cells: [MathNode] = []
        var envRow = RowState(offset: begin.start)
        if numbering != nil { currentRow = envRow }
        rowLoop: while true {
            if cells.isEmpty, let rule = readRowRules() { rowRules[rows.count] = rule }
            // In aligned, the right-hand column continues the left: `a &= b`, `&-c`.
            let cell = parseExpression(afterOrd: paired && cells.count % 2 == 1)
            cells.append(Self.single(cell))
            let token = lexer.peek()
            var ends = false
            switch token.kind {
            case _ where aborted:
                ends = true
            case .alignment:
                lexer.next()
                continue rowLoop
            case .command(let command) where Self.isLineBreak(command):
                lexer.next()
                skipRowSpacing()
            case .command("end"):
                lexer.next()
                let endName = readEnvironmentName(after: token) ?? ""
                if endName != name {
                    report(.environmentMismatch, at: token.start, "“\\begin{\(name)}” is closed by “\\end{\(endName)}”.")
                }
                ends = true
            default:
                report(.unclosedEnvironment, at: begin.start, "“\\begin{\(name)}” without a matching “\\end{\(name)}”.")
                ends = true
            }
            // `\\` before `\end` ends the last row; it does not start an empty one.
            let isEmptyLast = ends && !rows.isEmpty && cells.count == 1 && cells[0] == .row([])
            if let (kind, automatic) = numbering, kind == .eachRow, !isEmptyLast {
                let row = currentRow ?? envRow
                labels.append(finishRow(row, numbered: automatic))
                anchors.append(row.label)
                currentRow = RowState(offset: lexer.position)
            }
            // A rule before a trailing empty row stays at its index: the rule under the last row.
            if !isEmptyLast { rows.append(cells) }
            cells = []
            if ends { break }
        }
        openTables -= 1
        if let (kind, automatic) = numbering, kind == .once {
            envRow = currentRow ?? envRow
            let label = finishRow(envRow, numbered: automatic)
            labels = Array(repeating: nil, count: max(rows.count - 1, 0)) + [label]
            anchors = Array(repeating: nil, count: max(rows.count - 1, 0)) + [envRow.label]
        }
        currentRow = savedRow

        var table: MathTable
        let width = rows.map(\.count).max() ?? 0
        switch environment {
        case .aligned:
            let alignments = (0..<width).map { $0 % 2 == 0 ? MathTable.Alignment.right : .left }
            table = MathTable(rows: rows, columns: alignments, displayStyle: true, pairedColumns: true)
        case .gathered:
            table = MathTable(rows: rows, columns: [], displayStyle: true)
        case .multline:
            table = MathTable(rows: rows, columns: [], displayStyle: true)
            if rows.count > 1 {
                table.rowAlignments = rows.indices.map { $0 == 0 ? .left : $0 == rows.count - 1 ? .right : .center }
                table.fullWidth = true
            }
        case .eqnarray:
            table = MathTable(rows: rows, columns: [.right, .center, .left], displayStyle: true)
        case .array(let display):
            table = MathTable(rows: rows, columns: columns, columnRules: rules, displayStyle: display)
        case .matrix(_, _, _, let small):
            table = MathTable(rows: rows, columns: columns.isEmpty ? [] : Array(repeating: columns[0], count: width), displayStyle: false)
            table.small = small
        case .cases(let display, _):
            table = MathTable(rows: rows, columns: [.left, .left], displayStyle: display)
        case .commutativeDiagram:
            table = MathTable(rows: rows, columns: [], displayStyle: false)
        }
        table.rowRules = rowRules
        if labels.contains(where: { $0 != nil }) {
            table.rowLabels = labels
            table.rowAnchors = anchors.map { label in label.flatMap { options.rowAnchor?($0) } }
        }
        let node = MathNode.table(table)
        let atom: Atom
        switch environment {
        case .matrix(let open, let close, _, _) where open != nil || close != nil:
            atom = Atom(node: Self.fenced(node, open: open, close: close), cls: .inner)
        case .cases(_, let right):
            atom = Atom(node: right ? Self.fenced(node, open: nil, close: "}") : Self.fenced(node, open: "{", close: nil), cls: .inner)
        default:
            atom = Atom(node: node, cls: .ord)
        }
        guard unknown else { return atom }
        return Atom(node: .row([.error("\\begin{\(name)}"), atom.node]), cls: atom.cls)
    }

    /// `[r]`, `[l]` or `[c]` after a starred matrix; centred when absent.
    private mutating func readMatrixAlignment() -> MathTable.Alignment {
        let start = lexer.skipSpace()
        guard lexer.scalar(at: start) == "[", let letter = lexer.scalar(at: start + 1), lexer.scalar(at: start + 2) == "]" else {
            return .center
        }
        lexer.seek(to: start + 3)
        switch letter {
        case "l": return .left
        case "r": return .right
        case "c": return .center
        default:
            report(.invalidArgument, at: start + 1, "“\(letter)” is not a column alignment; use l, c or r.")
            return .center
        }
    }

    /// `\hline` and `\hdashline` at the start of a row: a rule above it.
    private mutating func readRowRules() -> MathTable.Rule? {
        var rule: MathTable.Rule?
        while case .command(let name) = lexer.peek().kind, name == "hline" || name == "hdashline" {
            lexer.next()
            rule = name == "hline" ? .solid : (rule ?? .dashed)
        }
        return rule
    }

    /// `{c|cl}` → alignments and the columns followed by a rule (`|` solid, `:` dashed);
    /// `p{…}` columns align left.
    private mutating func parseColumnSpec(_ spec: String, at offset: Int) -> ([MathTable.Alignment], [Int: MathTable.Rule]) {
        var columns: [MathTable.Alignment] = []
        var rules: [Int: MathTable.Rule] = [:]
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
            case "|": rules[columns.count - 1] = .solid
            case ":": rules[columns.count - 1] = .dashed
            case " ", "\n", "\t", "@", "!", "*", ">", "<":
                break
            default:
                report(.invalidArgument, at: offset + position, "“\(scalar)” is not a column type; use l, c, r, | or :.")
            }
        }
        return (columns, rules)
    }

    // MARK: Commutative diagrams

    /// amscd's `CD`: objects in rows, `@>a>b>` and `@<<<` arrows between them, `@VVV`, `@AAA`,
    /// `@|` and `@=` below them, `@.` for nothing. Horizontal-arrow rows and vertical-arrow rows
    /// alternate, so each becomes a table row whose arrows sit in their own columns.
    private mutating func parseCommutativeDiagram(begin: MathToken, name: String) -> Atom {
        openTables += 1
        defer { openTables -= 1 }
        var rows: [[MathNode]] = []
        var cells: [MathNode] = []
        var pendingObject: [MathNode] = []
        rowLoop: while !aborted {
            expressionStop = "@"
            pendingObject += parseExpression()
            let token = lexer.peek()
            switch token.kind {
            case .character("@"):
                lexer.next()
                let arrowToken = lexer.next()
                guard case .character(let kind) = arrowToken.kind else {
                    report(.invalidArgument, at: token.start, "“@” in a CD diagram must be followed by >, <, V, A, =, | or “.”.")
                    continue rowLoop
                }
                switch kind {
                case ">", "<", "=":
                    cells.append(Self.single(pendingObject))
                    pendingObject = []
                    cells.append(horizontalArrow(kind))
                case "V", "A", "|":
                    if !pendingObject.isEmpty { cells.append(Self.single(pendingObject)) }
                    pendingObject = []
                    cells.append(verticalArrow(kind))
                    cells.append(.row([]))
                case ".":
                    if !pendingObject.isEmpty { cells.append(Self.single(pendingObject)) }
                    pendingObject = []
                    cells.append(.row([]))
                    cells.append(.row([]))
                default:
                    report(.invalidArgument, at: arrowToken.start, "“@\(kind)” is not a CD arrow; use @>>>, @<<<, @VVV, @AAA, @=, @| or @.")
                }
            case .command(let command) where Self.isLineBreak(command):
                lexer.next()
                if !pendingObject.isEmpty || cells.isEmpty { cells.append(Self.single(pendingObject)) }
                pendingObject = []
                rows.append(cells)
                cells = []
            case .command("end"):
                lexer.next()
                let endName = readEnvironmentName(after: token) ?? ""
                if endName != name {
                    report(.environmentMismatch, at: token.start, "“\\begin{\(name)}” is closed by “\\end{\(endName)}”.")
                }
                break rowLoop
            default:
                report(.unclosedEnvironment, at: begin.start, "“\\begin{\(name)}” without a matching “\\end{\(name)}”.")
                break rowLoop
            }
        }
        if !pendingObject.isEmpty || !cells.isEmpty { cells.append(Self.single(pendingObject)) }
        if !cells.isEmpty { rows.append(cells) }
        return Atom(node: .table(MathTable(rows: rows, columns: [], displayStyle: false)), cls: .ord)
    }

    /// The labels of a CD arrow up to its closing character (`@>a>b>`: `a`, then `b`).
    private mutating func readArrowLabel(until closing: Unicode.Scalar) -> MathNode? {
        expressionStop = closing
        let nodes = parseExpression()
        if case .character(closing) = lexer.peek().kind { lexer.next() }
        return nodes.isEmpty ? nil : Self.single(nodes)
    }

    private mutating func horizontalArrow(_ kind: Unicode.Scalar) -> MathNode {
        // amscd draws its arrows at least 2.5em long, whatever their labels.
        let minimum = MathNode.space(width: "2.5em")
        guard kind != "=" else { return Self.extensibleArrow("=", over: nil, under: minimum) }
        let over = readArrowLabel(until: kind)
        let under = readArrowLabel(until: kind)
        return Self.extensibleArrow(kind == ">" ? "→" : "←", over: over, under: under ?? minimum)
    }

    private mutating func verticalArrow(_ kind: Unicode.Scalar) -> MathNode {
        let arrow = MathNode.operator(kind == "V" ? "↓" : kind == "A" ? "↑" : "‖",
                                      MathOperator(stretchy: true, minSize: "1.8em"))
        guard kind != "|" else { return arrow }
        let left = readArrowLabel(until: kind)
        let right = readArrowLabel(until: kind)
        var children: [MathNode] = []
        if let left { children.append(.styled(.display(false, scriptLevel: 1), left)) }
        children.append(arrow)
        if let right { children.append(.styled(.display(false, scriptLevel: 1), right)) }
        return .row(children)
    }
}

extension MathEnvironment {
    /// Every environment name, for "did you mean".
    static let names: [String] = {
        let bases = ["aligned", "align", "split", "flalign", "alignat", "alignedat", "gathered", "gather", "equation",
                     "multline", "eqnarray", "array", "subarray", "darray", "matrix", "smallmatrix", "pmatrix", "bmatrix",
                     "Bmatrix", "vmatrix", "Vmatrix", "cases", "dcases", "rcases", "drcases", "CD"]
        return bases + bases.map { $0 + "*" }
    }()
}
