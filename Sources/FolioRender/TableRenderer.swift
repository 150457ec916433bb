import FolioModel

/// A table's caption as the page shows it: markup (escaped text, or the author's inlines already
/// written), with its "Table 3:" when numbered, and the id that lets the table's scrolling
/// wrapper take the caption as its name.
struct TableCaption {
    var id: String?
    /// Trusted markup: this module wrote it.
    var markup: String
}

/// The anchor, number and caption of a table a cell shows, from the cell.
struct TablePlacement {
    var anchor: String?
    var number: String?
    /// `tbl-cap`; `nil` leaves the table's own caption, if any.
    var caption: String?
}

/// Hands out placements to the tables one cell shows, in order: a cell labelled `tbl-…` gives
/// its label, number and `tbl-cap` to its table, as a `fig-…` cell does to its figure (its parts
/// `3a`, `3b`, … with anchors `<label>`, `<label>-b`, … when it shows several).
struct TableSequence {
    private let cell: Cell
    private let count: Int
    private var index = 0
    /// Whether the cell's label is the `id` of its first table rather than of the cell.
    let tablesCarryLabel: Bool

    init(cell: Cell, showsOutput: Bool) {
        self.cell = cell
        count = cell.result?.outputs.filter { if case .table = $0 { true } else { false } }.count ?? 0
        tablesCarryLabel = cell.options.label?.hasPrefix("tbl-") == true && showsOutput && count > 0
    }

    mutating func next() -> TablePlacement {
        defer { index += 1 }
        guard tablesCarryLabel, let label = cell.options.label else { return TablePlacement() }
        let part = FigureSequence.part(index, of: count)
        return TablePlacement(anchor: index == 0 ? label : "\(label)-\(part)", number: cell.tableNumber.map { $0 + part },
                              caption: cell.options.tableCaption)
    }
}

/// Writes the tables of a page: those a cell showed and, through ``frame(wrapperClass:tableClass:anchor:caption:into:rows:)``,
/// those the author wrote in Markdown. Numbers are right-aligned; with a colour scale each
/// number's cell is shaded by its size, and by its sign on a diverging scale — the sign is
/// printed too, so the table reads the same without colour.
enum TableRenderer {
    /// The frame every table shares: a wrapper that scrolls sideways when the table is wider than
    /// the page, the `<table>` with its anchor, and its caption; `rows` writes the rest.
    /// The wrapper is focusable, so a keyboard can scroll it; with a caption it is a region
    /// named by it, so that a screen reader says which table has the focus.
    static func frame(wrapperClass: String = "table-scroll", tableClass: String, anchor: String?, caption: TableCaption?,
                      into writer: inout HTMLWriter, rows: (inout HTMLWriter) -> Void) {
        let name = caption?.id
        writer.element("div", ["class": wrapperClass, "tabindex": "0", "role": name == nil ? nil : "region", "aria-labelledby": name]) { writer in
            writer.element("table", ["class": tableClass, "id": anchor]) { writer in
                if let caption {
                    writer.element("caption", ["id": caption.id]) { writer in writer.trusted(caption.markup) }
                }
                rows(&writer)
            }
        }
    }

    /// Writes `table`, with `caption` in place of its own, if given. A figure's data table
    /// (`figureData`) is written lean, since it can run to hundreds of rows: each row's first
    /// cell is its header, and every other cell is a number, right-aligned by the stylesheet
    /// rather than by a class on each cell.
    static func write(_ table: DataTable, figureData: Bool = false, anchor: String? = nil, caption: TableCaption? = nil,
                      into writer: inout HTMLWriter) {
        let numbers = table.values.flatMap { $0 }.compactMap { $0 }.filter(\.isFinite)
        let range = Scale(largestMagnitude: numbers.map(abs).max() ?? 0, minimum: numbers.min() ?? 0, maximum: numbers.max() ?? 0)
        let scaleClass = table.colorScale.map { " scale-\($0)" } ?? ""
        let caption = caption ?? table.caption.map { TableCaption(id: nil, markup: HTMLWriter.escape($0, quotes: false)) }
        frame(tableClass: "data-table" + scaleClass + (figureData ? " figure-table" : ""), anchor: anchor, caption: caption,
              into: &writer) { writer in
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
