/// A label's text in runs on the baseline, lowered or raised: the tiny markup every label and
/// title accepts. `a_1`, `z_{4}` and `x_{ij}` are subscripts, `10^4`, `10^{−3}` and `a^L_j`
/// superscripts; `\_` and `\^` are literal. A script is a `{…}` group, a run of digits (with an
/// optional leading minus), or one character that ends a word — so `learning_rate` and `x_train`
/// stay as written. Unicode sub- and superscripts such as `a₁` are ordinary characters. Public
/// so that the page writes titles, captions and a stepper's buttons by the same rule.
public struct LabelText: Equatable, Sendable {
    public enum Position: Equatable, Sendable {
        case baseline
        case lowered
        case raised
    }

    /// Text on one baseline, or one script.
    public struct Run: Equatable, Sendable {
        public var text: String
        public var position: Position
    }

    public var runs: [Run]

    init(runs: [Run]) {
        self.runs = runs
    }

    /// Parses `markup`; text that is not markup is kept as written.
    public init(_ markup: String) {
        var runs: [Run] = []
        var current = ""
        func flush() {
            if !current.isEmpty { runs.append(Run(text: current, position: .baseline)) }
            current = ""
        }
        let characters = Array(markup)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count, characters[index + 1] == "_" || characters[index + 1] == "^" {
                current.append(characters[index + 1])
                index += 2
                continue
            }
            if (character == "_" || character == "^"), !current.isEmpty || !runs.isEmpty,
               let (script, end) = Self.script(in: characters, from: index + 1) {
                flush()
                runs.append(Run(text: script, position: character == "_" ? .lowered : .raised))
                index = end
                continue
            }
            current.append(character)
            index += 1
        }
        flush()
        self.runs = runs
    }

    /// The script starting at `start`, and the index after it; nil when the `_` or `^` is literal.
    private static func script(in characters: [Character], from start: Int) -> (String, Int)? {
        guard start < characters.count else { return nil }
        let first = characters[start]
        if first == "{" {
            var depth = 0
            var index = start
            var text = ""
            while index < characters.count {
                let character = characters[index]
                if character == "{" { depth += 1; if depth == 1 { index += 1; continue } }
                if character == "}" { depth -= 1; if depth == 0 { return text.isEmpty ? nil : (text, index + 1) } }
                text.append(character)
                index += 1
            }
            return nil
        }
        var index = start
        if first == "-" || first == "\u{2212}" { index += 1 }
        var digits = index
        while digits < characters.count, characters[digits].isASCII, characters[digits].isNumber { digits += 1 }
        if digits > index {
            let text = String(characters[start..<digits]).replacingMinus()
            return (text, digits)
        }
        guard index == start, first.isLetter || first.isNumber || first == "*" || first == "+" || first == "′" else { return nil }
        let after = start + 1
        if after < characters.count, characters[after].isLetter || characters[after].isNumber { return nil }
        return (String(first), after)
    }

    /// The text with scripts as Unicode sub- and superscript characters where they exist, for
    /// `<title>`, `<desc>` and anywhere markup cannot go; scripts without Unicode forms keep
    /// their markup, `_{…}`/`^{…}`.
    var plainText: String {
        runs.map { run in
            switch run.position {
            case .baseline: return run.text
            case .lowered: return Self.mapped(run.text, Self.subscriptCharacters) ?? "_" + Self.grouped(run.text)
            case .raised: return Self.mapped(run.text, Self.superscriptCharacters) ?? "^" + Self.grouped(run.text)
            }
        }.joined()
    }

    private static func grouped(_ text: String) -> String { text.count == 1 ? text : "{" + text + "}" }

    private static func mapped(_ text: String, _ table: [Character: Character]) -> String? {
        var result = ""
        for character in text {
            guard let mapped = table[character] else { return nil }
            result.append(mapped)
        }
        return result
    }

    private static let subscriptCharacters: [Character: Character] = Dictionary(uniqueKeysWithValues: zip(
        Array("0123456789+-−=()aehijklmnoprstuvx"), Array("₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ")))
    private static let superscriptCharacters: [Character: Character] = Dictionary(uniqueKeysWithValues: zip(
        Array("0123456789+-−=()nijLT"), Array("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱʲᴸᵀ")))

    /// An estimate of the drawn width, in user units, at `fontSize`: good enough to keep labels
    /// apart without measuring glyphs (a browser-independent layout cannot measure them).
    func width(fontSize: Double) -> Double {
        runs.reduce(0) { total, run in
            let size = run.position == .baseline ? fontSize : fontSize * LabelText.scriptScale
            return total + TextMetrics.width(of: run.text, fontSize: size)
        }
    }

    /// Scripts are drawn at this fraction of the surrounding size.
    static let scriptScale = 0.75

    var isEmpty: Bool { runs.allSatisfy { $0.text.isEmpty } }
}

/// Approximate advance widths for the proportional sans-serif and CJK fonts pages use.
enum TextMetrics {
    static func width(of text: String, fontSize: Double) -> Double {
        var ems = 0.0
        for scalar in text.unicodeScalars {
            ems += advance(scalar)
        }
        return ems * fontSize
    }

    private static func advance(_ scalar: Unicode.Scalar) -> Double {
        let value = scalar.value
        switch value {
        case 0x20: return 0.32
        case 0x2E, 0x2C, 0x3A, 0x3B, 0x21, 0x27, 0x7C, 0x69, 0x6A, 0x6C, 0x49: return 0.3 // . , : ; ! ' | i j l I
        case 0x28, 0x29, 0x5B, 0x5D, 0x7B, 0x7D, 0x66, 0x74, 0x72: return 0.4 // brackets f t r
        case 0x30...0x39: return 0.64
        case 0x6D, 0x77, 0x4D, 0x57: return 0.96
        case 0x41...0x5A: return 0.72
        case 0x61...0x7A: return 0.61
        case 0x2212, 0x2B, 0x3D, 0x3C, 0x3E, 0xD7: return 0.72
        case 0x2080...0x209F, 0x2070...0x207F, 0x1D2C...0x1D6A, 0x2C7C: return 0.42 // Unicode sub/superscripts
        case 0x2026: return 0.85
        case 0x0300...0x036F, 0x200B...0x200D: return 0
        case 0x1100...0x11FF, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x20000...0x3FFFD:
            return 1.0
        case 0x1F300...0x1FAFF: return 1.1
        default: return 0.64
        }
    }
}

extension String {
    /// ASCII hyphen-minus as the true minus sign, for numbers in labels.
    func replacingMinus() -> String {
        String(map { $0 == "-" ? "\u{2212}" : $0 })
    }
}
