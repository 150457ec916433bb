import FolioChecks
import FolioModel
import Foundation
import FolioParser
import FolioNumbering
import Testing
@testable import FolioRender

/// Renders a chapter whose cells' results are given, in order, as if evaluated.
private func render(_ text: String, results: [CellResult]) -> RenderedPage {
    var chapters = [ChapterParser().parse(Array(text.utf8), path: "chapters/test.md").chapter!]
    _ = BookNumbering.number(&chapters)
    var remaining = results[...]
    chapters[0].blocks = chapters[0].blocks.map { block in
        guard case .cell(var cell) = block else { return block }
        cell.result = remaining.popFirst()
        return .cell(cell)
    }
    let outline = BookOutline(title: "Book", lang: "en", chapters: [.init(slug: "test", title: "T")])
    return PageRenderer(outline: outline).render(chapters[0])
}

private let sweep = Figure(x: Axis(title: "z_4"), y: Axis(title: "a"),
                           series: [Series(kind: .line, name: "a_1", x: [0, 1, 2], y: [0.5, 0.25, 0.125]),
                                    Series(kind: .line, name: "a_2", x: [0, 1, 2], y: [0.5, 0.75, 0.875])])

/// Ids that more than one element of `html` carries.
private func duplicateIDs(_ html: String) -> [String] {
    var seen: [String: Int] = [:]
    for part in html.components(separatedBy: " id=\"").dropFirst() {
        if let end = part.firstIndex(of: "\"") { seen[String(part[..<end]), default: 0] += 1 }
    }
    return seen.filter { $0.value > 1 }.keys.sorted()
}

@Suite struct FigureRenderingTests {
    @Test func labelledFiguresAreNumberedCaptionedAndReferenced() {
        let page = render("""
            ---
            lang: zh-CN
            ---
            见 @fig-sweep。

            ```swift
            //| label: fig-sweep
            //| fig-cap: 激活值 & 滑条
            show(f)
            ```

            ```swift
            show(g)
            ```
            """, results: [CellResult(outputs: [.figure(sweep)]), CellResult(outputs: [.figure(sweep)])])
        #expect(page.html.contains("见 <a class=\"reference\" href=\"#fig-sweep\">图 1</a>。"))
        #expect(page.html.contains("<figure class=\"figure\" id=\"fig-sweep\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""))
        #expect(page.html.contains("<figcaption><span class=\"figure-number\">图 1：</span>激活值 &amp; 滑条</figcaption>"))
        // The data behind the figure, collapsed, with one column per series.
        #expect(page.html.contains("<details class=\"figure-data\"><summary>图中的数据</summary>"))
        #expect(page.html.contains("<th scope=\"col\">z_4</th><th scope=\"col\">a_1</th><th scope=\"col\">a_2</th>"))
        #expect(page.html.contains("<table class=\"data-table figure-table\">"))
        #expect(page.html.contains("<td>0.125</td>"))
        // The unlabelled cell's figure has no number and no caption.
        #expect(page.html.components(separatedBy: "<figcaption>").count == 2)
        #expect(page.diagnostics.isEmpty)
    }

    @Test func severalFiguresOfOneCellAreItsParts() {
        let page = render("```swift\n//| label: fig-pair\nshow(a); show(b)\n```\n", results: [CellResult(outputs: [.figure(sweep), .figure(sweep)])])
        #expect(page.html.contains("<figure class=\"figure\" id=\"fig-pair\">"))
        #expect(page.html.contains("<figure class=\"figure\" id=\"fig-pair-b\">"))
        #expect(page.html.contains("<span class=\"figure-number\">Figure 1a</span>"))
        #expect(page.html.contains("<span class=\"figure-number\">Figure 1b</span>"))
    }

    /// A `fig-…` label belongs to the cell's figure (what `@fig-…` links to); any other label to
    /// the cell, as for cells without figures. Either way it is one element's id.
    @Test func aCellLabelIsTheIdOfOneElementOnly() {
        let page = render("""
            ```swift
            //| label: sweep-table
            show(f)
            ```

            ```swift
            //| label: fig-sweep
            show(f); show(g)
            ```

            ```swift
            //| label: fig-hidden
            //| output: false
            show(f)
            ```
            """, results: [CellResult(outputs: [.figure(sweep)]), CellResult(outputs: [.figure(sweep), .figure(sweep)]),
                           CellResult(outputs: [.figure(sweep)])])
        #expect(duplicateIDs(page.html).isEmpty, "\(duplicateIDs(page.html))")
        #expect(page.html.contains("<div class=\"cell\" id=\"sweep-table\">"))
        #expect(!page.html.contains("<figure class=\"figure\" id=\"sweep-table\""))
        #expect(!page.html.contains("<div class=\"cell\" id=\"fig-sweep\""))
        #expect(page.html.contains("<figure class=\"figure\" id=\"fig-sweep\">"))
        #expect(page.html.contains("<figure class=\"figure\" id=\"fig-sweep-b\">"))
        // A numbered cell that shows no figure keeps its anchor, so @fig-hidden still lands.
        #expect(page.html.contains("<div class=\"cell\" id=\"fig-hidden\">"))
    }

