/// Commands that box, strike, size, move or stack their argument: each becomes the MathML Core
/// construct closest to what LaTeX draws (`mpadded`, `mmultiscripts`, `mstyle`), or, for what
/// Core has no element for (`\boxed`, `\cancel`), an `mrow` with CSS.
extension MathParser {
    mutating func layoutAtom(_ special: SpecialCommand, at token: MathToken) -> Atom? {
        switch special {
        case .boxed(let text):
            let content = text ? textArgumentNode(of: token, font: nil) : parseArgument(of: token)
            return Atom(node: .decorated(content, css: "border:0.06em solid;padding:0.2em"), cls: .ord)
        case .colorBox:
            let color = readColor(after: token)
            let content = textArgumentNode(of: token, font: nil)
            let padded = MathNode.decorated(content, css: "padding:0.2em")
            return Atom(node: color.map { .styled(.background($0), padded) } ?? padded, cls: .ord)
        case .frameColorBox:
            let frame = readColor(after: token)
            let background = readColor(after: token)
            let content = textArgumentNode(of: token, font: nil)
            let css = "border:0.06em solid" + (frame.map { " " + $0 } ?? "") + ";padding:0.2em"
            let node = MathNode.decorated(content, css: css)
            return Atom(node: background.map { .styled(.background($0), node) } ?? node, cls: .ord)
        case .strike(let css):
            return Atom(node: .decorated(parseArgument(of: token), css: css), cls: .ord)
        case .sizeSwitch:
            // Reached only as an argument (`x^\Huge y`); elsewhere the expression loop handles it.
            return nil
        case .rule:
            return ruleAtom(token)
        case .line(let over):
            let css = over ? "border-top:0.065em solid;padding-top:0.1em" : "border-bottom:0.065em solid;padding-bottom:0.1em"
            return Atom(node: .decorated(parseArgument(of: token), css: css), cls: .ord)
        case .smash:
            var padding = MathPadding(height: "0", depth: "0")
            if let option = readBracketOption() {
                padding = option.contains("t") && !option.contains("b") ? MathPadding(height: "0")
                    : option.contains("b") && !option.contains("t") ? MathPadding(depth: "0") : padding
            }
            return Atom(node: .padded(parseArgument(of: token), padding), cls: .ord)
        case .lap(let side):
            let content = parseArgument(of: token)
            // The content keeps its own width inside a box of none: shifted left by all of it
            // (`\mathllap`), by half (`\mathclap`), or not at all (`\mathrlap`).
            let shift: String? = switch side {
            case .left: "-100%"
            case .center: "-50%"
            case .right: nil
            }
            return Atom(node: .padded(content, MathPadding(width: "0", leftSpace: shift)), cls: .ord)
        case .raiseBox:
            guard let (text, offset) = readRawGroup(after: token) else { return nil }
            guard let length = Self.cssLength(text) else {
                report(.invalidArgument, at: offset, "“\(text)” is not a length such as 1em or 3pt.")
                return Atom(node: textArgumentNode(of: token, font: nil), cls: .ord)
            }
            return Atom(node: .padded(textArgumentNode(of: token, font: nil), MathPadding(verticalOffset: length)), cls: .ord)
        case .verb:
            return verbatimAtom(token)
        case .genfrac:
            return genfracAtom(token)
        case .sideset:
            let before = readScriptPairs(of: token)
            let after = readScriptPairs(of: token)
            let base = parseArgumentAtom(of: token)
            return Atom(node: .multiscripts(base: base.node, post: after, pre: before), cls: base.cls == .op ? .op : base.cls,
                        limits: base.limits)
        case .prescript:
            let sup = parseArgument(of: token)
            let sub = parseArgument(of: token)
            let base = parseArgument(of: token)
            return Atom(node: .multiscripts(base: base, post: [], pre: [(sub: Self.nonEmpty(sub), sup: Self.nonEmpty(sup))]),
                        cls: .ord)
        case .substack:
            return substackAtom(token)
        case .mathChoice:
            // Display and text style give the first two; the script styles are chosen by the
            // writer's nesting only in TeX, so the text form stands in for them.
            let display = parseArgument(of: token)
            let text = parseArgument(of: token)
            _ = parseArgument(of: token)
            _ = parseArgument(of: token)
            return Atom(node: .choice(display: display, text: text), cls: .ord)
        case .directedPhantom(let vertical):
            let content = MathNode.phantom(parseArgument(of: token))
            let padding = vertical ? MathPadding(width: "0") : MathPadding(height: "0", depth: "0")
            return Atom(node: .padded(content, padding), cls: .ord)
        case .kern:
            guard let width = readLength(after: token) else { return nil }
            return Atom(node: .space(width: width), cls: .space)
        case .textOnly:
            report(.unknownCommand, at: token.start, "“\(Self.name(of: token))” works only in text; write \\text{\(Self.name(of: token)){…}}.")
            return Atom(node: .error(Self.name(of: token)), cls: .ord)
        default:
            return nil
        }
    }

