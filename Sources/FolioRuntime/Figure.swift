/// A chart, declared as data: axes plus series and marks, or panels of small multiples.
/// `show(_:)` sends it to Folio, which draws it as SVG at build time.
///
/// ```swift
/// show(Figure(x: Axis("z_4"), y: Axis("a", range: 0...1)) {
///     for j in 0..<4 { Area("a_\(j + 1)", x: zs, y: activations[j]) }
///     Mark.point(x: 0.5, y: 1, label: "z_4 = 0.5")
/// })
/// ```
public struct Figure {
    public var title: String?
    public var x: Axis
    public var y: Axis
    public var categories: [String]?
    public var showsLegend: Bool
    public var steps: Bool
    var elements: [FigureElement]
    var panels: [Panel]

    /// A chart of the series and marks `content` lists. Bars are placed at `categories`.
    public init(title: String? = nil, x: Axis = Axis(), y: Axis = Axis(), categories: [String]? = nil, legend: Bool = true,
                @FigureBuilder content: () -> [FigureElement]) {
        self.title = title
        self.x = x
        self.y = y
        self.categories = categories
        self.showsLegend = legend
        self.steps = false
        self.elements = content()
        self.panels = []
        checkBars(in: [elements])
    }

    /// Small multiples: one panel per entry, all on the same axes. With `steps`, the page shows
    /// one panel at a time with a control to step through them (without JavaScript), and all of
    /// them where styles are off.
    public init(title: String? = nil, x: Axis = Axis(), y: Axis = Axis(), categories: [String]? = nil, legend: Bool = true,
                steps: Bool = false, panels: [Panel]) {
        self.title = title
        self.x = x
        self.y = y
        self.categories = categories
        self.showsLegend = legend
        self.steps = steps
        self.elements = []
        self.panels = panels
        checkBars(in: panels.map(\.elements))
    }

    /// Stepping shows panels one at a time, so a stepper is made of panels, not of content.
    @available(*, unavailable, message: "'steps: true' steps through panels: Figure(steps: true, panels: [Panel(\"…\") { … }, …])")
    public init(title: String? = nil, x: Axis = Axis(), y: Axis = Axis(), categories: [String]? = nil, legend: Bool = true,
                steps: Bool, @FigureBuilder content: () -> [FigureElement]) {
        fatalError("unavailable")
    }

    /// Axes are named by their labels.
    @available(*, unavailable, message: "label the axes: Figure(x: Axis(\"…\"), y: Axis(\"…\")) { … }")
    public init(_ x: Axis, _ y: Axis, categories: [String]? = nil, legend: Bool = true,
                @FigureBuilder content: () -> [FigureElement]) {
        fatalError("unavailable")
    }

    /// The parameter is `legend`, though the property is `showsLegend`.
    @available(*, unavailable, message: "switch the legend off with legend: false")
    public init(title: String? = nil, x: Axis = Axis(), y: Axis = Axis(), categories: [String]? = nil, showsLegend: Bool,
                @FigureBuilder content: () -> [FigureElement]) {
        fatalError("unavailable")
    }

    /// Axis titles belong to the axes.
    @available(*, unavailable, message: "name the axes with x: and y:, as in Figure(x: \"epoch\", y: Axis(\"loss\", scale: .log)) { … }")
    public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = nil, categories: [String]? = nil, legend: Bool = true,
                @FigureBuilder content: () -> [FigureElement]) {
        fatalError("unavailable")
    }

    /// Every bar has one value per category, and bars without categories have as many values as each other.
    private func checkBars(in plots: [[FigureElement]]) {
        var expected = categories.map { ($0.count, "the figure has \($0.count) categories") }
        for bar in plots.joined().compactMap({ $0 as? Bar }) {
            if let (count, reason) = expected {
                if bar.values.count != count {
                    fatalError("Bar \"\(bar.name)\" has \(bar.values.count) values but \(reason)")
                }
            } else {
                expected = (bar.values.count, "Bar \"\(bar.name)\" has \(bar.values.count)")
            }
        }
    }

    var json: JSON {
        .object([
            ("title", title.map(JSON.string) ?? .null),
            ("x", x.json),
            ("y", y.json),
            ("series", .array(elements.compactMap { ($0 as? SeriesElement)?.seriesJSON })),
            ("annotations", .array(elements.compactMap { ($0 as? Mark)?.json })),
            ("categories", categories.map { .array($0.map(JSON.string)) } ?? .null),
            ("panels", .array(panels.map(\.json))),
            ("showsLegend", .bool(showsLegend)),
            ("steps", .bool(steps)),
        ])
    }
}

