import Testing
import FolioMath

/// A number per row: the outline the book numbers from, numbers set at the right of their
/// rows, `\tag`, `\label`, `\nonumber`, and references.
@Suite("Numbering")
struct NumberingTests {
    @Test("outline lists each row of align with its label, tag and whether it takes a number")
    func outlineOfAlign() {
        var macros = MathMacros()
        let rows = MathConverter().outline("""
            \\begin{align} a &= b \\label{first} \\\\ c &= d \\nonumber \\\\ e &= f \\tag{A} \\\\ g &= h \\notag \\\\ i &= j \\end{align}
            """, macros: &macros)
        #expect(rows.map(\.label) == ["first", nil, nil, nil, nil])
        #expect(rows.map(\.tag) == [nil, nil, "A", nil, nil])
        #expect(rows.map(\.isNumbered) == [true, false, false, false, true])
    }

    @Test("Starred environments number nothing; gather, eqnarray and flalign number each row; multline and equation once")
    func environments() {
        var macros = MathMacros()
        func numbered(_ tex: String) -> [Bool] { MathConverter().outline(tex, macros: &macros).map(\.isNumbered) }
        #expect(numbered("\\begin{align*} a \\\\ b \\end{align*}") == [false, false])
        #expect(numbered("\\begin{gather} a \\\\ b \\end{gather}") == [true, true])
        #expect(numbered("\\begin{eqnarray} a &=& b \\\\ c &=& d \\end{eqnarray}") == [true, true])
        #expect(numbered("\\begin{flalign} a &= b \\end{flalign}") == [true])
        #expect(numbered("\\begin{alignat}{2} a &= b & c &= d \\end{alignat}") == [true])
        #expect(numbered("\\begin{multline} a \\\\ b \\\\ c \\end{multline}") == [true])
        #expect(numbered("\\begin{equation} \\begin{split} a &= b \\\\ &= c \\end{split} \\end{equation}") == [true])
        #expect(numbered("\\begin{gather} a \\\\ b \\\\ \\end{gather}") == [true, true])
    }

    @Test("A formula without numbered environments is one row; a \\label asks for a number")
    func singleFormula() {
        var macros = MathMacros()
        #expect(MathConverter().outline("E = mc^2 \\label{einstein}", macros: &macros)
            == [EquationRow(label: "einstein", tag: nil, isNumbered: true, offset: 0, isWholeFormula: true)])
        #expect(MathConverter().outline("E = mc^2", macros: &macros)
            == [EquationRow(label: nil, tag: nil, isNumbered: false, offset: 0, isWholeFormula: true)])
        #expect(MathConverter().outline("\\begin{align} a \\end{align}", macros: &macros).first?.isWholeFormula == false)
        #expect(MathConverter().outline("x \\tag{3}", macros: &macros).first?.tag == "3")
    }

    @Test("Numbers and tags are set at the right of their rows, in a column the table spans the line for")
    func numbersInTheMathML() {
        var macros = MathMacros()
        let rendering = MathConverter().convert("\\begin{gather} a \\label{x} \\\\ b \\tag*{B} \\\\ c \\end{gather}", display: true,
                                                macros: &macros, options: MathOptions(rowNumbers: ["4", "5"], rowAnchor: { "eq-" + $0 }))
        #expect(rendering.errors.isEmpty)
        #expect(body(rendering) == "<mtable displaystyle=\"true\" style=\"width:100%\">"
            + "<mtr id=\"eq-x\"><mtd style=\"width:50%\"></mtd><mtd><mi>a</mi></mtd><mtd columnalign=\"right\" style=\"width:50%\"><mtext>(4)</mtext></mtd></mtr>"
            + "<mtr><mtd style=\"width:50%\"></mtd><mtd><mi>b</mi></mtd><mtd columnalign=\"right\" style=\"width:50%\"><mtext>B</mtext></mtd></mtr>"
            + "<mtr><mtd style=\"width:50%\"></mtd><mtd><mi>c</mi></mtd><mtd columnalign=\"right\" style=\"width:50%\"><mtext>(5)</mtext></mtd></mtr>"
            + "</mtable>")
        #expect(rendering.rows.map(\.label) == ["x", nil, nil])
        #expect(rendering.tag == nil)
    }

    @Test("Without numbers from the caller an align is the table it always was")
    func noNumbersNoColumn() {
        #expect(body("\\begin{align} a &= b \\end{align}") == body("\\begin{aligned} a &= b \\end{aligned}"))
    }

    @Test("A whole-formula \\tag keeps today's tag field; a second \\tag in one formula is an error, one per row is not")
    func tags() {
        #expect(MathConverter().convert("x \\tag{1}", display: true).tag == "1")
        #expect(errors("\\tag{1} x \\tag{2}") == ["math.duplicate-tag@10"])
        #expect(errors("\\begin{align} a \\tag{1} \\\\ b \\tag{2} \\end{align}").isEmpty)
        #expect(errors("\\begin{align} a \\tag{1} \\tag{2} \\end{align}") == ["math.duplicate-tag@24"])
    }

    @Test("\\ref and \\eqref ask the caller's resolver; an unknown label is ?? and a local error")
    func references() {
        var macros = MathMacros()
        let options = MathOptions(resolveReference: { $0 == "known" ? "12" : nil })
        let rendering = MathConverter().convert("\\eqref{known}, \\ref{known}, \\eqref{lost}", display: false, macros: &macros, options: options)
        #expect(body(rendering) == "<mtext>(12)</mtext><mo>,</mo><mtext>12</mtext><mo>,</mo><mtext>(??)</mtext>")
        #expect(rendering.errors.map { "\($0.id)@\($0.offset)" } == ["math.unknown-label@35"])
        #expect(rendering.errorScope == .local)
    }
}

/// The formula of a rendering, without the `<math>` and annotation around it.
func body(_ rendering: MathRendering) -> String {
    let mathML = rendering.mathML
    guard let start = mathML.range(of: "<semantics><mrow>"), let end = mathML.range(of: "</mrow><annotation") else { return mathML }
    return String(mathML[start.upperBound..<end.lowerBound])
}
