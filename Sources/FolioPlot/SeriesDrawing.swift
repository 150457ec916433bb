import FolioModel

/// Draws the series of one plot: areas underneath, then bars, lines and points on top, each
/// series one `<path>` (plus its value labels), in its palette class.
struct SeriesDrawing {
    var layout: ChartLayout
    var panel: ChartLayout.PanelFrame
    /// Vertices each line or area outline may keep after simplification.
    var vertexBudget: Int
    /// Markers a scatter series may keep.
    var markerBudget: Int

    private var x: Scale { layout.xScale(panel) }
    private var y: Scale { layout.yScale(panel) }

    /// The series shapes (to be clipped to the plot) and their value labels (not clipped).
    func draw(_ series: [PreparedSeries], occupied: inout OccupiedAreas) -> (shapes: [SVGNode], labels: [SVGNode]) {
        let order: [Series.Kind] = [.area, .bar, .line, .scatter]
        let lineCount = series.filter { $0.kind == .line }.count
        var shapes: [SVGNode] = []
        var labels: [SVGNode] = []
        for kind in order {
            for item in series where item.kind == kind && !item.points.isEmpty {
                switch kind {
                case .area: shapes += area(item)
                case .bar: shapes += bars(item)
                case .line: shapes += line(item, withMarkers: lineCount > 1 && item.points.count <= 30)
                case .scatter: shapes += scatter(item)
                }
            }
        }
        for kind in order {
            for item in series where item.kind == kind && item.showsValues {
                labels += values(item, occupied: &occupied)
            }
        }
        return (shapes, labels)
    }

    private func screen(_ point: DataPoint) -> Point {
        Point(x: x.position(point.x), y: y.position(point.y))
    }

    private func line(_ series: PreparedSeries, withMarkers: Bool) -> [SVGNode] {
        let points = Simplification.polyline(series.points.map(screen), maxPoints: vertexBudget)
        var path = PathData()
        path.polyline(points)
        var attributes = [SVGAttribute("class", "line " + SeriesStyle.colorClass(series.style)), SVGAttribute("d", path.text)]
        if let dashes = SeriesStyle.dashArray(series.style) { attributes.append(SVGAttribute("stroke-dasharray", dashes)) }
        var nodes: [SVGNode] = [.element("path", attributes)]
        if withMarkers || series.points.count == 1 {
            let markers = series.points.map { SeriesStyle.marker(series.style, at: screen($0), size: 3.5) }.joined()
            nodes.append(.element("path", [SVGAttribute("class", "marks " + SeriesStyle.colorClass(series.style)), SVGAttribute("d", markers)]))
        }
        return nodes
    }

    private func area(_ series: PreparedSeries) -> [SVGNode] {
        let top = Simplification.polyline(series.points.map(screen), maxPoints: vertexBudget)
        let base = Simplification.polyline(series.points.map { point in
            Point(x: x.position(point.x), y: point.base.map { y.kind == .log && $0 <= 0 ? y.baseline : y.position($0) } ?? y.baseline)
        }, maxPoints: vertexBudget)
        var fill = PathData()
        fill.polyline(top)
        for point in base.reversed() { fill.line(point.x, point.y) }
        fill.close()
        var edge = PathData()
        edge.polyline(top)
        let color = SeriesStyle.colorClass(series.style)
        return [
            .element("path", [SVGAttribute("class", "area " + color), SVGAttribute("fill-opacity", SeriesStyle.areaOpacity(series.style, stacked: series.isStacked)),
                              SVGAttribute("d", fill.text)]),
            .element("path", [SVGAttribute("class", "edge " + color), SVGAttribute("d", edge.text)]),
        ]
    }

