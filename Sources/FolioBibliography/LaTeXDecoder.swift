import Foundation

/// Reads the LaTeX of a field value into Unicode text: accents and symbol commands become
/// characters, `--` an en dash, `~` a non-breaking space, `\emph{…}` emphasis, `$…$` math kept
/// as TeX, and braces mark text whose case a style must leave alone.
///
/// Groups are tracked on an explicit stack, so deep nesting costs memory, never the call stack.
enum LaTeXDecoder {
    /// Decodes one field value (the text between its outer delimiters, macros already expanded).
    static func decode(_ raw: String) -> BibText {
        if raw.utf8.allSatisfy(isPlainByte) {
            return BibText(plain: collapsingWhitespace(raw))
        }
        var decoder = Decoder(Array(raw.unicodeScalars))
        decoder.run()
        return decoder.finish()
    }

    /// Decodes a value to its plain characters, for names and other fields that carry no styling.
    static func plain(_ raw: String) -> String {
        decode(raw).plainText
    }

    /// Bytes that need no LaTeX reading at all: the common case of a plain ASCII title.
    private static func isPlainByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "$"), UInt8(ascii: "~"),
             UInt8(ascii: "-"), UInt8(ascii: "'"), UInt8(ascii: "`"), UInt8(ascii: "\""):
            return false
        default:
            return byte < 0x80
        }
    }

    private static func collapsingWhitespace(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.unicodeScalars.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// One open brace group: the attributes in force inside it.
    private struct Group {
        var attributes: BibAttributes
        /// Text to add when the group closes (the closing quote of `\enquote{…}`).
        var closing: String = ""
        /// The group's content is thrown away (`\noopsort{…}`, the URL of `\href{…}{…}`).
        var discards = false
    }

    private struct Decoder {
        let scalars: [Unicode.Scalar]
        var index = 0
        var groups: [Group] = [Group(attributes: [])]
        var output = BibText()
        var pending = ""
        var pendingAttributes: BibAttributes = []
        var pendingSpace = false
        /// The attributes where the pending space was written: it belongs to the text before it.
        var spaceAttributes: BibAttributes = []

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var attributes: BibAttributes { groups[groups.count - 1].attributes }
        var discarding: Bool { groups.contains { $0.discards } }

        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            index + offset < scalars.count ? scalars[index + offset] : nil
        }

        mutating func emit(_ text: String, _ extra: BibAttributes = []) {
            guard !text.isEmpty, !discarding else { return }
            let attrs = attributes.union(extra)
            if pendingSpace {
                pendingSpace = false
                if !(output.isEmpty && pending.isEmpty) {
                    flushIfNeeded(spaceAttributes.subtracting(.math))
                    pending += " "
                }
            }
            flushIfNeeded(attrs)
            pending += text
        }

        mutating func flushIfNeeded(_ attrs: BibAttributes) {
            if attrs != pendingAttributes || attrs.contains(.math) {
                flush()
                pendingAttributes = attrs
            }
        }

        mutating func flush() {
            if !pending.isEmpty { output.append(BibSpan(pending, pendingAttributes)) }
            pending = ""
        }

        mutating func finish() -> BibText {
            flush()
            return output
        }

        mutating func run() {
            while let scalar = peek() {
                switch scalar {
                case "{":
                    index += 1
                    var inner = attributes
                    // `{\"o}`: a group that starts with a command is a character, not protection
                    // (BibTeX's "special character").
                    if peek() != "\\" { inner.insert(.caseProtected) }
                    groups.append(Group(attributes: inner))
                case "}":
                    index += 1
                    closeGroup()
                case "\\":
                    command()
                case "$":
                    math()
                case " ", "\n", "\t", "\r":
                    index += 1
                    if !pendingSpace { spaceAttributes = attributes }
                    pendingSpace = true
                case "~":
                    index += 1
                    emit("\u{00A0}")
                case "-":
                    if peek(1) == "-" && peek(2) == "-" { index += 3; emit("\u{2014}") }
                    else if peek(1) == "-" { index += 2; emit("\u{2013}") }
                    else { index += 1; emit("-") }
                case "`":
                    if peek(1) == "`" { index += 2; emit("\u{201C}") } else { index += 1; emit("\u{2018}") }
                case "'":
                    if peek(1) == "'" { index += 2; emit("\u{201D}") } else { index += 1; emit("\u{2019}") }
                default:
                    index += 1
                    emit(String(scalar))
                }
            }
        }

        mutating func closeGroup() {
            guard groups.count > 1 else { return }
            let group = groups.removeLast()
            if !group.closing.isEmpty { emit(group.closing) }
        }

        /// `$…$`, kept as TeX for the renderer.
        mutating func math() {
            var end = index + 1
            let double = peek(1) == "$"
            if double { end += 1 }
            let start = end
            while end < scalars.count {
                if scalars[end] == "\\" { end += 2; continue }
                if scalars[end] == "$" { break }
                end += 1
            }
            let tex = String(String.UnicodeScalarView(scalars[start..<min(end, scalars.count)]))
            index = min(end + (double ? 2 : 1), scalars.count)
            emit(tex.trimmingCharacters(in: .whitespaces), .math)
        }

        mutating func readCommandName() -> String {
            // Past the backslash: a control word is letters; a control symbol is one character.
            index += 1
            guard let first = peek() else { return "" }
            guard first.properties.isAlphabetic, first.isASCII else {
                index += 1
                return String(first)
            }
            var name = ""
            while let scalar = peek(), scalar.isASCII, scalar.properties.isAlphabetic {
                name.unicodeScalars.append(scalar)
                index += 1
            }
            return name
        }

        mutating func skipSpaces() {
            while let scalar = peek(), scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" { index += 1 }
        }

        mutating func command() {
            let name = readCommandName()
            let isWord = name.unicodeScalars.first.map { $0.isASCII && $0.properties.isAlphabetic } ?? false
            if let mark = LaTeXTables.accents[name] {
                if isWord { skipSpaces() }
                accent(mark)
                return
            }
            if isWord { skipSpaces() }
            if let symbol = LaTeXTables.symbols[name] {
                emit(symbol)
                // `{\ss}` or `\ss{}`: an empty group after a symbol only ends its name.
                if peek() == "{" && peek(1) == "}" { index += 2 }
                return
            }
            if let attribute = LaTeXTables.styleCommands[name] {
                openArgument(adding: attribute)
                return
            }
            if let attribute = LaTeXTables.declarations[name] {
                groups[groups.count - 1].attributes.insert(attribute)
                return
            }
            switch name {
            case "rm", "normalfont", "upshape", "mdseries":
                groups[groups.count - 1].attributes.subtract([.emphasis, .strong, .smallCaps, .monospace])
            case "url", "path", "nolinkurl":
                verbatimArgument()
            case "href":
                skipArgument()
                skipSpaces()
                openArgument(adding: [])
            case "enquote", "mkbibquote":
                emit("\u{201C}")
                openArgument(adding: [], closing: "\u{201D}")
            case "noopsort", "sortname", "datatype", "hyphenation", "index":
                skipArgument()
            case "(", "[":
                displayOrInlineMath(close: name == "(" ? ")" : "]")
            default:
                // An unknown command disappears; a braced argument after it stays as plain text.
                if peek() == "{" { openArgument(adding: []) }
            }
        }

        mutating func openArgument(adding attribute: BibAttributes, closing: String = "") {
            guard peek() == "{" else { return }
            index += 1
            groups.append(Group(attributes: attributes.union(attribute), closing: closing))
        }

        /// Skips a balanced `{…}` argument.
        mutating func skipArgument() {
            guard peek() == "{" else { return }
            var depth = 0
            while let scalar = peek() {
                index += 1
                if scalar == "\\" { index += 1; continue }
                if scalar == "{" { depth += 1 }
                if scalar == "}" { depth -= 1; if depth == 0 { return } }
            }
        }

        /// `\url{…}`: the characters as written, `~` and `%` included.
        mutating func verbatimArgument() {
            guard peek() == "{" else { return }
            let start = index + 1
            skipArgument()
            let end = max(start, index - 1)
            emit(String(String.UnicodeScalarView(scalars[start..<end])), .monospace)
        }

        /// `\(…\)` and `\[…\]`.
        mutating func displayOrInlineMath(close: Unicode.Scalar) {
            let start = index
            var end = index
            while end < scalars.count {
                if scalars[end] == "\\", end + 1 < scalars.count, scalars[end + 1] == close { break }
                end += 1
            }
            emit(String(String.UnicodeScalarView(scalars[start..<end])).trimmingCharacters(in: .whitespaces), .math)
            index = min(end + 2, scalars.count)
        }

        /// An accent over its argument: `\'e`, `\'{e}`, `\c{c}`, `\v s`, `\"{\i}`, `\^{}`.
        mutating func accent(_ mark: Unicode.Scalar) {
            var base = ""
            if peek() == "{" {
                index += 1
                skipSpaces()
                if peek() == "\\" {
                    let name = readCommandName()
                    base = LaTeXTables.symbols[name] ?? ""
                } else if let scalar = peek(), scalar != "}" {
                    base = String(scalar)
                    index += 1
                }
                // Anything else inside the braces is unusual; keep it as text after the letter.
                var rest = ""
                while let scalar = peek(), scalar != "}" {
                    rest.unicodeScalars.append(scalar)
                    index += 1
                }
                if peek() == "}" { index += 1 }
                emit(combine(base, mark) + rest)
                return
            }
            if peek() == "\\" {
                let name = readCommandName()
                base = LaTeXTables.symbols[name] ?? ""
            } else if let scalar = peek() {
                base = String(scalar)
                index += 1
            }
            emit(combine(base, mark))
        }

        func combine(_ base: String, _ mark: Unicode.Scalar) -> String {
            guard !base.isEmpty else { return LaTeXTables.spacingAccents[mark] ?? "" }
            // `\^\i` is how TeX puts an accent on an i: the dotless i only makes room for it.
            var text = base == "ı" ? "i" : base == "ȷ" ? "j" : base
            text.unicodeScalars.append(mark)
            return text.precomposedStringWithCanonicalMapping
        }
    }
}

