import FolioModel

/// One point ready to draw: `y` is its top (after stacking), `base` what it is filled down to
/// (nil: the axis baseline), `value` the series' own value, written when values are shown.
struct DataPoint: Equatable, Sendable {
    var x: Double
    var y: Double
    var base: Double?
    var value: Double
}

/// A series after cleaning and stacking, with its place in the palette and, for bars, its slot
/// within a category's group.
struct PreparedSeries: Sendable {
    var kind: Series.Kind
    var name: String
    var style: Int
    var points: [DataPoint]
    var showsValues: Bool
    var isStacked: Bool
    var barSlot = 0
    var barSlotCount = 1
    var stackName: String?
}

/// What one plot area draws: the figure itself, or one small multiple.
struct PreparedPlot: Sendable {
    var title: String?
    var series: [PreparedSeries]
    var annotations: [Annotation]
}

/// The figure's data, cleaned: non-finite points and points a log axis cannot show are dropped
/// and counted, areas and bars stacked, and the extent of everything that will be drawn.
struct PlotData: Sendable {
    var plots: [PreparedPlot]
    var categories: [String]?
    var xRange: ClosedRange<Double>?
    var yRange: ClosedRange<Double>?
    var problems: [FigureProblem]
    /// Legend entries in palette order: name, style, and the kind its swatch shows.
    var legend: [(name: String, style: Int, kind: Series.Kind)]

    var isCategorical: Bool { categories != nil }

    init(_ figure: Figure) {
        let sources: [(String?, [Series], [Annotation])] = figure.panels.isEmpty
            ? [(nil, figure.series, figure.annotations)]
            : figure.panels.map { ($0.title, $0.series, $0.annotations) }
        let allSeries = sources.flatMap(\.1)
        let hasBars = allSeries.contains { $0.kind == .bar }
        var categories = figure.categories
        if categories == nil, hasBars {
            let longest = allSeries.filter { $0.kind == .bar }.map(\.y.count).max() ?? 0
            let template = allSeries.first { $0.kind == .bar && $0.x.count >= longest }?.x
            categories = (0..<longest).map { index in
                template.map { NumberFormatting.value($0[index], significant: 6) } ?? String(index + 1)
            }
        }
        if !hasBars { categories = nil }

        var counts = Counts()
        var styles = StyleAssigner()
        var plots: [PreparedPlot] = []
        for (title, series, annotations) in sources {
            var prepared = series.map { source in
                Self.clean(source, style: styles.style(for: source.name), categories: categories, x: figure.x, y: figure.y, counts: &counts)
            }
            Self.stackAreas(&prepared)
            Self.arrangeBars(&prepared)
            let kept = annotations.map(\.flushedToZero).filter { annotation in
                Self.keep(annotation, x: hasBars ? Axis() : figure.x, y: figure.y, counts: &counts)
            }
            plots.append(PreparedPlot(title: title, series: prepared, annotations: kept))
        }
        self.plots = plots
        self.categories = categories
        self.legend = styles.entries.map { entry in
            (entry.name, entry.style, allSeries.first { $0.name == entry.name }?.kind ?? .line)
        }

        var xs = Extent(positiveOnly: figure.x.scale == .log)
        var ys = Extent(positiveOnly: figure.y.scale == .log)
        for plot in plots {
            for series in plot.series {
                for point in series.points {
                    if !hasBars { xs.add(point.x) }
                    ys.add(point.y)
                    if let base = point.base { ys.add(base) }
                }
                if (series.kind == .area || series.kind == .bar), figure.y.scale == .linear, !series.points.isEmpty { ys.add(0) }
            }
            for annotation in plot.annotations {
                switch annotation.kind {
                case .text, .point:
                    if !hasBars { xs.add(annotation.x) }
                    ys.add(annotation.y)
                case .verticalLine: if !hasBars { xs.add(annotation.x) }
                case .horizontalLine: ys.add(annotation.y)
                }
            }
        }
        xRange = xs.range
        yRange = ys.range

        var problems: [FigureProblem] = []
        if allSeries.allSatisfy({ $0.x.isEmpty && $0.y.isEmpty }) || plots.allSatisfy({ $0.series.allSatisfy(\.points.isEmpty) }) {
            problems.append(FigureProblem(id: "figure.empty", message: "The figure has no data to draw; only its axes are shown.", isError: false))
        }
        if counts.nonFinite > 0 {
            problems.append(FigureProblem(id: "figure.non-finite",
                message: "\(counts.nonFinite) \(counts.nonFinite == 1 ? "point was" : "points were") skipped because x or y is NaN, infinite or beyond ±10^300.",
                isError: false))
        }
        if counts.mismatched > 0 {
            problems.append(FigureProblem(id: "figure.length-mismatch",
                message: "\(counts.mismatched) \(counts.mismatched == 1 ? "series has" : "series have") a different number of x and y values (or of bar values and categories); the extra values were ignored.",
                isError: false))
        }
        if counts.nonPositive > 0 {
            let axes = [counts.nonPositiveX ? "x" : nil, counts.nonPositiveY ? "y" : nil].compactMap { $0 }.joined(separator: " and ")
            problems.append(FigureProblem(id: "figure.log-nonpositive",
                message: "The log-scale \(axes) axis cannot show values ≤ 0; \(counts.nonPositive) \(counts.nonPositive == 1 ? "point was" : "points were") left out.",
                isError: true))
        }
        self.problems = problems
    }

