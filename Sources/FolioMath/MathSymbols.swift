/// TeX's classes of math atoms (The TeXbook, chapter 17). The parser uses them to decide what
/// MathML cannot infer on its own: where U+2061 function application goes and when a binary
/// operator is really a sign (`a = -b`).
enum AtomClass: Sendable {
    case ord, op, function, bin, rel, open, close, punct, inner, space
}

/// What a control sequence means.
enum MathCommand: Sendable {
    /// A letter-like symbol, written as `<mi>` (Greek letters, `\infty`, `\ell`).
    case identifier(String)
    /// An operator, relation, arrow or punctuation mark, written as `<mo>`.
    case symbol(String, AtomClass)
    /// A bracket; also valid after `\left`, `\right` and `\big`.
    case fence(String, AtomClass)
    /// `\sum`, `\int`: `limits` says whether scripts go under and over in display style.
    case largeOperator(String, limits: Bool)
    /// `\sin`, `\lim`: an upright name; `limits` as for large operators.
    case function(String, limits: Bool)
    case space(width: String)
    /// `\hat{x}`: a mark over the argument; `stretchy` for the wide forms.
    case accent(String, stretchy: Bool)
    /// `\underline{x}`.
    case underAccent(String)
    /// `\underbrace`, `\overbrace`: stretchy and taking limits.
    case brace(String, under: Bool)
    /// `\mathbf{…}` and friends: a font for the argument.
    case font(MathFont)
    /// `\bf`, `\rm`: a font for the rest of the group.
    case fontSwitch(MathFont)
    /// `\text{…}`, `\textbf{…}`: text mode; the font is applied to letters and digits.
    case text(MathFont?)
    /// An upright letter that MathML would italicise (`\upalpha`, `\varGamma` is the italic one).
    case uprightIdentifier(String)
    /// Anything with its own grammar.
    case special(SpecialCommand)
}

/// Commands the parser handles one by one.
enum SpecialCommand: Sendable {
    case fraction(displayStyle: Bool?)
    case binomial(displayStyle: Bool?)
    case infix(InfixFraction)
    case sqrt
    case left, right, middle
    case big(size: String, AtomClass)
    case begin, end
    case tag
    case operatorName
    case mathOp
    case mathClass(AtomClass)
    case limits(ScriptPlacement)
    case underset, overset, stackrel
    case color, textColor
    case styleSwitch(display: Bool, scriptLevel: Int?)
    case not
    case phantom
    /// Commands with no visible effect here (`\nonumber`, `\hline`, `\strut`).
    case ignored
    /// Commands whose single argument has no visible effect (`\label{…}`).
    case ignoredArgument
    case extensibleArrow(String)
    case pmod
    case hspace
    case label
    case noNumber
    case reference(parenthesized: Bool)
    /// `\boxed{…}` (math) and `\fbox{…}` (text): a frame.
    case boxed(text: Bool)
    case colorBox
    case frameColorBox
    /// `\cancel` and friends: CSS that strikes the argument through.
    case strike(css: String)
    /// `\tiny` … `\Huge`: a size for the rest of the group, in em.
    case sizeSwitch(String)
    case rule
    /// `\overline` and `\underline`: a rule over or under the argument.
    case line(over: Bool)
    case smash
    /// `\mathllap`, `\mathrlap`, `\mathclap`: the argument takes no width, sticking out left, right or both.
    case lap(MathTable.Alignment)
    case raiseBox
    case verb
    case genfrac
    case sideset
    case prescript
    case substack
    case mathChoice
    /// `\vphantom` (height only) and `\hphantom` (width only); `\phantom` keeps both.
    case directedPhantom(vertical: Bool)
    /// `\kern1em`, `\mkern18mu`, `\hskip 2pt`: a length that may be written without braces.
    case kern
    /// Text-mode-only commands used in math (`\'`, `\ss`): they need `\text{…}`.
    case textOnly
}

/// TeX's generalized fractions, written between numerator and denominator: `{a \over b}`.
enum InfixFraction: Sendable {
    case over, choose, atop, brace, brack, above
    /// `\abovewithdelims`, `\atopwithdelims`, `\overwithdelims`: delimiters, then (for
    /// `above`) a rule thickness.
    case withDelimiters(thickness: Bool, rule: Bool)
}

