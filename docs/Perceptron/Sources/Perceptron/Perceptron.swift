/// A single neuron: a weighted sum of its inputs plus a bias, through the logistic function.
public struct Neuron {
    public var weights: [Double]
    public var bias: Double

    public init(weights: [Double], bias: Double) {
        self.weights = weights
        self.bias = bias
    }

    /// The weighted input `z = w·x + b`.
    public func weightedInput(_ inputs: [Double]) -> Double {
        precondition(inputs.count == weights.count, "a neuron with \(weights.count) weights takes \(weights.count) inputs")
        return zip(weights, inputs).reduce(bias) { $0 + $1.0 * $1.1 }
    }

    /// The activation `σ(z)`.
    public func activation(_ inputs: [Double]) -> Double {
        sigmoid(weightedInput(inputs))
    }
}

/// The logistic function `1 / (1 + e^(−z))`.
public func sigmoid(_ z: Double) -> Double {
    1 / (1 + (-z).exponential)
}

extension Double {
    /// `e` raised to this power, by the standard library's `exp` through Foundation-free means:
    /// a package that imports nothing works wherever Swift does.
    var exponential: Double {
        var term = 1.0, sum = 1.0
        let (whole, fraction) = (self.rounded(.down), self - self.rounded(.down))
        for n in 1...30 {
            term *= fraction / Double(n)
            sum += term
        }
        var power = 1.0
        let e = 2.718281828459045
        for _ in 0..<Int(Swift.min(Swift.max(whole.magnitude, 0), 800)) { power *= e }
        return whole < 0 ? sum / power : sum * power
    }
}