    private static func nonEmpty(_ node: MathNode) -> MathNode? {
        node == .row([]) ? nil : node
    }

    /// The text of a `[…]` right after a command, if there is one.
    mutating func readBracketOption() -> String? {
        let start = lexer.skipSpace()
        guard lexer.scalar(at: start) == "[" else { return nil }
        var index = start + 1
        while let scalar = lexer.scalar(at: index), scalar != "]" { index += 1 }
        guard lexer.scalar(at: index) == "]" else { return nil }
        lexer.seek(to: index + 1)
        return String(String.UnicodeScalarView(lexer.scalars[(start + 1)..<index]))
    }

    /// `\rule[raise]{width}{height}`: a filled box, drawn as a space with a background.
    private mutating func ruleAtom(_ token: MathToken) -> Atom? {
        let raise = readBracketOption().flatMap { Self.cssLength($0) }
        guard let (widthText, widthOffset) = readRawGroup(after: token), let (heightText, heightOffset) = readRawGroup(after: token) else {
            return nil
        }
        guard let width = Self.cssLength(widthText) else {
            report(.invalidArgument, at: widthOffset, "“\(widthText)” is not a length such as 1em or 3pt.")
            return nil
        }
        guard let height = Self.cssLength(heightText) else {
            report(.invalidArgument, at: heightOffset, "“\(heightText)” is not a length such as 1em or 3pt.")
            return nil
        }
        let box = MathNode.decorated(.padded(.row([]), MathPadding(width: width, height: height, depth: "0")), css: "background:currentColor")
        guard let raise else { return Atom(node: box, cls: .ord) }
        return Atom(node: .padded(box, MathPadding(verticalOffset: raise)), cls: .ord)
    }