/// The command table. Code points are those of Unicode's mathematical characters as TeX's
/// names map to them (the `unicode-math` naming), plus the aliases MathJax and KaTeX accept
/// (`\rarr`, `\infin`, …) because textbook authors use them.
enum MathSymbols {
    static let commands: [String: MathCommand] = {
        var table: [String: MathCommand] = [:]
        for (name, character) in greek { table[name] = .identifier(character) }
        for (name, character) in letterlike { table[name] = .identifier(character) }
        for (name, character) in relations { table[name] = .symbol(character, .rel) }
        for (name, character) in arrows { table[name] = .symbol(character, .rel) }
        for (name, character) in binaries { table[name] = .symbol(character, .bin) }
        for (name, character) in ordinaryOperators { table[name] = .symbol(character, .ord) }
        for (name, character) in punctuation { table[name] = .symbol(character, .punct) }
        for (name, character, cls) in fences { table[name] = .fence(character, cls) }
        for (name, character, limits) in largeOperators { table[name] = .largeOperator(character, limits: limits) }
        for name in functions { table[name] = .function(name, limits: false) }
        for name in limitFunctions { table[name] = .function(name, limits: true) }
        for (name, text) in spacedFunctions { table[name] = .function(text, limits: true) }
        for (name, width) in spaces { table[name] = .space(width: width) }
        for (name, mark) in accents { table[name] = .accent(mark, stretchy: false) }
        for (name, mark) in wideAccents { table[name] = .accent(mark, stretchy: true) }
        for (name, font) in fonts { table[name] = .font(font) }
        for (name, font) in fontSwitches { table[name] = .fontSwitch(font) }
        for (name, font) in textCommands { table[name] = .text(font) }
        for (name, command) in specials { table[name] = .special(command) }
        // Rules, not stretched characters: Chromium draws a stretchy ‾ or ¯ from Latin Modern
        // Math as nothing at all (seen on the contact sheet), while a CSS border always shows.
        table["overline"] = .special(.line(over: true))
        table["underline"] = .special(.line(over: false))
        table["underbrace"] = .brace("\u{23DF}", under: true)
        table["overbrace"] = .brace("\u{23DE}", under: false)
        table["underbracket"] = .brace("\u{23B5}", under: true)
        table["overbracket"] = .brace("\u{23B4}", under: false)
        table["underparen"] = .brace("\u{23DD}", under: true)
        table["overparen"] = .brace("\u{23DC}", under: false)
        table["undergroup"] = .brace("\u{23DD}", under: true)
        table["overgroup"] = .brace("\u{23DC}", under: false)
        for (name, mark) in underAccents { table[name] = .underAccent(mark) }
        for (name, character) in moreRelations { table[name] = .symbol(character, .rel) }
        for (name, character) in moreArrows { table[name] = .symbol(character, .rel) }
        for (name, character) in moreBinaries { table[name] = .symbol(character, .bin) }
        for (name, character) in moreOrdinary { table[name] = .symbol(character, .ord) }
        for (name, character) in moreLetterlike { table[name] = .identifier(character) }
        for (name, character) in packageOrdinary { table[name] = .symbol(character, .ord) }
        for (name, character) in packageBinaries { table[name] = .symbol(character, .bin) }
        for (name, character) in packageRelations { table[name] = .symbol(character, .rel) }
        for (name, character) in uprightGreek { table[name] = .uprightIdentifier(character) }
        for (name, character, cls) in moreFences { table[name] = .fence(character, cls) }
        for (name, character, limits) in moreLargeOperators { table[name] = .largeOperator(character, limits: limits) }
        for name in moreFunctions { table[name] = .function(name, limits: false) }
        for name in textOnlyCommands { table[name] = .special(.textOnly) }
        return table
    }()

    /// Every command name, sorted, for "did you mean".
    static let commandNames: [String] = commands.keys.sorted()

    /// The class TeX gives a character typed directly into math, for characters that are not
    /// letters or digits (those are `.ord` identifiers and numbers).
    static func characterClass(_ scalar: Unicode.Scalar) -> AtomClass? {
        characterClasses[scalar]
    }

    private static let characterClasses: [Unicode.Scalar: AtomClass] = {
        var classes: [Unicode.Scalar: AtomClass] = [:]
        // What plain TeX gives the ASCII characters; these take precedence.
        let ascii: [(Unicode.Scalar, AtomClass)] = [
            ("+", .bin), ("-", .bin), ("*", .bin), ("=", .rel), ("<", .rel), (">", .rel), (":", .rel),
            (",", .punct), (";", .punct), ("(", .open), ("[", .open), (")", .close), ("]", .close),
            ("!", .close), ("?", .close), ("|", .ord), ("/", .ord),
            ("‖", .ord), ("\u{2013}", .bin), ("\u{201C}", .open), ("\u{201D}", .close),
        ]
        for (scalar, cls) in ascii { classes[scalar] = cls }
        // Unicode operators typed directly (`→`, `≤`, `−`) behave like their commands. Some
        // characters have several commands (`|` is \lvert, \rvert and \vert); the tables are
        // walked in a fixed order and the first class wins, so the result is deterministic.
        let symbolTables: [([(String, String)], AtomClass)] = [
            (relations, .rel), (arrows, .rel), (binaries, .bin), (ordinaryOperators, .ord), (punctuation, .punct),
        ]
        for (table, cls) in symbolTables {
            for (_, text) in table {
                if let scalar = single(text), classes[scalar] == nil { classes[scalar] = cls }
            }
        }
        for (_, text, cls) in fences {
            if let scalar = single(text), classes[scalar] == nil { classes[scalar] = cls }
        }
        return classes
    }()

    private static func single(_ text: String) -> Unicode.Scalar? {
        let scalars = text.unicodeScalars
        return scalars.count == 1 ? scalars.first : nil
    }

    /// Delimiters after `\left`, `\right`, `\middle` and `\big`, written as characters.
    static let delimiterCharacters: [Unicode.Scalar: String] = [
        "(": "(", ")": ")", "[": "[", "]": "]", "|": "|", "/": "/", "<": "\u{27E8}", ">": "\u{27E9}",
    ]

    private static let greek: [(String, String)] = [
        ("alpha", "α"), ("beta", "β"), ("gamma", "γ"), ("delta", "δ"), ("epsilon", "ϵ"),
        ("varepsilon", "ε"), ("zeta", "ζ"), ("eta", "η"), ("theta", "θ"), ("vartheta", "ϑ"),
        ("iota", "ι"), ("kappa", "κ"), ("varkappa", "ϰ"), ("lambda", "λ"), ("mu", "μ"), ("nu", "ν"),
        ("xi", "ξ"), ("omicron", "ο"), ("pi", "π"), ("varpi", "ϖ"), ("rho", "ρ"), ("varrho", "ϱ"),
        ("sigma", "σ"), ("varsigma", "ς"), ("tau", "τ"), ("upsilon", "υ"), ("phi", "ϕ"),
        ("varphi", "φ"), ("chi", "χ"), ("psi", "ψ"), ("omega", "ω"), ("digamma", "ϝ"),
        ("Alpha", "Α"), ("Beta", "Β"), ("Gamma", "Γ"), ("Delta", "Δ"), ("Epsilon", "Ε"),
        ("Zeta", "Ζ"), ("Eta", "Η"), ("Theta", "Θ"), ("Iota", "Ι"), ("Kappa", "Κ"),
        ("Lambda", "Λ"), ("Mu", "Μ"), ("Nu", "Ν"), ("Xi", "Ξ"), ("Omicron", "Ο"), ("Pi", "Π"),
        ("Rho", "Ρ"), ("Sigma", "Σ"), ("Tau", "Τ"), ("Upsilon", "Υ"), ("Phi", "Φ"), ("Chi", "Χ"),
        ("Psi", "Ψ"), ("Omega", "Ω"),
        ("thetasym", "ϑ"),
    ]

