import FolioChecks
import Foundation
import FolioMath
import Testing

/// Every formula becomes one well-formed XML element, however it is written: what a page's
/// MathML must be for the browser (and the W3C checker) to read it.
@Suite("Property: MathML is well-formed XML")
struct MathMLProperties {
    @Test("Every formula of the textbook corpus, inline and display")
    func corpusFormulas() throws {
        let formulas = try Self.corpus()
        #expect(formulas.count == 1_956)
        for (id, tex) in formulas {
            for display in [false, true] {
                if let problem = xmlProblem(MathConverter().convert(tex, display: display).mathML) {
                    Issue.record("\(id) (display: \(display)): \(problem)")
                }
            }
        }
    }

    @Test("3,000 generated formulas: commands, groups, environments, markup characters, controls")
    func generatedFormulas() {
        var random = SeededGenerator(seed: 0x0008_3A7B)
        let pieces = ["x", "\\frac", "\\sqrt", "[", "]", "{", "}", "^", "_", "&", "\\\\", "<", ">", "\"", "'", "&amp;", "]]>",
                      "\\begin{aligned}", "\\end{aligned}", "\\begin{array}{cc}", "\\end{array}", "\\begin{bmatrix}", "\\end{cases}",
                      "\\left(", "\\right.", "\\middle|", "\\text{", "\\mathrm{", "\\operatorname*{", "\\tag{", "\\tag*{", "\\limits",
                      "\\mathbf", "\\boldsymbol", "\\unknown", "\\", "%", "#", "~", "\\,", "\\;", "中", "−", "\u{200B}", "\u{FEFF}",
                      "\u{1}", "\u{7}", "\u{1B}", "\u{7F}", "\u{FFFD}", "\u{FFFF}", "\u{E000}", "\t", "\n", "\r", " ", "1.5", "\\alpha"]
        for _ in 0..<3_000 {
            let tex = (0..<random.count(0...24)).map { _ in random.pick(pieces) }.joined()
            let display = random.chance(0.5)
            if let problem = xmlProblem(MathConverter().convert(tex, display: display).mathML) {
                Issue.record("\(tex.debugDescription) (display: \(display)): \(problem)")
            }
        }
    }

    /// The corpus next to the repository (`../shared/corpus/math-textbooks.tsv`), decoded.
    static func corpus() throws -> [(id: String, tex: String)] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/corpus/math-textbooks.tsv")
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            return (String(columns[0]), decode(columns.count > 2 ? String(columns[2]) : ""))
        }
    }

    /// The corpus escaping: `\n`, `\t`, `\r` and `\\` are escapes, any other backslash itself.
    private static func decode(_ field: String) -> String {
        var result = ""
        var characters = field.unicodeScalars.makeIterator()
        while let scalar = characters.next() {
            guard scalar == "\\" else {
                result.unicodeScalars.append(scalar)
                continue
            }
            guard let following = characters.next() else {
                result += "\\"
                break
            }
            switch following {
            case "n": result += "\n"
            case "t": result += "\t"
            case "r": result += "\r"
            case "\\": result += "\\"
            default: result.unicodeScalars.append(contentsOf: ["\\", following])
            }
        }
        return result
    }
}
