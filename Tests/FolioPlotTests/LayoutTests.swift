import FolioModel
@testable import FolioPlot
import Foundation
import Testing

/// A `<text>` of a rendered SVG: its baseline point, class, text, and whether it has raised or
/// lowered scripts; with the box its glyphs take, estimated as the layout estimates them.
private struct DrawnText {
    var x: Double
    var y: Double
    var classes: String
    var anchor: String
    var text: String
    var raised: Bool
    var lowered: Bool
    var width: Double
    /// Degrees, as in the `rotate(…)` of its transform; 0 when upright.
    var rotation: Double

    /// Glyph tops and bottoms around the baseline: capitals and digits reach up about three
    /// quarters of the size, descenders a quarter down; a script moves a third of the size.
    /// A rotated label (anchored at its end, reading up to its tick) hangs below its anchor.
    var top: Double { y - Metrics.fontSize * (raised ? 1.05 : 0.75) }
    var bottom: Double {
        let descent = Metrics.fontSize * (lowered ? 0.55 : 0.25)
        guard rotation != 0 else { return y + descent }
        let radians = rotation * .pi / 180
        return y + width * abs(sin(radians)) + descent * abs(cos(radians))
    }
    var left: Double { anchor == "middle" ? x - width / 2 : anchor == "end" ? x - width : x }
    var right: Double { left + width }
}

/// Every `<text>` of `svg`, with the `text-anchor` of its enclosing group.
private func texts(in svg: String) -> [DrawnText] {
    var found: [DrawnText] = []
    var groupAnchor = "start"
    var rest = svg[...]
    while let open = rest.range(of: "<") {
        rest = rest[open.upperBound...]
        guard let close = rest.firstIndex(of: ">") else { break }
        let tag = rest[..<close]
        func attribute(_ name: String) -> String? {
            guard let start = tag.range(of: " \(name)=\"") else { return nil }
            return String(tag[start.upperBound...].prefix { $0 != "\"" })
        }
        if tag.hasPrefix("g ") { groupAnchor = attribute("text-anchor") ?? "start" }
        if tag.hasPrefix("/g") { groupAnchor = "start" }
        guard tag.hasPrefix("text "), let end = rest.range(of: "</text>") else { continue }
        let rotation = attribute("transform").flatMap { Double($0.dropFirst("rotate(".count).prefix { $0 != " " }) } ?? 0
        let inner = String(rest[rest.index(after: close)..<end.lowerBound])
        var label = ""
        var markup = ""
        var scan = inner[...]
        while !scan.isEmpty {
            if scan.hasPrefix("<tspan"), let tagEnd = scan.firstIndex(of: ">"), let spanEnd = scan.range(of: "</tspan>") {
                let script = String(scan[scan.index(after: tagEnd)..<spanEnd.lowerBound])
                label += script
                markup += (scan[..<tagEnd].contains("\"sub\"") ? "_{" : "^{") + script + "}"
                scan = scan[spanEnd.upperBound...]
            } else {
                label.append(scan.removeFirst())
                markup.append(label.last!)
            }
        }
        found.append(DrawnText(x: Double(attribute("x") ?? "") ?? .nan, y: Double(attribute("y") ?? "") ?? .nan,
                               classes: attribute("class") ?? "", anchor: attribute("text-anchor") ?? groupAnchor, text: label,
                               raised: inner.contains("\"super\""), lowered: inner.contains("\"sub\""),
                               width: LabelText(markup).width(fontSize: Metrics.fontSize), rotation: rotation))
        rest = rest[end.upperBound...]
    }
    return found
}

@Suite("Layout")
struct LayoutTests {
    static let z = Fixtures.linspace(-4, 6, 41)

    /// Small multiples of every kind of x axis, with more panels than fit in one row.
    static let smallMultiples: [(name: String, figure: Figure)] = [4, 5, 7].flatMap { count in
        let titles = (0..<count).map { "z_4 = \($0)" }
        let lines = titles.enumerated().map { index, title in
            Panel(title: title, series: [Series(kind: .line, name: "a_1", x: z, y: z.map { sin($0 + Double(index)) })])
        }
        let logs = titles.map { title in
            Panel(title: title, series: [Series(kind: .line, name: "a_1", x: z.map { pow(10, $0) }, y: z.map { $0 * $0 })])
        }
        let bars = titles.map { title in
            Panel(title: title, series: [Series(kind: .bar, name: "a", x: [], y: [0.2, 0.9, 0.5, 0.1], showsValues: true)])
        }
        let months = titles.map { title in Panel(title: title, series: [Series(kind: .bar, name: "a", x: [], y: [2, 9, 5, 1])]) }
        return [
            ("\(count) lines", Figure(x: Axis(title: "z_4"), y: Axis(title: "a_j", lowerBound: -1, upperBound: 1), panels: lines, showsLegend: false)),
            ("\(count) log", Figure(x: Axis(title: "c", scale: .log), y: Axis(title: "a_j"), panels: logs, showsLegend: false)),
            ("\(count) bars", Figure(x: Axis(title: "j"), y: Axis(title: "a_j", lowerBound: 0, upperBound: 1),
                                     categories: ["a_1", "a_2", "a_3", "a_4"], panels: bars, showsLegend: false)),
            ("\(count) months", Figure(x: Axis(title: "month"), categories: ["September", "October", "November", "December"],
                                       panels: months, showsLegend: false)),
        ]
    }

