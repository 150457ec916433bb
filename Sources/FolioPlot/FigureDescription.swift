import FolioModel

/// The text alternative of a figure, from its data: what kind of chart, of which series, over
/// what range, and its most notable value — short and factual, for `<desc>` and screen readers.
enum FigureDescription {
    /// What the chart is, e.g. "Stacked area chart" or "Grouped bar chart".
    static func kind(of data: PlotData) -> String {
        let series = data.plots.flatMap(\.series)
        let kinds = Set(series.map(\.kind))
        guard kinds.count == 1, let kind = kinds.first else { return kinds.isEmpty ? "Chart" : "Combined chart" }
        switch kind {
        case .line: return "Line chart"
        case .scatter: return "Scatter plot"
        case .area: return series.contains(where: \.isStacked) ? "Stacked area chart" : "Area chart"
        case .bar:
            if series.contains(where: \.isStacked) { return "Stacked bar chart" }
            return (series.first?.barSlotCount ?? 1) > 1 ? "Grouped bar chart" : "Bar chart"
        }
    }

    static func describe(_ figure: Figure, data: PlotData) -> String {
        var sentence = kind(of: data)
        if data.plots.count > 1 || !figure.panels.isEmpty {
            let titles = data.plots.compactMap(\.title).map { LabelText($0).plainText }
            sentence += " in \(data.plots.count) panels (\(list(titles, limit: 5)))"
        }
        let names = data.legend.map(\.name).filter { !$0.isEmpty }.map { LabelText($0).plainText }
        if !names.isEmpty { sentence += " of " + summary(names) }
        let xName = figure.x.title.map { LabelText($0).plainText } ?? "x"
        let yName = figure.y.title.map { LabelText($0).plainText } ?? "y"
        let allSeries = data.plots.flatMap(\.series)
        guard allSeries.contains(where: { !$0.points.isEmpty }) else { return sentence + ", with no data." }

        if let categories = data.categories {
            sentence += " across \(categories.count) \(categories.count == 1 ? "category" : "categories") (\(list(categories.map { LabelText($0).plainText }, limit: 4)))"
        } else if let range = allSeries.lazy.flatMap({ $0.points.lazy.map(\.x) }).minMax {
            sentence += " against \(xName)"
            sentence += range.lowerBound == range.upperBound ? " = \(number(range.lowerBound))" : " from \(number(range.lowerBound)) to \(number(range.upperBound))"
            if figure.x.scale == .log { sentence += " (log scale)" }
        }
        if !allSeries.contains(where: \.isStacked), let values = allSeries.lazy.flatMap({ $0.points.lazy.map(\.value) }).minMax {
            sentence += "; \(yName) " + (values.lowerBound == values.upperBound ? "is \(number(values.lowerBound))" : "from \(number(values.lowerBound)) to \(number(values.upperBound))")
            if figure.y.scale == .log { sentence += " (log scale)" }
        }
        var largest: (series: Int, point: DataPoint)?
        for (index, series) in allSeries.enumerated() {
            for point in series.points where largest == nil || point.value > largest!.point.value {
                largest = (index, point)
            }
        }
        if let (index, point) = largest {
            let name = allSeries[index].name
            let whoVerb = name.isEmpty ? "the largest value, \(number(point.value)), is" : "\(LabelText(name).plainText) is largest, \(number(point.value)),"
            // Only a bar's x is a category's index; a line's or area's beside bars may be any number.
            if let categories = data.categories, let slot = Int(exactly: point.x), categories.indices.contains(slot) {
                sentence += "; \(whoVerb) in \(LabelText(categories[slot]).plainText)"
            } else {
                sentence += "; \(whoVerb) at \(xName) = \(number(point.x))"
            }
        }
        sentence += "."
        let notes = data.plots.flatMap(\.annotations).filter { !$0.label.isEmpty }.prefix(3).map { annotation in
            let label = LabelText(annotation.label).plainText
            switch annotation.kind {
            case .point: return "\(label) at (\(number(annotation.x)), \(number(annotation.y)))"
            case .verticalLine: return "\(label) at \(xName) = \(number(annotation.x))"
            case .horizontalLine: return "\(label) at \(yName) = \(number(annotation.y))"
            case .text: return label
            }
        }
        if !notes.isEmpty { sentence += " Marked: " + notes.joined(separator: "; ") + "." }
        return sentence
    }

    private static func number(_ value: Double) -> String {
        LabelText(NumberFormatting.value(value)).plainText
    }

    /// "a₁…a₄" for numbered names, else "a, b and c" or "a, b, c and 3 more".
    static func summary(_ names: [String]) -> String {
        if names.count >= 3, let range = numberedRange(names) { return range }
        return list(names, limit: 4)
    }

    private static func list(_ items: [String], limit: Int) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        case ...limit: return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        default: return items.prefix(limit - 1).joined(separator: ", ") + " and \(items.count - limit + 1) more"
        }
    }

    /// Names that differ only in a trailing number counting up by one, as "first…last".
    private static func numberedRange(_ names: [String]) -> String? {
        let digits = "0123456789₀₁₂₃₄₅₆₇₈₉"
        func split(_ name: String) -> (String, Int)? {
            let suffix = String(name.reversed().prefix { digits.contains($0) }.reversed())
            guard !suffix.isEmpty, suffix.count < name.count else { return nil }
            let normalized = suffix.map { character -> Character in
                guard let index = digits.firstIndex(of: character) else { return character }
                return digits[digits.index(digits.startIndex, offsetBy: digits.distance(from: digits.startIndex, to: index) % 10)]
            }
            guard let number = Int(String(normalized)) else { return nil }
            return (String(name.dropLast(suffix.count)), number)
        }
        let parts = names.compactMap(split)
        guard parts.count == names.count, let first = parts.first else { return nil }
        for (index, part) in parts.enumerated() where part.0 != first.0 || part.1 != first.1 + index { return nil }
        return names[0] + "…" + names[names.count - 1]
    }
}

extension Sequence where Element == Double {
    var minMax: ClosedRange<Double>? {
        var lower = Double.infinity
        var upper = -Double.infinity
        for value in self {
            lower = Swift.min(lower, value)
            upper = Swift.max(upper, value)
        }
        return lower <= upper ? lower...upper : nil
    }
}