    private static let letterlike: [(String, String)] = [
        ("infty", "∞"), ("infin", "∞"), ("partial", "∂"), ("nabla", "∇"), ("ell", "ℓ"),
        ("hbar", "ℏ"), ("hslash", "ℏ"), ("imath", "ı"), ("jmath", "ȷ"), ("aleph", "ℵ"), ("alef", "ℵ"),
        ("beth", "ℶ"), ("gimel", "ℷ"), ("wp", "℘"), ("weierp", "℘"), ("Re", "ℜ"), ("real", "ℜ"),
        ("Im", "ℑ"), ("image", "ℑ"), ("emptyset", "∅"), ("varnothing", "∅"), ("empty", "∅"),
        ("mho", "℧"), ("eth", "ð"), ("Finv", "Ⅎ"), ("Game", "⅁"),
        ("reals", "ℝ"), ("Reals", "ℝ"), ("natnums", "ℕ"), ("Z", "ℤ"), ("Complex", "ℂ"),
        ("angle", "∠"), ("measuredangle", "∡"), ("triangle", "△"), ("square", "□"), ("Box", "□"),
        ("blacksquare", "■"), ("Diamond", "◊"), ("lozenge", "◊"), ("blacklozenge", "⧫"),
        ("bigstar", "★"), ("clubsuit", "♣"), ("diamondsuit", "♢"), ("heartsuit", "♡"),
        ("spadesuit", "♠"), ("flat", "♭"), ("natural", "♮"), ("sharp", "♯"), ("checkmark", "✓"),
        ("S", "§"), ("P", "¶"), ("dag", "†"), ("ddag", "‡"), ("degree", "°"), ("pounds", "£"),
        ("yen", "¥"), ("copyright", "©"), ("circledR", "®"), ("circledS", "Ⓢ"), ("surd", "√"),
        ("backprime", "‵"), ("complement", "∁"), ("top", "⊤"), ("bot", "⊥"),
        ("%", "%"), ("#", "#"), ("&", "&"), ("_", "_"), ("$", "$"),
    ]

    private static let relations: [(String, String)] = [
        ("leq", "≤"), ("le", "≤"), ("geq", "≥"), ("ge", "≥"), ("leqslant", "⩽"), ("geqslant", "⩾"),
        ("leqq", "≦"), ("geqq", "≧"), ("lt", "<"), ("gt", ">"), ("neq", "≠"), ("ne", "≠"),
        ("ll", "≪"), ("gg", "≫"), ("lll", "⋘"), ("ggg", "⋙"), ("nless", "≮"), ("ngtr", "≯"),
        ("nleq", "≰"), ("ngeq", "≱"), ("lesssim", "≲"), ("gtrsim", "≳"), ("lessgtr", "≶"),
        ("approx", "≈"), ("approxeq", "≊"), ("sim", "∼"), ("nsim", "≁"), ("simeq", "≃"),
        ("cong", "≅"), ("ncong", "≇"), ("equiv", "≡"), ("doteq", "≐"), ("triangleq", "≜"),
        ("coloneqq", "≔"), ("eqqcolon", "≕"), ("propto", "∝"), ("varpropto", "∝"), ("asymp", "≍"),
        ("bowtie", "⋈"), ("perp", "⊥"), ("parallel", "∥"), ("nparallel", "∦"), ("mid", "∣"),
        ("nmid", "∤"), ("in", "∈"), ("isin", "∈"), ("notin", "∉"), ("ni", "∋"), ("owns", "∋"),
        ("subset", "⊂"), ("sub", "⊂"), ("supset", "⊃"), ("subseteq", "⊆"), ("sube", "⊆"),
        ("supseteq", "⊇"), ("supe", "⊇"), ("subsetneq", "⊊"), ("supsetneq", "⊋"),
        ("nsubseteq", "⊈"), ("nsupseteq", "⊉"), ("sqsubset", "⊏"), ("sqsupset", "⊐"),
        ("sqsubseteq", "⊑"), ("sqsupseteq", "⊒"), ("prec", "≺"), ("succ", "≻"), ("preceq", "⪯"),
        ("succeq", "⪰"), ("vdash", "⊢"), ("dashv", "⊣"), ("models", "⊨"), ("vDash", "⊨"),
        ("smile", "⌣"), ("frown", "⌢"),
    ]

    private static let arrows: [(String, String)] = [
        ("to", "→"), ("rightarrow", "→"), ("rarr", "→"), ("gets", "←"), ("leftarrow", "←"),
        ("larr", "←"), ("leftrightarrow", "↔"), ("lrarr", "↔"), ("harr", "↔"),
        ("Rightarrow", "⇒"), ("Rarr", "⇒"), ("rArr", "⇒"), ("Leftarrow", "⇐"), ("Larr", "⇐"),
        ("lArr", "⇐"), ("Leftrightarrow", "⇔"), ("Lrarr", "⇔"), ("lrArr", "⇔"), ("Harr", "⇔"),
        ("hArr", "⇔"), ("iff", "⟺"), ("implies", "⟹"), ("impliedby", "⟸"),
        ("longrightarrow", "⟶"), ("longleftarrow", "⟵"), ("longleftrightarrow", "⟷"),
        ("Longrightarrow", "⟹"), ("Longleftarrow", "⟸"), ("Longleftrightarrow", "⟺"),
        ("mapsto", "↦"), ("longmapsto", "⟼"), ("uparrow", "↑"), ("uarr", "↑"),
        ("downarrow", "↓"), ("darr", "↓"), ("updownarrow", "↕"), ("Uparrow", "⇑"), ("Uarr", "⇑"),
        ("Downarrow", "⇓"), ("Darr", "⇓"), ("Updownarrow", "⇕"), ("nearrow", "↗"),
        ("searrow", "↘"), ("swarrow", "↙"), ("nwarrow", "↖"), ("hookrightarrow", "↪"),
        ("hookleftarrow", "↩"), ("rightharpoonup", "⇀"), ("rightharpoondown", "⇁"),
        ("leftharpoonup", "↼"), ("leftharpoondown", "↽"), ("rightleftharpoons", "⇌"),
        ("leftrightharpoons", "⇋"), ("leadsto", "⇝"), ("rightsquigarrow", "⇝"),
        ("twoheadrightarrow", "↠"), ("twoheadleftarrow", "↞"), ("rightrightarrows", "⇉"),
        ("leftleftarrows", "⇇"), ("circlearrowleft", "↺"), ("circlearrowright", "↻"),
        ("nrightarrow", "↛"), ("nleftarrow", "↚"), ("nRightarrow", "⇏"), ("nLeftarrow", "⇍"),
    ]

