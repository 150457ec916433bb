extension MathParser {
    // MARK: Characters

    mutating func characterAtom(_ scalar: Unicode.Scalar, at token: MathToken, argument: Bool) -> Atom {
        switch scalar {
        case "0"..."9", ".":
            if let number = scanNumber(from: token.start, argument: argument) {
                return Atom(node: .number(number), cls: .ord)
            }
            // A period that does not start a number is ordinary punctuation inside a formula.
            return Atom(node: .identifier(".", upright: false), cls: .ord)
        case "A"..."Z", "a"..."z":
            return letterAtom(scalar, at: token, argument: argument)
        case "'":
            return Atom(node: .operator("′", .plain), cls: .ord)
        case "~":
            return Atom(node: .space(width: "0.3333em"), cls: .space)
        case "-":
            return Atom(node: .operator("−", .plain), cls: .bin)
        case "*":
            return Atom(node: .operator("∗", .plain), cls: .bin)
        case "/":
            return Atom(node: .operator("/", .ordinary), cls: .ord)
        case "(", ")", "[", "]", "|":
            return Atom(node: .operator(String(scalar), .fixedFence), cls: MathSymbols.characterClass(scalar) ?? .ord)
        case "%", "#", "@", "$", "\"", "`":
            // GitBook authors write a bare % as a percent sign, not as a TeX comment.
            return Atom(node: .identifier(String(scalar), upright: false), cls: .ord)
        default:
            break
        }
        if let cls = MathSymbols.characterClass(scalar) {
            // `!`, `?` and quotation marks close or open nothing that could stretch.
            let isFence = (cls == .open || cls == .close) && !"!?\u{201C}\u{201D}".unicodeScalars.contains(scalar)
            return Atom(node: .operator(String(scalar), isFence ? .fixedFence : .plain), cls: cls)
        }
        if Self.isWide(scalar) {
            return Atom(node: .text(scanWideRun(from: token.start, argument: argument)), cls: .ord)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return identifierAtom(scalar)
        case .decimalNumber:
            return Atom(node: .number(String(scalar)), cls: .ord)
        case .mathSymbol:
            return Atom(node: .operator(String(scalar), .plain), cls: .bin)
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return Atom(node: .operator(String(scalar), .plain), cls: .ord)
        default:
            return Atom(node: .text(String(scalar)), cls: .ord)
        }
    }

    /// Digits with at most one decimal point inside (`3.14`, `.5`); one digit for an argument.
    private mutating func scanNumber(from start: Int, argument: Bool) -> String? {
        let isDigit = { (scalar: Unicode.Scalar?) in scalar.map { ("0"..."9").contains($0) } ?? false }
        var index = start
        var sawPoint = false
        if lexer.scalar(at: index) == "." {
            guard !argument, isDigit(lexer.scalar(at: index + 1)) else { return nil }
        }
        var text = String.UnicodeScalarView()
        while let scalar = lexer.scalar(at: index) {
            if isDigit(scalar) {
                text.append(font.map { MathAlphabet.map(scalar, in: $0) } ?? scalar)
            } else if scalar == ".", !sawPoint, isDigit(lexer.scalar(at: index + 1)) {
                sawPoint = true
                text.append(scalar)
            } else {
                break
            }
            index += 1
            if argument { break }
        }
        lexer.seek(to: index)
        return String(text)
    }

    private mutating func letterAtom(_ scalar: Unicode.Scalar, at token: MathToken, argument: Bool) -> Atom {
        guard font == .roman, !argument else { return identifierAtom(scalar) }
        // Upright letters in a row are a word (`\mathrm{softmax}`, `\operatorname{tr}`).
        var index = token.end
        while let next = lexer.scalar(at: index), MathLexer.isLetter(next) { index += 1 }
        lexer.seek(to: index)
        let word = String(String.UnicodeScalarView(lexer.scalars[token.start..<index]))
        return Atom(node: .identifier(word, upright: true), cls: .ord)
    }

    /// A one-character identifier in the current font.
    mutating func identifierAtom(_ scalar: Unicode.Scalar) -> Atom {
        guard let font else {
            return Atom(node: .identifier(String(scalar), upright: Self.isUprightByDefault(scalar)), cls: .ord)
        }
        let mapped = MathAlphabet.map(scalar, in: font)
        let upright = font.isUpright || (mapped == scalar && Self.isUprightByDefault(scalar))
        return Atom(node: .identifier(String(mapped), upright: upright), cls: .ord)
    }

    /// TeX sets capital Greek, ∂ and ∇ upright, where MathML would italicise them.
    static func isUprightByDefault(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x391...0x3A9, 0x3F4, 0x2202, 0x2207: true
        default: false
        }
    }

    /// CJK ideographs, kana, Hangul and full-width forms: written inside formulas as words.
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x11FF, 0x2E80...0x2FDF, 0x3000...0x303F, 0x3040...0x30FF, 0x3100...0x31FF,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA960...0xA97F, 0xAC00...0xD7AF, 0xF900...0xFAFF,
             0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x20000...0x3FFFF:
            true
        default:
            false
        }
    }

    /// A run of wide characters becomes one `<mtext>`, so a Chinese word stays a word.
    private mutating func scanWideRun(from start: Int, argument: Bool) -> String {
        var index = start + 1
        if !argument {
            while let scalar = lexer.scalar(at: index), Self.isWide(scalar) { index += 1 }
        }
        lexer.seek(to: index)
        return String(String.UnicodeScalarView(lexer.scalars[start..<index]))
    }

    // MARK: Commands

    mutating func commandAtom(_ name: String, at token: MathToken, argument: Bool) -> Atom? {
        guard let command = MathSymbols.commands[name] else {
            if name.isEmpty {
                report(.unknownCommand, at: token.start, "A lone “\\” at the end of the formula.")
            } else {
                // Suggestions cost a pass over the command table; past the errors kept, nobody reads them.
                let known: [Candidate] = errors.count < Self.maximumErrors
                    ? Self.commandCandidates + macroNames.map { name in (String(name.dropFirst()), Array(name.dropFirst().unicodeScalars)) } : []
                report(.unknownCommand, at: token.start,
                       "Unknown command “\\\(name)”.\(Self.suggestion(for: name, among: known, prefix: "\\"))")
            }
            return Atom(node: .error("\\" + name), cls: .ord)
        }
        switch command {
        case .identifier(let text):
            guard let scalar = text.unicodeScalars.first, text.unicodeScalars.count == 1 else {
                return Atom(node: .identifier(text, upright: false), cls: .ord)
            }
            return identifierAtom(scalar)
        case .symbol(let text, let cls):
            return Atom(node: .operator(text, .plain), cls: cls)
        case .fence(let text, let cls):
            return Atom(node: .operator(text, .fixedFence), cls: cls)
        case .largeOperator(let text, let limits):
            return Atom(node: .operator(text, .plain), cls: .op, limits: limits ? .displayLimits : .side)
        case .function(let text, let limits):
            return Atom(node: .identifier(text, upright: true), cls: .function, limits: limits ? .displayLimits : .side)
        case .space(let width):
            return Atom(node: .space(width: width), cls: .space)
        case .accent(let mark, let stretchy):
            let base = parseArgument(of: token)
            let accent = MathNode.operator(mark, MathOperator(stretchy: stretchy))
            return Atom(node: .underOver(base: base, under: nil, over: accent, accent: true), cls: .ord)
        case .underAccent(let mark):
            let base = parseArgument(of: token)
            let accent = MathNode.operator(mark, MathOperator(stretchy: true))
            return Atom(node: .underOver(base: base, under: accent, over: nil, accent: true), cls: .ord)
        case .brace(let mark, let under):
            let base = parseArgument(of: token)
            let brace = MathNode.operator(mark, MathOperator(stretchy: true))
            // As an accent the brace keeps the base's size; as a plain script Chromium draws it a
            // size smaller, a thin line hardly different from an overline.
            let node = MathNode.underOver(base: base, under: under ? brace : nil, over: under ? nil : brace, accent: true)
            // TeX makes this an operator with \limits, but as an operator it would turn a
            // following `+` into a sign; as an ordinary atom it spaces like the sum it labels.
            return Atom(node: node, cls: .ord, limits: .limits)
        case .font(let newFont):
            let saved = font
            font = newFont
            defer { font = saved }
            return Atom(node: parseArgument(of: token), cls: .ord)
        case .fontSwitch(let newFont):
            // Reached only as an argument (`x^\rm d`); elsewhere the expression loop handles it.
            font = newFont
            return nil
        case .text(let textFont):
            return Atom(node: textArgumentNode(of: token, font: textFont), cls: .ord)
        case .uprightIdentifier(let text):
            return Atom(node: .identifier(text, upright: true), cls: .ord)
        case .special(let special):
            return specialAtom(special, at: token, argument: argument)
        }
    }

    private mutating func specialAtom(_ special: SpecialCommand, at token: MathToken, argument: Bool) -> Atom? {
        switch special {
        case .fraction(let displayStyle):
            let numerator = parseArgument(of: token)
            let denominator = parseArgument(of: token)
            let node = MathNode.fraction(numerator: numerator, denominator: denominator, thickness: nil)
            return Atom(node: Self.withStyle(node, displayStyle), cls: .inner)
        case .binomial(let displayStyle):
            let top = parseArgument(of: token)
            let bottom = parseArgument(of: token)
            let node = Self.fenced(.fraction(numerator: top, denominator: bottom, thickness: "0"), open: "(", close: ")")
            return Atom(node: Self.withStyle(node, displayStyle), cls: .inner)
        case .infix:
            // Reached only where an argument was expected; `isArgumentEnd` keeps it out.
            return nil
        case .sqrt:
            var index: MathNode?
            if case .character("[") = lexer.peek().kind {
                lexer.next()
                expressionStop = "]"
                let nodes = parseExpression()
                expressionStop = nil
                if case .character("]") = lexer.peek().kind {
                    lexer.next()
                } else if !aborted {
                    report(.missingArgument, at: token.start, "“\\sqrt[” has no closing “]”.")
                }
                index = Self.single(nodes)
            }
            let radicand = parseArgument(of: token)
            return Atom(node: .root(radicand: radicand, index: index), cls: .ord)
        case .left:
            return parseLeftRight(opening: token)
        case .right, .middle, .end:
            // Only as an argument, which `isArgumentEnd` prevents; consume quietly.
            return nil
        case .big(let size, let cls):
            guard let delimiter = parseDelimiter(after: token) else { return nil }
            var attributes = MathOperator(stretchy: true, symmetric: true, minSize: size, maxSize: size)
            switch cls {
            case .open: attributes.form = .prefix; attributes.fence = true
            case .close: attributes.form = .postfix; attributes.fence = true
            case .rel: attributes.form = .infix
            default: break
            }
            return Atom(node: .operator(delimiter, attributes), cls: cls)
        case .begin:
            return parseEnvironment(begin: token)
        case .tag:
            readTag(token)
            return nil
        case .operatorName:
            let starred = consumeStar()
            let saved = font
            font = .roman
            let argument = parseArgument(of: token)
            font = saved
            return Atom(node: Self.word(argument), cls: .function, limits: starred ? .displayLimits : .side)
        case .mathOp:
            let node = parseArgument(of: token)
            if case .identifier(let text, _) = node, text.unicodeScalars.count > 1 {
                return Atom(node: node, cls: .function, limits: .displayLimits)
            }
            return Atom(node: node, cls: .op, limits: .displayLimits)
        case .mathClass(let cls):
            return Atom(node: parseArgument(of: token), cls: cls)
        case .limits:
            report(.misplacedLimits, at: token.start, "“\(Self.name(of: token))” must follow an operator such as \\sum or \\max.")
            return nil
        case .underset, .overset:
            let script = parseArgument(of: token)
            let base = parseArgumentAtom(of: token)
            let under = if case .underset = special { true } else { false }
            let node = MathNode.underOver(base: base.node, under: under ? script : nil, over: under ? nil : script, accent: false)
            return Atom(node: node, cls: Self.stackedClass(base.cls))
        case .stackrel:
            let over = parseArgument(of: token)
            let base = parseArgument(of: token)
            return Atom(node: .underOver(base: base, under: nil, over: over, accent: false), cls: .rel)
        case .color:
            _ = readColor(after: token)
            return nil
        case .textColor:
            let color = readColor(after: token)
            let node = parseArgument(of: token)
            return Atom(node: color.map { .styled(.color($0), node) } ?? node, cls: .ord)
        case .styleSwitch:
            return nil
        case .not:
            let negated = parseArgumentAtom(of: token)
            return Atom(node: Self.negate(negated.node), cls: negated.cls)
        case .phantom:
            return Atom(node: .phantom(parseArgument(of: token)), cls: .ord)
        case .ignored:
            return nil
        case .ignoredArgument:
            _ = readRawGroup(after: token)
            return nil
        case .label:
            readLabel(token)
            return nil
        case .noNumber:
            suppressNumber()
            return nil
        case .reference(let parenthesized):
            return referenceAtom(token, parenthesized: parenthesized)
        case .extensibleArrow(let arrow):
            var below: MathNode?
            if case .character("[") = lexer.peek().kind {
                lexer.next()
                expressionStop = "]"
                below = Self.single(parseExpression())
                expressionStop = nil
                if case .character("]") = lexer.peek().kind { lexer.next() }
            }
            let above = parseArgument(of: token)
            return Atom(node: Self.extensibleArrow(arrow, over: above, under: below), cls: .rel)
        case .pmod:
            let modulus = parseArgument(of: token)
            let node = MathNode.row([
                .space(width: "1em"), .operator("(", .fixedFence), .identifier("mod", upright: true),
                .space(width: "0.3333em"), modulus, .operator(")", .fixedFence),
            ])
            return Atom(node: node, cls: .ord)
        case .hspace:
            _ = consumeStar()
            guard let width = readLength(after: token) else { return nil }
            return Atom(node: .space(width: width), cls: .space)
        default:
            return layoutAtom(special, at: token)
        }
    }

    private static func withStyle(_ node: MathNode, _ displayStyle: Bool?) -> MathNode {
        guard let displayStyle else { return node }
        return .styled(.display(displayStyle, scriptLevel: 0), node)
    }

    /// `\underset{x}{\min}` is still a function name, `\overset{!}{=}` still a relation.
    private static func stackedClass(_ cls: AtomClass) -> AtomClass {
        switch cls {
        case .bin, .rel, .function, .op: cls
        default: .ord
        }
    }

    /// The name of `\operatorname{…}` as one upright word when it is only letters and digits.
    static func word(_ node: MathNode) -> MathNode {
        var text = ""
        func collect(_ node: MathNode) -> Bool {
            switch node {
            case .identifier(let part, _), .number(let part):
                text += part
                return true
            case .operator(let part, _) where part == "−" || part == "∗" || part == "′":
                text += part == "−" ? "-" : part == "∗" ? "*" : part
                return true
            case .row(let children):
                return children.allSatisfy(collect)
            default:
                return false
            }
        }
        guard collect(node), !text.isEmpty else { return node }
        return .identifier(text, upright: true)
    }

    private static func negate(_ node: MathNode) -> MathNode {
        switch node {
        case .operator(let text, let attributes):
            return .operator(MathSymbols.negations[text] ?? text + "\u{338}", attributes)
        case .identifier(let text, let upright):
            return .identifier(text + "\u{338}", upright: upright)
        default:
            return node
        }
    }

    mutating func consumeStar() -> Bool {
        guard lexer.scalar(at: lexer.position) == "*" else { return false }
        lexer.seek(to: lexer.position + 1)
        return true
    }

    // MARK: Delimiters

    /// `\left( … \middle| … \right)`: the brackets stretch to the height of what they enclose.
    private mutating func parseLeftRight(opening: MathToken) -> Atom {
        let open = parseDelimiter(after: opening)
        var children: [MathNode] = []
        if let open { children.append(.operator(open, MathOperator(form: .prefix, fence: true, stretchy: true))) }
        openLefts += 1
        defer { openLefts -= 1 }
        while true {
            let body = parseExpression()
            if !body.isEmpty { children.append(Self.single(body)) }
            let token = lexer.peek()
            guard !aborted, case .command(let name) = token.kind else {
                if !aborted { report(.unmatchedLeft, at: opening.start, "“\\left” without a matching “\\right”.") }
                break
            }
            if case .special(.middle) = MathSymbols.commands[name] {
                lexer.next()
                if let middle = parseDelimiter(after: token) {
                    children.append(.operator(middle, MathOperator(form: .infix, fence: true, stretchy: true)))
                }
                continue
            }
            if case .special(.right) = MathSymbols.commands[name] {
                lexer.next()
                if let close = parseDelimiter(after: token) {
                    children.append(.operator(close, MathOperator(form: .postfix, fence: true, stretchy: true)))
                }
            } else {
                report(.unmatchedLeft, at: opening.start, "“\\left” without a matching “\\right”.")
            }
            break
        }
        return Atom(node: .row(children), cls: .inner)
    }

    /// The delimiter after `\left`, `\right`, `\middle` or `\big`; nil for the empty `.`.
    mutating func parseDelimiter(after command: MathToken) -> String? {
        let token = lexer.peek()
        switch token.kind {
        case .character("."):
            lexer.next()
            return nil
        case .character(let scalar):
            if let delimiter = MathSymbols.delimiterCharacters[scalar] {
                lexer.next()
                return delimiter
            }
        case .command(let name):
            switch MathSymbols.commands[name] {
            case .fence(let text, _):
                lexer.next()
                return text
            case .symbol(let text, _) where Self.delimiterSymbols.contains(text):
                lexer.next()
                return text
            default:
                break
            }
        default:
            break
        }
        report(.invalidDelimiter, at: token.kind == .endOfInput ? command.start : token.start,
               "“\(Self.name(of: command))” must be followed by a delimiter such as ( [ \\{ | or “.”.")
        return nil
    }

    private static let delimiterSymbols: Set<String> = ["↑", "↓", "↕", "⇑", "⇓", "⇕", "\\", "∣", "‖"]

    // MARK: Raw arguments

    /// The text of a `{…}` argument read verbatim (colours, lengths, names), with its offset.
    mutating func readRawGroup(after command: MathToken) -> (String, Int)? {
        let start = lexer.skipSpace()
        guard lexer.scalar(at: start) == "{" else {
            report(.missingArgument, at: command.start, "“\(Self.name(of: command))” needs a {…} argument.")
            return nil
        }
        var index = start + 1
        var level = 0
        while let scalar = lexer.scalar(at: index) {
            if scalar == "{" { level += 1 }
            if scalar == "}" {
                if level == 0 {
                    lexer.seek(to: index + 1)
                    let text = String(String.UnicodeScalarView(lexer.scalars[(start + 1)..<index]))
                    return (text, start + 1)
                }
                level -= 1
            }
            index += 1
        }
        report(.unbalancedBrace, at: start, "This “{” is never closed.")
        lexer.seek(to: lexer.scalars.count)
        return nil
    }

    /// `{name}` after `\begin` or `\end`.
    mutating func readEnvironmentName(after command: MathToken) -> String? {
        readRawGroup(after: command).map { $0.0.trimmingSpaces() }
    }

    /// A colour for `\color`: a name or a `#rrggbb` value; anything else could smuggle markup
    /// or CSS into the attribute, so it is rejected.
    mutating func readColor(after command: MathToken) -> String? {
        guard let (raw, offset) = readRawGroup(after: command) else { return nil }
        let text = raw.trimmingSpaces()
        let scalars = Array(text.unicodeScalars)
        let isName = !scalars.isEmpty && scalars.allSatisfy(MathLexer.isLetter)
        let isHex = (scalars.count == 4 || scalars.count == 7) && scalars.first == "#"
            && scalars.dropFirst().allSatisfy { $0.properties.isASCIIHexDigit }
        guard isName || isHex else {
            report(.invalidArgument, at: offset, "“\(text)” is not a colour name or #rrggbb value.")
            return nil
        }
        return text
    }

    /// TeX lengths as CSS lengths; `mu` (1/18 em) has no CSS unit.
    static func cssLength(_ text: String) -> String? {
        let trimmed = text.trimmingSpaces()
        let scalars = Array(trimmed.unicodeScalars)
        guard let unitStart = scalars.firstIndex(where: MathLexer.isLetter), unitStart > 0 else { return nil }
        let number = String(String.UnicodeScalarView(scalars[..<unitStart])).trimmingSpaces()
        let unit = String(String.UnicodeScalarView(scalars[unitStart...]))
        guard let value = Double(number), value.isFinite, abs(value) < 1000 else { return nil }
        switch unit {
        case "mu": return Self.formatEm(value / 18)
        case "em", "ex", "pt", "px", "cm", "mm", "in", "pc": return number + unit
        default: return nil
        }
    }

    private static func formatEm(_ value: Double) -> String {
        let rounded = (value * 10_000).rounded() / 10_000
        return "\(rounded)em"
    }

    // MARK: Text mode

    /// The argument of `\text{…}` and `\tag{…}`, read in text mode: spaces count, a few
    /// escapes and spacing commands work, and letters and digits take `font`.
    mutating func readTextArgument(of command: MathToken, font textFont: MathFont?) -> String {
        let start = lexer.skipSpace()
        guard let first = lexer.scalar(at: start), first != "}" else {
            report(.missingArgument, at: command.start, "“\(Self.name(of: command))” is missing an argument.")
            return ""
        }
        var text = String.UnicodeScalarView()
        guard first == "{" else {
            // Like any argument, a single token will do: `\text x`.
            if first == "\\" {
                let token = lexer.next()
                appendTextCommand(token, to: &text, font: textFont)
            } else {
                lexer.seek(to: start + 1)
                text.append(textFont.map { MathAlphabet.map(first, in: $0) } ?? first)
            }
            return String(text)
        }
        var index = start + 1
        var level = 0
        while let scalar = lexer.scalar(at: index) {
            switch scalar {
            case "{":
                level += 1
                index += 1
            case "}":
                if level == 0 {
                    lexer.seek(to: index + 1)
                    return String(text)
                }
                level -= 1
                index += 1
            case "\\":
                lexer.seek(to: index)
                let token = lexer.next()
                appendTextCommand(token, to: &text, font: textFont)
                index = lexer.position
                if case .command(let name) = token.kind, MathLexer.isLetter(name.unicodeScalars.first ?? " ") {
                    // TeX drops the spaces after a control word.
                    while let next = lexer.scalar(at: index), next == " " || next == "\n" || next == "\t" { index += 1 }
                }
            case "~":
                text.append("\u{A0}")
                index += 1
            case "$" where textMath != nil:
                // `\text{if $x>0$}`: math inside text, back to text after the closing `$`.
                lexer.seek(to: index + 1)
                expressionStop = "$"
                let nodes = parseExpression()
                if case .character("$") = lexer.peek().kind { lexer.next() }
                textMath?.append((String(text).unicodeScalars.count, Self.single(nodes)))
                index = lexer.position
            case "-" where lexer.scalar(at: index + 1) == "-":
                let isEmDash = lexer.scalar(at: index + 2) == "-"
                text.append(isEmDash ? "—" : "–")
                index += isEmDash ? 3 : 2
            case "`" where lexer.scalar(at: index + 1) == "`", "'" where lexer.scalar(at: index + 1) == "'":
                text.append(scalar == "`" ? "“" : "”")
                index += 2
            case " ", "\n", "\t", "\r":
                if text.last != " " { text.append(" ") }
                index += 1
            default:
                if !MathLexer.isInvisible(scalar), scalar.value >= 0x20, scalar.value != 0x7F {
                    text.append(textFont.map { MathAlphabet.map(scalar, in: $0) } ?? scalar)
                }
                index += 1
            }
        }
        report(.unbalancedBrace, at: start, "This “{” is never closed.")
        lexer.seek(to: lexer.scalars.count)
        return String(text)
    }

    private mutating func appendTextCommand(_ token: MathToken, to text: inout String.UnicodeScalarView, font textFont: MathFont?) {
        guard case .command(let name) = token.kind else { return }
        switch name {
        case " ", "\\": text.append(" ")
        case "{", "}", "%", "&", "_", "#", "$": text.append(contentsOf: name.unicodeScalars)
        case ",": text.append("\u{2009}")
        case ":", ">", ";": text.append("\u{2005}")
        case "!", "/", "-": break
        case "quad": text.append("\u{2003}")
        case "qquad": text.append(contentsOf: "\u{2003}\u{2003}".unicodeScalars)
        case "textbackslash": text.append("\\")
        case "ldots", "dots", "textellipsis": text.append("…")
        case "textendash": text.append("–")
        case "textemdash": text.append("—")
        case _ where Self.textSymbols[name] != nil:
            text.append(contentsOf: Self.textSymbols[name]!.unicodeScalars)
        case _ where Self.textAccents[name] != nil:
            // An accent over the next letter (`\'e`, `\"{a}`, `\H\i`), as a combining mark.
            var index = lexer.position
            while lexer.scalar(at: index) == " " { index += 1 }
            var base = String.UnicodeScalarView()
            if lexer.scalar(at: index) == "{" {
                index += 1
                while let scalar = lexer.scalar(at: index), scalar != "}" {
                    base.append(scalar)
                    index += 1
                }
                index += 1
            } else if lexer.scalar(at: index) == "\\" {
                lexer.seek(to: index)
                let inner = lexer.next()
                appendTextCommand(inner, to: &base, font: textFont)
                index = lexer.position
            } else if let scalar = lexer.scalar(at: index) {
                base.append(scalar)
                index += 1
            }
            lexer.seek(to: index)
            text.append(contentsOf: base)
            text.append(Self.textAccents[name]!)
        default:
            switch MathSymbols.commands[name] {
            case .text?, .fontSwitch?, .font?, .accent?, .underAccent?, .special(.sizeSwitch)?, .special(.boxed)?, .special(.line)?:
                // Nested style commands inside text keep their words; their braces are
                // read as plain grouping.
                break
            case .identifier(let symbol)?, .symbol(let symbol, _)?:
                text.append(contentsOf: symbol.unicodeScalars)
            case .special(.tag)?, .special(.label)?:
                report(.misplacedTag, at: token.start, "“\\\(name)” cannot be used inside text; put it after the \\text{…}.")
            default:
                report(.unknownCommand, at: token.start, "Unknown command “\\\(name)” in text.")
            }
        }
    }

    /// The argument of `\text{…}` as a node: its text, with any `$…$` inside typeset as math.
    mutating func textArgumentNode(of command: MathToken, font textFont: MathFont?) -> MathNode {
        let saved = textMath
        textMath = []
        let text = readTextArgument(of: command, font: textFont)
        let math = textMath ?? []
        textMath = saved
        guard !math.isEmpty else { return text.isEmpty ? .row([]) : .text(Self.nonBreaking(text)) }
        var nodes: [MathNode] = []
        let scalars = Array(text.unicodeScalars)
        var start = 0
        for (position, node) in math {
            let end = min(position, scalars.count)
            if end > start { nodes.append(.text(Self.nonBreaking(String(String.UnicodeScalarView(scalars[start..<end]))))) }
            nodes.append(node)
            start = max(start, end)
        }
        if start < scalars.count { nodes.append(.text(Self.nonBreaking(String(String.UnicodeScalarView(scalars[start...]))))) }
        return .row(nodes)
    }

    /// Text-mode symbols by command name.
    static let textSymbols: [String: String] = [
        "i": "ı", "j": "ȷ", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "o": "ø", "O": "Ø",
        "ss": "ß", "l": "ł", "L": "Ł", "textdollar": "$", "textasciitilde": "~", "textasciicircum": "^",
        "textbar": "|", "textbardbl": "‖", "textbraceleft": "{", "textbraceright": "}", "textbullet": "•",
        "textdagger": "†", "textdaggerdbl": "‡", "textdegree": "°", "texteuro": "€", "textgreater": ">",
        "textless": "<", "textquotedblleft": "“", "textquotedblright": "”", "textquoteleft": "‘",
        "textquoteright": "’", "textregistered": "®", "textsterling": "£", "textunderscore": "_",
        "textvisiblespace": "␣", "TeX": "TeX", "LaTeX": "LaTeX", "KaTeX": "KaTeX", "maltese": "✠",
    ]

    /// Text accents as combining marks.
    static let textAccents: [String: Unicode.Scalar] = [
        "'": "\u{301}", "`": "\u{300}", "^": "\u{302}", "\"": "\u{308}", "~": "\u{303}", "=": "\u{304}",
        ".": "\u{307}", "u": "\u{306}", "v": "\u{30C}", "H": "\u{30B}", "r": "\u{30A}", "c": "\u{327}",
    ]

    /// MathML trims spaces at the edges of `<mtext>`, so they become no-break spaces.
    static func nonBreaking(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { result.append(scalar == " " ? "\u{A0}" : scalar) }
        return String(result)
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces and line breaks.
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        let isSpace = { (scalar: Unicode.Scalar) in scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }
}