    /// `\verb|…|` and `\verb*|…|`: the text up to the next delimiter, as written; the starred
    /// form shows spaces as ␣.
    private mutating func verbatimAtom(_ token: MathToken) -> Atom? {
        var index = token.end
        var starred = false
        if lexer.scalar(at: index) == "*" {
            starred = true
            index += 1
        }
        guard let delimiter = lexer.scalar(at: index), !MathLexer.isLetter(delimiter) || true else {
            report(.missingArgument, at: token.start, "“\\verb” needs its text between two equal characters, as in \\verb|x|.")
            return nil
        }
        var end = index + 1
        while let scalar = lexer.scalar(at: end), scalar != delimiter { end += 1 }
        guard lexer.scalar(at: end) == delimiter else {
            report(.missingArgument, at: token.start, "“\\verb\(delimiter)” is never closed by another “\(delimiter)”.")
            lexer.seek(to: lexer.scalars.count)
            return nil
        }
        var text = String(String.UnicodeScalarView(lexer.scalars[(index + 1)..<end]))
        lexer.seek(to: end + 1)
        text = String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == " " ? (starred ? "␣" : "\u{A0}") : $0 }))
        return Atom(node: .verbatim(text), cls: .ord)
    }

    /// `\genfrac{left}{right}{thickness}{style}{numerator}{denominator}`.
    private mutating func genfracAtom(_ token: MathToken) -> Atom {
        let open = readDelimiterArgument(of: token)
        let close = readDelimiterArgument(of: token)
        let thickness = readRawGroup(after: token).flatMap { text, _ in
            text.trimmingSpaces().isEmpty ? nil : Self.cssLength(text) ?? "0"
        }
        let style = readRawGroup(after: token).map { $0.0.trimmingSpaces() } ?? ""
        let numerator = parseArgument(of: token)
        let denominator = parseArgument(of: token)
        var node = MathNode.fraction(numerator: numerator, denominator: denominator, thickness: thickness)
        if open != nil || close != nil { node = Self.fenced(node, open: open, close: close) }
        switch style {
        case "0": node = .styled(.display(true, scriptLevel: 0), node)
        case "1": node = .styled(.display(false, scriptLevel: 0), node)
        case "2": node = .styled(.display(false, scriptLevel: 1), node)
        case "3": node = .styled(.display(false, scriptLevel: 2), node)
        default: break
        }
        return Atom(node: node, cls: .inner)
    }

    /// A delimiter written as `{(}`, `(`, `{}` (none) or `\{`.
    private mutating func readDelimiterArgument(of token: MathToken) -> String? {
        if case .openBrace = lexer.peek().kind {
            let brace = lexer.next()
            if case .closeBrace = lexer.peek().kind {
                lexer.next()
                return nil
            }
            let delimiter = parseDelimiter(after: token)
            if case .closeBrace = lexer.peek().kind { lexer.next() } else { report(.unbalancedBrace, at: brace.start, "This “{” is never closed.") }
            return delimiter
        }
        return parseDelimiter(after: token)
    }

    /// `\sideset`'s `{_a^b}`: scripts with no base.
    private mutating func readScriptPairs(of token: MathToken) -> [(sub: MathNode?, sup: MathNode?)] {
        guard case .openBrace = lexer.peek().kind else {
            report(.missingArgument, at: token.start, "“\(Self.name(of: token))” needs {_a^b} groups of scripts.")
            return []
        }
        let brace = lexer.next()
        var pairs: [(sub: MathNode?, sup: MathNode?)] = []
        var current: (sub: MathNode?, sup: MathNode?) = (nil, nil)
        while !aborted {
            let next = lexer.peek()
            switch next.kind {
            case .underscore:
                lexer.next()
                if current.sub != nil { pairs.append(current); current = (nil, nil) }
                current.sub = parseScriptArgument(after: next)
            case .caret:
                lexer.next()
                if current.sup != nil { pairs.append(current); current = (nil, nil) }
                current.sup = parseScriptArgument(after: next)
            case .closeBrace:
                lexer.next()
                if current.sub != nil || current.sup != nil { pairs.append(current) }
                return pairs
            case .endOfInput:
                report(.unbalancedBrace, at: brace.start, "This “{” is never closed.")
                return pairs
            default:
                // Anything but scripts has no place here; skip it.
                _ = parseAtom(argument: true)
            }
        }
        return pairs
    }

    /// `\substack{a\\b}`: centred lines, as under a large operator.
    private mutating func substackAtom(_ token: MathToken) -> Atom {
        guard case .openBrace = lexer.peek().kind else { return Atom(node: parseArgument(of: token), cls: .ord) }
        let brace = lexer.next()
        openGroups += 1
        openTables += 1
        var rows: [[MathNode]] = []
        while !aborted {
            rows.append([Self.single(parseExpression())])
            let next = lexer.peek()
            if case .command(let name) = next.kind, Self.isLineBreak(name) {
                lexer.next()
                continue
            }
            if case .alignment = next.kind {
                lexer.next()
                report(.misplacedAlignment, at: next.start, "“&” has no place in \\substack; rows are separated by \\\\.")
                continue
            }
            break
        }
        openTables -= 1
        openGroups -= 1
        if case .closeBrace = lexer.peek().kind { lexer.next() } else if !aborted {
            report(.unbalancedBrace, at: brace.start, "This “{” is never closed.")
        }
        if rows.count > 1, rows.last == [.row([])] { rows.removeLast() }
        return Atom(node: .table(MathTable(rows: rows, columns: [], displayStyle: false)), cls: .ord)
    }

    /// A length after `\kern` or `\mkern`, in braces or not (`\kern1em`, `\mkern 18mu`,
    /// `\hskip -2pt plus 1fil` without the stretch).
    mutating func readLength(after token: MathToken) -> String? {
        let start = lexer.skipSpace()
        if lexer.scalar(at: start) == "{" {
            guard let (text, offset) = readRawGroup(after: token) else { return nil }
            guard let length = Self.cssLength(text) else {
                report(.invalidArgument, at: offset, "“\(text)” is not a length such as 1em or 3mu.")
                return nil
            }
            return length
        }
        var index = start
        if let sign = lexer.scalar(at: index), sign == "-" || sign == "+" { index += 1 }
        while let scalar = lexer.scalar(at: index), ("0"..."9").contains(scalar) || scalar == "." { index += 1 }
        while lexer.scalar(at: index) == " " { index += 1 }
        let unitStart = index
        while index < unitStart + 2, let scalar = lexer.scalar(at: index), MathLexer.isLetter(scalar) { index += 1 }
        let text = String(String.UnicodeScalarView(lexer.scalars[start..<index]))
        guard let length = Self.cssLength(text) else {
            report(.invalidArgument, at: start, "“\(Self.name(of: token))” needs a length such as 1em or 3mu.")
            return nil
        }
        lexer.seek(to: index)
        return length
    }

    /// An arrow that stretches under or over its labels, padded as amsmath pads them so a short
    /// label still gets an arrow of some length.
    static func extensibleArrow(_ arrow: String, over: MathNode?, under: MathNode?) -> MathNode {
        func padded(_ label: MathNode?) -> MathNode? {
            guard let label, label != .row([]) else { return nil }
            if case .space = label { return label }
            return .row([.space(width: "0.2778em"), label, .space(width: "0.2778em")])
        }
        let above = padded(over)
        let below = padded(under)
        // Without a label the arrow still needs a width to stretch to.
        let minimum = MathNode.space(width: "1.5em")
        return .underOver(base: .operator(arrow, MathOperator(stretchy: true)),
                          under: below, over: above ?? (below == nil ? minimum : nil), accent: false)
    }

    // MARK: Did you mean

    /// A name to suggest, and its scalars, made once for a table of names.
    typealias Candidate = (name: String, scalars: [Unicode.Scalar])

    /// The command table as candidates, made once.
    static let commandCandidates: [Candidate] = MathSymbols.commandNames.map { ($0, Array($0.unicodeScalars)) }

    /// " Did you mean “\frac”?" for the known name closest to `name`, or nothing when none is close.
    static func suggestion(for name: String, among candidates: [String], prefix: String = "") -> String {
        suggestion(for: name, among: candidates.map { ($0, Array($0.unicodeScalars)) }, prefix: prefix)
    }

    /// The same over candidates made beforehand. The edit distance is only computed for names
    /// of a close length, in three rows reused from one name to the next: a formula with a
    /// hundred unknown commands checks them against the table of thousands quickly.
    static func suggestion(for name: String, among candidates: [Candidate], prefix: String = "") -> String {
        let target = Array(name.unicodeScalars)
        let limit = max(1, min(3, target.count / 3))
        var rows = EditRows()
        var best: (distance: Int, name: String)?
        for candidate in candidates where abs(candidate.scalars.count - target.count) <= limit {
            let distance = editDistance(target, candidate.scalars, limit: limit, rows: &rows)
            guard distance <= limit else { continue }
            if best == nil || distance < best!.distance || (distance == best!.distance && candidate.name < best!.name) {
                best = (distance, candidate.name)
            }
        }
        guard let best else { return "" }
        return " Did you mean “\(prefix)\(best.name)”?"
    }

    /// The rows the edit distance is computed in, kept between calls.
    struct EditRows {
        var previousPrevious: [Int] = []
        var previous: [Int] = []
        var current: [Int] = []
    }

    /// Levenshtein distance with transpositions counted as one edit; gives up (returning
    /// `limit + 1`) as soon as every path is longer than `limit`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        var rows = EditRows()
        return editDistance(a, b, limit: limit, rows: &rows)
    }

    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int, rows: inout EditRows) -> Int {
        if a == b { return 0 }
        if a.isEmpty { return b.count }
        let width = b.count + 1
        for row in [\EditRows.previousPrevious, \EditRows.previous, \EditRows.current] where rows[keyPath: row].count < width {
            rows[keyPath: row] = [Int](repeating: 0, count: width)
        }
        for j in 0..<width { rows.previous[j] = j }
        for i in 1...a.count {
            rows.current[0] = i
            var rowMinimum = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(rows.previous[j] + 1, rows.current[j - 1] + 1, rows.previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, rows.previousPrevious[j - 2] + 1)
                }
                rows.current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            swap(&rows.previousPrevious, &rows.previous)
            swap(&rows.previous, &rows.current)
        }
        return rows.previous[b.count]
    }
}