    private static let binaries: [(String, String)] = [
        ("pm", "±"), ("mp", "∓"), ("times", "×"), ("div", "÷"), ("cdot", "⋅"), ("ast", "∗"),
        ("star", "⋆"), ("circ", "∘"), ("bullet", "∙"), ("odot", "⊙"), ("oplus", "⊕"),
        ("ominus", "⊖"), ("otimes", "⊗"), ("oslash", "⊘"), ("cap", "∩"), ("cup", "∪"),
        ("sqcap", "⊓"), ("sqcup", "⊔"), ("uplus", "⊎"), ("wedge", "∧"), ("land", "∧"),
        ("vee", "∨"), ("lor", "∨"), ("setminus", "∖"), ("smallsetminus", "∖"), ("wr", "≀"),
        ("diamond", "⋄"), ("bigtriangleup", "△"), ("bigtriangledown", "▽"),
        ("triangleleft", "◃"), ("triangleright", "▹"), ("dagger", "†"), ("ddagger", "‡"),
        ("amalg", "⨿"), ("ltimes", "⋉"), ("rtimes", "⋊"), ("circledast", "⊛"),
        ("circledcirc", "⊚"), ("boxplus", "⊞"), ("boxminus", "⊟"), ("boxtimes", "⊠"),
        ("dotplus", "∔"), ("centerdot", "⋅"), ("intercal", "⊺"), ("barwedge", "⊼"),
        ("veebar", "⊻"), ("bmod", "mod"),
    ]

    private static let ordinaryOperators: [(String, String)] = [
        ("forall", "∀"), ("exists", "∃"), ("nexists", "∄"), ("neg", "¬"), ("lnot", "¬"),
        ("prime", "′"), ("cdots", "⋯"), ("ldots", "…"), ("dots", "…"), ("dotsc", "…"),
        ("dotsb", "⋯"), ("dotsm", "⋯"), ("dotsi", "⋯"), ("dotso", "…"), ("vdots", "⋮"),
        ("ddots", "⋱"), ("iddots", "⋰"), ("therefore", "∴"), ("because", "∵"),
        ("backslash", "\\"),
    ]

    private static let punctuation: [(String, String)] = [
        ("ldotp", "."), ("cdotp", "⋅"), ("colon", ":"),
    ]

    private static let fences: [(String, String, AtomClass)] = [
        ("{", "{", .open), ("}", "}", .close), ("lbrace", "{", .open), ("rbrace", "}", .close),
        ("lbrack", "[", .open), ("rbrack", "]", .close), ("langle", "⟨", .open),
        ("rangle", "⟩", .close), ("lfloor", "⌊", .open), ("rfloor", "⌋", .close),
        ("lceil", "⌈", .open), ("rceil", "⌉", .close), ("lvert", "|", .open), ("rvert", "|", .close),
        ("lVert", "‖", .open), ("rVert", "‖", .close), ("vert", "|", .ord), ("Vert", "‖", .ord),
        ("|", "‖", .ord), ("lgroup", "⟮", .open), ("rgroup", "⟯", .close),
        ("ulcorner", "⌜", .open), ("urcorner", "⌝", .close), ("llcorner", "⌞", .open),
        ("lrcorner", "⌟", .close),
    ]

    private static let largeOperators: [(String, String, Bool)] = [
        ("sum", "∑", true), ("prod", "∏", true), ("coprod", "∐", true), ("bigcup", "⋃", true),
        ("bigcap", "⋂", true), ("bigsqcup", "⨆", true), ("bigvee", "⋁", true),
        ("bigwedge", "⋀", true), ("bigoplus", "⨁", true), ("bigotimes", "⨂", true),
        ("bigodot", "⨀", true), ("biguplus", "⨄", true),
        // Integrals keep their limits at the side even in display style, as in plain TeX.
        ("int", "∫", false), ("iint", "∬", false), ("iiint", "∭", false), ("oint", "∮", false),
        ("oiint", "∯", false), ("intop", "∫", true), ("smallint", "∫", false),
    ]

