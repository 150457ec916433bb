/// The math tree between the TeX parser and the MathML writer.
///
/// Each case corresponds to one MathML Core construct, so the writer is a plain fold over the
/// tree. TeX-level distinctions that MathML cannot express (atom classes, `\limits`) are
/// resolved by the parser, except one: whether limits go under a large operator depends on the
/// display style at that point, which only the writer knows (fractions and scripts switch it
/// off), so it stays as `ScriptPlacement.displayLimits`.
indirect enum MathNode: Equatable, Sendable {
    /// `<mi>`. `upright` asks for `mathvariant="normal"`, which only matters for one letter.
    case identifier(String, upright: Bool)
    /// `<mn>`.
    case number(String)
    /// `<mo>`.
    case `operator`(String, MathOperator)
    /// `<mtext>`.
    case text(String)
    /// `<mspace width="…">`; the width is a CSS length such as `0.1667em`.
    case space(width: String)
    /// `<mrow>`.
    case row([MathNode])
    /// `<msub>`, `<msup>`, `<msubsup>`, or their under/over forms.
    case scripts(base: MathNode, sub: MathNode?, sup: MathNode?, placement: ScriptPlacement)
    /// `<munder>`, `<mover>`, `<munderover>` that are not limits: accents, `\underset`, braces.
    case underOver(base: MathNode, under: MathNode?, over: MathNode?, accent: Bool)
    /// `<mfrac>`; `thickness` is `"0"` for binomials.
    case fraction(numerator: MathNode, denominator: MathNode, thickness: String?)
    /// `<msqrt>` or, with an index, `<mroot>`.
    case root(radicand: MathNode, index: MathNode?)
    /// `<mtable>`.
    case table(MathTable)
    /// `<mstyle>` carrying a colour or a display-style switch.
    case styled(MathStyle, MathNode)
    /// `<mphantom>`: takes up space, shows nothing.
    case phantom(MathNode)
    /// `<merror>`: the source of something that could not be converted.
    case error(String)
    /// `<mpadded>`: the child with its box changed (`\smash`, `\mathllap`, `\raisebox`), each
    /// dimension a CSS length or nil to keep it.
    case padded(MathNode, MathPadding)
    /// `<mrow style="…">`: decorations MathML Core has no element for (`\boxed`, `\cancel`),
    /// drawn with CSS borders and backgrounds. `menclose` would say it in MathML 3, but it is not
    /// in MathML Core, so Chromium ignores it.
    case decorated(MathNode, css: String)
    /// `\mathchoice`: the first in display style, the second otherwise.
    case choice(display: MathNode, text: MathNode)
    /// `<mtext>` in a monospace font, kept as written (`\verb`).
    case verbatim(String)
    /// `<mmultiscripts>`: scripts before and after a base (`\sideset`, `\prescript`).
    case multiscripts(base: MathNode, post: [(sub: MathNode?, sup: MathNode?)], pre: [(sub: MathNode?, sup: MathNode?)])

    static func == (lhs: MathNode, rhs: MathNode) -> Bool {
        switch (lhs, rhs) {
        case (.identifier(let a, let b), .identifier(let c, let d)): a == c && b == d
        case (.number(let a), .number(let b)), (.text(let a), .text(let b)), (.error(let a), .error(let b)),
             (.verbatim(let a), .verbatim(let b)): a == b
        case (.operator(let a, let b), .operator(let c, let d)): a == c && b == d
        case (.space(let a), .space(let b)): a == b
        case (.row(let a), .row(let b)): a == b
        case (.scripts(let a, let b, let c, let d), .scripts(let e, let f, let g, let h)): a == e && b == f && c == g && d == h
        case (.underOver(let a, let b, let c, let d), .underOver(let e, let f, let g, let h)): a == e && b == f && c == g && d == h
        case (.fraction(let a, let b, let c), .fraction(let d, let e, let f)): a == d && b == e && c == f
        case (.root(let a, let b), .root(let c, let d)): a == c && b == d
        case (.table(let a), .table(let b)): a == b
        case (.styled(let a, let b), .styled(let c, let d)): a == c && b == d
        case (.phantom(let a), .phantom(let b)): a == b
        case (.padded(let a, let b), .padded(let c, let d)): a == c && b == d
        case (.choice(let a, let b), .choice(let c, let d)): a == c && b == d
        case (.decorated(let a, let b), .decorated(let c, let d)): a == c && b == d
        case (.multiscripts(let a, let b, let c), .multiscripts(let d, let e, let f)):
            a == d && b.elementsEqual(e) { $0.sub == $1.sub && $0.sup == $1.sup } && c.elementsEqual(f) { $0.sub == $1.sub && $0.sup == $1.sup }
        default: false
        }
    }
}

