/// Expands user macros and reads macro definitions, before parsing.
///
/// Expansion works on scalars, as TeX's mouth works on characters before the stomach sees them:
/// a use of `\name` is replaced by its body with `#1`…`#9` filled in, and the result is read
/// again, so macros may use macros. Text mode (`\text{\RR}`) and arguments of any command see
/// the expanded text, as in LaTeX. Every scalar keeps the offset of the source character it came
/// from (for an expansion: the macro's use), so errors still point into what the author wrote.
///
/// Expansion that never ends (`\def\a{\a}`, two macros calling each other, bodies that double at
/// each step) is stopped by a budget proportional to the formula's length, counted in scalars
/// produced, and a limit on nested expansions; either ends expansion with a located error, so
/// the time spent stays linear in the input.
struct MathMacroExpander {
    /// The expanded scalars and, for each, the offset in the source it stands for.
    private(set) var output: [Unicode.Scalar] = []
    private(set) var offsets: [Int] = []
    private(set) var errors: [MathError] = []
    private(set) var macros: MathMacros

    /// Scalars expansions may add in all: a generous multiple of the source, so honest macro use
    /// never reaches it and runaway recursion stops after linear work.
    let budget: Int
    /// Expansions open at once (a body whose end has not been read yet).
    static let maximumNesting = 64

    private struct Frame {
        var scalars: [Unicode.Scalar]
        var position: Int
        /// Where every scalar of an expansion points; nil for the source itself.
        var origin: Int?
    }

    private var frames: [Frame]
    private var spent = 0
    private var stopped = false

    /// Commands that define macros; they are consumed here and produce no output.
    static let definingCommands: Set<String> = [
        "newcommand", "renewcommand", "providecommand", "def", "gdef", "edef", "xdef", "global", "let",
        "DeclareMathOperator",
    ]

    init(_ source: [Unicode.Scalar], macros: MathMacros) {
        self.macros = macros
        frames = [Frame(scalars: source, position: 0, origin: nil)]
        budget = 10_000 + 10 * source.count
        output.reserveCapacity(source.count + 16)
        offsets.reserveCapacity(source.count + 16)
    }

    /// Whether `source` needs expanding at all: macros are defined, or it defines one or uses a
    /// built-in shorthand. The common formula has none of these, and skips the copy.
    static func isNeeded(_ source: [Unicode.Scalar], macros: MathMacros) -> Bool {
        if !macros.isEmpty { return true }
        var index = 0
        while index < source.count {
            if source[index] == "\\" {
                var end = index + 1
                while end < source.count, MathLexer.isLetter(source[end]) { end += 1 }
                if end > index + 2, MathMacros.expandedNames.contains(String(String.UnicodeScalarView(source[(index + 1)..<end]))) {
                    return true
                }
                index = max(end, index + 2)
            } else {
                index += 1
            }
        }
        return false
    }

    // MARK: Reading across frames

    private mutating func dropFinishedFrames() {
        while frames.count > 1, frames[frames.count - 1].position >= frames[frames.count - 1].scalars.count {
            frames.removeLast()
        }
    }

    private mutating func peek() -> Unicode.Scalar? {
        dropFinishedFrames()
        let frame = frames[frames.count - 1]
        return frame.position < frame.scalars.count ? frame.scalars[frame.position] : nil
    }

    /// The source offset of the next scalar.
    private mutating func currentOffset() -> Int {
        dropFinishedFrames()
        let frame = frames[frames.count - 1]
        return frame.origin ?? frame.position
    }

    private mutating func advance() -> (Unicode.Scalar, Int)? {
        dropFinishedFrames()
        let top = frames.count - 1
        let frame = frames[top]
        guard frame.position < frame.scalars.count else { return nil }
        frames[top].position += 1
        return (frame.scalars[frame.position], frame.origin ?? frame.position)
    }

    private mutating func skipSpaces() {
        while let scalar = peek() {
            if MathLexer.isIgnorable(scalar) {
                _ = advance()
            } else if scalar == "%", isLineEndComment() {
                while let next = peek(), next != "\n" { _ = advance() }
            } else {
                return
            }
        }
    }