    @Test func aStepperHasOneRadioButtonPerPanelAndOneChartWithAGroupPerStep() {
        let panels = (0..<3).map { index in
            Panel(title: "z_4 = \(index)", series: [Series(kind: .bar, name: "a", x: [0, 1], y: [0.2 * Double(index), 1 - 0.2 * Double(index)])])
        }
        let stepper = Figure(title: "z_4", x: Axis(title: "j"), y: Axis(title: "a"), categories: ["a_1", "a_2"], panels: panels,
                             showsLegend: false, steps: true)
        let page = render("```swift\n//| label: fig-steps\nshow(s)\n```\n", results: [CellResult(outputs: [.figure(stepper)])])
        #expect(page.html.contains("<figure class=\"figure stepper\" id=\"fig-steps\"><fieldset class=\"stepper-controls\"><legend>z<sub>4</sub></legend>"))
        #expect(page.html.contains("<input type=\"radio\" name=\"fig-steps-step\" id=\"fig-steps-step-0\" checked=\"\"><label for=\"fig-steps-step-0\">z<sub>4</sub> = 0</label>"))
        #expect(page.html.components(separatedBy: "type=\"radio\"").count == 4)
        // One chart: the axes once, each step's bars in a group of its own.
        #expect(page.html.components(separatedBy: "<svg").count == 2)
        #expect(page.html.components(separatedBy: "<path class=\"axis\"").count == 2)
        for step in 1...3 { #expect(page.html.contains("<g class=\"step step-\(step)\">")) }
        #expect(page.html.contains("<desc id=\"fig-steps-desc\">3 steps (z4 = 0, z4 = 1, z4 = 2). ") || page.html.contains("<desc id=\"fig-steps-desc\">3 steps (z₄ = 0, z₄ = 1, z₄ = 2). "))
        // The steps' data in one table, a row per step, to compare them.
        #expect(page.html.contains("<thead><tr><td></td><th scope=\"col\">a_1</th><th scope=\"col\">a_2</th></tr></thead>"))
        #expect(page.html.contains("<tr><th scope=\"row\">z_4 = 1</th><td>0.2</td><td>0.8</td></tr>"))
        #expect(page.html.components(separatedBy: "<table").count == 2)
    }

    /// A figure's title stands above its chart; the caption (number and `fig-cap`) below. A
    /// stepper's title is the legend of its buttons, above the chart, and is not repeated.
    @Test func theTitleStandsAboveTheChartAndOnlyThere() throws {
        var titled = sweep
        titled.title = "Growth of a_n"
        let page = render("""
            ```swift
            show(f)
            ```

            ```swift
            //| label: fig-growth
            //| fig-cap: Growth, with a caption
            show(f)
            ```
            """, results: [CellResult(outputs: [.figure(titled)]), CellResult(outputs: [.figure(titled)])])
        #expect(page.html.contains("<figure class=\"figure\"><p class=\"figure-title\">Growth of a<sub>n</sub></p><svg "))
        #expect(page.html.contains("<figure class=\"figure\" id=\"fig-growth\"><p class=\"figure-title\">Growth of a<sub>n</sub></p><svg "))
        #expect(page.html.contains("</svg><figcaption><span class=\"figure-number\">Figure 1:</span> Growth, with a caption</figcaption></figure>"))
        // Nothing under the charts repeats the title: the unlabelled figure has no caption.
        #expect(page.html.components(separatedBy: "<figcaption>").count == 2)
        #expect(!page.html.contains("Growth of a_n</figcaption>"))

        let panels = (0..<2).map { index in
            Panel(title: "\(index)", series: [Series(kind: .line, name: "a", x: [0, 1], y: [0.5, Double(index)])])
        }
        let stepper = Figure(title: "degree", panels: panels, steps: true)
        var untitled = stepper
        untitled.title = nil
        let steppers = render("""
            ```swift
            //| label: fig-steps
            //| fig-cap: Steps
            show(s)
            ```

            ```swift
            //| label: fig-untitled
            //| fig-cap: Untitled steps
            show(s)
            ```
            """, results: [CellResult(outputs: [.figure(stepper)]), CellResult(outputs: [.figure(untitled)])]).html
        #expect(steppers.contains("<figure class=\"figure stepper\" id=\"fig-steps\"><fieldset class=\"stepper-controls\"><legend>degree</legend>"))
        #expect(steppers.contains("<figcaption><span class=\"figure-number\">Figure 1:</span> Steps</figcaption>"))
        #expect(!steppers.contains("figure-title"))
        // Without a title the buttons are still named, for screen readers, by the caption,
        // which the page shows once, under the chart.
        #expect(steppers.contains("<fieldset class=\"stepper-controls\"><legend class=\"visually-hidden\">Untitled steps</legend>"))
        #expect(steppers.contains("<figcaption><span class=\"figure-number\">Figure 2:</span> Untitled steps</figcaption>"))
    }

    /// The steps of a stepper, and the panels of small multiples, share one table, so there is
    /// one data file per figure: a row per panel when each shows one series over the same x
    /// values; else a row per panel and x value, the panel's title first.
    @Test func panelsShareOneTableAndOneDataFile() throws {
        let xs = (0..<30).map(Double.init)
        let panels = [1, 3].map { degree in
            Panel(title: "\(degree)", series: [Series(kind: .line, name: "sin x", x: xs, y: xs.map { sin($0) }),
                                               Series(kind: .line, name: "Taylor polynomial", x: xs, y: xs.map { $0 * Double(degree) })])
        }
        let stepper = Figure(title: "degree", x: Axis(title: "x"), panels: panels, steps: true)
        let page = render("```swift\n//| label: fig-taylor\nshow(s)\n```\n", results: [CellResult(outputs: [.figure(stepper)])])
        #expect(page.attachments.map(\.path) == ["test-fig-taylor.csv"])
        #expect(page.html.contains("<p class=\"figure-data\"><a href=\"test-fig-taylor.csv\" download=\"\">Data in this figure (CSV, 60 rows)</a></p>"))
        let lines = String(decoding: try #require(page.attachments.first).bytes, as: UTF8.self).components(separatedBy: "\r\n")
        try #require(lines.count == 62)
        #expect(lines[0] == "degree,x,sin x,Taylor polynomial")
        #expect(lines[1] == "1,0,0,0")
        #expect(lines[31] == "3,0,0,0")
        #expect(lines[32] == "3,1,\(sin(1.0)),3")

        // Small: one table in the page, whatever the series.
        let small = Figure(panels: [
            Panel(title: "p", series: [Series(kind: .line, name: "a", x: [0, 1], y: [1, 2]), Series(kind: .line, name: "b", x: [0, 1], y: [3, 4])]),
            Panel(title: "q", series: [Series(kind: .scatter, name: "c", x: [5], y: [6])]),
        ])
        let table = FigureData.table(of: small)
        #expect(table.columns == ["", "", "x", "y"])
        #expect(table.rows == [["p", "a", "0", "1"], ["p", "a", "1", "2"], ["p", "b", "0", "3"], ["p", "b", "1", "4"], ["q", "c", "5", "6"]])
    }

    @Test func panelsShareAxesThatCoverEveryPanel() {
        let panels = [Panel(title: "a", series: [Series(kind: .bar, name: "s", x: [0, 1], y: [0.2, 0.3], stack: "t"),
                                                 Series(kind: .bar, name: "u", x: [0, 1], y: [0.5, 0.6], stack: "t")]),
                      Panel(title: "b", series: [Series(kind: .line, name: "v", x: [-3, 4], y: [-1, 0.1])])]
        let figures = FigureData.sharingAxes(Figure(panels: panels, steps: true))
        #expect(figures.count == 2)
        #expect(figures.allSatisfy { $0.x.lowerBound == -3 && $0.x.upperBound == 4 })
        #expect(figures.allSatisfy { $0.y.lowerBound == -1 && $0.y.upperBound == 0.8999999999999999 || $0.y.upperBound == 0.9 })
    }

    @Test func longDataGoesToACSVFileBesideThePageLinkedFromTheFigure() throws {
        let xs = (0..<40).map { Double($0) / 3 }
        let long = Figure(x: Axis(title: "c"), series: [Series(kind: .line, name: "a, \"b\"", x: xs, y: xs.map { $0 * $0 })])
        let page = render("```swift\n//| label: fig-long\nshow(f)\n```\n", results: [CellResult(outputs: [.figure(long)])])
        #expect(page.html.contains("<p class=\"figure-data\"><a href=\"test-fig-long.csv\" download=\"\">Data in this figure (CSV, 40 rows)</a></p>"))
        #expect(!page.html.contains("<details class=\"figure-data\">"))
        let file = try #require(page.attachments.first)
        #expect(page.attachments.count == 1 && file.path == "test-fig-long.csv")
        let lines = String(decoding: file.bytes, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines[0] == "c,\"a, \"\"b\"\"\"")
        // Full precision in the file, where the page's table would show six digits.
        #expect(lines[2] == "0.3333333333333333,0.1111111111111111")
        #expect(lines.count == 42 && lines[41].isEmpty)
    }

    @Test func dataTablesFallBackToOneRowPerPoint() {
        let figure = Figure(series: [Series(kind: .scatter, name: "p", x: [1, 2], y: [3, 4]), Series(kind: .scatter, name: "q", x: [5], y: [.nan])])
        let table = FigureData.table(of: figure)
        #expect(table.columns == ["", "x", "y"])
        #expect(table.rows == [["p", "1", "3"], ["p", "2", "4"], ["q", "5", "NaN"]])
    }
}

@Suite struct FigureProblemTests {
    @Test func badDataIsReportedAtTheCell() {
        let nonFinite = Figure(series: [Series(kind: .line, name: "s", x: [0, 1, 2], y: [1, .nan, .infinity])])
        let logAxis = Figure(x: Axis(scale: .log), series: [Series(kind: .line, name: "s", x: [-1, 1, 10], y: [1, 2, 3])])
        let page = render("# T\n\n```swift\nshow(a)\n```\n\n```swift\nshow(b)\n```\n",
                          results: [CellResult(outputs: [.figure(nonFinite)]), CellResult(outputs: [.figure(logAxis)])])
        let found = page.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.severity) \($0.id)" }
        #expect(found == ["3:1 warning figure.non-finite", "7:1 error figure.log-nonpositive"])
        #expect(page.html.contains("<figure class=\"figure\"><svg"))
    }

    @Test func labelMarkupBecomesSubAndSuperscripts() {
        var writer = HTMLWriter()
        FigureWriter.label("z_4 = 10^{-3} & a_{jk}", into: &writer)
        #expect(writer.output == "z<sub>4</sub> = 10<sup>-3</sup> &amp; a<sub>jk</sub>")
    }

    /// A caption reads the figure's label markup too: `x e^{−x}` is not shown as typed.
    @Test func captionsReadLabelMarkup() {
        let page = render("```swift\n//| label: fig-marks\n//| fig-cap: x e^{−x} and x_train\nshow(f)\n```\n",
                          results: [CellResult(outputs: [.figure(sweep)])])
        #expect(page.html.contains("<figcaption><span class=\"figure-number\">Figure 1:</span> x e<sup>−x</sup> and x_train</figcaption>"))
    }

    /// Buttons and titles read their markup as the chart's own labels do: `x_train` and
    /// `learning_rate` stay as written, `10^-3` has a true minus.
    @Test func labelMarkupInThePageIsTheChartsMarkup() {
        var writer = HTMLWriter()
        FigureWriter.label("x_train, learning_rate = 10^-3, a^L_j, \\_", into: &writer)
        #expect(writer.output == "x_train, learning_rate = 10<sup>−3</sup>, a<sup>L</sup><sub>j</sub>, _")
    }
}

@Suite struct DataFormattingTests {
    /// The table's numbers read exactly as C's `%.6g` writes them, trailing zeros dropped.
    @Test func dataValuesMatchPrintfSixSignificantDigits() {
        var generator = SeededGenerator(seed: 7)
        var values: [Double] = [0.5, -0.25, 1e-5, 1.5e-5, 0.000123456789, 123456.7, 999999.5, 1234567.8, 0.1 + 0.2, -3.14159265, 2.5e300, 7e-300]
        for _ in 0..<5_000 {
            let exponent = Double(Int.random(in: -12...12, using: &generator))
            values.append(Double.random(in: -10...10, using: &generator) * pow(10, exponent))
        }
        for value in values {
            var expected = String(format: "%.6g", value)
            if !expected.contains("e"), expected.contains(".") {
                while expected.hasSuffix("0") { expected.removeLast() }
                if expected.hasSuffix(".") { expected.removeLast() }
            }
            if value == value.rounded(), abs(value) < 1e15 { expected = String(Int(value)) }
            #expect(FigureData.format(value) == expected, "\(value)")
        }
    }
}
