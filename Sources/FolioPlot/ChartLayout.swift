import Foundation
import FolioModel

/// Sizes in user units. The viewBox is 600 wide; text is 16 units, so a figure drawn 340 px wide
/// (a 360-px phone less the page's margins) still has 9-px text, the smallest we allow.
enum Metrics {
    static let width = 600.0
    static let fontSize = 16.0
    static let lineHeight = 21.0
    static let tickLength = 5.0
    static let tickGap = 4.0
    static let singlePlotHeight = 270.0
    static let panelGap = 18.0
    /// Clear space above a panel title in a lower row, beyond what the row above draws under its
    /// plots: a line's height, so a title reads with the plot under it, not the axis above.
    static let rowSeparation = 16.0
    /// Tick labels at a plot's ends may reach past it: their room is their estimated width made
    /// this much wider (fonts differ, and small text is rounded up to whole pixels)…
    static let endLabelWidthAllowance = 1.1
    /// …and this much more, so they stay inside the SVG's viewBox.
    static let endLabelMargin = 4.0
    static let maxColumns = 3
    static let legendSwatch = 22.0
    static let legendRightMaxWidth = 150.0
    static let valueFontSize = 16.0
}

/// Where everything goes: the viewBox, each plot's rectangle, the shared ticks, the legend and
/// the axis titles. Text is measured by estimate (`TextMetrics`), and every choice — tick step,
/// label rotation, margins, legend side — is made so labels keep clear of each other.
struct ChartLayout {
    struct PanelFrame {
        var plot: Rect
        var title: LabelText?
        var showsXLabels: Bool
        var showsYLabels: Bool
    }

    enum XAxis {
        case numeric(AxisTicks)
        /// Category names along x; labels rotated by `rotation` degrees (0, −45 or −90), and
        /// only every `every`-th shown when even upright ones would overlap.
        case categorical([LabelText], rotation: Double, every: Int)
    }

    struct LegendItem {
        var label: LabelText
        var style: Int
        var kind: Series.Kind
        /// Left end of the swatch, on the text's middle line.
        var origin: Point
    }

    var width: Double
    var height: Double
    var panels: [PanelFrame]
    var xAxis: XAxis
    var yTicks: AxisTicks
    var xScaleKind: Axis.Scale
    var yScaleKind: Axis.Scale
    var legend: [LegendItem]
    var xTitle: (label: LabelText, position: Point)?
    var yTitle: (label: LabelText, position: Point)?

    func xScale(_ panel: PanelFrame) -> Scale {
        switch xAxis {
        case .numeric(let ticks):
            return Scale(kind: xScaleKind, lower: ticks.lower, upper: ticks.upper, start: panel.plot.x, end: panel.plot.maxX)
        case .categorical(let labels, _, _):
            let band = BandScale(count: labels.count, start: panel.plot.x, end: panel.plot.maxX)
            // Lines and points over bars are placed by category index, at band centres.
            return Scale(kind: .linear, lower: -0.5, upper: Double(labels.count) - 0.5, start: band.start, end: band.end)
        }
    }

    func yScale(_ panel: PanelFrame) -> Scale {
        Scale(kind: yScaleKind, lower: yTicks.lower, upper: yTicks.upper, start: panel.plot.maxY, end: panel.plot.y)
    }

    func band(_ panel: PanelFrame) -> BandScale? {
        guard case .categorical(let labels, _, _) = xAxis else { return nil }
        return BandScale(count: labels.count, start: panel.plot.x, end: panel.plot.maxX)
    }