    /// A `%` with nothing after it on its line: a comment, as in `\newcommand{%⏎\x}`.
    private mutating func isLineEndComment() -> Bool {
        let frame = frames[frames.count - 1]
        var index = frame.position + 1
        while index < frame.scalars.count, frame.scalars[index] == " " || frame.scalars[index] == "\t" || frame.scalars[index] == "\r" {
            index += 1
        }
        return index >= frame.scalars.count || frame.scalars[index] == "\n"
    }

    /// A control sequence's name after its backslash has been read: letters, or one character.
    private mutating func readName() -> String {
        guard let first = peek() else { return "" }
        guard MathLexer.isLetter(first) else {
            _ = advance()
            return String(first)
        }
        var name = String.UnicodeScalarView()
        while let scalar = peek(), MathLexer.isLetter(scalar) {
            name.append(scalar)
            _ = advance()
        }
        return String(name)
    }

    /// A balanced `{…}` after the opening brace has been read, without the braces; nil when the
    /// input ends first.
    private mutating func readGroupBody() -> [Unicode.Scalar]? {
        var level = 0
        var body: [Unicode.Scalar] = []
        while let (scalar, _) = advance() {
            if scalar == "\\" {
                body.append(scalar)
                if let (next, _) = advance() { body.append(next) }
                continue
            }
            if scalar == "{" { level += 1 }
            if scalar == "}" {
                if level == 0 { return body }
                level -= 1
            }
            body.append(scalar)
        }
        return nil
    }

    /// One undelimited argument: a `{group}` (without its braces), a control sequence, or one
    /// character; nil when there is none (the input or the enclosing group ends).
    private mutating func readArgument() -> [Unicode.Scalar]? {
        skipSpaces()
        guard let scalar = peek(), scalar != "}" else { return nil }
        _ = advance()
        if scalar == "{" { return readGroupBody() ?? [] }
        if scalar == "\\" { return ["\\"] + Array(readName().unicodeScalars) }
        return [scalar]
    }

    /// `[…]` if the next scalar opens one, read with its braces balanced.
    private mutating func readOptional() -> [Unicode.Scalar]? {
        skipSpaces()
        guard peek() == "[" else { return nil }
        _ = advance()
        var level = 0
        var text: [Unicode.Scalar] = []
        while let (scalar, _) = advance() {
            if scalar == "{" { level += 1 }
            if scalar == "}" { level -= 1 }
            if scalar == "]", level == 0 { return text }
            text.append(scalar)
        }
        return text
    }

    // MARK: Expanding

    private mutating func emit(_ scalar: Unicode.Scalar, at offset: Int) {
        output.append(scalar)
        offsets.append(offset)
    }

    private mutating func emit(_ text: String, at offset: Int) {
        for scalar in text.unicodeScalars { emit(scalar, at: offset) }
    }

    private mutating func report(_ id: MathErrorID, at offset: Int, _ message: String) {
        guard errors.count < MathParser.maximumErrors else { return }
        errors.append(MathError(id: id.rawValue, message: message, offset: offset))
    }

    /// Expands the whole input.
    mutating func run() {
        while let (scalar, offset) = advance() {
            guard scalar == "\\" else {
                emit(scalar, at: offset)
                continue
            }
            let name = readName()
            if Self.definingCommands.contains(name) {
                define(name, at: offset)
            } else if name == "verb" {
                copyVerbatim(at: offset)
            } else if !stopped, let definition = macros[name] ?? MathMacros.builtins[name] {
                expand(name, definition, at: offset)
            } else {
                emit("\\", at: offset)
                emit(name, at: offset)
                // A control word followed by a letter must stay apart from it.
                if MathLexer.isLetter(name.unicodeScalars.last ?? " "), let next = peek(), MathLexer.isLetter(next) {
                    emit(" ", at: offset)
                }
            }
        }
    }

    /// `\verb|…|` keeps its text as written, macros and all.
    private mutating func copyVerbatim(at offset: Int) {
        emit("\\verb", at: offset)
        if peek() == "*" {
            _ = advance()
            emit("*", at: offset)
        }
        guard let (delimiter, delimiterOffset) = advance() else { return }
        emit(delimiter, at: delimiterOffset)
        while let (scalar, scalarOffset) = advance() {
            emit(scalar, at: scalarOffset)
            if scalar == delimiter { return }
        }
    }

