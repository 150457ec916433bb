/// Gridlines, the x axis line, tick marks and tick labels of one plot, and the panel title.
enum AxisDrawing {
    /// Horizontal gridlines at the y ticks, zero (when inside) drawn darker; under the data.
    static func grid(_ layout: ChartLayout, _ panel: ChartLayout.PanelFrame) -> [SVGNode] {
        let plot = panel.plot
        let y = layout.yScale(panel)
        var grid = PathData()
        var zero = PathData()
        for tick in layout.yTicks.ticks {
            let position = y.position(tick.value)
            if abs(position - plot.maxY) < 0.5 { continue }
            if tick.value == 0, layout.yScaleKind == .linear {
                zero.move(plot.x, position)
                zero.append(command: "H" + NumberFormatting.coordinate(plot.maxX))
            } else {
                grid.move(plot.x, position)
                grid.append(command: "H" + NumberFormatting.coordinate(plot.maxX))
            }
        }
        var nodes: [SVGNode] = []
        if !grid.isEmpty { nodes.append(.element("path", [SVGAttribute("class", "grid"), SVGAttribute("d", grid.text)])) }
        if !zero.isEmpty { nodes.append(.element("path", [SVGAttribute("class", "zero"), SVGAttribute("d", zero.text)])) }
        return nodes
    }

    /// The x axis along the bottom, with tick marks at numeric ticks; over the data, so bars and
    /// areas sit on it.
    static func axis(_ layout: ChartLayout, _ panel: ChartLayout.PanelFrame) -> SVGNode {
        let plot = panel.plot
        var axis = PathData()
        axis.move(plot.x, plot.maxY)
        axis.append(command: "H" + NumberFormatting.coordinate(plot.maxX))
        if case .numeric(let ticks) = layout.xAxis {
            let x = layout.xScale(panel)
            for tick in ticks.ticks {
                axis.move(x.position(tick.value), plot.maxY)
                axis.append(command: "v" + NumberFormatting.coordinate(Metrics.tickLength))
            }
        }
        return .element("path", [SVGAttribute("class", "axis"), SVGAttribute("d", axis.text)])
    }

    /// Tick labels where the panel shows them, and the panel's title.
    static func labels(_ layout: ChartLayout, _ panel: ChartLayout.PanelFrame) -> [SVGNode] {
        let plot = panel.plot
        let font = Metrics.fontSize
        var nodes: [SVGNode] = []
        if let title = panel.title {
            nodes += TextDrawing.text(title, at: Point(x: plot.x, y: plot.y - 8), classes: "panel-title")
        }
        if panel.showsYLabels {
            let y = layout.yScale(panel)
            let texts = layout.yTicks.ticks.flatMap { tick in
                TextDrawing.text(LabelText(tick.label), at: Point(x: plot.x - Metrics.tickGap - 4, y: y.position(tick.value) + font * 0.35))
            }
            nodes += SVGNode.group([SVGAttribute("class", "tick"), SVGAttribute("text-anchor", "end")], texts)
        }
        if panel.showsXLabels {
            let baseline = plot.maxY + Metrics.tickLength + Metrics.tickGap + font * 0.8
            switch layout.xAxis {
            case .numeric(let ticks):
                let x = layout.xScale(panel)
                let texts = ticks.ticks.flatMap { tick in
                    TextDrawing.text(LabelText(tick.label), at: Point(x: x.position(tick.value), y: baseline))
                }
                nodes += SVGNode.group([SVGAttribute("class", "tick"), SVGAttribute("text-anchor", "middle")], texts)
            case .categorical(let labels, let rotation, let every):
                guard let band = layout.band(panel) else { break }
                let texts = labels.enumerated().filter { $0.offset % every == 0 }.flatMap { index, label in
                    let center = band.center(Double(index))
                    if rotation == 0 {
                        return TextDrawing.text(label, at: Point(x: center, y: baseline))
                    }
                    // Rotated labels end at the tick, reading up and to the left of it.
                    let anchorPoint = Point(x: center + font * 0.3, y: plot.maxY + Metrics.tickGap + font * 0.5)
                    return TextDrawing.text(label, at: anchorPoint, anchor: .end, rotation: rotation)
                }
                nodes += SVGNode.group([SVGAttribute("class", "tick"), SVGAttribute("text-anchor", "middle")], texts)
            }
        }
        return nodes
    }
}
