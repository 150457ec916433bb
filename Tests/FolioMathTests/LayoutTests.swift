import Testing
import FolioMath

/// Commands added from KaTeX's and Temml's support tables: boxes, strikes, sizes, spacing,
/// laps, stacks, arrows, starred matrices, `CD`, and an unknown command marked in place.
@Suite("Layout commands")
struct LayoutTests {
    @Test("\\boxed and \\fbox frame; \\colorbox and \\fcolorbox fill; \\color and \\textcolor colour")
    func boxesAndColour() {
        #expect(body("\\boxed{x}") == "<mrow style=\"border:0.06em solid;padding:0.2em\"><mi>x</mi></mrow>")
        #expect(body("\\colorbox{yellow}{A}") == "<mstyle mathbackground=\"yellow\"><mrow style=\"padding:0.2em\"><mtext>A</mtext></mrow></mstyle>")
        #expect(body("\\fcolorbox{red}{#ff0}{A}")
            == "<mstyle mathbackground=\"#ff0\"><mrow style=\"border:0.06em solid red;padding:0.2em\"><mtext>A</mtext></mrow></mstyle>")
        #expect(body("\\textcolor{blue}{x}") == "<mstyle mathcolor=\"blue\"><mi>x</mi></mstyle>")
    }

    @Test("\\cancel, \\bcancel, \\xcancel and \\sout strike through with CSS, not menclose")
    func strikes() {
        for command in ["cancel", "bcancel", "xcancel", "sout"] {
            let markup = body("\\\(command){x}")
            #expect(markup.hasPrefix("<mrow style=\"background:linear-gradient("))
            #expect(!markup.contains("menclose"))
        }
    }

    @Test("Sizes \\tiny … \\Huge set mathsize for the rest of the group")
    func sizes() {
        #expect(body("{\\tiny a}b") == "<mstyle mathsize=\"0.5em\"><mi>a</mi></mstyle><mi>b</mi>")
        #expect(body("{\\Huge a}") == "<mstyle mathsize=\"2.488em\"><mi>a</mi></mstyle>")
    }

    @Test("Spaces with or without braces: \\kern, \\mkern, \\hskip, \\mskip, \\hspace")
    func kerns() {
        #expect(body("a\\kern1em b") == "<mi>a</mi><mspace width=\"1em\"/><mi>b</mi>")
        #expect(body("a\\mkern18mu b\\hskip 2pt c\\mskip{9mu}d\\hspace7ex e")
            == "<mi>a</mi><mspace width=\"1.0em\"/><mi>b</mi><mspace width=\"2pt\"/><mi>c</mi><mspace width=\"0.5em\"/><mi>d</mi><mspace width=\"7ex\"/><mi>e</mi>")
    }

    @Test("\\smash, laps, \\raisebox and \\rule use mpadded")
    func padding() {
        #expect(body("\\smash{y}") == "<mpadded height=\"0\" depth=\"0\"><mi>y</mi></mpadded>")
        #expect(body("\\mathllap{x}") == "<mpadded width=\"0\" lspace=\"-100%\"><mi>x</mi></mpadded>")
        #expect(body("\\mathrlap{x}") == "<mpadded width=\"0\"><mi>x</mi></mpadded>")
        #expect(body("\\raisebox{2pt}{a}") == "<mpadded voffset=\"2pt\"><mtext>a</mtext></mpadded>")
        #expect(body("\\rule{1em}{2pt}") == "<mrow style=\"background:currentColor\"><mpadded width=\"1em\" height=\"2pt\" depth=\"0\"></mpadded></mrow>")
    }

    @Test("\\verb keeps its text; \\pmb is bold")
    func verbatimAndBold() {
        #expect(body("\\verb|\\frac a|") == "<mtext style=\"font-family:monospace\">\\frac\u{A0}a</mtext>")
        #expect(body("\\pmb{x}") == body("\\boldsymbol{x}"))
    }

    @Test("\\genfrac, \\substack, \\sideset")
    func stacks() {
        #expect(body("\\genfrac(]{0pt}{}{a}{b}") == "<mrow><mo form=\"prefix\" fence=\"true\" stretchy=\"true\">(</mo>"
            + "<mfrac linethickness=\"0pt\"><mi>a</mi><mi>b</mi></mfrac><mo form=\"postfix\" fence=\"true\" stretchy=\"true\">]</mo></mrow>")
        #expect(body("\\sum_{\\substack{i<m\\\\j<n}}", display: true)
            == "<munder><mo>∑</mo><mtable><mtr><mtd><mi>i</mi><mo>&lt;</mo><mi>m</mi></mtd></mtr><mtr><mtd><mi>j</mi><mo>&lt;</mo><mi>n</mi></mtd></mtr></mtable></munder>")
        #expect(body("\\sideset{_a^b}{_c^d}\\sum")
            == "<mmultiscripts><mo>∑</mo><mi>c</mi><mi>d</mi><mprescripts/><mi>a</mi><mi>b</mi></mmultiscripts>")
    }

    @Test("\\overbrace and \\overbracket put their label above the brace; \\xrightarrow pads a short label")
    func bracesAndArrows() {
        #expect(body("\\overbrace{a+b}^{n}") ==
            "<mover><mover accent=\"true\"><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mo stretchy=\"true\">⏞</mo></mover><mi>n</mi></mover>")
        #expect(body("\\underbracket{a}_{n}") == "<munder><munder accentunder=\"true\"><mi>a</mi><mo stretchy=\"true\">⎵</mo></munder><mi>n</mi></munder>")
        #expect(body("\\xrightarrow{f}") ==
            "<mover><mo stretchy=\"true\">→</mo><mrow><mspace width=\"0.2778em\"/><mi>f</mi><mspace width=\"0.2778em\"/></mrow></mover>")
        #expect(body("\\xrightarrow{}") == "<mover><mo stretchy=\"true\">→</mo><mspace width=\"1.5em\"/></mover>")
    }

    @Test("Starred matrices take [r], [l] or [c]; \\hline and \\hdashline rule rows; : rules columns dashed")
    func matricesAndRules() {
        #expect(body("\\begin{pmatrix*}[r] -1 & 3 \\end{pmatrix*}").contains("<mtd columnalign=\"right\"><mo>−</mo><mn>1</mn></mtd><mtd columnalign=\"right\"><mn>3</mn></mtd>"))
        #expect(body("\\begin{array}{c:c} a & b \\\\ \\hdashline c & d \\end{array}") == "<mtable>"
            + "<mtr><mtd style=\"border-right:0.06em dashed\"><mi>a</mi></mtd><mtd><mi>b</mi></mtd></mtr>"
            + "<mtr><mtd style=\"border-top:0.06em dashed;border-right:0.06em dashed\"><mi>c</mi></mtd><mtd style=\"border-top:0.06em dashed\"><mi>d</mi></mtd></mtr></mtable>")
    }

    @Test("alignat and alignedat read their column count; CD lays out arrows between objects")
    func alignatAndCD() {
        #expect(body("\\begin{alignedat}{2} a &= b & c &= d \\end{alignedat}") == body("\\begin{aligned} a &= b & c &= d \\end{aligned}"))
        let diagram = body("\\begin{CD} A @>f>> B \\\\ @VgVV @. \\\\ C @= D \\end{CD}", display: true)
        #expect(errors("\\begin{CD} A @>f>> B \\\\ @VgVV @. \\\\ C @= D \\end{CD}").isEmpty)
        #expect(diagram.hasPrefix("<mtable><mtr><mtd><mi>A</mi></mtd><mtd><munderover><mo stretchy=\"true\">→</mo><mspace width=\"2.5em\"/>"))
        #expect(diagram.contains("<mo stretchy=\"true\" minsize=\"1.8em\">↓</mo>"))
    }

    @Test("An unknown command is an merror in place, the rest typesets, and the error suggests a command")
    func unknownCommandInPlace() {
        let rendering = MathConverter().convert("a + \\fracc{1}{2} + \\alpah", display: false)
        #expect(body(rendering) == "<mi>a</mi><mo>+</mo><merror><mtext>\\fracc</mtext></merror><mn>1</mn><mn>2</mn><mo>+</mo><merror><mtext>\\alpah</mtext></merror>")
        #expect(rendering.errors.map(\.message) == ["Unknown command “\\fracc”. Did you mean “\\frac”?",
                                                    "Unknown command “\\alpah”. Did you mean “\\alpha”?"])
        #expect(rendering.errorScope == .local)
        #expect(MathConverter().convert("\\frac{a", display: false).errorScope == .formula)
        #expect(MathConverter().convert("x", display: false).errorScope == .none)
    }

    @Test("Text accents, ligatures and math inside text")
    func text() {
        #expect(body("\\text{caf\\'e -- ``x''}") == "<mtext>café\u{A0}–\u{A0}“x”</mtext>")
        #expect(body("\\text{if $x>0$}") == "<mrow><mtext>if\u{A0}</mtext><mrow><mi>x</mi><mo>&gt;</mo><mn>0</mn></mrow></mrow>")
    }
}
