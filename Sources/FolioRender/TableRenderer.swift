import FolioModel

/// Writes a table a cell showed. Numbers are right-aligned; with a colour scale each number's
/// cell is shaded by its size, and by its sign on a diverging scale — the sign is printed too,
/// so the table reads the same without colour.
enum TableRenderer {
    /// Writes `table`. A figure's data table (`figureData`) is written lean, since it can run to
    /// hundreds of rows: each row's first cell is its header, and every other cell is a number,
    /// right-aligned by the stylesheet rather than by a class on each cell.
    static func write(_ table: DataTable, figureData: Bool = false, into writer: inout HTMLWriter) {
        let numbers = table.values.flatMap { $0 }.compactMap { $0 }.filter(\.isFinite)
        let range = Scale(largestMagnitude: numbers.map(abs).max() ?? 0, minimum: numbers.min() ?? 0, maximum: numbers.max() ?? 0)
        let scaleClass = table.colorScale.map { " scale-\($0)" } ?? ""
        // Focusable, so a keyboard can scroll a table wider than the page.
        writer.element("div", ["class": "table-scroll", "tabindex": "0"]) { writer in
            writer.element("table", ["class": "data-table" + scaleClass + (figureData ? " figure-table" : "")]) { writer in
                if let caption = table.caption {
                    writer.element("caption", text: caption)
                }
                if !table.columns.isEmpty {
                    writer.element("thead") { writer in
                        writer.element("tr") { writer in
                            for column in table.columns {
                                // A column without a name (above row labels) is no header.
                                if column.isEmpty {
                                    writer.element("td", text: "")
                                } else {
                                    writer.element("th", ["scope": "col"], text: column)
                                }
                            }
                        }
                    }
                }
                writer.element("tbody") { writer in
                    for (rowIndex, row) in table.rows.enumerated() {
                        writer.element("tr") { writer in
                            for (columnIndex, text) in row.enumerated() {
                                if figureData {
                                    writer.element(columnIndex == 0 ? "th" : "td", columnIndex == 0 ? ["scope": "row"] : [:], text: text)
                                    continue
                                }
                                let value = rowIndex < table.values.count && columnIndex < table.values[rowIndex].count
                                    ? table.values[rowIndex][columnIndex] : nil
                                writer.element("td", attributes(for: value, text: text, scale: table.colorScale, range: range), text: text)
                            }
                        }
                    }
                }
            }
        }
    }

    /// What a table's numbers span, for shading them.
    private struct Scale {
        let largestMagnitude: Double
        let minimum: Double
        let maximum: Double
    }

    /// The class and shade of a cell holding `value` (a number the scale covers) or `text`.
    private static func attributes(for value: Double?, text: String, scale: String?, range: Scale) -> KeyValuePairs<String, String?> {
        guard let value, value.isFinite else {
            // Integers and other numbers outside the scale are still aligned as numbers.
            return ["class": Double(text) != nil ? "number" : nil, "style": nil]
        }
        guard let scale else { return ["class": "number", "style": nil] }
        let shade: Double
        let sign: String
        if scale == "diverging" {
            shade = range.largestMagnitude > 0 ? abs(value) / range.largestMagnitude : 0
            sign = value > 0 ? "number positive" : value < 0 ? "number negative" : "number zero"
        } else {
            let span = range.maximum - range.minimum
            shade = span > 0 ? (value - range.minimum) / span : 0
            sign = "number"
        }
        // Two decimals of shade are all the eye can tell apart, and keep the output stable.
        let percent = Int((shade * 100).rounded())
        return ["class": sign, "style": "--shade: \(percent)%"]
    }
}