    private static let moreRelations: [(String, String)] = [
        ("backsim", "∽"), ("backsimeq", "⋍"), ("thicksim", "∼"), ("thickapprox", "≈"), ("eqsim", "≂"),
        ("Bumpeq", "≎"), ("bumpeq", "≏"), ("circeq", "≗"), ("eqcirc", "≖"), ("doteqdot", "≑"), ("Doteq", "≑"),
        ("risingdotseq", "≓"), ("fallingdotseq", "≒"), ("lessdot", "⋖"), ("gtrdot", "⋗"), ("lesseqgtr", "⋚"),
        ("gtreqless", "⋛"), ("lesseqqgtr", "⪋"), ("gtreqqless", "⪌"), ("gtrless", "≷"), ("lessapprox", "⪅"),
        ("gtrapprox", "⪆"), ("eqslantless", "⪕"), ("eqslantgtr", "⪖"), ("llless", "⋘"), ("gggtr", "⋙"),
        ("lneq", "⪇"), ("gneq", "⪈"), ("lneqq", "≨"), ("gneqq", "≩"), ("lvertneqq", "≨"), ("gvertneqq", "≩"),
        ("lnsim", "⋦"), ("gnsim", "⋧"), ("lnapprox", "⪉"), ("gnapprox", "⪊"), ("nleqq", "≦\u{338}"),
        ("ngeqq", "≧\u{338}"), ("nleqslant", "⩽\u{338}"), ("ngeqslant", "⩾\u{338}"), ("nprec", "⊀"), ("nsucc", "⊁"),
        ("npreceq", "⪯\u{338}"), ("nsucceq", "⪰\u{338}"), ("precneqq", "⪵"), ("succneqq", "⪶"), ("preccurlyeq", "≼"),
        ("succcurlyeq", "≽"), ("curlyeqprec", "⋞"), ("curlyeqsucc", "⋟"), ("precsim", "≾"), ("succsim", "≿"),
        ("precnsim", "⋨"), ("succnsim", "⋩"), ("precapprox", "⪷"), ("succapprox", "⪸"), ("precnapprox", "⪹"),
        ("succnapprox", "⪺"), ("Subset", "⋐"), ("Supset", "⋑"), ("subseteqq", "⫅"), ("supseteqq", "⫆"),
        ("subsetneqq", "⫋"), ("supsetneqq", "⫌"), ("varsubsetneq", "⊊"), ("varsupsetneq", "⊋"), ("varsubsetneqq", "⫋"),
        ("varsupsetneqq", "⫌"), ("nsubseteqq", "⫅\u{338}"), ("nsupseteqq", "⫆\u{338}"), ("shortmid", "∣"),
        ("nshortmid", "∤"), ("shortparallel", "∥"), ("nshortparallel", "∦"), ("Vdash", "⊩"), ("Vvdash", "⊪"),
        ("nvdash", "⊬"), ("nvDash", "⊭"), ("nVdash", "⊮"), ("nVDash", "⊯"), ("vartriangleleft", "⊲"),
        ("vartriangleright", "⊳"), ("trianglelefteq", "⊴"), ("trianglerighteq", "⊵"), ("ntriangleleft", "⋪"),
        ("ntriangleright", "⋫"), ("ntrianglelefteq", "⋬"), ("ntrianglerighteq", "⋭"), ("between", "≬"),
        ("pitchfork", "⋔"), ("backepsilon", "∍"), ("smallsmile", "⌣"), ("smallfrown", "⌢"), ("Join", "⋈"),
        ("coloneq", "≔"), ("Coloneqq", "⩴"), ("Coloneq", "⩴"), ("Eqqcolon", "≕"), ("Eqcolon", "≕"), ("eqcolon", "≕"),
        ("dblcolon", "∷"), ("coloncolon", "∷"), ("colonapprox", ":≈"), ("Colonapprox", "∷≈"), ("colonsim", ":∼"),
        ("Colonsim", "∷∼"), ("ratio", "∶"), ("vcentcolon", ":"), ("measeq", "≞"), ("eqdef", "≝"), ("questeq", "≟"),
        ("stareq", "≛"), ("arceq", "≘"), ("wedgeq", "≙"), ("veeeq", "≚"), ("notni", "∌"), ("origof", "⊶"),
        ("imageof", "⊷"), ("multimap", "⊸"), ("approxcolon", "≈:"), ("minuscolon", "−:"), ("equalscolon", "≕"),
    ]

    private static let moreArrows: [(String, String)] = [
        ("dashrightarrow", "⇢"), ("dashleftarrow", "⇠"), ("Lleftarrow", "⇚"), ("Rrightarrow", "⇛"),
        ("leftrightarrows", "⇆"), ("rightleftarrows", "⇄"), ("leftarrowtail", "↢"), ("rightarrowtail", "↣"),
        ("looparrowleft", "↫"), ("looparrowright", "↬"), ("curvearrowleft", "↶"), ("curvearrowright", "↷"),
        ("Lsh", "↰"), ("Rsh", "↱"), ("upuparrows", "⇈"), ("downdownarrows", "⇊"), ("upharpoonleft", "↿"),
        ("upharpoonright", "↾"), ("downharpoonleft", "⇃"), ("downharpoonright", "⇂"), ("restriction", "↾"),
        ("leftrightsquigarrow", "↭"), ("nleftrightarrow", "↮"), ("nLeftrightarrow", "⇎"), ("dArr", "⇓"),
        ("uArr", "⇑"), ("lightning", "↯"),
    ]

    private static let moreBinaries: [(String, String)] = [
        ("Cap", "⋒"), ("Cup", "⋓"), ("doublecap", "⋒"), ("doublecup", "⋓"), ("curlyvee", "⋎"),
        ("curlywedge", "⋏"), ("divideontimes", "⋇"), ("leftthreetimes", "⋋"), ("rightthreetimes", "⋌"),
        ("doublebarwedge", "⩞"), ("boxdot", "⊡"), ("circleddash", "⊝"), ("lhd", "⊲"), ("rhd", "⊳"),
        ("unlhd", "⊴"), ("unrhd", "⊵"), ("bigcirc", "◯"), ("plusmn", "±"), ("sdot", "⋅"), ("bull", "∙"),
        ("gtrdot", "⋗"),
    ]

    private static let moreOrdinary: [(String, String)] = [
        ("And", "&"), ("mathellipsis", "…"), ("lq", "‘"), ("rq", "’"), ("exist", "∃"),
    ]

