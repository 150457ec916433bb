import FolioModel
@testable import FolioPlot
import Testing

@Suite("Label markup and escaping")
struct LabelTextTests {
    private func runs(_ markup: String) -> [String] {
        LabelText(markup).runs.map { run in
            switch run.position {
            case .baseline: run.text
            case .lowered: "_" + run.text
            case .raised: "^" + run.text
            }
        }
    }

    @Test("Subscripts and superscripts", arguments: [
        ("a_1", ["a", "_1"]),
        ("z_{4}", ["z", "_4"]),
        ("x_{ij} + 1", ["x", "_ij", " + 1"]),
        ("10^4", ["10", "^4"]),
        ("10^{−3}", ["10", "^−3"]),
        ("10^-3", ["10", "^−3"]),
        ("a^L_j", ["a", "^L", "_j"]),
        ("e^{-z}", ["e", "^-z"]),
        ("n^2 steps", ["n", "^2", " steps"]),
    ])
    func markup(markup: String, expected: [String]) {
        #expect(runs(markup) == expected)
    }

    @Test("Underscores inside words, escapes and Unicode scripts stay as written", arguments: [
        "learning_rate", "x_train", "a₁", "_leading", "trailing_", "snake_case_name", "{braces}",
    ])
    func literal(text: String) {
        #expect(runs(text) == [text])
        #expect(runs("a\\_1") == ["a_1"])
    }

    @Test("Plain text uses Unicode scripts where they exist")
    func plainText() {
        #expect(LabelText("z_4").plainText == "z₄")
        #expect(LabelText("10^{−3}").plainText == "10⁻³")
        #expect(LabelText("a^L_j").plainText == "aᴸⱼ")
        #expect(LabelText("x_{max}").plainText == "xₘₐₓ")
        #expect(LabelText("x_{bq}").plainText == "x_{bq}")
    }

    @Test("Scripts become tspans with baseline-shift and a smaller size")
    func tspans() {
        let node = TextDrawing.text(LabelText("a^L_j"), at: Point(x: 1, y: 2))
        #expect(node.map(\.markup).joined() == #"<text x="1" y="2">a<tspan baseline-shift="super" font-size="12">L</tspan><tspan baseline-shift="sub" font-size="12">j</tspan></text>"#)
    }

    @Test("Text and attributes are escaped")
    func escaping() {
        #expect(SVGEscaping.escaped(#"<a href="x">&'"#) == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;")
        #expect(SVGEscaping.escaped("a < b & c", inAttribute: false) == "a &lt; b &amp; c")
        #expect(SVGEscaping.escaped("bell\u{7}") == "bell")
        let node = SVGNode.element("text", [SVGAttribute("class", #"x" onload="alert(1)"#)], [.text("</text><script>")])
        #expect(node.markup == #"<text class="x&quot; onload=&quot;alert(1)">&lt;/text&gt;&lt;script&gt;</text>"#)
    }

    @Test("Hostile labels everywhere stay text")
    func hostileFigure() {
        let evil = #"<script>alert("x")</script> & 'q'"#
        let figure = Figure(title: evil, x: Axis(title: evil), y: Axis(title: evil),
                            series: [Series(kind: .bar, name: evil, x: [], y: [1, 2]), Series(kind: .bar, name: "b&b", x: [], y: [2, 1])],
                            annotations: [Annotation(kind: .horizontalLine, y: 1, label: evil)], categories: [evil, "<b>"])
        let rendered = FigureRenderer().render(figure, id: #"f"1"#, alt: nil)
        #expect(!rendered.svg.contains("<script"))
        #expect(!rendered.svg.contains("<b>"))
        #expect(rendered.svg.contains("&lt;script&gt;"))
        #expect(rendered.svg.contains(#"id="f&quot;1-title""#))
        #expect(wellFormednessProblem(rendered.svg) == nil)
    }

    @Test("Chinese labels pass through and are measured as full-width")
    func chinese() {
        #expect(LabelText("学习率").width(fontSize: 16) == 48)
        let figure = Figure(x: Axis(title: "输入"), series: [Series(kind: .line, name: "损失", x: [0, 1], y: [1, 0])])
        #expect(FigureRenderer().render(figure, id: "zh", alt: nil).svg.contains(">输入</text>"))
    }
}