    private mutating func expand(_ name: String, _ definition: MathMacros.Definition, at offset: Int) {
        var arguments: [[Unicode.Scalar]] = []
        var first = 0
        if let defaultArgument = definition.defaultArgument {
            arguments.append(readOptional() ?? defaultArgument)
            first = 1
        }
        if definition.parameterCount > first {
            for _ in first..<definition.parameterCount {
                guard let argument = readArgument() else {
                    report(.missingArgument, at: offset,
                           "“\\\(name)” takes \(definition.parameterCount) argument\(definition.parameterCount == 1 ? "" : "s"); \(arguments.count) given.")
                    arguments.append([])
                    continue
                }
                arguments.append(argument)
            }
        }
        let body = Self.substitute(definition.body, arguments)
        spent += body.count + 1
        if spent > budget {
            stop(at: offset, "Expanding “\\\(name)” never ends (more than \(budget) characters); is it defined in terms of itself?")
            return
        }
        if frames.count > Self.maximumNesting {
            stop(at: offset, "Macros nest more than \(Self.maximumNesting) deep at “\\\(name)”; is it defined in terms of itself?")
            return
        }
        // A body ending in a control word must not run into the letters after it.
        var scalars = body
        if let last = scalars.last, MathLexer.isLetter(last), let next = peek(), MathLexer.isLetter(next) {
            scalars.append(" ")
        }
        frames.append(Frame(scalars: scalars, position: 0, origin: offset))
    }

    /// Ends expansion: the rest of the input is copied as it is, so the formula still parses.
    private mutating func stop(at offset: Int, _ message: String) {
        report(.macroLoop, at: offset, message)
        stopped = true
        frames.removeSubrange(1...)
    }

    /// A body with `#n` replaced by the arguments and `##` by `#`.
    static func substitute(_ body: [Unicode.Scalar], _ arguments: [[Unicode.Scalar]]) -> [Unicode.Scalar] {
        guard !arguments.isEmpty || body.contains("#") else { return body }
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(body.count)
        var index = 0
        while index < body.count {
            let scalar = body[index]
            if scalar == "#", index + 1 < body.count {
                let next = body[index + 1]
                if next == "#" {
                    result.append("#")
                    index += 2
                    continue
                }
                if ("1"..."9").contains(next) {
                    let number = Int(next.value - 0x30)
                    if number <= arguments.count { result.append(contentsOf: arguments[number - 1]) }
                    index += 2
                    continue
                }
            }
            result.append(scalar)
            index += 1
        }
        return result
    }

    // MARK: Definitions

    private mutating func define(_ command: String, at offset: Int) {
        switch command {
        case "global":
            // `\global\def`: every definition is global here already.
            return
        case "newcommand", "renewcommand", "providecommand":
            defineCommand(command, at: offset)
        case "def", "gdef", "edef", "xdef":
            defineTeXMacro(command, at: offset)
        case "let":
            defineLet(at: offset)
        default:
            defineOperator(at: offset)
        }
    }

    /// The `\name` or `{\name}` a definition names.
    private mutating func readDefinedName(after command: String, at offset: Int) -> String? {
        skipSpaces()
        var braced = false
        if peek() == "{" {
            _ = advance()
            skipSpaces()
            braced = true
        }
        guard peek() == "\\" else {
            report(.invalidMacro, at: offset, "“\\\(command)” must be followed by the name of a command, such as \\RR.")
            if braced { _ = readGroupBody() }
            return nil
        }
        _ = advance()
        let name = readName()
        if braced {
            skipSpaces()
            if peek() == "}" { _ = advance() }
        }
        return name.isEmpty ? nil : name
    }

    private func isDefined(_ name: String) -> Bool {
        macros[name] != nil || MathSymbols.commands[name] != nil || MathMacros.expandedNames.contains(name)
    }