    /// Symbols of the packages KaTeX's and Temml's support tables name (stix, wasysym, arev,
    /// cmll, MnSymbol, mathabx, txfonts, stmaryrd, colonequals, UnicodeMath), by their Unicode
    /// characters.
    private static let packageOrdinary: [(String, String)] = [
        ("astrosun", "☉"), ("sun", "☼"), ("female", "♀"), ("male", "♂"), ("leftmoon", "☾"), ("rightmoon", "☽"),
        ("QED", "∎"), ("cent", "¢"), ("permil", "‰"), ("ballotx", "✗"), ("Bot", "⫫"), ("oc", "!"), ("wn", "?"),
        ("standardstate", "⦵"),
    ]
    private static let packageBinaries: [(String, String)] = [
        ("fullouterjoin", "⟗"), ("leftouterjoin", "⟕"), ("rightouterjoin", "⟖"), ("with", "&"), ("parr", "⅋"),
        ("invamp", "⅋"), ("minuso", "⦵"),
    ]
    private static let packageRelations: [(String, String)] = [
        ("coh", "⌢"), ("incoh", "⌣"), ("scoh", "⌢\u{332}"), ("sincoh", "⌣\u{332}"), ("multimapboth", "⧟"),
        ("multimapinv", "⟜"), ("Perp", "⫫"), ("backcong", "≌"), ("VDash", "⊫"), ("nsubset", "⊄"), ("nsupset", "⊅"),
        ("strictif", "⥽"), ("strictfi", "⥼"), ("eqeq", "⩵"), ("eqeqeq", "⩶"), ("colonequals", "≔"),
        ("colonminus", "∹"), ("coloncolonequals", "⩴"), ("coloncolonminus", "∷−"), ("coloncolonapprox", "∷≈"),
        ("coloncolonsim", "∷∼"), ("approxcoloncolon", "≈∷"), ("equalscoloncolon", "=∷"), ("minuscoloncolon", "−∷"),
        ("simcolon", "∼:"), ("simcoloncolon", "∼∷"), ("mapsfrom", "↤"), ("shift", "↑"), ("shneg", "↓"), ("shpos", "↑"),
    ]

    private static let moreLetterlike: [(String, String)] = [
        ("Bbbk", "𝕜"), ("blacktriangle", "▲"), ("blacktriangledown", "▼"), ("blacktriangleleft", "◀"),
        ("blacktriangleright", "▶"), ("triangledown", "▽"), ("vartriangle", "△"), ("diagup", "╱"),
        ("diagdown", "╲"), ("sphericalangle", "∢"), ("maltese", "✠"), ("daleth", "ℸ"), ("O", "∅"), ("AA", "Å"),
        ("mathsterling", "£"), ("euro", "€"), ("smiley", "☺"), ("varclubsuit", "♧"), ("vardiamondsuit", "♦"),
        ("varheartsuit", "♥"), ("varspadesuit", "♤"), ("clubs", "♣"), ("diamonds", "♢"), ("hearts", "♡"),
        ("spades", "♠"), ("N", "ℕ"), ("R", "ℝ"), ("cnums", "ℂ"), ("alefsym", "ℵ"), ("Dagger", "‡"), ("sect", "§"),
        ("varGamma", "𝛤"), ("varDelta", "𝛥"), ("varTheta", "𝛩"), ("varLambda", "𝛬"), ("varXi", "𝛯"),
        ("varPi", "𝛱"), ("varSigma", "𝛴"), ("varUpsilon", "𝛶"), ("varPhi", "𝛷"), ("varPsi", "𝛹"),
        ("varOmega", "𝛺"), ("varcoppa", "ϙ"), ("coppa", "ϟ"), ("Coppa", "Ϟ"), ("koppa", "ϟ"), ("Koppa", "Ϟ"),
        ("stigma", "ϛ"), ("Stigma", "Ϛ"), ("sampi", "ϡ"), ("Sampi", "Ϡ"),
    ]

    private static let uprightGreek: [(String, String)] = [
        ("upalpha", "α"), ("upbeta", "β"), ("upgamma", "γ"), ("updelta", "δ"), ("upepsilon", "ε"),
        ("upzeta", "ζ"), ("upeta", "η"), ("uptheta", "θ"), ("upiota", "ι"), ("upkappa", "κ"), ("uplambda", "λ"),
        ("upmu", "μ"), ("upnu", "ν"), ("upxi", "ξ"), ("upomicron", "ο"), ("uppi", "π"), ("uprho", "ρ"),
        ("upsigma", "σ"), ("uptau", "τ"), ("upupsilon", "υ"), ("upphi", "φ"), ("upchi", "χ"), ("uppsi", "ψ"),
        ("upomega", "ω"),
    ]

    private static let moreFences: [(String, String, AtomClass)] = [
        ("lBrace", "⦃", .open), ("rBrace", "⦄", .close), ("llbracket", "⟦", .open), ("rrbracket", "⟧", .close),
        ("lparen", "(", .open), ("rparen", ")", .close), ("lmoustache", "⎰", .open), ("rmoustache", "⎱", .close),
        ("lang", "⟨", .open), ("rang", "⟩", .close),
    ]

    private static let moreLargeOperators: [(String, String, Bool)] = [
        ("bigsqcap", "⨅", true), ("iiiint", "⨌", false), ("oiiint", "∰", false), ("varointclockwise", "∲", false),
        ("intclockwise", "∱", false), ("ointctrclockwise", "∳", false), ("intbar", "⨍", false), ("intBar", "⨎", false),
        ("intcap", "⨙", false), ("intcup", "⨚", false), ("intlarhk", "⨗", false), ("intx", "⨘", false),
        ("sqint", "⨖", false), ("pointint", "⨕", false), ("scpolint", "⨓", false), ("rppolint", "⨒", false),
        ("fint", "⨏", false),
    ]

    private static let moreFunctions: [String] = [
        "arcctg", "arctg", "cosec", "cotg", "ctg", "cth", "sh", "ch", "th", "tg",
    ]

    private static let underAccents: [(String, String)] = [
        ("underleftarrow", "←"), ("underrightarrow", "→"), ("underleftrightarrow", "↔"), ("utilde", "~"),
        ("underlinesegment", "‾"),
    ]

    /// Commands that only mean something in text (accents on letters, special letters).
    static let textOnlyCommands: [String] = [
        "'", "`", "^", "\"", "~", "=", ".", "u", "v", "H", "r", "c", "i", "j", "aa", "ae", "AE", "oe", "OE",
        "o", "ss", "l", "L",
    ]

    private static let functions: [String] = [
        "arccos", "arcsin", "arctan", "arg", "cos", "cosh", "cot", "coth", "csc", "deg", "dim",
        "exp", "hom", "ker", "lg", "ln", "log", "sec", "sin", "sinh", "tan", "tanh", "sgn",
    ]