    private func bars(_ series: PreparedSeries) -> [SVGNode] {
        guard let band = layout.band(panel) else { return [] }
        let width = BarGeometry.barWidth(band: band.bandWidth, slots: series.barSlotCount)
        var path = PathData()
        func draw(left: Double, right: Double, top: Double, bottom: Double) {
            path.move(left, bottom)
            path.append(command: "V" + NumberFormatting.coordinate(top) + "h" + NumberFormatting.coordinate(right - left)
                        + "V" + NumberFormatting.coordinate(bottom) + "Z")
        }
        // Bars narrower than a pixel are merged, each pixel column's into one bar from the
        // highest to the lowest end among them: the picture a screen can show, without thousands
        // of invisible rectangles (every value is still in the figure's data).
        var column: (index: Double, left: Double, right: Double, top: Double, bottom: Double)?
        for point in series.points {
            let left = BarGeometry.barLeft(center: band.center(point.x), band: band.bandWidth, slot: series.barSlot, slots: series.barSlotCount)
            let top = y.position(point.y)
            let bottom = point.base.map { y.kind == .log && $0 <= 0 ? y.baseline : y.position($0) } ?? y.baseline
            guard width < 1 else {
                draw(left: left, right: left + width, top: top, bottom: bottom)
                continue
            }
            let index = left.rounded(.down)
            if let current = column, current.index == index {
                column = (index, current.left, left + width, min(current.top, top, bottom), max(current.bottom, top, bottom))
            } else {
                // A merged bar fills its pixel column, so dense bars read as a solid shape.
                if let current = column { draw(left: current.left, right: min(current.index + 1, left), top: current.top, bottom: current.bottom) }
                column = (index, left, left + width, min(top, bottom), max(top, bottom))
            }
        }
        if let current = column { draw(left: current.left, right: current.right, top: current.top, bottom: current.bottom) }
        // Merged bars touch, so the outline that parts bars would hide them.
        let classes = "bar " + SeriesStyle.colorClass(series.style) + (width < 1 ? " merged" : "")
        return [.element("path", [SVGAttribute("class", classes), SVGAttribute("d", path.text)])]
    }

    private func scatter(_ series: PreparedSeries) -> [SVGNode] {
        // Off-plot points (beyond a fixed axis end, however far) are dropped before thinning,
        // whose grid keys need coordinates near the plot.
        let points = Simplification.thin(series.points.map(screen).filter { panel.plot.contains($0, tolerance: 0.5) },
                                         maxPoints: markerBudget)
        let markers = points.map { SeriesStyle.marker(series.style, at: $0) }.joined()
        guard !markers.isEmpty else { return [] }
        return [.element("path", [SVGAttribute("class", "marks " + SeriesStyle.colorClass(series.style)), SVGAttribute("d", markers)])]
    }

    /// Each value written beside its point (above a bar's end, below it for negative bars),
    /// skipping any label that would overlap one already placed, and points off the plot.
    private func values(_ series: PreparedSeries, occupied: inout OccupiedAreas) -> [SVGNode] {
        let font = Metrics.valueFontSize
        var nodes: [SVGNode] = []
        let band = layout.band(panel)
        for point in series.points {
            var anchor = screen(point)
            // A point off the plot (beyond a fixed axis end) is not drawn; nor is its value.
            guard panel.plot.contains(anchor, tolerance: 0.5) else { continue }
            let label = LabelText(NumberFormatting.value(point.value))
            let width = label.width(fontSize: font)
            var rotated = false
            if series.kind == .bar, let band {
                let barWidth = BarGeometry.barWidth(band: band.bandWidth, slots: series.barSlotCount)
                anchor.x = BarGeometry.barLeft(center: band.center(point.x), band: band.bandWidth, slot: series.barSlot, slots: series.barSlotCount) + barWidth / 2
                rotated = width > barWidth + 8
                if series.isStacked {
                    // Inside the segment, centred, when the segment is tall enough.
                    let bottom = point.base.map { y.position($0) } ?? y.baseline
                    anchor.y = (anchor.y + bottom) / 2
                }
            }
            let downwards = point.value < 0 && series.kind == .bar && !series.isStacked
            let box: Rect
            let position: Point
            if rotated {
                position = Point(x: anchor.x + font * 0.35, y: downwards ? anchor.y + 4 : anchor.y - 4)
                box = Rect(x: anchor.x - font / 2, y: downwards ? position.y : position.y - width, width: font, height: width)
            } else if series.isStacked && series.kind == .bar {
                position = Point(x: anchor.x, y: anchor.y + font * 0.35)
                box = Rect(x: anchor.x - width / 2, y: anchor.y - font / 2, width: width, height: font)
            } else {
                // Centred over its point, but within the plot's sides: a value at the first or
                // last point would otherwise run over the y labels or out of the figure.
                let plot = panel.plot
                let x = width >= plot.width ? plot.midX : min(max(anchor.x, plot.x + width / 2), plot.maxX - width / 2)
                position = Point(x: x, y: downwards ? anchor.y + font + 2 : anchor.y - 6)
                box = Rect(x: x - width / 2, y: position.y - font * 0.8, width: width, height: font)
            }
            if occupied.overlaps(box) { continue }
            occupied.add(box)
            nodes += TextDrawing.text(label, at: position, anchor: rotated ? (downwards ? .end : .start) : nil, rotation: rotated ? -90 : 0)
        }
        return SVGNode.group([SVGAttribute("class", "value halo"), SVGAttribute("text-anchor", "middle")], nodes)
    }
}