    /// `\newcommand{\name}[count][default]{body}` and its `re`/`provide` forms.
    private mutating func defineCommand(_ command: String, at offset: Int) {
        if peek() == "*" { _ = advance() }
        guard let name = readDefinedName(after: command, at: offset) else { return }
        var count = 0
        if let text = readOptional() {
            let digits = String(String.UnicodeScalarView(text)).trimmingSpaces()
            guard let value = Int(digits), (0...9).contains(value) else {
                report(.invalidMacro, at: offset, "“[\(digits)]” is not a number of arguments from 0 to 9.")
                _ = readArgument()
                return
            }
            count = value
        }
        let defaultArgument = count > 0 ? readOptional() : nil
        skipSpaces()
        guard peek() == "{", advance() != nil, let body = readGroupBody() else {
            report(.invalidMacro, at: offset, "“\\\(command)\\\(name)” needs a {body}.")
            return
        }
        switch command {
        case "newcommand" where isDefined(name):
            report(.invalidMacro, at: offset, "“\\\(name)” is already defined; use \\renewcommand to change it.")
            return
        case "renewcommand" where !isDefined(name):
            report(.invalidMacro, at: offset, "“\\\(name)” is not defined yet; use \\newcommand.")
        case "providecommand" where isDefined(name):
            return
        default:
            break
        }
        store(name, count: count, defaultArgument: defaultArgument, body: body, at: offset)
    }

    /// `\def\name#1#2{body}`: undelimited parameters only.
    private mutating func defineTeXMacro(_ command: String, at offset: Int) {
        skipSpaces()
        guard peek() == "\\" else {
            report(.invalidMacro, at: offset, "“\\\(command)” must be followed by the name of a command, such as \\RR.")
            return
        }
        _ = advance()
        let name = readName()
        var count = 0
        while let scalar = peek(), scalar != "{" {
            _ = advance()
            if MathLexer.isIgnorable(scalar) { continue }
            if scalar == "#", let digit = peek(), digit.value == 0x31 + UInt32(count) {
                _ = advance()
                count += 1
                continue
            }
            report(.invalidMacro, at: offset, "“\\\(command)\\\(name)” takes parameters #1, #2, … in order before its {body}; delimited parameters are not supported.")
            // Skip to the body so the rest of the formula is read as math.
            while let next = peek(), next != "{" { _ = advance() }
            _ = advance()
            _ = readGroupBody()
            return
        }
        guard advance() != nil, let body = readGroupBody() else {
            report(.invalidMacro, at: offset, "“\\\(command)\\\(name)” needs a {body}.")
            return
        }
        store(name, count: count, defaultArgument: nil, body: body, at: offset)
    }

    /// `\let\new\old` or `\let\new=\old`: the new name means what the old one means now.
    private mutating func defineLet(at offset: Int) {
        skipSpaces()
        guard peek() == "\\", advance() != nil else {
            report(.invalidMacro, at: offset, "“\\let” must be followed by two command names.")
            return
        }
        let name = readName()
        skipSpaces()
        if peek() == "=" { _ = advance() }
        skipSpaces()
        guard let target = readArgument() else {
            report(.invalidMacro, at: offset, "“\\let\\\(name)” needs a command to copy.")
            return
        }
        if target.first == "\\", let existing = macros[String(String.UnicodeScalarView(target.dropFirst()))] {
            macros[name] = existing
        } else {
            macros[name] = MathMacros.Definition(parameterCount: 0, defaultArgument: nil, body: target)
        }
    }

    /// `\DeclareMathOperator{\name}{text}`; the starred form takes limits like `\lim`.
    private mutating func defineOperator(at offset: Int) {
        var starred = false
        if peek() == "*" {
            _ = advance()
            starred = true
        }
        guard let name = readDefinedName(after: "DeclareMathOperator", at: offset) else { return }
        guard let text = readArgument() else {
            report(.invalidMacro, at: offset, "“\\DeclareMathOperator\\\(name)” needs the operator's {text}.")
            return
        }
        let body = Array("\\operatorname\(starred ? "*" : ""){".unicodeScalars) + text + ["}"]
        macros[name] = MathMacros.Definition(parameterCount: 0, defaultArgument: nil, body: body)
    }

    private mutating func store(_ name: String, count: Int, defaultArgument: [Unicode.Scalar]?, body: [Unicode.Scalar], at offset: Int) {
        switch MathMacros.arity(of: body) {
        case .failure(let error):
            report(.invalidMacro, at: offset, "In the body of “\\\(name)”: \(error.message)")
        case .success(let used) where used > count:
            report(.invalidMacro, at: offset, "The body of “\\\(name)” uses #\(used) but the macro takes \(count) argument\(count == 1 ? "" : "s").")
        case .success:
            macros[name] = MathMacros.Definition(parameterCount: count, defaultArgument: defaultArgument, body: body)
        }
    }
}