    init(figure: Figure, data: PlotData) {
        let font = Metrics.fontSize
        let width = Metrics.width
        let panelCount = max(1, data.plots.count)
        let isMultiple = !figure.panels.isEmpty
        let columns = panelCount <= Metrics.maxColumns ? panelCount : (panelCount == 4 ? 2 : Metrics.maxColumns)
        let rows = (panelCount + columns - 1) / columns
        xScaleKind = data.isCategorical ? .linear : figure.x.scale
        yScaleKind = figure.y.scale

        // Legend: on the right when its names are short and it is a single plot; else below.
        let entries = figure.showsLegend ? data.legend.filter { !$0.name.isEmpty } : []
        let legendLabels = entries.map { LabelText($0.name) }
        let showsLegend = entries.count >= 2
        let itemWidths = legendLabels.map { Metrics.legendSwatch + 6 + $0.width(fontSize: font) }
        let legendOnRight = showsLegend && !isMultiple && (itemWidths.max() ?? 0) <= Metrics.legendRightMaxWidth
            && Double(entries.count) * Metrics.lineHeight <= Metrics.singlePlotHeight
        let rightLegendWidth = legendOnRight ? (itemWidths.max() ?? 0) + 18 : 0

        let yTitleLabel = figure.y.title.map(LabelText.init).flatMap { $0.isEmpty ? nil : $0 }
        let xTitleLabel = figure.x.title.map(LabelText.init).flatMap { $0.isEmpty ? nil : $0 }
        // A raised script in the y title needs room above its baseline.
        let yTitleBaseline = font + (yTitleLabel?.runs.contains { $0.position == .raised } == true ? 4 : 0)
        let hasLowered = yTitleLabel?.runs.contains { $0.position == .lowered } == true
        let top = yTitleLabel == nil ? font * 0.7 : yTitleBaseline + (hasLowered ? 20 : 15)
        let panelTitleBand = isMultiple ? font + 8 : 0

        // Panel width comes first from a guess of the left margin, then from the real one.
        var left = 44.0
        var right = 12.0 + rightLegendWidth
        var plotWidth = 0.0
        var plotHeight = Metrics.singlePlotHeight
        var yTicks = AxisTicks(lower: 0, upper: 1, ticks: [])
        var xAxis = XAxis.numeric(AxisTicks(lower: 0, upper: 1, ticks: []))
        var xLabelDepth = font
        var gap = Metrics.panelGap
        // Category names are read and measured once: a figure may have thousands.
        let categories = data.categories.map { names in
            let labels = names.map(LabelText.init)
            return (labels: labels, widths: labels.map { $0.width(fontSize: font) })
        }
        // So are the values written over bars, whose widest may need room above the plot.
        let widestValues = data.plots.map { plot in
            plot.series.map { series in
                series.kind == .bar && series.showsValues && !series.isStacked
                    ? series.points.map { LabelText(NumberFormatting.value($0.value)).width(fontSize: Metrics.valueFontSize) }.max() ?? 0 : 0
            }
        }
        for _ in 0..<4 {
            plotWidth = (width - left - right - Double(columns - 1) * gap) / Double(columns)
            if isMultiple { plotHeight = min(190, max(110, plotWidth * 0.72)) }
            xAxis = Self.xAxis(figure: figure, data: data, categories: categories, plotWidth: plotWidth, font: font)
            let headroom = Self.valueHeadroom(data: data, widestValues: widestValues, xAxis: xAxis, plotWidth: plotWidth, font: font)
            yTicks = Self.yTicks(figure: figure, data: data, plotHeight: plotHeight, headroom: headroom, font: font)
            let yLabelWidth = yTicks.ticks.map { LabelText($0.label).width(fontSize: font) }.max() ?? 0
            var newLeft = max(yLabelWidth + Metrics.tickGap + 6, 14)
            var newRight = 12.0 + rightLegendWidth
            var newGap = Metrics.panelGap
            switch xAxis {
            case .numeric(let ticks):
                let scale = Scale(kind: figure.x.scale, lower: ticks.lower, upper: ticks.upper, start: 0, end: plotWidth)
                // How far the end labels reach past the plot's sides; neighbouring panels' labels
                // must not meet in the gap between them.
                let leftOverhang = ticks.ticks.first.map { LabelText($0.label).width(fontSize: font) / 2 - scale.position($0.value) } ?? 0
                let rightOverhang = ticks.ticks.last.map { LabelText($0.label).width(fontSize: font) / 2 - (plotWidth - scale.position($0.value)) } ?? 0
                // The outer ends get room to spare: a label there has nothing beyond it but the
                // SVG's edge, which clips it wherever the SVG's overflow is not visible.
                let widen = { (overhang: Double, label: String?) -> Double in
                    overhang + (label.map { LabelText($0).width(fontSize: font) / 2 } ?? 0) * (Metrics.endLabelWidthAllowance - 1)
                        + Metrics.endLabelMargin
                }
                newLeft = max(newLeft, widen(leftOverhang, ticks.ticks.first?.label))
                newRight = max(newRight, widen(rightOverhang, ticks.ticks.last?.label) + rightLegendWidth)
                if columns > 1 { newGap = max(newGap, leftOverhang + rightOverhang + font) }
                xLabelDepth = ticks.ticks.contains { $0.label.utf8.contains(UInt8(ascii: "^")) } ? font * 1.25 : font
            case .categorical(let labels, let rotation, let every):
                let band = plotWidth / Double(max(labels.count, 1))
                let widths = categories?.widths ?? []
                let widest = stride(from: 0, to: widths.count, by: every).map { widths[$0] }.max() ?? 0
                if rotation == 0 {
                    xLabelDepth = font
                    if let first = labels.first { newLeft = max(newLeft, first.width(fontSize: font) / 2 - band / 2 + 2) }
                } else {
                    let radians = -rotation * .pi / 180
                    xLabelDepth = widest * sin(radians) + font * cos(radians) * 0.8
                    if let first = labels.first {
                        newLeft = max(newLeft, first.width(fontSize: font) * cos(radians) - band / 2 + 2)
                    }
                }
            }
            let settled = abs(newLeft - left) < 0.5 && abs(newRight - right) < 0.5 && abs(newGap - gap) < 0.5
            left = newLeft
            right = newRight
            gap = newGap
            if settled { break }
        }
        plotWidth = (width - left - right - Double(columns - 1) * gap) / Double(columns)

        // Which panels carry tick labels: the first column for y; for x, each panel with no
        // panel below it.
        let xLabelBand = Metrics.tickLength + Metrics.tickGap + xLabelDepth + 2
        let innerRowsNeedLabels = panelCount % columns != 0 && rows > 1
        // Under a row's plots: a row of x labels where one of its panels has none below it, else
        // the tick marks and the lower half of the lowest y label; then the rows' separation.
        let rowGap = (innerRowsNeedLabels ? xLabelBand : 10) + Metrics.rowSeparation
        var panels: [PanelFrame] = []
        for index in 0..<panelCount {
            let row = index / columns
            let column = index % columns
            let x = left + Double(column) * (plotWidth + gap)
            let y = top + panelTitleBand + Double(row) * (panelTitleBand + plotHeight + rowGap)
            let hasPanelBelow = index + columns < panelCount
            let title = isMultiple ? LabelText(data.plots[index].title ?? "") : nil
            panels.append(PanelFrame(plot: Rect(x: x, y: y, width: plotWidth, height: plotHeight), title: title,
                                     showsXLabels: !hasPanelBelow, showsYLabels: column == 0))
        }
        var bottom = top + Double(rows) * (panelTitleBand + plotHeight) + Double(rows - 1) * rowGap + xLabelBand

        if let xTitleLabel {
            let gridLeft = left
            let gridRight = width - right
            bottom += font + 8
            self.xTitle = (xTitleLabel, Point(x: (gridLeft + gridRight) / 2, y: bottom))
        } else {
            self.xTitle = nil
        }
        self.yTitle = yTitleLabel.map { ($0, Point(x: 2, y: yTitleBaseline)) }

        var legend: [LegendItem] = []
        if showsLegend {
            if legendOnRight {
                let x = width - rightLegendWidth + 14
                let y = (panels.first?.plot.y ?? top) + font / 2
                // A column beside stacked layers lists them top layer first, as they are seen.
                let stacked = data.plots.allSatisfy { plot in plot.series.allSatisfy(\.isStacked) }
                let order = stacked ? Array(entries.indices.reversed()) : Array(entries.indices)
                for (row, index) in order.enumerated() {
                    let entry = entries[index]
                    legend.append(LegendItem(label: legendLabels[index], style: entry.style, kind: entry.kind,
                                             origin: Point(x: x, y: y + Double(row) * Metrics.lineHeight)))
                }
            } else {
                bottom += 12
                var x = left
                var y = bottom + font / 2
                for (index, entry) in entries.enumerated() {
                    if x > left, x + itemWidths[index] > width - 2 {
                        x = left
                        y += Metrics.lineHeight
                    }
                    legend.append(LegendItem(label: legendLabels[index], style: entry.style, kind: entry.kind, origin: Point(x: x, y: y)))
                    x += itemWidths[index] + 24
                }
                bottom = y + font / 2
            }
        }

        self.width = width
        self.height = (bottom + 6).rounded(.up)
        self.panels = panels
        self.xAxis = xAxis
        self.yTicks = yTicks
        self.legend = legend
    }

