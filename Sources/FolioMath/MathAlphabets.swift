/// A TeX math font (`\mathbf`, `\mathbb`, `\boldsymbol`, …).
///
/// MathML Core dropped `mathvariant` except for `normal`, so styled letters are written as the
/// characters of Unicode's Mathematical Alphanumeric Symbols block (bold x is U+1D431), which
/// every math font carries.
enum MathFont: Sendable {
    /// `\mathrm`, `\rm`, `\operatorname`: upright, letters merge into words.
    case roman
    case bold
    case italic
    /// `\boldsymbol`, `\bm`: bold italic letters, but bold upright capital Greek, as TeX does.
    case boldSymbol
    case script
    case fraktur
    case doubleStruck
    case sansSerif
    case sansSerifBold
    case monospace

    /// Whether a letter in this font needs `mathvariant="normal"` (it stays a plain letter).
    var isUpright: Bool { self == .roman }
}

/// Maps letters and digits to the Mathematical Alphanumeric Symbols block (Unicode §22.2).
enum MathAlphabet {
    /// The character for `scalar` in `font`, or `scalar` itself when the font has no such letter.
    static func map(_ scalar: Unicode.Scalar, in font: MathFont) -> Unicode.Scalar {
        let value = scalar.value
        switch value {
        case 0x41...0x5A:
            return latin(font).map { letter(base: $0, offset: value - 0x41, font: font, original: scalar) } ?? scalar
        case 0x61...0x7A:
            return latin(font).map { letter(base: $0, offset: 26 + value - 0x61, font: font, original: scalar) } ?? scalar
        case 0x30...0x39:
            return digitBase(font).flatMap { Unicode.Scalar($0 + value - 0x30) } ?? scalar
        default:
            guard let index = greekIndex(value), let base = greekBase(font, index: index) else { return scalar }
            return Unicode.Scalar(base + index) ?? scalar
        }
    }

    /// First code point (capital A) of each Latin alphabet; small a follows 26 later.
    private static func latin(_ font: MathFont) -> UInt32? {
        switch font {
        case .roman: nil
        case .bold: 0x1D400
        case .italic: 0x1D434
        case .boldSymbol: 0x1D468
        case .script: 0x1D49C
        case .fraktur: 0x1D504
        case .doubleStruck: 0x1D538
        case .sansSerif: 0x1D5A0
        case .sansSerifBold: 0x1D5D4
        case .monospace: 0x1D670
        }
    }

    private static func letter(base: UInt32, offset: UInt32, font: MathFont, original: Unicode.Scalar) -> Unicode.Scalar {
        // Letters that were encoded in Letterlike Symbols before the math block existed are
        // holes in it; the block reserves their slots, so they must be looked up here.
        if let hole = holes(font)[original] { return hole }
        return Unicode.Scalar(base + offset) ?? original
    }

    private static func holes(_ font: MathFont) -> [Unicode.Scalar: Unicode.Scalar] {
        switch font {
        case .italic: italicHoles
        case .script: scriptHoles
        case .fraktur: frakturHoles
        case .doubleStruck: doubleStruckHoles
        default: [:]
        }
    }

    private static let italicHoles: [Unicode.Scalar: Unicode.Scalar] = ["h": "\u{210E}"]
    private static let scriptHoles: [Unicode.Scalar: Unicode.Scalar] = [
        "B": "\u{212C}", "E": "\u{2130}", "F": "\u{2131}", "H": "\u{210B}", "I": "\u{2110}",
        "L": "\u{2112}", "M": "\u{2133}", "R": "\u{211B}", "e": "\u{212F}", "g": "\u{210A}", "o": "\u{2134}",
    ]
    private static let frakturHoles: [Unicode.Scalar: Unicode.Scalar] = [
        "C": "\u{212D}", "H": "\u{210C}", "I": "\u{2111}", "R": "\u{211C}", "Z": "\u{2128}",
    ]
    private static let doubleStruckHoles: [Unicode.Scalar: Unicode.Scalar] = [
        "C": "\u{2102}", "H": "\u{210D}", "N": "\u{2115}", "P": "\u{2119}", "Q": "\u{211A}",
        "R": "\u{211D}", "Z": "\u{2124}",
    ]

    private static func digitBase(_ font: MathFont) -> UInt32? {
        switch font {
        case .bold, .boldSymbol: 0x1D7CE
        case .doubleStruck: 0x1D7D8
        case .sansSerif: 0x1D7E2
        case .sansSerifBold: 0x1D7EC
        case .monospace: 0x1D7F6
        default: nil
        }
    }

    /// Position of a Greek letter inside a 58-character math Greek alphabet: Α…Ω with ϴ in the
    /// slot of the missing capital final sigma, ∇, α…ω, then ∂ ϵ ϑ ϰ ϕ ϱ ϖ.
    private static func greekIndex(_ value: UInt32) -> UInt32? {
        switch value {
        case 0x391...0x3A1, 0x3A3...0x3A9: value - 0x391
        case 0x3F4: 17
        case 0x2207: 25
        case 0x3B1...0x3C9: 26 + value - 0x3B1
        case 0x2202: 51
        case 0x3F5: 52
        case 0x3D1: 53
        case 0x3F0: 54
        case 0x3D5: 55
        case 0x3F1: 56
        case 0x3D6: 57
        default: nil
        }
    }

    private static func greekBase(_ font: MathFont, index: UInt32) -> UInt32? {
        switch font {
        case .bold: 0x1D6A8
        case .italic: 0x1D6E2
        // TeX sets capital Greek and ∇ upright, so \boldsymbol makes them bold upright.
        case .boldSymbol: index <= 25 ? 0x1D6A8 : 0x1D71C
        case .sansSerifBold: 0x1D756
        default: nil
        }
    }

    /// Whether MathML Core would italicise this character in a one-letter `<mi>`: the domain of
    /// its `math-auto` text transform. Only these need `mathvariant="normal"` to stay upright.
    static func isAutoItalic(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0x131, 0x237: true
        default: greekIndex(scalar.value) != nil
        }
    }
}
