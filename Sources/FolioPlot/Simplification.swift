/// Reduces what is drawn to what can be seen, so an SVG of 10⁵ points stays small and quick:
/// lines keep each pixel column's extremes and then lose points within a tenth of a unit of
/// the line (Ramer–Douglas–Peucker); scatter plots keep one point per occupied cell.
enum Simplification {
    /// A polyline (in x order) with at most about `maxPoints` vertices that looks the same.
    static func polyline(_ points: [Point], maxPoints: Int, tolerance: Double = 0.1) -> [Point] {
        var reduced = points.count > maxPoints ? columnExtremes(points, columns: max(1, maxPoints / 2)) : points
        if reduced.count > 2 {
            reduced = douglasPeucker(reduced, tolerance: tolerance)
        }
        return reduced
    }

    /// For each of `columns` equal slices of x, its lowest and highest point in their original
    /// order (plus the line's ends): the envelope a rasteriser would draw anyway.
    static func columnExtremes(_ points: [Point], columns: Int) -> [Point] {
        guard let first = points.first, let last = points.last, points.count > 4 else { return points }
        let minX = points.map(\.x).min() ?? first.x
        let maxX = points.map(\.x).max() ?? last.x
        let width = (maxX - minX) / Double(columns)
        guard width > 0 else { return [first, last] }
        var result: [Point] = []
        result.reserveCapacity(columns * 2 + 2)
        var bucketStart = 0
        func flush(_ end: Int) {
            guard bucketStart < end else { return }
            var low = bucketStart
            var high = bucketStart
            for index in bucketStart..<end {
                if points[index].y < points[low].y { low = index }
                if points[index].y > points[high].y { high = index }
            }
            for index in [min(low, high), max(low, high)] where result.last != points[index] {
                result.append(points[index])
            }
            bucketStart = end
        }
        var currentColumn = 0
        for index in points.indices {
            let column = min(columns - 1, Int((points[index].x - minX) / width))
            if column != currentColumn {
                flush(index)
                currentColumn = column
            }
        }
        flush(points.count)
        if result.first != first { result.insert(first, at: 0) }
        if result.last != last { result.append(last) }
        return result
    }

    /// Ramer–Douglas–Peucker with an explicit stack, so long inputs cannot overflow the call stack.
    static func douglasPeucker(_ points: [Point], tolerance: Double) -> [Point] {
        guard points.count > 2 else { return points }
        var keep = [Bool](repeating: false, count: points.count)
        keep[0] = true
        keep[points.count - 1] = true
        var stack = [(0, points.count - 1)]
        let tolerance2 = tolerance * tolerance
        while let (start, end) = stack.popLast() {
            guard end > start + 1 else { continue }
            let a = points[start]
            let b = points[end]
            let dx = b.x - a.x
            let dy = b.y - a.y
            let length2 = dx * dx + dy * dy
            var farthest = start
            var farthestDistance = -1.0
            for index in (start + 1)..<end {
                let p = points[index]
                let distance2: Double
                if length2 == 0 {
                    distance2 = (p.x - a.x) * (p.x - a.x) + (p.y - a.y) * (p.y - a.y)
                } else {
                    let cross = dx * (p.y - a.y) - dy * (p.x - a.x)
                    distance2 = cross * cross / length2
                }
                if distance2 > farthestDistance {
                    farthestDistance = distance2
                    farthest = index
                }
            }
            if farthestDistance > tolerance2 {
                keep[farthest] = true
                stack.append((start, farthest))
                stack.append((farthest, end))
            }
        }
        return points.indices.compactMap { keep[$0] ? points[$0] : nil }
    }

    /// At most `maxPoints` of `points`: the first point in each occupied square cell, the cells
    /// growing until few enough remain. Order is kept, so output is deterministic.
    static func thin(_ points: [Point], maxPoints: Int) -> [Point] {
        guard points.count > maxPoints else { return points }
        var cell = 1.0
        while true {
            var seen = Set<Int64>()
            var kept: [Point] = []
            for point in points {
                let key = Int64((point.x / cell).rounded(.down)) &* 1_000_003 &+ Int64((point.y / cell).rounded(.down))
                if seen.insert(key).inserted { kept.append(point) }
            }
            if kept.count <= maxPoints { return kept }
            cell *= 1.4
        }
    }
}