/// The LaTeX commands that bibliographies use, and what they stand for.
enum LaTeXTables {
    /// Accent commands and the combining mark each puts over its argument.
    static let accents: [String: Unicode.Scalar] = [
        "'": "\u{0301}", "`": "\u{0300}", "^": "\u{0302}", "\"": "\u{0308}", "~": "\u{0303}",
        "=": "\u{0304}", ".": "\u{0307}", "u": "\u{0306}", "v": "\u{030C}", "H": "\u{030B}",
        "c": "\u{0327}", "k": "\u{0328}", "r": "\u{030A}", "d": "\u{0323}", "b": "\u{0331}",
        "t": "\u{0361}",
    ]

    /// What an accent with an empty argument (`\^{}`) shows.
    static let spacingAccents: [Unicode.Scalar: String] = [
        "\u{0302}": "^", "\u{0303}": "~", "\u{0301}": "\u{00B4}", "\u{0300}": "`", "\u{0308}": "\u{00A8}",
    ]

    /// Commands that stand for characters or text.
    static let symbols: [String: String] = [
        "ss": "ß", "SS": "SS", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ",
        "oe": "œ", "OE": "Œ", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð",
        "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ", "dj": "đ", "DJ": "Đ",
        "&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", " ": " ", "\n": " ",
        ",": "\u{202F}", ";": " ", ":": " ", "!": "", "-": "", "/": "", "@": "", "\\": " ",
        "ldots": "…", "dots": "…", "textellipsis": "…",
        "textendash": "–", "textemdash": "—", "textquoteleft": "‘", "textquoteright": "’",
        "textquotedblleft": "“", "textquotedblright": "”", "textquotesingle": "'", "textquotedbl": "\"",
        "guillemotleft": "«", "guillemotright": "»", "guilsinglleft": "‹", "guilsinglright": "›",
        "copyright": "©", "textcopyright": "©", "textregistered": "®", "texttrademark": "™",
        "S": "§", "P": "¶", "textsection": "§", "pounds": "£", "textsterling": "£", "euro": "€",
        "texteuro": "€", "textdollar": "$", "textdegree": "°", "textasciitilde": "~",
        "textasciicircum": "^", "textbackslash": "\\", "textbar": "|", "textless": "<",
        "textgreater": ">", "textunderscore": "_", "textbullet": "•", "textperiodcentered": "·",
        "slash": "/", "hyphen": "-", "nobreakdash": "", "textdagger": "†", "dag": "†",
        "LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX", "LaTeXe": "LaTeX2ε", "XeTeX": "XeTeX",
        "XeLaTeX": "XeLaTeX", "LuaTeX": "LuaTeX", "LuaLaTeX": "LuaLaTeX", "pdfTeX": "pdfTeX", "pdfLaTeX": "pdfLaTeX",
        "ConTeXt": "ConTeXt", "eTeX": "ε-TeX", "KOMAScript": "KOMA-Script", "AmS": "AMS", "AMS": "AMS",
        "quad": "\u{2003}", "qquad": "\u{2003}\u{2003}", "space": " ", "nobreakspace": "\u{00A0}",
        "textexclamdown": "¡", "textquestiondown": "¿", "relax": "", "ignorespaces": "",
        "newblock": " ", "par": " ", "allowbreak": "",
    ]

    /// Commands whose braced argument gets an attribute.
    static let styleCommands: [String: BibAttributes] = [
        "emph": .emphasis, "textit": .emphasis, "textsl": .emphasis, "mkbibemph": .emphasis,
        "textbf": .strong, "mkbibbold": .strong, "texttt": .monospace, "textsc": .smallCaps,
        "textrm": [], "textup": [], "textmd": [], "textsf": [], "mbox": [], "hbox": [], "text": [],
        "textsuperscript": [], "textnormal": [], "textsubscript": [], "autocap": [], "NoCaseChange": .caseProtected,
        "cite": [], "citet": [], "citep": [], "citeauthor": [], "citeyear": [], "mkbibparens": [],
    ]

    /// Declarations that set an attribute for the rest of their group (`{\em …}`).
    static let declarations: [String: BibAttributes] = [
        "em": .emphasis, "it": .emphasis, "itshape": .emphasis, "sl": .emphasis, "slshape": .emphasis,
        "bf": .strong, "bfseries": .strong, "sc": .smallCaps, "scshape": .smallCaps,
        "tt": .monospace, "ttfamily": .monospace,
    ]
}
