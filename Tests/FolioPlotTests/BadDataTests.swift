import FolioModel
@testable import FolioPlot
import Foundation
import Testing

@Suite("Bad data")
struct BadDataTests {
    private func render(_ figure: Figure) -> RenderedFigure {
        let rendered = FigureRenderer().render(figure, id: "bad", alt: nil)
        #expect(wellFormednessProblem(rendered.svg) == nil)
        #expect(rendered.svg.utf8.count <= 30_000)
        #expect(!rendered.svg.contains("NaN") && !rendered.svg.contains("inf"))
        return rendered
    }

    @Test("No series: axes only, and a figure.empty warning")
    func empty() {
        for figure in [Figure(), Figure(series: [Series(kind: .line, name: "a", x: [], y: [])])] {
            let rendered = render(figure)
            #expect(rendered.problems.map(\.id) == ["figure.empty"])
            #expect(rendered.problems.allSatisfy { !$0.isError })
            #expect(rendered.svg.contains(#"class="axis""#))
            #expect(rendered.description.contains("no data"))
        }
    }

    @Test("NaN and infinities are skipped with one warning that counts them")
    func nonFinite() {
        let figure = Figure(series: [
            Series(kind: .line, name: "a", x: [0, 1, 2, 3], y: [1, .nan, 3, .infinity]),
            Series(kind: .scatter, name: "b", x: [-.infinity, 1], y: [1, 2]),
        ])
        let rendered = render(figure)
        #expect(rendered.problems.map(\.id) == ["figure.non-finite"])
        #expect(rendered.problems.first?.message.hasPrefix("3 points") == true)
    }

    @Test("A single point is drawn, marked, in a sensible range")
    func singlePoint() {
        let rendered = render(Figure(series: [Series(kind: .line, name: "p", x: [2], y: [5])]))
        #expect(rendered.problems.isEmpty)
        #expect(rendered.svg.contains(#"class="marks s1""#))
        let data = PlotData(Figure(series: [Series(kind: .line, name: "p", x: [2], y: [5])]))
        let layout = ChartLayout(figure: Figure(), data: data)
        #expect(layout.yTicks.lower < 5 && layout.yTicks.upper > 5)
    }

