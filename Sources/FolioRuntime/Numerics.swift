import Foundation

/// `count` evenly spaced numbers from `start` to `end`, both included.
public func linspace(_ start: Double, _ end: Double, count: Int) -> [Double] {
    guard count > 1 else { return count == 1 ? [start] : [] }
    let step = (end - start) / Double(count - 1)
    return (0..<count).map { $0 == count - 1 ? end : start + Double($0) * step }
}

/// The step a central difference takes at `x`: small, but not so small that rounding wins.
private func step(at x: Double, _ h: Double?) -> Double {
    h ?? 1e-5 * max(1, abs(x))
}

/// f′(x) by central differences, (f(x + h) − f(x − h)) / 2h.
public func derivative(_ f: (Double) -> Double, at x: Double, step h: Double? = nil) -> Double {
    let h = step(at: x, h)
    return (f(x + h) - f(x - h)) / (2 * h)
}

/// ∇f(x) by central differences, one coordinate at a time.
public func gradient(_ f: ([Double]) -> Double, at x: [Double], step h: Double? = nil) -> [Double] {
    x.indices.map { k in
        let h = step(at: x[k], h)
        var forward = x
        var backward = x
        forward[k] += h
        backward[k] -= h
        return (f(forward) - f(backward)) / (2 * h)
    }
}

/// The Jacobian ∂fⱼ/∂xₖ of a vector function by central differences: row j, column k.
public func jacobian(_ f: ([Double]) -> [Double], at x: [Double], step h: Double? = nil) -> [[Double]] {
    let columns = x.indices.map { k -> [Double] in
        let h = step(at: x[k], h)
        var forward = x
        var backward = x
        forward[k] += h
        backward[k] -= h
        return zip(f(forward), f(backward)).map { ($0 - $1) / (2 * h) }
    }
    guard let rows = columns.first?.count else { return [] }
    return (0..<rows).map { j in columns.map { $0[j] } }
}
