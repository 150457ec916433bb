/// A chart a cell showed, as data — what to draw, not how: axes, series and annotations, or a
/// row of small multiples sharing their axes. The plotting module draws it as SVG.
public struct Figure: Sendable, Equatable, Codable {
    public var title: String?
    public var x: Axis
    public var y: Axis
    public var series: [Series]
    public var annotations: [Annotation]
    /// Names of the categories along x for bar charts; bar series then give one value per
    /// category and their `x` is ignored.
    public var categories: [String]?
    /// Small multiples: each panel is drawn with this figure's axes (shared ranges and ticks);
    /// when non-empty, this figure's own `series` and `annotations` are not drawn.
    public var panels: [Panel]
    public var showsLegend: Bool
    /// Panels shown one at a time, with a control to step through them (no JavaScript); all of
    /// them where styles are off.
    public var steps: Bool

    public init(title: String? = nil, x: Axis = Axis(), y: Axis = Axis(), series: [Series] = [], annotations: [Annotation] = [],
                categories: [String]? = nil, panels: [Panel] = [], showsLegend: Bool = true, steps: Bool = false) {
        self.steps = steps
        self.title = title
        self.x = x
        self.y = y
        self.series = series
        self.annotations = annotations
        self.categories = categories
        self.panels = panels
        self.showsLegend = showsLegend
    }
}

/// One axis: its title, scale and, optionally, a fixed range.
public struct Axis: Sendable, Equatable, Codable {
    public enum Scale: String, Sendable, Codable {
        case linear
        case log
    }

    public var title: String?
    public var scale: Scale
    /// Fixed ends; `nil` ends are chosen from the data, rounded out to ticks.
    public var lowerBound: Double?
    public var upperBound: Double?

    public init(title: String? = nil, scale: Scale = .linear, lowerBound: Double? = nil, upperBound: Double? = nil) {
        self.title = title
        self.scale = scale
        self.lowerBound = lowerBound
        self.upperBound = upperBound
    }
}

/// A named set of points drawn one way. Points whose x or y is not finite are skipped (and
/// reported where the figure was shown).
public struct Series: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case line
        /// Filled to the series below it in the same stack, or to zero.
        case area
        case bar
        case scatter
    }

    public var kind: Kind
    public var name: String
    public var x: [Double]
    public var y: [Double]
    /// Series of one kind with the same stack name are stacked (areas and bars); `nil` for
    /// none. Bars without a stack side by side are grouped.
    public var stack: String?
    /// Whether each point's value is written beside it (bars: above the bar).
    public var showsValues: Bool

    public init(kind: Kind, name: String, x: [Double], y: [Double], stack: String? = nil, showsValues: Bool = false) {
        self.kind = kind
        self.name = name
        self.x = x
        self.y = y
        self.stack = stack
        self.showsValues = showsValues
    }
}

/// Text or a mark placed at data coordinates.
public struct Annotation: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// Text at (x, y).
        case text
        /// A marked point at (x, y), labelled.
        case point
        /// A vertical rule at x across the plot, labelled.
        case verticalLine
        /// A horizontal rule at y across the plot, labelled.
        case horizontalLine
    }

    public var kind: Kind
    public var x: Double
    public var y: Double
    public var label: String

    public init(kind: Kind, x: Double = 0, y: Double = 0, label: String = "") {
        self.kind = kind
        self.x = x
        self.y = y
        self.label = label
    }
}

/// One small multiple: a title and its own series and annotations.
public struct Panel: Sendable, Equatable, Codable {
    public var title: String
    public var series: [Series]
    public var annotations: [Annotation]

    public init(title: String, series: [Series], annotations: [Annotation] = []) {
        self.title = title
        self.series = series
        self.annotations = annotations
    }
}