    /// A panel title in a lower row has a line's height of clear space above it: nothing of the
    /// row above (its axis, ticks, tick labels) comes nearer, so the title reads with its own plot.
    @Test("Lower rows of small multiples leave room above their panel titles", arguments: smallMultiples.map(\.name))
    func roomAbovePanelTitles(name: String) throws {
        let figure = try #require(Self.smallMultiples.first { $0.name == name }?.figure)
        let layout = ChartLayout(figure: figure, data: PlotData(figure))
        let drawn = texts(in: FigureRenderer().render(figure, id: "f", alt: nil).svg)
        let titles = drawn.filter { $0.classes == "panel-title" }
        #expect(titles.count == figure.panels.count)
        var checked = 0
        for (index, panel) in layout.panels.enumerated() where panel.plot.y > layout.panels[0].plot.y {
            let title = try #require(titles.first { abs($0.x - panel.plot.x) < 0.01 && abs($0.y - (panel.plot.y - 8)) < 0.01 })
            let above = layout.panels.filter { $0.plot.maxY < panel.plot.y }
            let rowAbove = above.map(\.plot.maxY).max() ?? 0
            // The row above's axes and tick marks, and every label between its plots' bottom and this title.
            var lowest = rowAbove + Metrics.tickLength
            for text in drawn where text.y > rowAbove - Metrics.fontSize && text.y < title.y && text.classes != "panel-title" {
                lowest = max(lowest, text.bottom)
            }
            #expect(title.top - lowest >= Metrics.fontSize, "panel \(index + 1) of \(name): \(title.top - lowest) units above its title")
            checked += 1
        }
        #expect(checked > 0)
    }

    /// The first and last tick labels of an x axis stay inside the viewBox even 10% wider than
    /// estimated, with a margin: a `10⁰` at a log axis's right end was clipped at the SVG's edge.
    @Test("End labels of the x axis stay inside the figure")
    func endLabelsInside() {
        let hs = Fixtures.linspace(-12, -1, 45).map { pow(10, $0) }
        let figures = [
            Figure(x: Axis(title: "h", scale: .log), y: Axis(title: "|error|", scale: .log),
                   series: [Series(kind: .line, name: "e", x: hs, y: hs.map { $0 * $0 + 1e-16 / $0 })], showsLegend: false),
            Figure(x: Axis(title: "c", scale: .log, lowerBound: 0.1, upperBound: 1e4),
                   series: (1...4).map { Series(kind: .line, name: "a_\($0)", x: [0.1, 1e4], y: [0, Double($0)]) }),
            Figure(x: Axis(title: "n", lowerBound: 0, upperBound: 1000), series: [Series(kind: .line, name: "n", x: [0, 1000], y: [0, 1])]),
            Fixtures.logLine,
        ]
        for figure in figures {
            let layout = ChartLayout(figure: figure, data: PlotData(figure))
            let labels = texts(in: FigureRenderer().render(figure, id: "f", alt: nil).svg)
                .filter { $0.classes.isEmpty && $0.anchor == "middle" && $0.rotation == 0 && $0.y > (layout.panels.first?.plot.maxY ?? 0) }
            #expect(labels.count >= 2)
            for label in labels {
                let spare = label.width * 0.1 / 2
                #expect(label.left - spare >= 4 && label.right + spare <= layout.width - 4,
                        "\(label.text) spans \(label.left)…\(label.right) of \(layout.width)")
            }
        }
    }

    /// A value written over the first or last point stays over the plot: not on the y labels,
    /// not out of the figure.
    @Test("Values at the ends of a series stay over the plot")
    func valuesInsidePlot() {
        let k: [Double] = [1, 2, 3, 4, 5]
        let figures = [
            Figure(x: Axis(title: "k"), y: Axis(title: "k!"),
                   series: [Series(kind: .line, name: "k!", x: k, y: [1, 2, 6, 24, 120], showsValues: true)], showsLegend: false),
            Figure(series: [Series(kind: .scatter, name: "v", x: [0, 1, 2], y: [-123456, 2, 3_628_800], showsValues: true)]),
        ]
        for figure in figures {
            let layout = ChartLayout(figure: figure, data: PlotData(figure))
            let plot = layout.panels[0].plot
            let svg = FigureRenderer().render(figure, id: "f", alt: nil).svg
            let valueGroup = svg.components(separatedBy: "<g class=\"value halo\" text-anchor=\"middle\">").dropFirst().first ?? ""
            let values = texts(in: "<g text-anchor=\"middle\">" + (valueGroup.components(separatedBy: "</g>").first ?? "") + "</g>")
            #expect(values.count == figure.series[0].y.count)
            for value in values {
                #expect(value.left >= plot.x - 0.01 && value.right <= plot.maxX + 0.01,
                        "\(value.text) spans \(value.left)…\(value.right); the plot \(plot.x)…\(plot.maxX)")
            }
        }
    }
}
