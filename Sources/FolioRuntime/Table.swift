/// A table a cell shows: named columns, rows of numbers or text, numbers formatted per column,
/// and optionally a colour scale behind the numbers.
public struct Table: Sendable {
    /// How numbers colour their cells.
    public enum ColorScale: String, Sendable {
        /// Negative one hue, positive another, zero white: for signs that matter.
        case diverging
        /// One hue, light to dark from the smallest number to the largest.
        case sequential
    }

    public var columns: [String]
    public var rows: [[TableValue]]
    /// Significant digits; the chapter's `digits` when `nil`.
    public var digits: Int?
    public var colorScale: ColorScale?
    public var caption: String?

    /// A table from rows of numbers, integers and strings as they are.
    public init(columns: [String], rows: [[any TableValueConvertible]], digits: Int? = nil,
                colorScale: ColorScale? = nil, caption: String? = nil) {
        self.columns = columns
        self.rows = rows.map { $0.map(\.tableValue) }
        self.digits = digits
        self.colorScale = colorScale
        self.caption = caption
    }

    /// A table whose rows are a label followed by numbers, such as a matrix with its rows named.
    public init(columns: [String], rowLabels: [any TableValueConvertible], values: [[Double]], digits: Int? = nil,
                colorScale: ColorScale? = nil, caption: String? = nil) {
        var rows: [[TableValue]] = []
        for (label, numbers) in zip(rowLabels, values) {
            rows.append([label.tableValue] + numbers.map { TableValue.number($0) })
        }
        self.columns = columns
        self.rows = rows
        self.digits = digits
        self.colorScale = colorScale
        self.caption = caption
    }

    /// The table as the channel carries it: text for every cell, formatted per column, and the
    /// numbers themselves for the colour scale.
    var json: JSON {
        let digits = digits ?? ValueFormatter.digits
        var texts = rows.map { $0.map { $0.text } }
        for column in 0..<(rows.map(\.count).max() ?? 0) {
            let indices = rows.indices.filter { column < rows[$0].count && rows[$0][column].number != nil }
            let formatted = ValueFormatter.aligned(indices.map { rows[$0][column].number! }, digits: digits)
            for (index, text) in zip(indices, formatted) { texts[index][column] = text }
        }
        return .object([
            ("columns", .array(columns.map(JSON.string))),
            ("rows", .array(texts.map { .array($0.map(JSON.string)) })),
            ("values", .array(rows.map { .array($0.map { $0.number.map(JSON.number) ?? .null }) })),
            ("scale", colorScale.map { .string($0.rawValue) } ?? .null),
            ("caption", caption.map(JSON.string) ?? .null),
        ])
    }
}

/// One cell of a `Table`: a number, an integer or text.
public enum TableValue: Sendable, TableValueConvertible {
    case number(Double)
    case integer(Int)
    case text(String)

    public var tableValue: TableValue { self }

    var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    var text: String {
        switch self {
        case .number(let value): return ValueFormatter.format(value, digits: ValueFormatter.digits)
        case .integer(let value): return String(value)
        case .text(let value): return value
        }
    }
}

/// Values that can stand in a table cell: `Table(columns:rows:)` takes them as they are.
public protocol TableValueConvertible {
    var tableValue: TableValue { get }
}

extension Double: TableValueConvertible { public var tableValue: TableValue { .number(self) } }
extension Float: TableValueConvertible { public var tableValue: TableValue { .number(Double(self)) } }
extension Int: TableValueConvertible { public var tableValue: TableValue { .integer(self) } }
extension String: TableValueConvertible { public var tableValue: TableValue { .text(self) } }
