import FolioModel
@testable import FolioPlot
import Testing

/// Figures the fuzz target `Fuzz/Sources/FuzzFigure` found that trapped: each is the smallest
/// input that did, kept so the cause stays fixed. Drawing must finish with well-formed SVG and
/// no `NaN` or infinity in it.
@Suite("Hostile data")
struct HostileDataTests {
    private func drawn(_ figure: Figure) -> RenderedFigure {
        let rendered = FigureRenderer().render(figure, id: "hostile", alt: nil)
        #expect(wellFormednessProblem(rendered.svg) == nil)
        #expect(!rendered.svg.contains("NaN") && !rendered.svg.contains("inf"))
        return rendered
    }

    @Test("A fixed end at -Double.greatestFiniteMagnitude: its band no longer overflows to -∞")
    func hugeFixedEnd() {
        let rendered = drawn(Figure(y: Axis(upperBound: -.greatestFiniteMagnitude)))
        #expect(rendered.svg.contains(#"class="axis""#))
    }

    @Test("Huge data is skipped like NaN, with the same warning")
    func hugeData() {
        let rendered = drawn(Figure(series: [Series(kind: .line, name: "a", x: [0, 1, 2], y: [1, 1e301, -.greatestFiniteMagnitude])]))
        #expect(rendered.problems.map(\.id) == ["figure.non-finite"])
        #expect(rendered.problems.first?.message.hasPrefix("2 points") == true)
    }

    @Test("Fixed ends that are subnormal: tick steps between them no longer underflow to zero")
    func subnormalFixedEnds() {
        _ = drawn(Figure(y: Axis(lowerBound: .leastNonzeroMagnitude, upperBound: Double(bitPattern: 0x0000_0100_0000_0000))))
    }

    @Test("Subnormal data is drawn at zero")
    func subnormalData() {
        let rendered = drawn(Figure(series: [Series(kind: .scatter, name: "a", x: [0, 1], y: [.leastNonzeroMagnitude, 5e-310])]))
        #expect(rendered.problems.isEmpty)
        let layout = ChartLayout(figure: Figure(), data: PlotData(Figure(series: [Series(kind: .scatter, name: "a", x: [0, 1], y: [1e-320, 2e-320])])))
        #expect(layout.yTicks.lower < 0 && layout.yTicks.upper > 0)
    }

    @Test("An area beside bars whose largest point is far off the categories: described, not trapped")
    func largestPointOffTheCategories() {
        let rendered = drawn(Figure(series: [Series(kind: .area, name: "b", x: [-1e125, 0], y: [2, 1]),
                                             Series(kind: .bar, name: "", x: [], y: [])]))
        #expect(rendered.description.contains("b is largest"))
    }

    @Test("Many scatter points far beyond a fixed axis end: dropped, not thinned on overflowing grid keys")
    func scatterFarOffThePlot() {
        // One point on the plot (y from -1 to the fixed 0), a thousand at 10^299 and more.
        let x = (0...1_000).map(Double.init)
        let y = [-1] + (1...1_000).map { 1e299 * (1 + Double($0) / 1_000) }
        let rendered = drawn(Figure(y: Axis(upperBound: 0), series: [Series(kind: .scatter, name: "a", x: x, y: y)]))
        #expect(rendered.svg.contains("marks"))
    }

    @Test("A log axis over 600 decades: thinned decades stop at 10^±300 instead of overflowing")
    func logAxisAcrossEveryDecade() {
        _ = drawn(Figure(x: Axis(scale: .log), series: [Series(kind: .line, name: "a", x: [1e-300, 1e300], y: [1, 2])]))
        _ = drawn(Figure(x: Axis(scale: .log, upperBound: .infinity), y: Axis(scale: .log),
                         series: [Series(kind: .line, name: "a", x: [1e-300, 1, 1e300], y: [1e300, 1e-300, 1])]))
    }
}