/// An axis: its title, its scale and, if given, its range. A string literal is an axis with
/// that title: `Figure(x: "epoch", y: "loss")`.
public struct Axis: ExpressibleByStringLiteral {
    public enum Scale: String {
        case linear
        case log
    }

    public var title: String?
    public var scale: Scale
    public var range: ClosedRange<Double>?

    public init(_ title: String? = nil, scale: Scale = .linear, range: ClosedRange<Double>? = nil) {
        self.title = title
        self.scale = scale
        self.range = range
    }

    /// An axis titled `title`, linear, its range fitted to the data.
    public init(stringLiteral title: String) {
        self.init(title)
    }

    /// A log axis is a scale.
    @available(*, unavailable, message: "a log axis is Axis(\"…\", scale: .log)")
    public init(_ title: String? = nil, log: Bool, range: ClosedRange<Double>? = nil) {
        fatalError("unavailable")
    }

    /// An axis's range is one argument, both ends included.
    @available(*, unavailable, message: "give the axis its range as range: lower...upper, as in Axis(\"y\", range: 0...1)")
    public init(_ title: String? = nil, scale: Scale = .linear, min: Double? = nil, max: Double? = nil) {
        fatalError("unavailable")
    }

    var json: JSON {
        .object([
            ("title", title.map(JSON.string) ?? .null),
            ("scale", .string(scale.rawValue)),
            ("lowerBound", range.map { .float($0.lowerBound) } ?? .null),
            ("upperBound", range.map { .float($0.upperBound) } ?? .null),
        ])
    }
}

/// Anything a figure's content can list: a series or a mark.
public protocol FigureElement {}

/// A series of points, drawn as its kind says.
protocol SeriesElement: FigureElement {
    var seriesJSON: JSON { get }
}

private func seriesJSON(kind: String, name: String, x: [Double], y: [Double], stack: String?, showsValues: Bool) -> JSON {
    .object([
        ("kind", .string(kind)),
        ("name", .string(name)),
        ("x", .array(x.map(JSON.float))),
        ("y", .array(y.map(JSON.float))),
        ("stack", stack.map(JSON.string) ?? .null),
        ("showsValues", .bool(showsValues)),
    ])
}

/// A series has a y for every x: a mismatch is the author's mistake, caught where it is made.
private func checkLengths(_ kind: String, _ name: String, _ x: [Double], _ y: [Double]) {
    if x.count != y.count {
        fatalError("\(kind) \"\(name)\" has \(x.count) x values but \(y.count) y values")
    }
}

/// A line through the points in order.
public struct Line: SeriesElement {
    let name: String, x: [Double], y: [Double], showsValues: Bool
    public init(_ name: String, x: [Double], y: [Double], showsValues: Bool = false) {
        checkLengths("Line", name, x, y)
        self.name = name; self.x = x; self.y = y; self.showsValues = showsValues
    }
    var seriesJSON: JSON { FolioRuntime.seriesJSON(kind: "line", name: name, x: x, y: y, stack: nil, showsValues: showsValues) }
}

/// A filled area; areas with the same `stack` are stacked in the order listed.
public struct Area: SeriesElement {
    let name: String, x: [Double], y: [Double], stack: String?
    public init(_ name: String, x: [Double], y: [Double], stack: String? = "areas") {
        checkLengths("Area", name, x, y)
        self.name = name; self.x = x; self.y = y; self.stack = stack
    }
    var seriesJSON: JSON { FolioRuntime.seriesJSON(kind: "area", name: name, x: x, y: y, stack: stack, showsValues: false) }
}