    // MARK: Axes

    private static func xAxis(figure: Figure, data: PlotData, categories: (labels: [LabelText], widths: [Double])?,
                              plotWidth: Double, font: Double) -> XAxis {
        if let (labels, widths) = categories {
            let band = plotWidth / Double(max(labels.count, 1))
            let widest = widths.max() ?? 0
            if widest + 6 <= band { return .categorical(labels, rotation: 0, every: 1) }
            if band >= font * 1.6 { return .categorical(labels, rotation: -45, every: 1) }
            // Upright labels need about a line's height each; past that, only every k-th is shown.
            let every = band >= font * 1.1 ? 1 : Int(min((font * 1.1 / max(band, 1e-9)).rounded(.up), Double(labels.count)))
            return .categorical(labels, rotation: -90, every: max(every, 1))
        }
        let fits: (AxisTicks) -> Bool = { ticks in
            let scale = Scale(kind: figure.x.scale, lower: ticks.lower, upper: ticks.upper, start: 0, end: plotWidth)
            let placed = ticks.ticks.map { (scale.position($0.value), LabelText($0.label).width(fontSize: font)) }
            return zip(placed, placed.dropFirst()).allSatisfy { a, b in b.0 - a.0 >= (a.1 + b.1) / 2 + font * 0.5 }
        }
        let maxCount = max(2, Int(plotWidth / 32))
        let lower = figure.x.lowerBound.map(\.flushedToZero).flatMap { $0.isPlottable && (figure.x.scale == .linear || $0 > 0) ? $0 : nil }
        let upper = figure.x.upperBound.map(\.flushedToZero).flatMap { $0.isPlottable && (figure.x.scale == .linear || $0 > 0) ? $0 : nil }
        let (fixedLower, fixedUpper) = Self.validBounds(lower, upper)
        switch figure.x.scale {
        case .linear:
            return .numeric(TickGenerator.linear(data: data.xRange, lower: fixedLower, upper: fixedUpper,
                                                 target: plotWidth / 100, maxCount: maxCount, fits: fits))
        case .log:
            return .numeric(TickGenerator.log(data: data.xRange, lower: fixedLower, upper: fixedUpper,
                                              maxCount: max(2, Int(plotWidth / 60)), fits: fits))
        }
    }

