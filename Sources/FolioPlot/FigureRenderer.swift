import FolioModel

/// Draws a `Figure` as an inline SVG element: no script, no external reference, colours from
/// the page's stylesheet (``FigureRenderer/css``), text in the page's font.
public struct FigureRenderer: Sendable {
    public init() {}

    /// The stylesheet fragment a page must include for figures to have colour: custom properties
    /// `--folio-series-1`…`--folio-series-8`, `--folio-text`, `--folio-muted`, `--folio-axis`,
    /// `--folio-grid`, `--folio-bg` and `--folio-note` on `.folio-chart`, with a
    /// `prefers-color-scheme: dark` variant, and the classes the SVG uses.
    public static let css: String = ChartStylesheet.css

    /// The `<svg>` for `figure`. `id` is unique within the page and prefixes every id the SVG
    /// defines; `alt` replaces the description generated from the data.
    public func render(_ figure: Figure, id: String, alt: String?) -> RenderedFigure {
        let data = PlotData(figure)
        let layout = ChartLayout(figure: figure, data: data)
        let description = alt ?? FigureDescription.describe(figure, data: data)
        let title = figure.title.map { LabelText($0).plainText }.flatMap(\.nilIfEmpty) ?? FigureDescription.kind(of: data)

        let (vertexBudget, markerBudget) = Self.budgets(data, layout: layout)
        let clips = Self.needsClip(figure)

        var defs: [SVGNode] = []
        var under: [SVGNode] = []
        var over: [SVGNode] = []
        for (index, panel) in layout.panels.enumerated() {
            let plot = data.plots[index]
            var occupied = OccupiedAreas()
            let notes = AnnotationDrawing.draw(plot.annotations, layout: layout, panel: panel, occupied: &occupied)
            let series = SeriesDrawing(layout: layout, panel: panel, vertexBudget: vertexBudget, markerBudget: markerBudget)
                .draw(plot.series, occupied: &occupied)
            under += AxisDrawing.grid(layout, panel)
            if clips, !series.shapes.isEmpty {
                let clipID = "\(id)-clip-\(index + 1)"
                let rect = panel.plot
                defs.append(.element("clipPath", [SVGAttribute("id", clipID)], [
                    .element("rect", [SVGAttribute("x", rect.x), SVGAttribute("y", rect.y - 1), SVGAttribute("width", rect.width),
                                      SVGAttribute("height", rect.height + 2)]),
                ]))
                under += SVGNode.group([SVGAttribute("clip-path", "url(#\(clipID))")], series.shapes)
            } else {
                under += series.shapes
            }
            under.append(AxisDrawing.axis(layout, panel))
            under += notes.marks
            over += AxisDrawing.labels(layout, panel)
            over += series.labels
            over += notes.labels
        }
        if let title = layout.xTitle {
            over += TextDrawing.text(title.label, at: title.position, anchor: .middle, classes: "axis-title")
        }
        if let title = layout.yTitle {
            over += TextDrawing.text(title.label, at: title.position, classes: "axis-title")
        }
        over += LegendDrawing.draw(layout.legend)

        let svg = Self.chart(id: id, layout: layout, title: title, description: description, defs: defs, body: under + over)
        return RenderedFigure(svg: svg, description: description, problems: data.problems)
    }

