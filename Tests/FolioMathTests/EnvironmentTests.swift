import Testing
import FolioMath

/// Alignment environments and `\tag`.
@Suite("Environments")
struct EnvironmentTests {
    @Test("aligned pairs right- and left-aligned columns in display style")
    func aligned() {
        #expect(body("\\begin{aligned} a &= b \\\\ &= c \\end{aligned}") ==
            "<mtable displaystyle=\"true\">"
            + "<mtr><mtd columnalign=\"right\" style=\"padding-right:0\"><mi>a</mi></mtd>"
            + "<mtd columnalign=\"left\" style=\"padding-left:0\"><mo>=</mo><mi>b</mi></mtd></mtr>"
            + "<mtr><mtd columnalign=\"right\" style=\"padding-right:0\"></mtd>"
            + "<mtd columnalign=\"left\" style=\"padding-left:0\"><mo>=</mo><mi>c</mi></mtd></mtr></mtable>")
        #expect(body("\\begin{align*} a &= b \\end{align*}") == body("\\begin{aligned} a &= b \\end{aligned}"))
        #expect(body("\\begin{split} a &= b \\end{split}") == body("\\begin{aligned} a &= b \\end{aligned}"))
    }

    @Test("gathered centres its lines")
    func gathered() {
        #expect(body("\\begin{gathered} a \\\\ b \\end{gathered}") ==
            "<mtable displaystyle=\"true\"><mtr><mtd><mi>a</mi></mtd></mtr><mtr><mtd><mi>b</mi></mtd></mtr></mtable>")
    }

    @Test("array reads its column spec, rules included, and drops a final \\\\")
    func array() {
        #expect(body("\\begin{array}{c|l} 1 & 2 \\\\ 3 & 4 \\\\ \\end{array}") ==
            "<mtable><mtr><mtd style=\"border-right:0.06em solid\"><mn>1</mn></mtd><mtd columnalign=\"left\"><mn>2</mn></mtd></mtr>"
            + "<mtr><mtd style=\"border-right:0.06em solid\"><mn>3</mn></mtd><mtd columnalign=\"left\"><mn>4</mn></mtd></mtr></mtable>")
    }

    @Test("Matrices are tables between stretchy brackets")
    func matrices() {
        let table = "<mtable><mtr><mtd><mi>a</mi></mtd><mtd><mi>b</mi></mtd></mtr></mtable>"
        func fenced(_ open: String, _ close: String) -> String {
            "<mrow><mo form=\"prefix\" fence=\"true\" stretchy=\"true\">\(open)</mo>" + table
                + "<mo form=\"postfix\" fence=\"true\" stretchy=\"true\">\(close)</mo></mrow>"
        }
        #expect(body("\\begin{matrix} a & b \\end{matrix}") == table)
        #expect(body("\\begin{pmatrix} a & b \\end{pmatrix}") == fenced("(", ")"))
        #expect(body("\\begin{bmatrix} a & b \\end{bmatrix}") == fenced("[", "]"))
        #expect(body("\\begin{vmatrix} a & b \\end{vmatrix}") == fenced("|", "|"))
    }

    @Test("cases puts a brace before left-aligned pairs")
    func cases() {
        #expect(body("\\begin{cases} 1 & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}") ==
            "<mrow><mo form=\"prefix\" fence=\"true\" stretchy=\"true\">{</mo><mtable>"
            + "<mtr><mtd columnalign=\"left\"><mn>1</mn></mtd><mtd columnalign=\"left\"><mi>x</mi><mo>&gt;</mo><mn>0</mn></mtd></mtr>"
            + "<mtr><mtd columnalign=\"left\"><mn>0</mn></mtd><mtd columnalign=\"left\"><mtext>otherwise</mtext></mtd></mtr>"
            + "</mtable></mrow>")
    }

    @Test("\\left\\{ around an array, as in piecewise definitions")
    func leftBraceArray() {
        #expect(body("\\left\\{\\begin{array}{ll} a & b \\end{array}\\right.") ==
            "<mrow><mo form=\"prefix\" fence=\"true\" stretchy=\"true\">{</mo><mtable><mtr><mtd columnalign=\"left\"><mi>a</mi></mtd>"
            + "<mtd columnalign=\"left\"><mi>b</mi></mtd></mtr></mtable></mrow>")
    }

    @Test("Lines separated by \\\\ outside an environment stack as a one-column table")
    func topLevelLines() {
        #expect(body("a \\\\ b", display: true) ==
            "<mtable displaystyle=\"true\"><mtr><mtd><mi>a</mi></mtd></mtr><mtr><mtd><mi>b</mi></mtd></mtr></mtable>")
    }

    @Test("\\tag{…} is returned apart and left out of the MathML")
    func tag() {
        let rendering = MathConverter().convert("E = mc^2 \\tag{1.2}", display: true)
        #expect(rendering.tag == "1.2")
        #expect(rendering.errors.isEmpty)
        #expect(body("E = mc^2 \\tag{1.2}", display: true) == body("E = mc^2", display: true))
        #expect(MathConverter().convert("x \\tag*{A}", display: true).tag == "A")
        #expect(MathConverter().convert("\\begin{gathered} a \\end{gathered} \\tag{107, 108}", display: true).tag == "107, 108")
        #expect(MathConverter().convert("x", display: true).tag == nil)
    }
}
