import Testing
import FolioMath

/// Fonts as Mathematical Alphanumeric characters, text mode, and escaping.
@Suite("Fonts and text")
struct FontAndTextTests {
    @Test("Font commands map to Mathematical Alphanumeric Symbols")
    func fonts() {
        #expect(body("\\mathbf{x}") == "<mi>\u{1D431}</mi>")
        #expect(body("\\mathbf{W}") == "<mi>𝐖</mi>")
        #expect(body("\\mathbf{1}") == "<mn>𝟏</mn>")
        #expect(body("\\mathbb{R}") == "<mi>ℝ</mi>")
        #expect(body("\\mathbb{E}") == "<mi>𝔼</mi>")
        #expect(body("\\mathcal{L}\\mathcal{A}") == "<mi>ℒ</mi><mi>𝒜</mi>")
        #expect(body("\\mathfrak{g}") == "<mi>𝔤</mi>")
        #expect(body("\\mathsf{A}\\mathtt{x}") == "<mi>𝖠</mi><mi>𝚡</mi>")
        #expect(body("\\mathit{h}") == "<mi>ℎ</mi>")
        #expect(body("\\boldsymbol{\\mu}\\bm{x}") == "<mi>𝝁</mi><mi>𝒙</mi>")
        #expect(body("\\boldsymbol{\\Lambda}") == "<mi>𝚲</mi>")
    }

    @Test("Upright letters: one letter is marked normal, a word merges into one <mi>")
    func upright() {
        #expect(body("\\mathrm{T}") == "<mi mathvariant=\"normal\">T</mi>")
        #expect(body("\\mathrm{softmax}(x)") ==
            "<mi>softmax</mi><mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo>")
        #expect(body("{\\rm d}x") == "<mi mathvariant=\"normal\">d</mi><mi>x</mi>")
        #expect(body("{\\bf x}y") == "<mi>𝐱</mi><mi>y</mi>")
    }

    @Test("Text keeps its spaces as no-break spaces and takes CJK")
    func text() {
        #expect(body("\\text{ if } x") == "<mtext>\u{A0}if\u{A0}</mtext><mi>x</mi>")
        #expect(body("\\text{甜度}=\\mbox{高}") == "<mtext>甜度</mtext><mo>=</mo><mtext>高</mtext>")
        #expect(body("\\textrm{a\\%b}") == "<mtext>a%b</mtext>")
        #expect(body("\\textbf{ab}") == "<mtext>𝐚𝐛</mtext>")
    }

    @Test("A run of CJK characters in math is one <mtext>")
    func cjkRuns() {
        #expect(body("\\mathbf{X}和\\mathbf{W}") == "<mi>𝐗</mi><mtext>和</mtext><mi>𝐖</mi>")
        #expect(body("i从1到m") == "<mi>i</mi><mtext>从</mtext><mn>1</mn><mtext>到</mtext><mi>m</mi>")
        #expect(body("重复直到收敛") == "<mtext>重复直到收敛</mtext>")
    }

    @Test("Escaped characters and a bare % as a percent sign")
    func escapes() {
        #expect(body("\\% \\{ \\} \\| \\# \\& \\_") ==
            "<mi>%</mi><mo stretchy=\"false\">{</mo><mo stretchy=\"false\">}</mo><mo stretchy=\"false\">‖</mo>"
            + "<mi>#</mi><mi>&amp;</mi><mi>_</mi>")
        #expect(body("50%") == "<mn>50</mn><mi>%</mi>")
    }

    @Test("< and & are escaped, in the formula and in the annotation")
    func xmlEscaping() {
        let mathML = MathConverter().convert("a<b \\text{&\"}", display: false).mathML
        #expect(mathML == "<math><semantics><mrow><mi>a</mi><mo>&lt;</mo><mi>b</mi><mtext>&amp;&quot;</mtext></mrow>"
            + "<annotation encoding=\"application/x-tex\">a&lt;b \\text{&amp;&quot;}</annotation></semantics></math>")
    }

    @Test("Display formulas are blocks")
    func displayAttribute() {
        #expect(MathConverter().convert("x", display: true).mathML.hasPrefix("<math display=\"block\"><semantics><mrow>"))
        #expect(MathConverter().convert("x", display: false).mathML.hasPrefix("<math><semantics><mrow>"))
    }

    @Test("\\color sets mathcolor for the rest of the group; unsafe values are refused")
    func color() {
        #expect(body("{\\color{red} x+y}z") ==
            "<mstyle mathcolor=\"red\"><mi>x</mi><mo>+</mo><mi>y</mi></mstyle><mi>z</mi>")
        #expect(body("\\textcolor{#00ff00}{x}") == "<mstyle mathcolor=\"#00ff00\"><mi>x</mi></mstyle>")
        #expect(errors("\\color{red\"onload}x") == ["math.invalid-argument@7"])
    }
}