    private static let limitFunctions: [String] = [
        "det", "gcd", "inf", "lim", "max", "min", "Pr", "sup", "argmax", "argmin", "plim",
    ]

    private static let spacedFunctions: [(String, String)] = [
        ("liminf", "lim\u{2006}inf"), ("limsup", "lim\u{2006}sup"),
        ("injlim", "inj\u{2006}lim"), ("projlim", "proj\u{2006}lim"),
    ]

    // Widths in em at TeX's 18 mu to the quad: \, is 3 mu, \: 4 mu, \; 5 mu.
    private static let spaces: [(String, String)] = [
        (",", "0.1667em"), ("thinspace", "0.1667em"), (":", "0.2222em"), (">", "0.2222em"),
        ("medspace", "0.2222em"), (";", "0.2778em"), ("thickspace", "0.2778em"),
        ("!", "-0.1667em"), ("negthinspace", "-0.1667em"), ("negmedspace", "-0.2222em"),
        ("negthickspace", "-0.2778em"), (" ", "0.3333em"), ("quad", "1em"), ("qquad", "2em"),
        ("enspace", "0.5em"), ("enskip", "0.5em"), ("space", "0.3333em"), ("nobreakspace", "0.3333em"),
    ]

    // The characters MathML Core's operator dictionary lists as stretchy accents (ˆ ˜ ˇ ‾) and
    // spacing forms otherwise; \vec uses the combining arrow, whose glyph math fonts size as
    // an accent, where → would be drawn as a full arrow.
    private static let accents: [(String, String)] = [
        ("hat", "ˆ"), ("check", "ˇ"), ("tilde", "˜"), ("acute", "´"), ("grave", "`"), ("dot", "˙"),
        ("ddot", "¨"), ("dddot", "\u{20DB}"), ("ddddot", "\u{20DC}"), ("breve", "˘"), ("bar", "ˉ"), ("vec", "\u{20D7}"),
        ("mathring", "˚"),
    ]

    private static let wideAccents: [(String, String)] = [
        ("widehat", "ˆ"), ("widetilde", "˜"), ("widecheck", "ˇ"),
        ("overrightarrow", "→"), ("overleftarrow", "←"), ("overleftrightarrow", "↔"), ("Overrightarrow", "⇒"),
        ("overleftharpoon", "↼"), ("overrightharpoon", "⇀"), ("overlinesegment", "‾"),
    ]

    private static let fonts: [(String, MathFont)] = [
        ("mathrm", .roman), ("mathup", .roman), ("mathbf", .bold), ("mathit", .italic),
        ("boldsymbol", .boldSymbol), ("bm", .boldSymbol), ("mathcal", .script),
        ("mathscr", .script), ("mathfrak", .fraktur), ("mathbb", .doubleStruck),
        ("mathsf", .sansSerif), ("mathtt", .monospace), ("mathnormal", .italic),
        ("Bbb", .doubleStruck), ("mathbfit", .boldSymbol), ("bold", .bold), ("frak", .fraktur), ("pmb", .boldSymbol),
        ("mathsfit", .sansSerif),
    ]

    private static let fontSwitches: [(String, MathFont)] = [
        ("rm", .roman), ("bf", .bold), ("it", .italic), ("cal", .script), ("sf", .sansSerif),
        ("tt", .monospace),
    ]

    private static let textCommands: [(String, MathFont?)] = [
        ("text", nil), ("textrm", nil), ("textnormal", nil), ("textup", nil), ("mbox", nil),
        ("hbox", nil), ("textbf", .bold), ("textit", .italic), ("emph", .italic),
        ("textsf", .sansSerif), ("texttt", .monospace), ("textmd", nil), ("textsc", nil), ("textsl", .italic),
        ("oldstylenums", nil),
    ]

