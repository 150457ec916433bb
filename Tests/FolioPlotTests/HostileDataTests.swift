import FolioChecks
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

    @Test("Label placement on a grid answers as checking every placed label would, far off the chart too")
    func occupiedAreasAgreeWithAPlainList() {
        var random = SeededGenerator(seed: 11)
        var areas = OccupiedAreas()
        var placed: [Rect] = []
        for _ in 0..<3_000 {
            let far = random.chance(0.05)
            let x = far ? random.pick([-1e300, -5_000, 9_000, 1e300]) : Double.random(in: -100...700, using: &random)
            let box = Rect(x: x, y: Double.random(in: -50...450, using: &random),
                           width: far && random.chance(0.5) ? 1e301 : Double.random(in: 0...60, using: &random),
                           height: Double.random(in: 0...40, using: &random))
            let expected = placed.contains { $0.intersects(box) }
            #expect(areas.overlaps(box) == expected, "\(box)")
            if !expected {
                areas.add(box)
                placed.append(box)
            }
        }
        #expect(placed.count > 100)
    }

    @Test("Values of points off the plot are not written: thousands of them far above a fixed end")
    func valuesOffThePlot() {
        let count = 4_000
        let y = (0..<count).map { $0 % 2 == 0 ? 1e200 : 0.5 }
        let figure = Figure(x: Axis(), y: Axis(lowerBound: 0, upperBound: 1),
                            series: [Series(kind: .line, name: "v", x: (0..<count).map(Double.init), y: y, showsValues: true)])
        let svg = drawn(figure).svg
        let drawing = svg[svg.range(of: "</desc>")!.upperBound...]
        #expect(!drawing.contains("×10"), "1×10²⁰⁰ is off the plot")
        #expect(drawing.contains(">0.5<"))
        // Described, as the largest value: 1×10²⁰⁰, not 10×10¹⁹⁹.
        #expect(svg.contains("v is largest, 1×10²⁰⁰, at x = 0"))
    }
}