    /// One `<svg>` for a figure shown a step at a time. `steps` are figures on the same axes
    /// (fixed ranges that cover every step); the grid, axes, ticks, axis titles and legend are
    /// drawn once, from the first, and each step's series and marks go in a group
    /// `<g class="step step-K">` (K from 1) for the page's stylesheet to show one at a time.
    /// Drawing the frame once keeps a stepper a fraction of the size of one SVG per step, and
    /// the axes stand still while the data moves.
    public func renderSteps(_ steps: [Figure], title: String?, id: String, alt: String?) -> RenderedFigure {
        guard let first = steps.first else { return render(Figure(title: title), id: id, alt: alt) }
        let firstData = PlotData(first)
        let layout = ChartLayout(figure: first, data: firstData)
        var problems: [FigureProblem] = []
        var defs: [SVGNode] = []
        var under: [SVGNode] = []
        var over: [SVGNode] = []
        for panel in layout.panels {
            under += AxisDrawing.grid(layout, panel)
            over.append(AxisDrawing.axis(layout, panel))
            over += AxisDrawing.labels(layout, panel)
        }
        if let axisTitle = layout.xTitle {
            over += TextDrawing.text(axisTitle.label, at: axisTitle.position, anchor: .middle, classes: "axis-title")
        }
        if let axisTitle = layout.yTitle {
            over += TextDrawing.text(axisTitle.label, at: axisTitle.position, classes: "axis-title")
        }
        over += LegendDrawing.draw(layout.legend)

        let clips = steps.contains(where: Self.needsClip)
        if clips {
            for (index, panel) in layout.panels.enumerated() {
                let rect = panel.plot
                defs.append(.element("clipPath", [SVGAttribute("id", "\(id)-clip-\(index + 1)")], [
                    .element("rect", [SVGAttribute("x", rect.x), SVGAttribute("y", rect.y - 1), SVGAttribute("width", rect.width),
                                      SVGAttribute("height", rect.height + 2)]),
                ]))
            }
        }
        var groups: [SVGNode] = []
        for (stepIndex, step) in steps.enumerated() {
            let data = stepIndex == 0 ? firstData : PlotData(step)
            problems += data.problems
            let stepLayout = stepIndex == 0 ? layout : ChartLayout(figure: step, data: data)
            let budget = Self.budgets(data, layout: stepLayout)
            var content: [SVGNode] = []
            var labels: [SVGNode] = []
            for (index, panel) in stepLayout.panels.enumerated() where index < data.plots.count {
                let plot = data.plots[index]
                var occupied = OccupiedAreas()
                let notes = AnnotationDrawing.draw(plot.annotations, layout: stepLayout, panel: panel, occupied: &occupied)
                let series = SeriesDrawing(layout: stepLayout, panel: panel, vertexBudget: budget.vertices, markerBudget: budget.markers)
                    .draw(plot.series, occupied: &occupied)
                content += clips && index < layout.panels.count
                    ? SVGNode.group([SVGAttribute("clip-path", "url(#\(id)-clip-\(index + 1))")], series.shapes) : series.shapes
                content += notes.marks
                labels += series.labels + notes.labels
            }
            groups.append(.element("g", [SVGAttribute("class", "step step-\(stepIndex + 1)")], content + labels))
        }

        let kind = FigureDescription.kind(of: firstData)
        let stepTitles = steps.compactMap { $0.title.map { LabelText($0).plainText } }
        let description = alt ?? "\(steps.count) steps (\(stepTitles.joined(separator: ", "))). "
            + FigureDescription.describe(first, data: firstData)
        let chartTitle = title.map { LabelText($0).plainText }.flatMap(\.nilIfEmpty) ?? kind
        let svg = Self.chart(id: id, layout: layout, title: chartTitle, description: description, defs: defs, body: under + groups + over)
        return RenderedFigure(svg: svg, description: description, problems: problems)
    }

    /// The `<svg role="img">` element around a chart's drawing: its title and description (named
    /// by `aria-labelledby`), its definitions, the viewBox of its layout.
    private static func chart(id: String, layout: ChartLayout, title: String, description: String, defs: [SVGNode],
                              body: [SVGNode]) -> String {
        var children: [SVGNode] = [
            .element("title", [SVGAttribute("id", "\(id)-title")], [.text(title)]),
            .element("desc", [SVGAttribute("id", "\(id)-desc")], [.text(description)]),
        ]
        if !defs.isEmpty { children.append(.element("defs", [], defs)) }
        children += body
        return SVGNode.element("svg", [
            SVGAttribute("xmlns", "http://www.w3.org/2000/svg"),
            SVGAttribute("role", "img"),
            SVGAttribute("viewBox", "0 0 \(NumberFormatting.coordinate(layout.width)) \(NumberFormatting.coordinate(layout.height))"),
            SVGAttribute("class", "folio-chart"),
            SVGAttribute("aria-labelledby", "\(id)-title \(id)-desc"),
            SVGAttribute("font-size", Metrics.fontSize),
        ], children).markup
    }

    /// How many vertices a line or area outline may keep, and how many markers a scatter may
    /// draw, so a huge series stays a small SVG.
    private static func budgets(_ data: PlotData, layout: ChartLayout) -> (vertices: Int, markers: Int) {
        let drawn = data.plots.flatMap(\.series).filter { !$0.points.isEmpty }
        let outlineUnits = drawn.reduce(0) { $0 + ($1.kind == .area ? 3 : $1.kind == .line ? 1 : 0) }
        let scatterCount = drawn.filter { $0.kind == .scatter }.count
        let plotWidth = layout.panels.first?.plot.width ?? Metrics.width
        return (min(Int(plotWidth * 2), max(40, 1500 / max(outlineUnits, 1))), max(30, 400 / max(scatterCount, 1)))
    }

    /// Data can only reach past the plot when an axis end is fixed.
    private static func needsClip(_ figure: Figure) -> Bool {
        figure.x.lowerBound != nil || figure.x.upperBound != nil || figure.y.lowerBound != nil || figure.y.upperBound != nil
    }
}

/// A drawn figure and what was wrong with its data.
public struct RenderedFigure: Sendable, Equatable {
    /// A complete `<svg role="img">` element with `<title>` and `<desc>`.
    public var svg: String
    /// The text of the `<desc>`: `alt` if given, else generated from the data.
    public var description: String
    public var problems: [FigureProblem]

    public init(svg: String, description: String, problems: [FigureProblem]) {
        self.svg = svg
        self.description = description
        self.problems = problems
    }
}

/// Something wrong with a figure's data: a warning (points skipped) or an error (nothing
/// sensible can be drawn, such as a log axis over non-positive values). Ids: `figure.empty`,
/// `figure.non-finite`, `figure.length-mismatch`, `figure.log-nonpositive` (an error).
public struct FigureProblem: Sendable, Equatable {
    public var id: String
    public var message: String
    public var isError: Bool

    public init(id: String, message: String, isError: Bool) {
        self.id = id
        self.message = message
        self.isError = isError
    }
}
