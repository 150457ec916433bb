import Foundation

import FolioModel

/// Maps data values on one axis to user units: linearly, or linearly in log₁₀ of the value.
struct Scale: Sendable {
    var kind: Axis.Scale
    var lower: Double
    var upper: Double
    /// User units of `lower` and `upper`; for y the range runs downwards (start > end).
    var start: Double
    var end: Double

    func position(_ value: Double) -> Double {
        let fraction: Double
        switch kind {
        case .linear:
            let span = upper - lower
            fraction = span == 0 ? 0.5 : (value - lower) / span
        case .log:
            guard value > 0, lower > 0, upper > 0 else { return start }
            let span = log10(upper) - log10(lower)
            fraction = span == 0 ? 0.5 : (log10(value) - log10(lower)) / span
        }
        return start + fraction * (end - start)
    }

    /// Whether `value` lies within the extent, allowing for rounding.
    func contains(_ value: Double) -> Bool {
        let tolerance = abs(upper - lower) * 1e-9
        return value >= Swift.min(lower, upper) - tolerance && value <= Swift.max(lower, upper) + tolerance
    }

    /// Where bars and areas start from: zero when it is on the axis, else the nearer end.
    var baseline: Double {
        switch kind {
        case .linear: return position(Swift.min(Swift.max(0, lower), upper))
        case .log: return start
        }
    }
}

/// Evenly spaced bands along x for categories; each band holds one group of bars.
struct BandScale: Sendable {
    var count: Int
    var start: Double
    var end: Double

    var bandWidth: Double { count == 0 ? 0 : (end - start) / Double(count) }

    func center(_ index: Double) -> Double {
        start + (index + 0.5) * bandWidth
    }
}