/// The attributes of an `<mpadded>`: CSS lengths, nil where the child's own is kept.
struct MathPadding: Equatable, Sendable {
    var width: String?
    var height: String?
    var depth: String?
    var leftSpace: String?
    var verticalOffset: String?
}

/// How the scripts of an atom are placed.
enum ScriptPlacement: Equatable, Sendable {
    /// Always at the side (`x_i`, `\int_a^b`, `\nolimits`).
    case side
    /// Always under and over (`\limits`, `\underbrace{…}_{…}`).
    case limits
    /// Under and over in display style, at the side otherwise (`\sum`, `\lim`, `\max`).
    case displayLimits
}

/// The attributes of an `<mo>` that differ from the operator dictionary's defaults.
struct MathOperator: Equatable, Sendable {
    enum Form: String, Sendable { case prefix, infix, postfix }

    var form: Form?
    var fence = false
    var stretchy: Bool?
    var symmetric = false
    var movableLimits: Bool?
    var minSize: String?
    var maxSize: String?
    /// Space before and after, overriding MathML's operator dictionary where TeX spaces an atom
    /// differently (`/` is ordinary in TeX, but MathML spaces it as an infix operator).
    var leftSpace: String?
    var rightSpace: String?

    static let plain = MathOperator()
    /// An operator character that TeX treats as an ordinary symbol: no space either side.
    static let ordinary = MathOperator(stretchy: false, leftSpace: "0", rightSpace: "0")
    /// Function application after a name like `\ln` before a letter: TeX's thin space.
    static let application = MathOperator(leftSpace: "0", rightSpace: "0.1667em")
    /// A bracket written without `\left`/`\right`: TeX never stretches it, but MathML Core would
    /// stretch it to the height of its row, so stretching is turned off explicitly.
    static let fixedFence = MathOperator(stretchy: false)
}

/// The style an `<mstyle>` sets.
enum MathStyle: Equatable, Sendable {
    case color(String)
    /// `\colorbox`: a background colour.
    case background(String)
    /// `\tiny` … `\Huge`: a font size relative to the surrounding text, in em.
    case size(String)
    /// `\displaystyle` (true) or `\textstyle` (false); `scriptLevel` for `\scriptstyle` and friends.
    case display(Bool, scriptLevel: Int?)
}

/// An alignment environment (`aligned`, `array`, `bmatrix`, `cases`, …) as rows of cells.
struct MathTable: Equatable, Sendable {
    enum Alignment: String, Sendable { case left, center, right }

    /// A rule between columns or rows.
    enum Rule: String, Sendable { case solid, dashed }

    var rows: [[MathNode]]
    /// Alignment of each column; columns past the end are centred.
    var columns: [Alignment]
    /// Columns followed by a vertical rule (`{c|c}`, `{c:c}`), by index; `-1` is a rule before the first.
    var columnRules: [Int: Rule] = [:]
    /// Cells in display style, as in `aligned` and `gathered` (array cells are text style).
    var displayStyle: Bool
    /// Pairs of right- and left-aligned columns that must touch, as in `aligned` (`a &= b`).
    var pairedColumns: Bool = false
    /// Rows with a rule above them (`\hline`, `\hdashline`), by index; `rows.count` is a rule
    /// under the last row.
    var rowRules: [Int: Rule] = [:]
    /// Each row's number or tag, set at the right of the formula; nil when no row has one.
    var rowLabels: [MathNode?]?
    /// The `id` of each row, from its `\label`.
    var rowAnchors: [String?] = []
    /// An alignment for every cell of a row (`multline`), overriding the columns'.
    var rowAlignments: [Alignment]?
    /// As wide as the line, so `multline` can push its first row left and its last right.
    var fullWidth = false
    /// `smallmatrix`: a script size smaller.
    var small = false
}