    private static let specials: [(String, SpecialCommand)] = [
        ("frac", .fraction(displayStyle: nil)), ("dfrac", .fraction(displayStyle: true)),
        ("tfrac", .fraction(displayStyle: false)), ("cfrac", .fraction(displayStyle: true)),
        ("binom", .binomial(displayStyle: nil)), ("dbinom", .binomial(displayStyle: true)),
        ("tbinom", .binomial(displayStyle: false)), ("over", .infix(.over)),
        ("choose", .infix(.choose)), ("atop", .infix(.atop)), ("sqrt", .sqrt),
        ("left", .left), ("right", .right), ("middle", .middle),
        ("big", .big(size: "1.2em", .ord)), ("Big", .big(size: "1.8em", .ord)),
        ("bigg", .big(size: "2.4em", .ord)), ("Bigg", .big(size: "3em", .ord)),
        ("bigl", .big(size: "1.2em", .open)), ("Bigl", .big(size: "1.8em", .open)),
        ("biggl", .big(size: "2.4em", .open)), ("Biggl", .big(size: "3em", .open)),
        ("bigr", .big(size: "1.2em", .close)), ("Bigr", .big(size: "1.8em", .close)),
        ("biggr", .big(size: "2.4em", .close)), ("Biggr", .big(size: "3em", .close)),
        ("bigm", .big(size: "1.2em", .rel)), ("Bigm", .big(size: "1.8em", .rel)),
        ("biggm", .big(size: "2.4em", .rel)), ("Biggm", .big(size: "3em", .rel)),
        ("begin", .begin), ("end", .end), ("tag", .tag),
        ("operatorname", .operatorName), ("mathop", .mathOp),
        ("mathord", .mathClass(.ord)), ("mathbin", .mathClass(.bin)), ("mathrel", .mathClass(.rel)),
        ("mathopen", .mathClass(.open)), ("mathclose", .mathClass(.close)),
        ("mathpunct", .mathClass(.punct)), ("mathinner", .mathClass(.inner)),
        ("limits", .limits(.limits)), ("nolimits", .limits(.side)),
        ("displaylimits", .limits(.displayLimits)),
        ("underset", .underset), ("overset", .overset), ("stackrel", .stackrel),
        ("color", .color), ("textcolor", .textColor),
        ("displaystyle", .styleSwitch(display: true, scriptLevel: 0)),
        ("textstyle", .styleSwitch(display: false, scriptLevel: 0)),
        ("scriptstyle", .styleSwitch(display: false, scriptLevel: 1)),
        ("scriptscriptstyle", .styleSwitch(display: false, scriptLevel: 2)),
        ("not", .not), ("phantom", .phantom), ("hphantom", .directedPhantom(vertical: false)),
        ("vphantom", .directedPhantom(vertical: true)),
        ("nonumber", .noNumber), ("notag", .noNumber), ("hline", .ignored), ("hdashline", .ignored), ("nobreak", .ignored),
        ("allowbreak", .ignored), ("strut", .ignored), ("mathstrut", .ignored), ("relax", .ignored),
        ("begingroup", .ignored), ("endgroup", .ignored), ("displaybreak", .ignored),
        ("label", .label), ("ref", .reference(parenthesized: false)), ("eqref", .reference(parenthesized: true)),
        ("xrightarrow", .extensibleArrow("→")), ("xleftarrow", .extensibleArrow("←")),
        ("xRightarrow", .extensibleArrow("⇒")), ("xLeftarrow", .extensibleArrow("⇐")),
        ("xleftrightarrow", .extensibleArrow("↔")), ("xmapsto", .extensibleArrow("↦")),
        ("xLeftrightarrow", .extensibleArrow("⇔")), ("xhookleftarrow", .extensibleArrow("↩")),
        ("xhookrightarrow", .extensibleArrow("↪")), ("xleftharpoonup", .extensibleArrow("↼")),
        ("xleftharpoondown", .extensibleArrow("↽")), ("xrightharpoonup", .extensibleArrow("⇀")),
        ("xrightharpoondown", .extensibleArrow("⇁")), ("xrightleftharpoons", .extensibleArrow("⇌")),
        ("xleftrightharpoons", .extensibleArrow("⇋")), ("xlongequal", .extensibleArrow("=")),
        ("xtwoheadrightarrow", .extensibleArrow("↠")), ("xtwoheadleftarrow", .extensibleArrow("↞")),
        ("xtofrom", .extensibleArrow("⇄")), ("xrightleftarrows", .extensibleArrow("⇄")),
        ("xrightequilibrium", .extensibleArrow("⇌")), ("xleftequilibrium", .extensibleArrow("⇋")),
        ("pmod", .pmod), ("hspace", .hspace), ("mkern", .kern), ("kern", .kern), ("hskip", .kern), ("mskip", .kern),
        ("mspace", .hspace),
        ("boxed", .boxed(text: false)), ("fbox", .boxed(text: true)), ("colorbox", .colorBox),
        ("fcolorbox", .frameColorBox),
        ("cancel", .strike(css: MathSymbols.strike(up: true, down: false, across: false))),
        ("bcancel", .strike(css: MathSymbols.strike(up: false, down: true, across: false))),
        ("xcancel", .strike(css: MathSymbols.strike(up: true, down: true, across: false))),
        ("sout", .strike(css: MathSymbols.strike(up: false, down: false, across: true))),
        ("tiny", .sizeSwitch("0.5em")), ("Tiny", .sizeSwitch("0.6em")), ("scriptsize", .sizeSwitch("0.7em")),
        ("footnotesize", .sizeSwitch("0.8em")), ("small", .sizeSwitch("0.9em")), ("normalsize", .sizeSwitch("1em")),
        ("large", .sizeSwitch("1.2em")), ("Large", .sizeSwitch("1.44em")), ("LARGE", .sizeSwitch("1.728em")),
        ("huge", .sizeSwitch("2.074em")), ("Huge", .sizeSwitch("2.488em")), ("sixptsize", .sizeSwitch("0.6em")),
        ("rule", .rule), ("smash", .smash), ("mathllap", .lap(.left)), ("mathrlap", .lap(.right)),
        ("mathclap", .lap(.center)), ("llap", .lap(.left)), ("rlap", .lap(.right)), ("clap", .lap(.center)),
        ("raisebox", .raiseBox), ("verb", .verb), ("genfrac", .genfrac), ("sideset", .sideset),
        ("prescript", .prescript), ("substack", .substack), ("mathchoice", .mathChoice),
        ("brace", .infix(.brace)), ("brack", .infix(.brack)), ("above", .infix(.above)),
        ("abovewithdelims", .infix(.withDelimiters(thickness: true, rule: true))),
        ("atopwithdelims", .infix(.withDelimiters(thickness: false, rule: false))),
        ("overwithdelims", .infix(.withDelimiters(thickness: false, rule: true))),
    ]

    /// CSS for `\cancel` (a stroke from bottom left to top right), `\bcancel` (top left to
    /// bottom right), `\xcancel` (both) and `\sout` (across), drawn as gradients so the stroke
    /// scales with the argument.
    static func strike(up: Bool, down: Bool, across: Bool) -> String {
        func line(_ direction: String) -> String {
            "linear-gradient(\(direction),transparent calc(50% - 0.04em),currentColor calc(50% - 0.04em),"
                + "currentColor calc(50% + 0.04em),transparent calc(50% + 0.04em))"
        }
        var layers: [String] = []
        if up { layers.append(line("to top left")) }
        if down { layers.append(line("to top right")) }
        if across { layers.append(line("to bottom")) }
        return "background:" + layers.joined(separator: ",")
    }

    /// `\not` followed by these gives the precomposed negation rather than an overlaid slash.
    static let negations: [String: String] = [
        "=": "≠", "∈": "∉", "≡": "≢", "⊂": "⊄", "⊃": "⊅", "⊆": "⊈", "⊇": "⊉", "<": "≮", ">": "≯",
        "≤": "≰", "≥": "≱", "∼": "≁", "≈": "≉", "≅": "≇", "∋": "∌", "∣": "∤", "∥": "∦", "≃": "≄",
        "≺": "⊀", "≻": "⊁", "⊢": "⊬", "⊨": "⊭", "→": "↛", "←": "↚", "⇒": "⇏", "⇐": "⇍", "↔": "↮",
        "⇔": "⇎", "∃": "∄",
    ]
}
