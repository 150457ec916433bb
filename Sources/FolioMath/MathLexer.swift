/// One lexical unit of TeX math. Offsets are in Unicode scalars, the unit `MathError` reports.
struct MathToken: Equatable {
    enum Kind: Equatable {
        /// A control sequence without its backslash: `\frac` is `frac`, `\,` is `,`, `\\` is `\`.
        case command(String)
        case character(Unicode.Scalar)
        case openBrace
        case closeBrace
        case caret
        case underscore
        case alignment
        case endOfInput
    }

    var kind: Kind
    var start: Int
    var end: Int
}

/// Splits TeX math into tokens on demand.
///
/// Math mode ignores spaces, so the lexer skips them; text mode (`\text{…}`) reads the scalars
/// directly through `scalars` and `position`, which is why this is a cursor rather than an
/// up-front token array.
struct MathLexer {
    let scalars: [Unicode.Scalar]
    private(set) var position = 0
    private var cached = MathToken(kind: .endOfInput, start: 0, end: 0)
    private var cachedPosition = -1

    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    /// The next token, without consuming it.
    mutating func peek() -> MathToken {
        if cachedPosition != position {
            cached = scan(at: position)
            cachedPosition = position
        }
        return cached
    }

    /// Consumes and returns the next token.
    @discardableResult
    mutating func next() -> MathToken {
        let token = peek()
        position = token.end
        return token
    }

    /// Moves the cursor; used by text mode, which reads scalars itself.
    mutating func seek(to offset: Int) {
        position = min(max(offset, 0), scalars.count)
    }

    /// Skips ignorable scalars and returns the offset of the next significant one.
    mutating func skipSpace() -> Int {
        position = skipIgnorable(from: position)
        return position
    }

    func scalar(at offset: Int) -> Unicode.Scalar? {
        offset < scalars.count ? scalars[offset] : nil
    }

    private func scan(at offset: Int) -> MathToken {
        let start = skipIgnorable(from: offset)
        guard start < scalars.count else {
            return MathToken(kind: .endOfInput, start: scalars.count, end: scalars.count)
        }
        let scalar = scalars[start]
        switch scalar {
        case "\\":
            return scanCommand(at: start)
        case "{": return MathToken(kind: .openBrace, start: start, end: start + 1)
        case "}": return MathToken(kind: .closeBrace, start: start, end: start + 1)
        case "^": return MathToken(kind: .caret, start: start, end: start + 1)
        case "_": return MathToken(kind: .underscore, start: start, end: start + 1)
        case "&": return MathToken(kind: .alignment, start: start, end: start + 1)
        default: return MathToken(kind: .character(scalar), start: start, end: start + 1)
        }
    }

    private func scanCommand(at start: Int) -> MathToken {
        var end = start + 1
        guard end < scalars.count else {
            return MathToken(kind: .command(""), start: start, end: end)
        }
        if Self.isLetter(scalars[end]) {
            while end < scalars.count, Self.isLetter(scalars[end]) { end += 1 }
            let name = String(String.UnicodeScalarView(scalars[(start + 1)..<end]))
            return MathToken(kind: .command(name), start: start, end: end)
        }
        let symbol = scalars[end]
        end += 1
        // A backslash before a line break or tab is a control space, as after a blank.
        if symbol == "\n" || symbol == "\t" || symbol == "\r" {
            return MathToken(kind: .command(" "), start: start, end: end)
        }
        return MathToken(kind: .command(String(symbol)), start: start, end: end)
    }

    private func skipIgnorable(from offset: Int) -> Int {
        var index = offset
        while index < scalars.count {
            if Self.isIgnorable(scalars[index]) {
                index += 1
            } else if scalars[index] == "%", isComment(at: index) {
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
            } else {
                break
            }
        }
        return index
    }

    /// A `%` is a percent sign, as GitBook authors write it, except where only a TeX comment
    /// makes sense: first on a line after a line break, or last on its line (`{%⏎`).
    func isComment(at index: Int) -> Bool {
        var after = index + 1
        while after < scalars.count, scalars[after] == " " || scalars[after] == "\t" || scalars[after] == "\r" { after += 1 }
        if after < scalars.count, scalars[after] == "\n" { return true }
        var before = index - 1
        while before >= 0, scalars[before] == " " || scalars[before] == "\t" { before -= 1 }
        return before >= 0 && scalars[before] == "\n"
    }

    /// TeX command names are ASCII letters only.
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A: true
        default: false
        }
    }

    /// Spaces (math mode ignores them), control characters, and the zero-width characters that
    /// copy-and-paste from web pages leaves inside formulas.
    static func isIgnorable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x20, 0x7F, 0xA0, 0x200B...0x200D, 0x2060, 0xFEFF: true
        default: false
        }
    }

    /// Zero-width characters, dropped in text mode too.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B...0x200D, 0x2060, 0xFEFF: true
        default: false
        }
    }
}