/// Bars, one per category of the figure; bars of several series without a stack stand side by
/// side, with the same `stack` on top of each other.
public struct Bar: SeriesElement {
    let name: String, values: [Double], stack: String?, showsValues: Bool
    public init(_ name: String, values: [Double], stack: String? = nil, showsValues: Bool = false) {
        self.name = name; self.values = values; self.stack = stack; self.showsValues = showsValues
    }
    /// Bars stand at the figure's categories.
    @available(*, unavailable, message: "bars stand at the figure's categories: Figure(categories: [\"a\", \"b\"]) { Bar(\"…\", values: [1, 2]) }")
    public init(_ name: String, x: [String]? = nil, y: [Double], stack: String? = nil, showsValues: Bool = false) {
        fatalError("unavailable")
    }

    /// Categories are the figure's, shared by its bars.
    @available(*, unavailable, message: "categories belong to the figure: Figure(categories: [\"a\", \"b\"]) { Bar(\"…\", values: [1, 2]) }")
    public init(_ name: String, categories: [String], values: [Double], stack: String? = nil, showsValues: Bool = false) {
        fatalError("unavailable")
    }

    var seriesJSON: JSON {
        FolioRuntime.seriesJSON(kind: "bar", name: name, x: values.indices.map(Double.init), y: values, stack: stack, showsValues: showsValues)
    }
}

/// Points, unconnected.
public struct Scatter: SeriesElement {
    let name: String, x: [Double], y: [Double]
    public init(_ name: String, x: [Double], y: [Double]) {
        checkLengths("Scatter", name, x, y)
        self.name = name; self.x = x; self.y = y
    }
    var seriesJSON: JSON { FolioRuntime.seriesJSON(kind: "scatter", name: name, x: x, y: y, stack: nil, showsValues: false) }
}

/// Text or a mark at data coordinates.
public struct Mark: FigureElement {
    let kind: String, x: Double, y: Double, label: String

    /// A marked point, labelled.
    public static func point(x: Double, y: Double, label: String = "") -> Mark { Mark(kind: "point", x: x, y: y, label: label) }
    /// Text at a point.
    public static func text(_ label: String, x: Double, y: Double) -> Mark { Mark(kind: "text", x: x, y: y, label: label) }
    /// A vertical rule across the plot at `x`.
    public static func vertical(x: Double, label: String = "") -> Mark { Mark(kind: "verticalLine", x: x, y: 0, label: label) }
    /// A horizontal rule across the plot at `y`.
    public static func horizontal(y: Double, label: String = "") -> Mark { Mark(kind: "horizontalLine", x: 0, y: y, label: label) }

    var json: JSON {
        .object([("kind", .string(kind)), ("x", .float(x)), ("y", .float(y)), ("label", .string(label))])
    }
}

/// One small multiple.
public struct Panel {
    let title: String
    let elements: [FigureElement]

    public init(_ title: String, @FigureBuilder content: () -> [FigureElement]) {
        self.title = title
        self.elements = content()
    }

    var json: JSON {
        .object([
            ("title", .string(title)),
            ("series", .array(elements.compactMap { ($0 as? SeriesElement)?.seriesJSON })),
            ("annotations", .array(elements.compactMap { ($0 as? Mark)?.json })),
        ])
    }
}

/// Lets a figure list its content with `for`, `if` and plain statements.
@resultBuilder
public enum FigureBuilder {
    public static func buildExpression(_ element: FigureElement) -> [FigureElement] { [element] }
    public static func buildExpression(_ elements: [FigureElement]) -> [FigureElement] { elements }
    /// A statement such as `print(…)` or `expect(…)` among the content adds nothing to the figure.
    public static func buildExpression(_ statement: Void) -> [FigureElement] { [] }
    /// Panels are the figure's, not its content's.
    @available(*, unavailable, message: "a Panel is one small multiple: give them to the figure, as in Figure(panels: [Panel(\"…\") { … }, …])")
    public static func buildExpression(_ panel: Panel) -> [FigureElement] { [] }
    public static func buildBlock(_ parts: [FigureElement]...) -> [FigureElement] { parts.flatMap { $0 } }
    public static func buildArray(_ parts: [[FigureElement]]) -> [FigureElement] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [FigureElement]?) -> [FigureElement] { part ?? [] }
    public static func buildEither(first part: [FigureElement]) -> [FigureElement] { part }
    public static func buildEither(second part: [FigureElement]) -> [FigureElement] { part }
}