    // MARK: Cleaning

    private struct Counts {
        var nonFinite = 0
        var nonPositive = 0
        var nonPositiveX = false
        var nonPositiveY = false
        var mismatched = 0
    }

    private static func clean(_ series: Series, style: Int, categories: [String]?, x xAxis: Axis, y yAxis: Axis,
                              counts: inout Counts) -> PreparedSeries {
        let categorical = categories != nil
        var points: [DataPoint] = []
        let count: Int
        if series.kind == .bar {
            count = min(series.y.count, categories?.count ?? series.y.count)
            if count != series.y.count || (categories.map { $0.count != series.y.count } ?? false) { counts.mismatched += 1 }
        } else {
            count = min(series.x.count, series.y.count)
            if series.x.count != series.y.count { counts.mismatched += 1 }
        }
        points.reserveCapacity(count)
        for index in 0..<count {
            let x = series.kind == .bar ? Double(index) : series.x[index].flushedToZero
            let y = series.y[index].flushedToZero
            guard x.isPlottable, y.isPlottable else {
                counts.nonFinite += 1
                continue
            }
            let badX = !categorical && xAxis.scale == .log && x <= 0
            let badY = yAxis.scale == .log && y <= 0 && series.stack == nil
            if badX || badY {
                counts.nonPositive += 1
                counts.nonPositiveX = counts.nonPositiveX || badX
                counts.nonPositiveY = counts.nonPositiveY || badY
                continue
            }
            points.append(DataPoint(x: x, y: y, base: nil, value: y))
        }
        if series.kind == .line || series.kind == .area, !points.isSorted(by: { $0.x <= $1.x }) {
            // Lines are drawn in x order; a stable sort keeps the order of equal x.
            points = points.enumerated().sorted { ($0.element.x, $0.offset) < ($1.element.x, $1.offset) }.map(\.element)
        }
        return PreparedSeries(kind: series.kind, name: series.name, style: style, points: points,
                              showsValues: series.showsValues, isStacked: series.stack != nil && series.kind != .line && series.kind != .scatter,
                              stackName: series.stack)
    }

    private static func keep(_ annotation: Annotation, x: Axis, y: Axis, counts: inout Counts) -> Bool {
        let usesX = annotation.kind != .horizontalLine
        let usesY = annotation.kind != .verticalLine
        if (usesX && !annotation.x.isPlottable) || (usesY && !annotation.y.isPlottable) {
            counts.nonFinite += 1
            return false
        }
        let badX = usesX && x.scale == .log && annotation.x <= 0
        let badY = usesY && y.scale == .log && annotation.y <= 0
        if badX || badY {
            counts.nonPositive += 1
            counts.nonPositiveX = counts.nonPositiveX || badX
            counts.nonPositiveY = counts.nonPositiveY || badY
            return false
        }
        return true
    }

    // MARK: Stacking

