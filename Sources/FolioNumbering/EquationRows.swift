import FolioMath
import FolioModel

/// Reads a chapter's formulas in order for the book's numbering: the rows of each display
/// formula that has numbered environments, `\label`s or `\tag`s, with the TeX macros in force at
/// that point (the book's, the chapter's `macros:`, and those its earlier formulas defined).
struct EquationRows {
    private var macros: MathMacros
    private let converter = MathConverter()

    init(macros: MathMacros) {
        self.macros = macros
    }

    /// The rows of a display formula, or `nil` when it can have none of its own: no environment,
    /// `\label` or `\tag` written, and no macro that might write one.
    mutating func rows(of tex: String) -> [EquationRow]? {
        guard !macros.isEmpty || Self.mentions(tex, ["\\begin", "\\label", "\\tag", "\\def", "\\let", "command", "\\Declare"]) else {
            return nil
        }
        return converter.outline(tex, macros: &macros)
    }

    /// Takes in the macros that the inline formulas of a block define, so later formulas see them.
    mutating func readDefinitions(in block: Block) {
        _ = block.mapInlines { inline in
            if case .math(let math) = inline, Self.mentions(math.tex, ["\\def", "\\let", "command", "\\Declare"]) {
                _ = converter.outline(math.tex, macros: &macros)
            }
            return inline
        }
    }

    /// Whether `tex` has any of `words` in it.
    static func mentions(_ tex: String, _ words: [String]) -> Bool {
        tex.utf8.contains(UInt8(ascii: "\\")) && words.contains { tex.contains($0) }
    }

    /// The labels of `\ref{…}` and `\eqref{…}` in `tex`.
    static func referencedLabels(in tex: String) -> [String] {
        var labels: [String] = []
        var rest = tex[...]
        while let slash = rest.firstIndex(of: "\\") {
            rest = rest[rest.index(after: slash)...]
            for name in ["eqref{", "ref{"] where rest.hasPrefix(name) {
                let start = rest.index(rest.startIndex, offsetBy: name.count)
                if let close = rest[start...].firstIndex(of: "}") {
                    labels.append(String(rest[start..<close]).trimmingCharacters)
                    rest = rest[close...]
                }
                break
            }
        }
        return labels
    }
}

private extension String {
    var trimmingCharacters: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
