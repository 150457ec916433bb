import Testing
import FolioMath

/// TeX's rule that a script or an argument is one token or one group.
@Suite("Grouping")
struct GroupingTests {
    @Test("A script takes one token: w_{jk}^La_k^{L-1} is two scripted atoms")
    func scriptsTakeOneToken() {
        #expect(body("w_{jk}^La_k^{L-1}") ==
            "<msubsup><mi>w</mi><mrow><mi>j</mi><mi>k</mi></mrow><mi>L</mi></msubsup>"
            + "<msubsup><mi>a</mi><mi>k</mi><mrow><mi>L</mi><mo>−</mo><mn>1</mn></mrow></msubsup>")
    }

    @Test("Fractions take one token or group per argument")
    func fractions() {
        #expect(body("\\frac 1{2n}") == "<mfrac><mn>1</mn><mrow><mn>2</mn><mi>n</mi></mrow></mfrac>")
        #expect(body("\\frac12") == "<mfrac><mn>1</mn><mn>2</mn></mfrac>")
        #expect(body("{a \\over b}") == "<mfrac><mi>a</mi><mi>b</mi></mfrac>")
        #expect(body("\\binom nk") ==
            "<mrow><mo form=\"prefix\" fence=\"true\" stretchy=\"true\">(</mo><mfrac linethickness=\"0\"><mi>n</mi><mi>k</mi></mfrac>"
            + "<mo form=\"postfix\" fence=\"true\" stretchy=\"true\">)</mo></mrow>")
        #expect(body("\\dfrac{1}{2}") == "<mstyle displaystyle=\"true\" scriptlevel=\"0\"><mfrac><mn>1</mn><mn>2</mn></mfrac></mstyle>")
    }

    @Test("Square roots and n-th roots")
    func roots() {
        #expect(body("\\sqrt x") == "<msqrt><mi>x</mi></msqrt>")
        #expect(body("\\sqrt{x+1}") == "<msqrt><mi>x</mi><mo>+</mo><mn>1</mn></msqrt>")
        #expect(body("\\sqrt[3]{x}") == "<mroot><mi>x</mi><mn>3</mn></mroot>")
        #expect(body("\\sqrt[n+1]{x}") == "<mroot><mi>x</mi><mrow><mi>n</mi><mo>+</mo><mn>1</mn></mrow></mroot>")
    }

    @Test("Primes become superscripts and merge with a following ^")
    func primes() {
        #expect(body("f'") == "<msup><mi>f</mi><mo>′</mo></msup>")
        #expect(body("f''") == "<msup><mi>f</mi><mo>″</mo></msup>")
        #expect(body("x^{\\prime}") == "<msup><mi>x</mi><mo>′</mo></msup>")
        #expect(body("f'^2") == "<msup><mi>f</mi><mrow><mo>′</mo><mn>2</mn></mrow></msup>")
    }

    @Test("Numbers are runs of digits with one decimal point, but one digit as an argument")
    func numbers() {
        #expect(body("3.14") == "<mn>3.14</mn>")
        #expect(body("x^23") == "<msup><mi>x</mi><mn>2</mn></msup><mn>3</mn>")
        #expect(body("96.48%") == "<mn>96.48</mn><mi>%</mi>")
    }

    @Test("Arguments after a space and commands with arguments as scripts")
    func sloppyButLegal() {
        #expect(body("\\text {sgn}") == "<mtext>sgn</mtext>")
        #expect(body("\\boldsymbol x") == "<mi>𝒙</mi>")
        #expect(body("\\mathbf{X}^\\mathrm{T}") == "<msup><mi>𝐗</mi><mi mathvariant=\"normal\">T</mi></msup>")
    }

    @Test("\\left and \\right stretch; \\middle sits between; bare brackets do not stretch")
    func delimiters() {
        #expect(body("\\left( x \\middle| y \\right.") ==
            "<mrow><mo form=\"prefix\" fence=\"true\" stretchy=\"true\">(</mo><mi>x</mi>"
            + "<mo form=\"infix\" fence=\"true\" stretchy=\"true\">|</mo><mi>y</mi></mrow>")
        #expect(body("(x)") == "<mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo>")
        #expect(body("\\bigl( \\Bigr]") ==
            "<mo form=\"prefix\" fence=\"true\" stretchy=\"true\" symmetric=\"true\" minsize=\"1.2em\" maxsize=\"1.2em\">(</mo>"
            + "<mo form=\"postfix\" fence=\"true\" stretchy=\"true\" symmetric=\"true\" minsize=\"1.8em\" maxsize=\"1.8em\">]</mo>")
    }

    @Test("Spacing commands become mspace")
    func spacing() {
        #expect(body("a\\,b\\:c\\;d\\!e\\quad f\\qquad g~h\\ i") ==
            "<mi>a</mi><mspace width=\"0.1667em\"/><mi>b</mi><mspace width=\"0.2222em\"/><mi>c</mi>"
            + "<mspace width=\"0.2778em\"/><mi>d</mi><mspace width=\"-0.1667em\"/><mi>e</mi><mspace width=\"1em\"/>"
            + "<mi>f</mi><mspace width=\"2em\"/><mi>g</mi><mspace width=\"0.3333em\"/><mi>h</mi>"
            + "<mspace width=\"0.3333em\"/><mi>i</mi>")
    }

    @Test("Accents, stacked scripts and braces")
    func accentsAndStacks() {
        #expect(body("\\hat{x}") == "<mover accent=\"true\"><mi>x</mi><mo stretchy=\"false\">ˆ</mo></mover>")
        #expect(body("\\widehat{xy}") ==
            "<mover accent=\"true\"><mrow><mi>x</mi><mi>y</mi></mrow><mo stretchy=\"true\">ˆ</mo></mover>")
        #expect(body("\\bar x\\tilde x\\vec x\\dot x\\ddot x") ==
            "<mover accent=\"true\"><mi>x</mi><mo stretchy=\"false\">ˉ</mo></mover>"
            + "<mover accent=\"true\"><mi>x</mi><mo stretchy=\"false\">˜</mo></mover>"
            + "<mover accent=\"true\"><mi>x</mi><mo stretchy=\"false\">\u{20D7}</mo></mover>"
            + "<mover accent=\"true\"><mi>x</mi><mo stretchy=\"false\">˙</mo></mover>"
            + "<mover accent=\"true\"><mi>x</mi><mo stretchy=\"false\">¨</mo></mover>")
        #expect(body("\\overline{x}\\underline{x}") ==
            "<mrow style=\"border-top:0.065em solid;padding-top:0.1em\"><mi>x</mi></mrow>"
            + "<mrow style=\"border-bottom:0.065em solid;padding-bottom:0.1em\"><mi>x</mi></mrow>")
        #expect(body("\\underset{x}{\\min}") == "<munder><mi>min</mi><mi>x</mi></munder>")
        #expect(body("\\overset{!}{=}") == "<mover><mo>=</mo><mo>!</mo></mover>")
        #expect(body("\\stackrel{\\mathrm{def}}{=}") == "<mover><mo>=</mo><mi>def</mi></mover>")
        #expect(body("\\underbrace{a+b}_{n}") ==
            "<munder><munder accentunder=\"true\"><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mo stretchy=\"true\">⏟</mo></munder><mi>n</mi></munder>")
        #expect(body("\\overbrace{a}^{n}") ==
            "<mover><mover accent=\"true\"><mi>a</mi><mo stretchy=\"true\">⏞</mo></mover><mi>n</mi></mover>")
    }

    @Test("A minus after a relation or an opening bracket is a sign")
    func unaryMinus() {
        #expect(body("a=-b") == "<mi>a</mi><mo>=</mo><mo form=\"prefix\">−</mo><mi>b</mi>")
        #expect(body("-b") == "<mo>−</mo><mi>b</mi>")
        #expect(body("a-b") == "<mi>a</mi><mo>−</mo><mi>b</mi>")
    }

    @Test("Output is deterministic")
    func deterministic() {
        let tex = "\\sum_{i=1}^n \\frac{\\partial C}{\\partial w_{jk}^l} \\begin{bmatrix} a & b \\end{bmatrix}"
        #expect(MathConverter().convert(tex, display: true) == MathConverter().convert(tex, display: true))
    }
}
