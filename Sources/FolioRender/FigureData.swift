import FolioModel

/// The data behind a figure, as the page gives it to readers: tables in a `<details>`, and
/// the shared ranges that let a figure's panels be shown one at a time on the same axes.
enum FigureData {
    /// One table per panel (or one for a plain figure): the x values and each series' y, in
    /// columns when the series share their x values, else one row per point.
    static func tables(_ figure: Figure) -> [DataTable] {
        if figure.panels.isEmpty {
            return [table(series: figure.series, caption: nil, figure: figure)]
        }
        return figure.panels.map { table(series: $0.series, caption: $0.title, figure: figure) }
    }

    private static func table(series: [Series], caption: String?, figure: Figure) -> DataTable {
        let xTitle = figure.x.title ?? "x"
        let yTitle = figure.y.title ?? "y"
        func text(_ value: Double) -> String { format(value) }
        if let first = series.first, series.allSatisfy({ $0.x == first.x && $0.y.count == first.x.count }) {
            let label: (Int) -> String = { index in
                if let categories = figure.categories, first.kind == .bar, index < categories.count { return categories[index] }
                return text(first.x[index])
            }
            let rows = first.x.indices.map { index in [label(index)] + series.map { text($0.y[index]) } }
            let values = first.x.indices.map { index in [Double?.none] + series.map { Optional($0.y[index]) } }
            return DataTable(columns: [xTitle] + series.map(\.name), rows: rows, values: values, caption: caption)
        }
        var rows: [[String]] = []
        var values: [[Double?]] = []
        for item in series {
            for (x, y) in zip(item.x, item.y) {
                rows.append([item.name, text(x), text(y)])
                values.append([nil, x, y])
            }
        }
        return DataTable(columns: ["", xTitle, yTitle], rows: rows, values: values, caption: caption)
    }

    /// Each panel as a figure of its own, on axes that cover every panel, so that stepping from
    /// one to the next moves the data, not the axes.
    static func sharingAxes(_ figure: Figure) -> [Figure] {
        let all = figure.panels.flatMap(\.series)
        var x = figure.x
        var y = figure.y
        let xs = all.flatMap(\.x).filter(\.isFinite)
        if figure.categories == nil {
            x.lowerBound = x.lowerBound ?? xs.min()
            x.upperBound = x.upperBound ?? xs.max()
        }
        var lows: [Double] = []
        var highs: [Double] = []
        for panel in figure.panels {
            for (_, members) in Dictionary(grouping: panel.series.indices, by: { panel.series[$0].stack ?? "\u{1}\($0)" }) {
                let stacked = members.map { panel.series[$0] }
                let length = stacked.map(\.y.count).max() ?? 0
                let sums = (0..<length).map { index in stacked.reduce(0.0) { $0 + (index < $1.y.count && $1.y[index].isFinite ? $1.y[index] : 0) } }
                highs += sums
                lows += stacked.flatMap(\.y).filter(\.isFinite)
                if stacked.contains(where: { $0.kind == .bar || $0.kind == .area }) { lows.append(0) }
            }
        }
        y.lowerBound = y.lowerBound ?? lows.min()
        y.upperBound = y.upperBound ?? highs.max()
        return figure.panels.map { panel in
            Figure(title: panel.title, x: x, y: y, series: panel.series, annotations: panel.annotations,
                   categories: figure.categories, showsLegend: figure.showsLegend)
        }
    }

    /// A data value as the table shows it: up to 6 significant digits, no trailing zeros.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-∞" : "∞") }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        var text = String(format: "%.6g", value)
        if text.contains("e") { return text }
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
