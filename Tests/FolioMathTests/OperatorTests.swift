import Testing
import FolioMath

/// Large operators, function names and where their limits go.
@Suite("Operators and limits")
struct OperatorTests {
    @Test("\\sum takes limits under and over in display, at the side inline")
    func sumLimits() {
        #expect(body("\\sum_{i=1}^n", display: true) ==
            "<munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover>")
        #expect(body("\\sum_{i=1}^n", display: false) ==
            "<msubsup><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></msubsup>")
    }

    @Test("\\lim, \\max and \\arg\\max are upright names with limits in display")
    func limitFunctions() {
        #expect(body("\\lim_{x\\to 0} f", display: true) ==
            "<munder><mi>lim</mi><mrow><mi>x</mi><mo>→</mo><mn>0</mn></mrow></munder><mo lspace=\"0\" rspace=\"0.1667em\">\u{2061}</mo><mi>f</mi>")
        #expect(body("\\lim_{x\\to 0} f", display: false) ==
            "<msub><mi>lim</mi><mrow><mi>x</mi><mo>→</mo><mn>0</mn></mrow></msub><mo lspace=\"0\" rspace=\"0.1667em\">\u{2061}</mo><mi>f</mi>")
        #expect(body("\\arg\\max_x", display: true) ==
            "<mi>arg</mi><mspace width=\"0.1667em\"/><munder><mi>max</mi><mi>x</mi></munder>")
    }

    @Test("Integrals keep their limits at the side, even in display")
    func integrals() {
        #expect(body("\\int_0^1", display: true) == "<msubsup><mo>∫</mo><mn>0</mn><mn>1</mn></msubsup>")
    }

    @Test("\\limits forces limits under inline; \\nolimits forces them to the side in display")
    func limitsOverrides() {
        #expect(body("\\sum\\limits_i", display: false) == "<munder><mo movablelimits=\"false\">∑</mo><mi>i</mi></munder>")
        #expect(body("\\sum\\nolimits_i", display: true) == "<msub><mo>∑</mo><mi>i</mi></msub>")
        #expect(body("\\mathop{\\inf}\\limits_{x}", display: false) == "<munder><mi>inf</mi><mi>x</mi></munder>")
    }

    @Test("A slash is an ordinary symbol, without an infix operator's spacing")
    func slashIsOrdinary() {
        #expect(body("\\partial a/\\partial z") == "<mi mathvariant=\"normal\">∂</mi><mi>a</mi><mo stretchy=\"false\" lspace=\"0\" rspace=\"0\">/</mo><mi mathvariant=\"normal\">∂</mi><mi>z</mi>")
    }

    @Test("Function names apply to what follows with U+2061, with TeX's thin space before a letter")
    func functionApplication() {
        #expect(body("\\ln a") == "<mi>ln</mi><mo lspace=\"0\" rspace=\"0.1667em\">\u{2061}</mo><mi>a</mi>")
        #expect(body("\\sin(x)") == "<mi>sin</mi><mo>\u{2061}</mo><mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo>")
        #expect(body("\\log") == "<mi>log</mi>")
        #expect(body("\\max = 1") == "<mi>max</mi><mo>=</mo><mn>1</mn>")
    }

    @Test("\\operatorname is an upright name; the starred form takes limits in display")
    func operatorName() {
        #expect(body("\\operatorname{tr}(A)") ==
            "<mi>tr</mi><mo>\u{2061}</mo><mo stretchy=\"false\">(</mo><mi>A</mi><mo stretchy=\"false\">)</mo>")
        #expect(body("\\operatorname{ tr }A") == "<mi>tr</mi><mo lspace=\"0\" rspace=\"0.1667em\">\u{2061}</mo><mi>A</mi>")
        #expect(body("\\operatorname{d}x") == "<mi mathvariant=\"normal\">d</mi><mo lspace=\"0\" rspace=\"0.1667em\">\u{2061}</mo><mi>x</mi>")
        #expect(body("\\operatorname*{argmax}_j y_j", display: true) ==
            "<munder><mi>argmax</mi><mi>j</mi></munder><mo lspace=\"0\" rspace=\"0.1667em\">\u{2061}</mo><msub><mi>y</mi><mi>j</mi></msub>")
        #expect(body("\\operatorname*{argmax}_j y_j", display: false) ==
            "<msub><mi>argmax</mi><mi>j</mi></msub><mo lspace=\"0\" rspace=\"0.1667em\">\u{2061}</mo><msub><mi>y</mi><mi>j</mi></msub>")
        #expect(body("\\operatorname{argmax}_j y_j", display: true) ==
            "<msub><mi>argmax</mi><mi>j</mi></msub><mo lspace=\"0\" rspace=\"0.1667em\">\u{2061}</mo><msub><mi>y</mi><mi>j</mi></msub>")
    }

    @Test("Limits inside a fraction are at the side: fractions leave display style")
    func limitsInFraction() {
        #expect(body("\\frac{\\sum_i a}{2}", display: true) ==
            "<mfrac><mrow><msub><mo>∑</mo><mi>i</mi></msub><mi>a</mi></mrow><mn>2</mn></mfrac>")
    }

    @Test("Aliases and Unicode operators")
    func aliases() {
        #expect(body("\\rarr\\larr\\Rarr\\lArr\\harr\\infin") == "<mo>→</mo><mo>←</mo><mo>⇒</mo><mo>⇐</mo><mo>↔</mo><mi>∞</mi>")
        #expect(body("\\leqslant\\geqslant\\ne\\le\\ge") == "<mo>⩽</mo><mo>⩾</mo><mo>≠</mo><mo>≤</mo><mo>≥</mo>")
        #expect(body("a − b") == "<mi>a</mi><mo>−</mo><mi>b</mi>")
        #expect(body("\\sum_k\u{200B}") == "<msub><mo>∑</mo><mi>k</mi></msub>")
        #expect(body("\\not= \\not\\in") == "<mo>≠</mo><mo>∉</mo>")
    }

    @Test("Symbols")
    func symbols() {
        #expect(body("\\partial\\nabla\\infty\\ell\\hbar\\emptyset") ==
            "<mi mathvariant=\"normal\">∂</mi><mi mathvariant=\"normal\">∇</mi><mi>∞</mi><mi>ℓ</mi><mi>ℏ</mi><mi>∅</mi>")
        #expect(body("\\alpha\\Delta\\phi\\varphi") ==
            "<mi>α</mi><mi mathvariant=\"normal\">Δ</mi><mi>ϕ</mi><mi>φ</mi>")
        #expect(body("\\cdot\\cdots\\ldots\\vdots\\ddots") == "<mo>⋅</mo><mo>⋯</mo><mo>…</mo><mo>⋮</mo><mo>⋱</mo>")
        #expect(body("a\\times b\\pm c") == "<mi>a</mi><mo>×</mo><mi>b</mi><mo>±</mo><mi>c</mi>")
    }
}
