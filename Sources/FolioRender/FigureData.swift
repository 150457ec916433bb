import FolioModel
import Foundation

/// The data behind a figure, as the page gives it to readers: one table, in a `<details>` or a
/// CSV file, and the shared ranges that let a figure's panels be shown one at a time on the same
/// axes.
enum FigureData {
    /// The figure's data as one table: the x values and each series' y, in columns when the
    /// series share their x values, else one row per point. Panels (small multiples, a stepper's
    /// steps) share the table: when each shows one series over the same x values, a row per
    /// panel, so they can be compared; else the panel's title first, then its rows, one after
    /// another — so a figure has one data file, never one per panel.
    static func table(of figure: Figure) -> DataTable {
        if figure.panels.isEmpty {
            return sharedX(figure.series, figure: figure) ?? perPoint(figure.series, figure: figure)
        }
        if let first = figure.panels.first?.series.first,
           figure.panels.allSatisfy({ $0.series.count == 1 && $0.series[0].x == first.x && $0.series[0].y.count == first.x.count }) {
            let columns = first.x.indices.map { index in
                if let categories = figure.categories, first.kind == .bar, index < categories.count { return categories[index] }
                return "\(figure.x.title ?? "x") = \(format(first.x[index]))"
            }
            let rows = figure.panels.map { panel in [panel.title] + panel.series[0].y.map(format) }
            let values = figure.panels.map { panel in [Double?.none] + panel.series[0].y.map(Optional.some) }
            return DataTable(columns: [""] + columns, rows: rows, values: values, caption: nil)
        }
        // A stepper's title names its steps, so it heads their column.
        let panelColumn = figure.title ?? ""
        let shared = figure.panels.map { sharedX($0.series, figure: figure) }
        let parts: [DataTable]
        if let first = shared.first ?? nil, shared.allSatisfy({ $0?.columns == first.columns }) {
            parts = shared.compactMap { $0 }
        } else {
            parts = figure.panels.map { perPoint($0.series, figure: figure) }
        }
        var rows: [[String]] = []
        var values: [[Double?]] = []
        for (panel, part) in zip(figure.panels, parts) {
            rows += part.rows.map { [panel.title] + $0 }
            values += part.values.map { [nil] + $0 }
        }
        return DataTable(columns: [panelColumn] + (parts.first?.columns ?? []), rows: rows, values: values, caption: nil)
    }

    /// The series in columns beside their shared x values (or categories); nil when their x
    /// values differ.
    private static func sharedX(_ series: [Series], figure: Figure) -> DataTable? {
        guard let first = series.first, series.allSatisfy({ $0.x == first.x && $0.y.count == first.x.count }) else { return nil }
        let label: (Int) -> String = { index in
            if let categories = figure.categories, first.kind == .bar, index < categories.count { return categories[index] }
            return format(first.x[index])
        }
        let rows = first.x.indices.map { index in [label(index)] + series.map { format($0.y[index]) } }
        let key: (Int) -> Double? = { index in figure.categories != nil && first.kind == .bar ? nil : first.x[index] }
        let values = first.x.indices.map { index in [key(index)] + series.map { Optional($0.y[index]) } }
        return DataTable(columns: [figure.x.title ?? "x"] + series.map(\.name), rows: rows, values: values, caption: nil)
    }

    /// A row per point: the series' name, x and y.
    private static func perPoint(_ series: [Series], figure: Figure) -> DataTable {
        var rows: [[String]] = []
        var values: [[Double?]] = []
        for item in series {
            for (x, y) in zip(item.x, item.y) {
                rows.append([item.name, format(x), format(y)])
                values.append([nil, x, y])
            }
        }
        return DataTable(columns: ["", figure.x.title ?? "x", figure.y.title ?? "y"], rows: rows, values: values, caption: nil)
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

    /// The table as CSV (RFC 4180): a header row, then each row, numbers at full precision
    /// (the shortest text that reads back as the same number).
    static func csv(_ table: DataTable) -> String {
        func field(_ text: String) -> String {
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var lines = [table.columns.map(field).joined(separator: ",")]
        for (rowIndex, row) in table.rows.enumerated() {
            let cells = row.enumerated().map { columnIndex, text in
                let value = rowIndex < table.values.count && columnIndex < table.values[rowIndex].count ? table.values[rowIndex][columnIndex] : nil
                if let value, value.isFinite { return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)" }
                return field(text)
            }
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A data value as the table shows it: up to 6 significant digits, no trailing zeros, in
    /// the notation of C's `%.6g` (`0.000123457`, `1.5e-05`), computed without `String(format:)`,
    /// which costs a good part of rendering a page with long data.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-∞" : "∞") }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        let magnitude = abs(value)
        var exponent = Int(log10(magnitude).rounded(.down))
        func sixDigits(_ exponent: Int) -> Double { (magnitude * pow(10, Double(5 - exponent))).rounded(.toNearestOrEven) }
        var digits = sixDigits(exponent)
        if digits >= 1_000_000 {
            exponent += 1
            digits = sixDigits(exponent)
        } else if digits < 100_000 {
            exponent -= 1
            digits = sixDigits(exponent)
        }
        guard digits.isFinite, digits >= 100_000, digits < 1_000_000 else { return String(format: "%.6g", value) }
        let text = Array(String(Int(digits)))
        let sign = value < 0 ? "-" : ""
        func joined(_ whole: String, _ fraction: [Character]) -> String {
            var fraction = fraction
            while fraction.last == "0" { fraction.removeLast() }
            return fraction.isEmpty ? whole : whole + "." + String(fraction)
        }
        if exponent < -4 || exponent >= 6 {
            let power = abs(exponent) < 10 ? "0\(abs(exponent))" : "\(abs(exponent))"
            return sign + joined(String(text[0]), Array(text[1...])) + "e" + (exponent < 0 ? "-" : "+") + power
        }
        if exponent >= 0 {
            return sign + joined(String(text[...exponent]), Array(text[(exponent + 1)...]))
        }
        return sign + joined("0", Array(repeating: "0", count: -exponent - 1) + text)
    }
}
