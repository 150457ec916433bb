import FolioModel

/// Draws annotations at data coordinates: rules across the plot, marked points and free text,
/// each label on a halo of the page's background so it reads over the data, and kept inside
/// the plot by flipping to the other side of its mark when it would run out.
enum AnnotationDrawing {
    static func draw(_ annotations: [Annotation], layout: ChartLayout, panel: ChartLayout.PanelFrame,
                     occupied: inout OccupiedAreas) -> (marks: [SVGNode], labels: [SVGNode]) {
        let plot = panel.plot
        let x = layout.xScale(panel)
        let y = layout.yScale(panel)
        let font = Metrics.fontSize
        var marks: [SVGNode] = []
        var labels: [SVGNode] = []
        var rules = PathData()
        for annotation in annotations {
            let label = LabelText(annotation.label)
            let width = label.width(fontSize: font)
            switch annotation.kind {
            case .verticalLine:
                let px = x.position(annotation.x)
                guard px >= plot.x - 0.5, px <= plot.maxX + 0.5 else { continue }
                rules.move(px, plot.y)
                rules.append(command: "V" + NumberFormatting.coordinate(plot.maxY))
                let fitsRight = px + 5 + width <= plot.maxX
                let origin = Point(x: fitsRight ? px + 5 : px - 5, y: plot.y + font)
                labels += place(label, at: origin, anchor: fitsRight ? nil : .end, width: width, occupied: &occupied)
            case .horizontalLine:
                let py = y.position(annotation.y)
                guard py >= plot.y - 0.5, py <= plot.maxY + 0.5 else { continue }
                rules.move(plot.x, py)
                rules.append(command: "H" + NumberFormatting.coordinate(plot.maxX))
                let above = py - 5 - font >= plot.y - 2
                labels += place(label, at: Point(x: plot.maxX - 4, y: above ? py - 5 : py + font + 1), anchor: .end, width: width, occupied: &occupied)
            case .point:
                let point = Point(x: x.position(annotation.x), y: y.position(annotation.y))
                guard plot.contains(point, tolerance: 0.5) else { continue }
                marks.append(.element("circle", [SVGAttribute("class", "mark"), SVGAttribute("cx", point.x), SVGAttribute("cy", point.y),
                                                 SVGAttribute("r", 4.5)]))
                let fitsRight = point.x + 9 + width <= plot.maxX + 4
                let fitsAbove = point.y - 9 - font * 0.8 >= plot.y - 4
                let origin = Point(x: fitsRight ? point.x + 9 : point.x - 9, y: fitsAbove ? point.y - 9 : point.y + 9 + font * 0.8)
                occupied.add(Rect(x: point.x - 5, y: point.y - 5, width: 10, height: 10))
                labels += place(label, at: origin, anchor: fitsRight ? nil : .end, width: width, occupied: &occupied)
            case .text:
                let point = Point(x: x.position(annotation.x), y: y.position(annotation.y))
                guard plot.contains(point, tolerance: 0.5) else { continue }
                // Centred on the point, but slid sideways to stay inside the plot.
                let center = min(max(point.x, plot.x + width / 2 + 2), plot.maxX - width / 2 - 2)
                labels += place(label, at: Point(x: center, y: point.y + font * 0.35), anchor: .middle, width: width, occupied: &occupied)
            }
        }
        if !rules.isEmpty { marks.insert(.element("path", [SVGAttribute("class", "rule"), SVGAttribute("d", rules.text)]), at: 0) }
        return (marks, SVGNode.group([SVGAttribute("class", "note halo")], labels))
    }

    /// The label's text, its box recorded so later value labels keep clear of it. Annotation
    /// labels are always drawn: the author asked for them.
    private static func place(_ label: LabelText, at origin: Point, anchor: TextDrawing.Anchor?, width: Double,
                              occupied: inout OccupiedAreas) -> [SVGNode] {
        let left: Double
        switch anchor {
        case .end: left = origin.x - width
        case .middle: left = origin.x - width / 2
        case .start, nil: left = origin.x
        }
        occupied.add(Rect(x: left, y: origin.y - Metrics.fontSize * 0.8, width: width, height: Metrics.fontSize))
        return TextDrawing.text(label, at: origin, anchor: anchor)
    }
}

/// The legend: a swatch that looks like the series (dashed line with its marker, tinted area,
/// bar, marker) and its name.
enum LegendDrawing {
    static func draw(_ items: [ChartLayout.LegendItem]) -> [SVGNode] {
        var nodes: [SVGNode] = []
        let swatch = Metrics.legendSwatch
        for item in items {
            let color = SeriesStyle.colorClass(item.style)
            let o = item.origin
            switch item.kind {
            case .line:
                var path = PathData()
                path.move(o.x, o.y)
                path.append(command: "h" + NumberFormatting.coordinate(swatch))
                var attributes = [SVGAttribute("class", "line " + color), SVGAttribute("d", path.text)]
                if let dashes = SeriesStyle.dashArray(item.style) { attributes.append(SVGAttribute("stroke-dasharray", dashes)) }
                nodes.append(.element("path", attributes))
            case .area:
                nodes.append(.element("rect", [SVGAttribute("class", "area " + color), SVGAttribute("fill-opacity", SeriesStyle.areaOpacity(item.style, stacked: true)),
                                               SVGAttribute("x", o.x), SVGAttribute("y", o.y - 6), SVGAttribute("width", swatch), SVGAttribute("height", 12)]))
                var edge = PathData()
                edge.move(o.x, o.y - 6)
                edge.append(command: "h" + NumberFormatting.coordinate(swatch))
                nodes.append(.element("path", [SVGAttribute("class", "edge " + color), SVGAttribute("d", edge.text)]))
            case .bar:
                nodes.append(.element("rect", [SVGAttribute("class", "swatch " + color), SVGAttribute("x", o.x + 4), SVGAttribute("y", o.y - 7),
                                               SVGAttribute("width", swatch - 8), SVGAttribute("height", 14)]))
            case .scatter:
                nodes.append(.element("path", [SVGAttribute("class", "marks " + color),
                                               SVGAttribute("d", SeriesStyle.marker(item.style, at: Point(x: o.x + swatch / 2, y: o.y)))]))
            }
            nodes += TextDrawing.text(item.label, at: Point(x: o.x + swatch + 6, y: o.y + Metrics.fontSize * 0.35))
        }
        return SVGNode.group([SVGAttribute("class", "legend")], nodes)
    }
}