    /// Areas with the same stack are stacked in order, each filled from the top of the one
    /// before. Their x values are merged; a series is interpolated between its own points and
    /// counts as zero outside them.
    private static func stackAreas(_ series: inout [PreparedSeries]) {
        var stackNames: [String] = []
        for item in series where item.kind == .area && item.isStacked {
            if let name = item.stackName, !stackNames.contains(name) { stackNames.append(name) }
        }
        for name in stackNames {
            let members = series.indices.filter { series[$0].kind == .area && series[$0].isStacked && series[$0].stackName == name }
            let first = series[members[0]].points.map(\.x)
            let shared = members.allSatisfy { series[$0].points.map(\.x) == first }
            let grid = shared ? first : Array(Set(members.flatMap { series[$0].points.map(\.x) })).sorted()
            var totals = [Double](repeating: 0, count: grid.count)
            for member in members {
                let values = shared ? series[member].points.map(\.y) : interpolate(series[member].points, at: grid)
                series[member].points = grid.indices.map { index in
                    let base = totals[index]
                    totals[index] += values[index]
                    return DataPoint(x: grid[index], y: totals[index], base: base, value: values[index])
                }
            }
        }
    }

    private static func interpolate(_ points: [DataPoint], at grid: [Double]) -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(grid.count)
        var index = 0
        for x in grid {
            while index < points.count && points[index].x < x { index += 1 }
            if index < points.count && points[index].x == x {
                result.append(points[index].y)
            } else if index == 0 || index == points.count {
                result.append(0)
            } else {
                let left = points[index - 1]
                let right = points[index]
                result.append(left.y + (right.y - left.y) * (x - left.x) / (right.x - left.x))
            }
        }
        return result
    }

    /// Bars without a stack each get a slot in their category's group; bars sharing a stack
    /// share a slot and pile up, positive values upwards and negative ones downwards.
    private static func arrangeBars(_ series: inout [PreparedSeries]) {
        var slots: [String?] = []
        var slotOf: [Int: Int] = [:]
        for index in series.indices where series[index].kind == .bar {
            if let name = series[index].stackName, let existing = slots.firstIndex(where: { $0 == name }) {
                slotOf[index] = existing
            } else {
                slotOf[index] = slots.count
                slots.append(series[index].stackName ?? "\u{0}unstacked-\(index)")
            }
        }
        var positive: [Int: [Int: Double]] = [:]
        var negative: [Int: [Int: Double]] = [:]
        for index in series.indices where series[index].kind == .bar {
            let slot = slotOf[index] ?? 0
            series[index].barSlot = slot
            series[index].barSlotCount = slots.count
            guard series[index].isStacked else { continue }
            series[index].points = series[index].points.map { point in
                let category = Int(point.x)
                if point.value >= 0 {
                    let base = positive[slot, default: [:]][category, default: 0]
                    positive[slot, default: [:]][category] = base + point.value
                    return DataPoint(x: point.x, y: base + point.value, base: base, value: point.value)
                }
                let base = negative[slot, default: [:]][category, default: 0]
                negative[slot, default: [:]][category] = base + point.value
                return DataPoint(x: point.x, y: base + point.value, base: base, value: point.value)
            }
        }
    }
}

/// Assigns palette slots by series name, in order of first appearance, so a name keeps its
/// colour in every panel and the legend lists each name once.
private struct StyleAssigner {
    var entries: [(name: String, style: Int)] = []

    mutating func style(for name: String) -> Int {
        if !name.isEmpty, let existing = entries.first(where: { $0.name == name }) { return existing.style }
        let style = entries.count
        entries.append((name, style))
        return style
    }
}

/// The smallest range holding every value added.
private struct Extent {
    var positiveOnly: Bool
    var lower = Double.infinity
    var upper = -Double.infinity

    mutating func add(_ value: Double) {
        if positiveOnly && value <= 0 { return }
        lower = min(lower, value)
        upper = max(upper, value)
    }

    var range: ClosedRange<Double>? { lower <= upper ? lower...upper : nil }
}

extension Array {
    func isSorted(by areInOrder: (Element, Element) -> Bool) -> Bool {
        indices.dropFirst().allSatisfy { areInOrder(self[$0 - 1], self[$0]) }
    }
}

extension Double {
    /// Whether a value can stand on an axis: finite and at most 10³⁰⁰ in size, so that the
    /// extents, paddings and tick steps computed from it stay finite too.
    var isPlottable: Bool { isFinite && magnitude <= 1e300 }

    /// This value, or zero when it is under 10⁻³⁰⁰ in size: no axis can tell such a value from
    /// zero, and tick steps between such values underflow.
    var flushedToZero: Double { magnitude < 1e-300 ? 0 : self }
}

extension Annotation {
    /// This annotation with its coordinates flushed to zero like data points.
    var flushedToZero: Annotation {
        Annotation(kind: kind, x: x.flushedToZero, y: y.flushedToZero, label: label)
    }
}
