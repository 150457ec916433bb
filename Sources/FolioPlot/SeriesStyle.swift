/// How series number n looks beyond its colour, so series stay apart without colour (greyscale
/// print, colour-blind readers): a dash pattern for lines, a marker shape for points, an opacity
/// for areas. Colours come from the stylesheet (`FigureRenderer.css`) through the class `s1`…`s8`.
enum SeriesStyle {
    static let count = 8

    /// The class that picks the series colour: `s1`…`s8`, cycling.
    static func colorClass(_ style: Int) -> String {
        "s\(style % count + 1)"
    }

    /// Dash patterns for 2-unit lines: solid, dashed, dotted, dash-dot, long dash, …
    static func dashArray(_ style: Int) -> String? {
        ["", "7 4", "1.5 3.5", "10 3 2 3", "16 5", "4 2", "2 2 8 2", "12 3 2 3 2 3"][style % count].nilIfEmpty
    }

    /// Fill opacity of a stacked area: alternating strong and light, so neighbours differ in
    /// lightness even where their colours do not.
    static func areaOpacity(_ style: Int, stacked: Bool) -> Double {
        let base = [0.9, 0.6, 0.8, 0.5, 0.85, 0.55, 0.75, 0.45][style % count]
        return stacked ? base : base * 0.45
    }

    /// A filled marker centred on `center`, as path commands. Shapes differ in outline, not just
    /// colour: circle, square, triangle, diamond, inverted triangle, plus, hexagon, small dot.
    static func marker(_ style: Int, at center: Point, size: Double = 4.5) -> String {
        let x = center.x
        let y = center.y
        let r = size
        func c(_ value: Double) -> String { NumberFormatting.coordinate(value) }
        switch style % count {
        case 0:
            return "M\(c(x - r)) \(c(y))a\(c(r)) \(c(r)) 0 1 0 \(c(2 * r)) 0a\(c(r)) \(c(r)) 0 1 0 \(c(-2 * r)) 0Z"
        case 1:
            let h = r * 0.85
            return "M\(c(x - h)) \(c(y - h))h\(c(2 * h))v\(c(2 * h))h\(c(-2 * h))Z"
        case 2:
            return "M\(c(x)) \(c(y - r * 1.1))l\(c(r * 1.05)) \(c(r * 1.8))h\(c(-r * 2.1))Z"
        case 3:
            let d = r * 1.15
            return "M\(c(x)) \(c(y - d))l\(c(d)) \(c(d)) \(c(-d)) \(c(d)) \(c(-d)) \(c(-d))Z"
        case 4:
            return "M\(c(x)) \(c(y + r * 1.1))l\(c(r * 1.05)) \(c(-r * 1.8))h\(c(-r * 2.1))Z"
        case 5:
            let a = r * 0.38
            let b = r * 1.05
            return "M\(c(x - a)) \(c(y - b))h\(c(2 * a))v\(c(b - a))h\(c(b - a))v\(c(2 * a))h\(c(a - b))v\(c(b - a))h\(c(-2 * a))v\(c(a - b))h\(c(a - b))v\(c(-2 * a))h\(c(b - a))Z"
        case 6:
            let h = r * 0.95
            return "M\(c(x - h)) \(c(y))l\(c(h / 2)) \(c(-h * 0.87))h\(c(h))l\(c(h / 2)) \(c(h * 0.87))l\(c(-h / 2)) \(c(h * 0.87))h\(c(-h))Z"
        default:
            let s = r * 0.6
            return "M\(c(x - s)) \(c(y))a\(c(s)) \(c(s)) 0 1 0 \(c(2 * s)) 0a\(c(s)) \(c(s)) 0 1 0 \(c(-2 * s)) 0Z"
        }
    }
}

/// The chart stylesheet: every colour of a figure, as custom properties on `.folio-chart`, with
/// a dark variant.
enum ChartStylesheet {
    /// Okabe & Ito's colour-blind-safe palette, reordered so neighbours alternate dark and light
    /// (greyscale luminance ≈ .15, .42, .26, .74, .22, .40, .29, 0).
    static let light = ["#0072B2", "#E69F00", "#009E73", "#F0E442", "#D55E00", "#56B4E9", "#CC79A7", "#000000"]
    /// The same hues on a dark page, where black would vanish and becomes light grey.
    static let dark = ["#0072B2", "#E69F00", "#009E73", "#F0E442", "#D55E00", "#56B4E9", "#CC79A7", "#E8E8E8"]

    static let css: String = {
        func properties(_ colors: [String]) -> String {
            colors.enumerated().map { "--folio-series-\($0.offset + 1):\($0.element);" }.joined()
        }
        let seriesClasses = (1...SeriesStyle.count).map { ".folio-chart .s\($0){--c:var(--folio-series-\($0))}" }.joined(separator: "\n")
        return """
        .folio-chart{\(properties(light))--folio-text:#1f2328;--folio-muted:#59636e;--folio-axis:#6e7781;--folio-grid:#e1e4e8;--folio-bg:#fff;--folio-note:#1f2328;\
        display:block;width:100%;height:auto;overflow:visible;font-family:inherit}
        @media (prefers-color-scheme:dark){.folio-chart{\(properties(dark))--folio-text:#e6edf3;--folio-muted:#9198a1;--folio-axis:#8b949e;--folio-grid:#30363d;--folio-bg:#0d1117;--folio-note:#e6edf3}}
        .folio-chart text{fill:var(--folio-text);font-family:inherit}
        .folio-chart .tick{fill:var(--folio-muted)}
        .folio-chart .panel-title{font-weight:600}
        \(seriesClasses)
        .folio-chart .line{fill:none;stroke:var(--c);stroke-width:2;stroke-linejoin:round;stroke-linecap:round}
        .folio-chart .area{fill:var(--c);stroke:none}
        .folio-chart .edge{fill:none;stroke:var(--c);stroke-width:1.5;stroke-linejoin:round}
        .folio-chart .bar{fill:var(--c);stroke:var(--folio-bg);stroke-width:.75}
        .folio-chart .bar.merged{stroke:none}
        .folio-chart .marks{fill:var(--c);stroke:var(--folio-bg);stroke-width:.75}
        .folio-chart .swatch{fill:var(--c)}
        .folio-chart .grid{stroke:var(--folio-grid);stroke-width:1;fill:none}
        .folio-chart .axis,.folio-chart .zero{stroke:var(--folio-axis);stroke-width:1;fill:none}
        .folio-chart .halo{paint-order:stroke;stroke:var(--folio-bg);stroke-width:4px;stroke-linejoin:round}
        .folio-chart .rule{stroke:var(--folio-note);stroke-width:1.25;stroke-dasharray:5 4;fill:none}
        .folio-chart .mark{fill:var(--folio-note);stroke:var(--folio-bg);stroke-width:2}
        .folio-chart .note{fill:var(--folio-note)}
        """
    }()
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