    private static func yTicks(figure: Figure, data: PlotData, plotHeight: Double, headroom: (above: Double, below: Double),
                               font: Double) -> AxisTicks {
        let maxCount = max(2, Int(plotHeight / 28))
        let fits: (AxisTicks) -> Bool = { ticks in
            let scale = Scale(kind: figure.y.scale, lower: ticks.lower, upper: ticks.upper, start: plotHeight, end: 0)
            let positions = ticks.ticks.map { scale.position($0.value) }
            return zip(positions, positions.dropFirst()).allSatisfy { abs($0 - $1) >= font * 1.4 }
        }
        let lower = figure.y.lowerBound.map(\.flushedToZero).flatMap { $0.isPlottable && (figure.y.scale == .linear || $0 > 0) ? $0 : nil }
        let upper = figure.y.upperBound.map(\.flushedToZero).flatMap { $0.isPlottable && (figure.y.scale == .linear || $0 > 0) ? $0 : nil }
        let (fixedLower, fixedUpper) = Self.validBounds(lower, upper)
        var range = data.yRange
        if let data = range, headroom.above + headroom.below > 0 {
            // Make room for value labels above (and below) the extremes before rounding to ticks.
            let above = min(headroom.above / plotHeight, 0.4)
            let below = min(headroom.below / plotHeight, 0.4)
            let keep = max(0.2, 1 - above - below)
            switch figure.y.scale {
            case .linear:
                let span = max(data.upperBound - data.lowerBound, abs(data.upperBound) * 0.1, 1e-300)
                let total = span / keep
                range = (data.lowerBound - total * below)...(data.upperBound + total * above)
            case .log:
                let low = log10(data.lowerBound)
                let high = log10(data.upperBound)
                let span = max(high - low, 1)
                let total = span / keep
                range = pow(10, low - total * below)...pow(10, high + total * above)
            }
        }
        switch figure.y.scale {
        case .linear:
            return TickGenerator.linear(data: range, lower: fixedLower, upper: fixedUpper, target: plotHeight / 50, maxCount: maxCount, fits: fits)
        case .log:
            return TickGenerator.log(data: range, lower: fixedLower, upper: fixedUpper, maxCount: max(2, Int(plotHeight / 30)), fits: fits)
        }
    }

