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
    /// `\displaystyle` (true) or `\textstyle` (false); `scriptLevel` for `\scriptstyle` and friends.
    case display(Bool, scriptLevel: Int?)
}

/// An alignment environment (`aligned`, `array`, `bmatrix`, `cases`, …) as rows of cells.
struct MathTable: Equatable, Sendable {
    enum Alignment: String, Sendable { case left, center, right }

    var rows: [[MathNode]]
    /// Alignment of each column; columns past the end are centred.
    var columns: [Alignment]
    /// Columns followed by a vertical rule (`{c|c}`), by index; `-1` is a rule before the first.
    var rulesAfter: Set<Int> = []
    /// Cells in display style, as in `aligned` and `gathered` (array cells are text style).
    var displayStyle: Bool
    /// Pairs of right- and left-aligned columns that must touch, as in `aligned` (`a &= b`).
    var pairedColumns: Bool = false
}
