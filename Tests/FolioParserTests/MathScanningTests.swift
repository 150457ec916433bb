import FolioModel
import Testing
@testable import FolioParser
import FolioNumbering

@Suite struct MathScanningTests {
    @Test func inlineDollarsBecomeMath() {
        let inlines = paragraph("令 $x_1$ 和 $y$ 为输入")
        #expect(texts(inlines) == ["x_1", "y"])
        #expect(inlines.first == .text("令 "))
    }

    @Test func doubleDollarsInsideProseAreInline() {
        let blocks = chapter("带权输入 $$z_j^L = \\sum_k w_{jk}^La_k^{L-1}+b_j^L$$。不过").blocks
        guard case .paragraph(let inlines) = blocks[0] else { Issue.record("expected a paragraph"); return }
        #expect(texts(inlines) == ["z_j^L = \\sum_k w_{jk}^La_k^{L-1}+b_j^L"])
    }

    @Test func doubleDollarsAloneAreADisplayEquation() {
        let blocks = chapter("before\n\n$$a = b$$\n\nafter").blocks
        #expect(blocks.count == 3)
        guard case .equation(let equation) = blocks[1] else { Issue.record("expected an equation"); return }
        #expect(equation.math.tex == "a = b")
        #expect(equation.label == nil)
        #expect(equation.number == nil)
    }

    @Test func labelledDisplayEquationsAreNumberedFromEquationStart() {
        let text = "---\nequation-start: 78\n---\n$$a$$ {#eq-one}\n\n$$b$$\n\n$$c$$ {#eq-two}\n\n$$d \\tag{A.1}$$ {#eq-tagged}\n"
        var chapters = [chapter(text)]
        #expect(BookNumbering.number(&chapters).isEmpty)
        let equations = chapters[0].blocks.compactMap { if case .equation(let e) = $0 { e } else { nil } }
        #expect(equations.map(\.number) == ["78", nil, "79", "A.1"])
        #expect(equations.map(\.label) == ["eq-one", nil, "eq-two", "eq-tagged"])
    }

    @Test func markdownInsideMathIsLeftAlone() {
        // Emphasis markers, escapes and TeX line breaks must reach the converter untouched.
        #expect(texts(paragraph("$a*b*c$ and $\\{x\\}$ and $a_1 b_2$ text_b_")) == ["a*b*c", "\\{x\\}", "a_1 b_2"])
        let blocks = chapter("$$\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}$$").blocks
        guard case .equation(let equation) = blocks[0] else { Issue.record("expected an equation"); return }
        #expect(equation.math.tex == "\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}")
    }

    @Test func mathIsNeverRecognisedInCode() {
        let inlines = paragraph("`$x$` and ``a $y$ b`` then $z$")
        #expect(texts(inlines) == ["z"])
        #expect(inlines.contains(.code("$x$")))
        #expect(inlines.contains(.code("a $y$ b")))
        let blocks = chapter("```\n$$x$$\n```\n\n    $y$\n").blocks
        #expect(blocks == [.code(CodeBlock(language: "", code: "$$x$$\n", location: SourceLocation(file: "chapters/test.md", line: 1, column: 1), closingLine: 3)),
                           .code(CodeBlock(language: "", code: "$y$\n", location: SourceLocation(file: "chapters/test.md", line: 5, column: 5)))])
    }

    @Test func escapedDollarsAndPricesAreText() {
        let inlines = paragraph("costs \\$5, or $5 and $6, a $ b")
        #expect(texts(inlines).isEmpty)
        #expect(inlines.plainText == "costs $5, or $5 and $6, a $ b")
    }

    @Test func unclosedDoubleDollarIsAWarningAtItsPlace() {
        let parsed = parse("第一行\n这里 $$z_j 没有结束\n")
        #expect(parsed.diagnostics.map(\.place) == ["2:4 math.unclosed"])
        #expect(parsed.diagnostics[0].severity == .warning)
        #expect(parsed.chapter?.blocks == [.paragraph([.text("第一行"), .softBreak, .text("这里 $$z_j 没有结束")])])
    }

    @Test func mathLocationsCountCharactersNotBytes() {
        let inlines = paragraph("\n\n中文 $$z_^L$$")
        guard case .math(let math) = inlines[1] else { Issue.record("expected math"); return }
        #expect(math.location == SourceLocation(file: "chapters/test.md", line: 3, column: 6))
        #expect(math.location(ofScalarOffset: 2).column == 8)
    }

    @Test func multiLineDisplayMathKeepsLinesAndColumns() {
        let blocks = chapter("> $$\n> a +\n>   b\n> $$ {#eq-x}\n").blocks
        guard case .blockQuote(let inner) = blocks[0], case .equation(let equation) = inner[0] else {
            Issue.record("expected an equation in a quote: \(blocks)"); return
        }
        #expect(equation.label == "eq-x")
        #expect(equation.math.tex == "\na +\nb\n")
        // "b" sits on line 3, column 5 of the file.
        #expect(equation.math.location(ofScalarOffset: 5) == SourceLocation(file: "chapters/test.md", line: 3, column: 5))
    }

    @Test func mathInHeadingsListsAndEmphasis() {
        let blocks = chapter("## 关于 $x$\n\n* **粗体 $$a_j^L$$** 文字\n").blocks
        guard case .heading(let heading) = blocks[0], case .list(let list) = blocks[1],
              case .paragraph(let item) = list.items[0][0], case .strong(let strong) = item[0] else {
            Issue.record("unexpected structure \(blocks)"); return
        }
        #expect(texts(heading.content) == ["x"])
        #expect(texts(strong) == ["a_j^L"])
    }

    @Test func dollarsInRawHTMLAndLinksAreRestored() {
        let inlines = paragraph("<span title=\"$x$\">t</span> [a]($y$)")
        #expect(inlines.contains(.html("<span title=\"$x$\">")))
        #expect(inlines.contains(.link(destination: "$y$", title: "", content: [.text("a")])))
    }
}