    /// Fixed ends the other way round are ignored (the data decides instead).
    private static func validBounds(_ lower: Double?, _ upper: Double?) -> (Double?, Double?) {
        if let lower, let upper, lower >= upper { return (nil, nil) }
        return (lower, upper)
    }

    /// Room, in user units, that value labels need beyond the highest and lowest values.
    /// `widestValues`: for each plot and series, the widest value label of a bar series that
    /// shows its values.
    private static func valueHeadroom(data: PlotData, widestValues: [[Double]], xAxis: XAxis, plotWidth: Double,
                                      font: Double) -> (above: Double, below: Double) {
        var above = 0.0
        var below = 0.0
        for (plotIndex, plot) in data.plots.enumerated() {
            for (seriesIndex, series) in plot.series.enumerated()
            where series.showsValues && !series.points.isEmpty && !(series.kind == .bar && series.isStacked) {
                var height = font * 0.8 + 7
                if series.kind == .bar, case .categorical(let labels, _, _) = xAxis {
                    let barWidth = BarGeometry.barWidth(band: plotWidth / Double(max(labels.count, 1)), slots: series.barSlotCount)
                    let widest = widestValues[plotIndex][seriesIndex]
                    if widest > barWidth + 8 { height = widest + 8 }
                }
                above = max(above, height)
                if series.points.contains(where: { $0.y < 0 }) { below = max(below, height) }
            }
        }
        return (above, below)
    }
}

/// Bar widths within a category's band.
enum BarGeometry {
    /// Each band leaves a fifth empty; grouped bars share the rest.
    static func barWidth(band: Double, slots: Int) -> Double {
        band * 0.8 / Double(max(slots, 1))
    }

    /// The left edge of `slot`'s bar in the band centred at `center`.
    static func barLeft(center: Double, band: Double, slot: Int, slots: Int) -> Double {
        center - band * 0.4 + Double(slot) * barWidth(band: band, slots: slots)
    }
}
