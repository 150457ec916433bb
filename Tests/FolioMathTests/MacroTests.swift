import Testing
import FolioMath

/// `\newcommand`, `\def` and friends, macros threaded through a chapter, and book-wide macros.
@Suite("Macros")
struct MacroTests {
    @Test("\\newcommand, \\renewcommand, \\providecommand, \\def and \\let define macros used in the same formula")
    func definitions() {
        #expect(body("\\newcommand{\\RR}{\\mathbb{R}} x\\in\\RR") == body("x\\in\\mathbb{R}"))
        #expect(body("\\newcommand\\pair[2]{(#1,#2)} \\pair ab") == body("(a,b)"))
        #expect(body("\\newcommand\\f[2][x]{#1+#2} \\f{y} \\f[z]{w}") == body("x+y z+w"))
        #expect(body("\\def\\add#1#2{#1+#2} \\add 2 3") == body("2+3"))
        #expect(body("\\renewcommand{\\phi}{\\theta}\\phi") == body("\\theta"))
        #expect(body("\\providecommand\\x{1}\\providecommand\\x{2}\\x") == body("1"))
        #expect(body("\\let\\foo\\alpha \\foo") == body("\\alpha"))
        #expect(body("\\gdef\\g{g}\\global\\def\\h{h}\\g\\h") == body("gh"))
    }

    @Test("\\DeclareMathOperator makes an upright operator; the starred one takes limits")
    func operators() {
        #expect(body("\\DeclareMathOperator{\\Tr}{Tr} \\Tr A") == body("\\operatorname{Tr} A"))
        #expect(body("\\DeclareMathOperator*{\\esssup}{ess\\,sup} \\esssup_x f", display: true)
            == body("\\operatorname*{ess\\,sup}_x f", display: true))
    }

    @Test("A macro defined in one formula holds in the later formulas of the chapter")
    func threadedThroughAChapter() {
        var macros = MathMacros()
        let converter = MathConverter()
        _ = converter.convert("\\newcommand{\\vv}[1]{\\mathbf{#1}}", display: true, macros: &macros)
        let later = converter.convert("\\vv{x}", display: false, macros: &macros)
        #expect(later.errors.isEmpty)
        #expect(body(later) == body("\\mathbf{x}"))
        #expect(macros.names == ["\\vv"])
        // A fresh formula without the chapter's macros does not know it.
        #expect(errors("\\vv{x}") == ["math.unknown-command@0"])
    }

    @Test("Book-wide macros from YAML: arity from the highest #n, bad definitions reported")
    func bookMacros() {
        let (macros, problems) = MathMacros.parse([
            "\\RR": "\\mathbb{R}", "norm": "\\left\\lVert #1 \\right\\rVert", "\\bad": "#x", "not a name": "x", "\\open": "{",
        ])
        #expect(macros.names == ["\\RR", "\\norm"])
        #expect(problems.map(\.name) == ["\\bad", "\\open", "not a name"])
        #expect(problems.allSatisfy { $0.error.id == "math.invalid-macro" })
        var chapter = macros
        let rendering = MathConverter().convert("\\norm{x}\\in\\RR", display: false, macros: &chapter)
        #expect(rendering.errors.isEmpty)
        #expect(body(rendering) == body("\\left\\lVert x \\right\\rVert\\in\\mathbb{R}"))
    }

    @Test("Errors inside an expansion point at the macro's use")
    func errorsPointAtTheUse() {
        #expect(errors("\\newcommand\\bad{\\foo} x + \\bad") == ["math.unknown-command@26"])
    }

    @Test("\\newcommand of a known name and \\renewcommand of an unknown one are errors", arguments: [
        ("\\newcommand\\frac{x}", "math.invalid-macro@0"),
        ("\\renewcommand\\nothing{x}", "math.invalid-macro@0"),
        ("\\newcommand\\x[1]{#2}", "math.invalid-macro@0"),
        ("\\def\\x#1.{#1}", "math.invalid-macro@0"),
    ])
    func badDefinitions(tex: String, expected: String) {
        #expect(errors(tex).first == expected)
    }

    @Test("A macro with a missing argument is a located error")
    func missingArgument() {
        let rendering = MathConverter().convert("\\newcommand\\p[2]{#1#2} x + \\p{a}", display: false)
        #expect(rendering.errors.map { "\($0.id)@\($0.offset)" } == ["math.missing-argument@27"])
        #expect(wellFormednessProblem(rendering.mathML) == nil)
    }

    /// Each ends with the use of `\a`, where the error points.
    @Test("Expansion that never ends stops with a located error: self, mutual and exponential", arguments: [
        "\\def\\a{\\a}\\a",
        "\\def\\a{\\b}\\def\\b{\\a} x \\a",
        "\\def\\a{x\\a} \\a",
        "\\def\\a{\\b\\b}\\def\\b{\\c\\c}\\def\\c{\\d\\d}\\def\\d{\\e\\e}\\def\\e{\\f\\f}\\def\\f{\\g\\g}\\def\\g{\\h\\h}\\def\\h{\\i\\i}\\def\\i{\\j\\j}\\def\\j{\\k\\k}\\def\\k{\\l\\l}\\def\\l{\\m\\m}\\def\\m{\\n\\n}\\def\\n{\\o\\o}\\def\\o{xxxxxxxx\\p\\p}\\def\\p{xxxxxxxx}\\a",
    ])
    func runawayExpansion(tex: String) {
        let offset = tex.unicodeScalars.count - 2
        let rendering = MathConverter().convert(tex, display: true)
        #expect(rendering.errors.first.map { "\($0.id)@\($0.offset)" } == "math.macro-loop@\(offset)")
        #expect(wellFormednessProblem(rendering.mathML) == nil)
        #expect(rendering.errorScope == .formula)
    }

    @Test("Built-in shorthands: \\bra, \\ket, \\braket, \\mod, \\pod")
    func builtins() {
        #expect(body("\\ket{\\psi}") == body("\\mathinner{\\vert{\\psi}\\rangle}"))
        #expect(errors("a\\equiv b \\mod{n} \\pod{m} \\braket{\\phi|\\psi}").isEmpty)
    }
}
