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

    /// A table from rows of values: numbers are formatted per column, integers and text shown
    /// as they are, anything else by its description. Every row has a value for each column.
    public init(columns: [String], rows: [[Any]], digits: Int? = nil,
                colorScale: ColorScale? = nil, caption: String? = nil) {
        for (index, row) in rows.enumerated() where !columns.isEmpty && row.count != columns.count {
            fatalError("Table row \(index + 1) has \(row.count) values but the table has \(columns.count) columns")
        }
        self.columns = columns
        self.rows = rows.map { $0.map(TableValue.init(any:)) }
        self.digits = digits
        self.colorScale = colorScale
        self.caption = caption
    }

    /// A table whose rows are a label followed by numbers, such as a matrix with its rows named.
    public init(columns: [String], rowLabels: [Any], values: [[Double]], digits: Int? = nil,
                colorScale: ColorScale? = nil, caption: String? = nil) {
        if rowLabels.count != values.count {
            fatalError("Table has \(rowLabels.count) row labels but \(values.count) rows of values")
        }
        var rows: [[TableValue]] = []
        for (index, (label, numbers)) in zip(rowLabels, values).enumerated() {
            if !columns.isEmpty && numbers.count + 1 != columns.count {
                fatalError("Table row \(index + 1) has a label and \(numbers.count) values but the table has \(columns.count) columns")
            }
            rows.append([TableValue(any: label)] + numbers.map { TableValue.number($0) })
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
public enum TableValue: Sendable, Equatable, TableValueConvertible {
    case number(Double)
    case integer(Int)
    case text(String)

    public var tableValue: TableValue { self }

    /// `value` as a table shows it: numbers and integers as such, text as it is, anything else
    /// by its description.
    public init(any value: Any) {
        switch value {
        case let convertible as TableValueConvertible: self = convertible.tableValue
        case let integer as any BinaryInteger: self = Int(exactly: integer).map(TableValue.integer) ?? .text("\(integer)")
        default: self = .text(ValueFormatter.format(value))
        }
    }

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

/// Values a table shows as numbers, integers or text of their own choosing; any other value is
/// shown by its description.
public protocol TableValueConvertible {
    var tableValue: TableValue { get }
}

extension Double: TableValueConvertible { public var tableValue: TableValue { .number(self) } }
extension Float: TableValueConvertible { public var tableValue: TableValue { .number(Double(self)) } }
extension Int: TableValueConvertible { public var tableValue: TableValue { .integer(self) } }
extension String: TableValueConvertible { public var tableValue: TableValue { .text(self) } }