    @Test("All-equal values get a range around them", arguments: [0.0, 1, -250])
    func allEqual(value: Double) {
        let figure = Figure(series: [Series(kind: .line, name: "flat", x: [1, 1, 1], y: [value, value, value])])
        let rendered = render(figure)
        #expect(rendered.problems.isEmpty)
        let layout = ChartLayout(figure: figure, data: PlotData(figure))
        #expect(layout.yTicks.lower < value && layout.yTicks.upper > value)
        if case .numeric(let x) = layout.xAxis { #expect(x.lower < 1 && x.upper > 1) }
    }

    @Test("Non-positive values on a log axis are an error; the rest is still drawn")
    func logNonPositive() {
        let figure = Figure(y: Axis(scale: .log), series: [Series(kind: .line, name: "a", x: [0, 1, 2, 3], y: [-1, 0, 10, 100])])
        let rendered = render(figure)
        #expect(rendered.problems.map(\.id) == ["figure.log-nonpositive"])
        #expect(rendered.problems.first?.isError == true)
        #expect(rendered.problems.first?.message.contains("2 points") == true)
        #expect(rendered.svg.contains(#"class="line s1""#))
        let xLog = render(Figure(x: Axis(scale: .log), series: [Series(kind: .scatter, name: "a", x: [0, 1, 10], y: [1, 2, 3])]))
        #expect(xLog.problems.first?.message.contains("log-scale x axis") == true)
    }

    @Test("Mismatched lengths are reported and truncated")
    func lengthMismatch() {
        let rendered = render(Figure(series: [Series(kind: .line, name: "a", x: [0, 1, 2], y: [1, 2])]))
        #expect(rendered.problems.map(\.id) == ["figure.length-mismatch"])
    }

    @Test("Fixed ends the wrong way round are ignored")
    func invertedBounds() {
        let figure = Figure(y: Axis(lowerBound: 5, upperBound: 1), series: [Series(kind: .line, name: "a", x: [0, 1], y: [2, 3])])
        let layout = ChartLayout(figure: figure, data: PlotData(figure))
        #expect(layout.yTicks.lower <= 2 && layout.yTicks.upper >= 3)
        _ = render(figure)
    }

    @Test("10⁵ points are simplified: small SVG, quick render", arguments: [Series.Kind.line, .scatter, .area])
    func hugeSeries(kind: Series.Kind) {
        let count = 100_000
        let x = (0..<count).map { Double($0) / 1000 }
        let noise = Fixtures.noise(count, seed: 3)
        let series = (0..<(kind == .area ? 4 : 1)).map { index in
            Series(kind: kind, name: "s\(index)", x: x, y: zip(x, noise).map { sin($0) + $1 * 0.3 + 1.5 }, stack: kind == .area ? "all" : nil)
        }
        let clock = ContinuousClock()
        var rendered: RenderedFigure?
        let elapsed = clock.measure { rendered = FigureRenderer().render(Figure(series: series), id: "big", alt: nil) }
        let svg = rendered?.svg ?? ""
        #expect(wellFormednessProblem(svg) == nil)
        #expect(svg.utf8.count <= 30_000, "\(kind): \(svg.utf8.count) bytes")
        // A guard against a quadratic blow-up, not a speed figure (`make bench` has those): wide
        // enough for a debug build on a loaded machine.
        #expect(elapsed < .seconds(60), "\(kind): \(elapsed)")
        print("10⁵-point \(kind) × \(series.count): \(svg.utf8.count) bytes in \(elapsed) (debug build)")
    }

    @Test("Thousands of bars: merged per pixel column, every k-th category named, still every value's extremes")
    func thousandsOfBars() throws {
        let count = 3_824
        let names = (0..<count).map { "c\($0)" }
        let values = (0..<count).map { Double($0 % 17) + 0.5 }
        let figure = Figure(series: [Series(kind: .bar, name: "v", x: values.indices.map(Double.init), y: values)], categories: names)
        let svg = render(figure).svg
        let bars = try #require(svg.firstMatch(of: /<path class="bar s1 merged" d="([^"]*)"/)?.1)
        let merged = bars.filter { $0 == "Z" }.count
        // One bar per pixel column of a plot about 560 px wide, not one per value.
        #expect((400...600).contains(merged), "\(merged) merged bars")
        // Each merged bar reaches its column's highest value, so their tops differ.
        let tops = bars.matches(of: /V([0-9.]+)h/).compactMap { Double($0.1) }
        #expect(tops.count == merged && Set(tops).count > 1)
        let labels = svg.matches(of: /rotate\(-90[^>]*>(c[0-9]+)</).map { String($0.1) }
        #expect(labels.first == "c0")
        #expect((20...45).contains(labels.count), "\(labels.count) category labels")
        let every = Int(labels[1].dropFirst())! - Int(labels[0].dropFirst())!
        #expect(labels.enumerated().allSatisfy { Int($0.element.dropFirst()) == $0.offset * every })
        // A handful of bars keeps its own outlined bars and every name.
        let few = render(Figure(series: [Series(kind: .bar, name: "v", x: [0, 1, 2], y: [1, 2, 3])], categories: ["a", "b", "c"])).svg
        #expect(few.contains("<path class=\"bar s1\" d=") && few.contains(">a<") && few.contains(">c<"))
    }

    @Test("Data outside fixed ends is clipped to the plot")
    func clipped() {
        let figure = Figure(y: Axis(lowerBound: 0, upperBound: 1), series: [Series(kind: .line, name: "a", x: [0, 1, 2], y: [0.5, 3, -2])])
        let rendered = render(figure)
        #expect(rendered.svg.contains(#"<clipPath id="bad-clip-1">"#))
        #expect(rendered.svg.contains(#"clip-path="url(#bad-clip-1)""#))
    }
}

@Suite("SVG structure")
struct StructureTests {
    @Test("Root element: role, labelled by title and desc, viewBox only, prefixed ids")
    func root() throws {
        let rendered = FigureRenderer().render(Fixtures.stackedArea, id: "fig-7", alt: nil)
        let svg = rendered.svg
        #expect(svg.hasPrefix(#"<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 600 "#))
        #expect(svg.contains(#"class="folio-chart" aria-labelledby="fig-7-title fig-7-desc""#))
        #expect(svg.contains(#"<title id="fig-7-title">Softmax outputs as z₄ grows</title>"#))
        #expect(svg.contains(#"<desc id="fig-7-desc">"#))
        #expect(!svg.contains(" width=\"600") && !svg.contains("<script") && !svg.contains("style=") && !svg.contains("href"))
        let ids = svg.matches(of: /\sid="([^"]*)"/).map { String($0.1) }
        #expect(ids.allSatisfy { $0.hasPrefix("fig-7-") })
    }

    @Test("Coordinates have at most two decimals")
    func coordinates() {
        for (_, figure) in Fixtures.golden {
            let svg = FigureRenderer().render(figure, id: "c", alt: nil).svg
            #expect(svg.firstMatch(of: /="[^"]*\d\.\d{3}/) == nil)
        }
    }

    @Test("The description comes from the data unless alt is given")
    func description() {
        let generated = FigureRenderer().render(Fixtures.stackedArea, id: "d", alt: nil).description
        #expect(generated.hasPrefix("Stacked area chart of a₁…a₄ against z₄ from −4 to 6; a₄ is largest, 0.93, at z₄ = 6."))
        #expect(generated.contains("Marked: z₄ = z₃ at (3, "))
        let alt = FigureRenderer().render(Fixtures.stackedArea, id: "d", alt: "Softmax <outputs>")
        #expect(alt.description == "Softmax <outputs>")
        #expect(alt.svg.contains("<desc id=\"d-desc\">Softmax &lt;outputs&gt;</desc>"))
        let bars = FigureRenderer().render(Fixtures.groupedBar, id: "d", alt: nil).description
        #expect(bars.hasPrefix("Grouped bar chart of softmax, sigmoid and linear across 4 categories"))
    }

    @Test("Small multiples share the axes; labels only on the outer panels; one legend")
    func smallMultiples() {
        let figure = Fixtures.smallMultiples
        let layout = ChartLayout(figure: figure, data: PlotData(figure))
        #expect(layout.panels.count == 5)
        #expect(layout.panels.map(\.showsYLabels) == [true, false, false, true, false])
        #expect(layout.panels.map(\.showsXLabels) == [false, false, true, true, true])
        #expect(Set(layout.panels.map(\.plot.width)).count == 1)
        #expect(layout.legend.count == 4)
        let svg = FigureRenderer().render(figure, id: "m", alt: nil).svg
        #expect(svg.matches(of: /class="legend"/).count == 1)
        #expect(svg.matches(of: /class="panel-title"/).count == 5)
    }

    @Test("A legend only for more than one named series")
    func legendRule() {
        let one = Figure(series: [Series(kind: .line, name: "only", x: [0, 1], y: [0, 1])])
        #expect(!FigureRenderer().render(one, id: "l", alt: nil).svg.contains(#"class="legend""#))
        var two = Fixtures.line
        two.showsLegend = false
        #expect(!FigureRenderer().render(two, id: "l", alt: nil).svg.contains(#"class="legend""#))
        #expect(FigureRenderer().render(Fixtures.line, id: "l", alt: nil).svg.contains(#"class="legend""#))
    }

    @Test("Stacked areas sum to the top: softmax layers reach exactly 1")
    func stackedTotal() {
        let data = PlotData(Fixtures.stackedArea)
        let top = data.plots[0].series.last?.points.map(\.y) ?? []
        #expect(top.allSatisfy { abs($0 - 1) < 1e-12 })
        #expect(data.plots[0].series[1].points.map { $0.base ?? -1 } == data.plots[0].series[0].points.map(\.y))
    }

    @Test("Grouped bars sit side by side; stacked bars share a slot")
    func barSlots() {
        let grouped = PlotData(Fixtures.groupedBar).plots[0].series
        #expect(grouped.map(\.barSlot) == [0, 1, 2] && grouped.allSatisfy { $0.barSlotCount == 3 })
        let stacked = PlotData(Fixtures.stackedBar).plots[0].series
        #expect(stacked.map(\.barSlot) == [0, 0, 0] && stacked.allSatisfy { $0.barSlotCount == 1 })
        #expect(abs((stacked[2].points[0].base ?? 0) - 0.9) < 1e-12)
    }

    @Test("The stylesheet defines the palette with a dark variant")
    func css() {
        let css = FigureRenderer.css
        for color in ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"] {
            #expect(css.contains(color))
        }
        #expect(css.contains("--folio-series-8") && css.contains("@media (prefers-color-scheme:dark)"))
        #expect(css.contains("font-family:inherit"))
    }

    @Test("A typical figure (4 series × 100 points) renders in well under a millisecond in release")
    func speed() {
        let x = Fixtures.linspace(0, 10, 100)
        let figure = Figure(x: Axis(title: "x"), y: Axis(title: "y"), series: (0..<4).map { k in
            Series(kind: .line, name: "s\(k)", x: x, y: x.map { sin($0 + Double(k)) })
        })
        let renderer = FigureRenderer()
        _ = renderer.render(figure, id: "w", alt: nil)
        let rounds = 200
        let elapsed = ContinuousClock().measure {
            for round in 0..<rounds { _ = renderer.render(figure, id: "t\(round)", alt: nil) }
        }
        let each = elapsed / rounds
        print("4 × 100-point line figure: \(each) per render")
        #expect(each < .milliseconds(50))
    }
}
