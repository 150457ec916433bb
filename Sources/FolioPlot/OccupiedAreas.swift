/// The rectangles a plot's labels and marks already take, so a value label can keep off them.
/// Kept in buckets of a coarse grid, so checking a label costs about the same however many are
/// placed: a plot may label thousands of bars, and checking each against all was quadratic.
struct OccupiedAreas {
    /// The grid's cell side, in SVG units: about two lines of label text.
    private static let cell = 32.0
    /// The grid covers this much around the chart; a rectangle reaching outside it (a label
    /// anchored far off the plot) is kept in a list of its own and checked one by one.
    private static let cells = -64...192

    private var areas: [Rect] = []
    private var buckets: [Int: [Int]] = [:]
    private var outside: [Int] = []

    /// Whether `box` overlaps a rectangle already taken.
    func overlaps(_ box: Rect) -> Bool {
        guard let (columns, rows) = Self.cells(of: box) else { return areas.contains { $0.intersects(box) } }
        if outside.contains(where: { areas[$0].intersects(box) }) { return true }
        for row in rows {
            for column in columns {
                if buckets[Self.key(column, row)]?.contains(where: { areas[$0].intersects(box) }) == true { return true }
            }
        }
        return false
    }

    /// Takes `box`.
    mutating func add(_ box: Rect) {
        let index = areas.count
        areas.append(box)
        guard let (columns, rows) = Self.cells(of: box) else {
            outside.append(index)
            return
        }
        for row in rows {
            for column in columns { buckets[Self.key(column, row), default: []].append(index) }
        }
    }

    /// The grid cells `box` covers, or `nil` when it reaches outside the grid (or is not finite).
    private static func cells(of box: Rect) -> (ClosedRange<Int>, ClosedRange<Int>)? {
        let bounds = (Double(Self.cells.lowerBound) * cell)...(Double(Self.cells.upperBound) * cell)
        guard bounds.contains(box.x), bounds.contains(box.maxX), bounds.contains(box.y), bounds.contains(box.maxY),
              box.width >= 0, box.height >= 0 else { return nil }
        let columns = Int((box.x / cell).rounded(.down))...Int((box.maxX / cell).rounded(.down))
        let rows = Int((box.y / cell).rounded(.down))...Int((box.maxY / cell).rounded(.down))
        return (columns, rows)
    }

    private static func key(_ column: Int, _ row: Int) -> Int {
        row * 1024 + column
    }
}
