import Foundation

/// A tick step of m × 10ᵉ with m ∈ {1, 2, 5}: the round numbers people count in.
struct TickStep: Equatable, Sendable {
    var mantissa: Int
    var exponent: Int

    /// The smallest round step at least `raw` (which must be positive and finite).
    static func atLeast(_ raw: Double) -> TickStep {
        let exponent = decadeExponent(raw)
        for mantissa in [1, 2, 5] where Double(mantissa) * NumberFormatting.power10(exponent) >= raw * (1 - 1e-12) {
            return TickStep(mantissa: mantissa, exponent: exponent)
        }
        return TickStep(mantissa: 1, exponent: exponent + 1)
    }

    var value: Double { multiple(1) }

    /// The next larger round step: 1 → 2 → 5 → 10.
    var next: TickStep {
        switch mantissa {
        case 1: TickStep(mantissa: 2, exponent: exponent)
        case 2: TickStep(mantissa: 5, exponent: exponent)
        default: TickStep(mantissa: 1, exponent: exponent + 1)
        }
    }

    /// k × step, computed so that 3 × 0.1 is 0.3 and not 0.30000000000000004.
    func multiple(_ k: Int) -> Double {
        let units = Double(k * mantissa)
        return exponent >= 0 ? units * NumberFormatting.power10(exponent) : units / NumberFormatting.power10(-exponent)
    }

    /// Decimals a label needs to show multiples of this step exactly.
    var decimals: Int { max(0, -exponent) }
}

/// One tick: where it is, in data units, and its label in label markup (see `LabelText`).
struct Tick: Equatable, Sendable {
    var value: Double
    var label: String
}

/// An axis's extent and ticks, chosen together: the extent is rounded out to ticks unless fixed.
struct AxisTicks: Equatable, Sendable {
    var lower: Double
    var upper: Double
    var ticks: [Tick]
}

/// Chooses round ticks and extents for linear and log axes.
enum TickGenerator {
    /// Ticks for a linear axis over `data` (nil when there is none), with optional fixed ends.
    /// Tries round steps from the smallest giving at most `maxCount` intervals upwards, drops
    /// those whose labels `fits` says would collide, and keeps the one that best balances
    /// covering the data tightly (little empty axis) against having about `target` intervals.
    static func linear(data: ClosedRange<Double>?, lower fixedLower: Double?, upper fixedUpper: Double?,
                       target: Double, maxCount: Int, fits: (AxisTicks) -> Bool = { _ in true }) -> AxisTicks {
        var lower = fixedLower ?? data?.lowerBound ?? 0
        var upper = fixedUpper ?? data?.upperBound ?? 1
        if fixedLower == nil, fixedUpper != nil, data == nil { lower = min(0, upper - 1) }
        if fixedUpper == nil, fixedLower != nil, data == nil { upper = max(1, lower + 1) }
        if lower > upper { swap(&lower, &upper) }
        if upper - lower <= abs(upper) * 1e-12 || upper == lower {
            // All values equal: a band around the value, one round step either side.
            let pad = lower == 0 ? 1 : TickStep.atLeast(abs(lower) * 0.1).value
            if fixedLower == nil { lower -= pad }
            if fixedUpper == nil { upper += pad }
            if lower == upper { upper = lower + pad }
        }
        var step = TickStep.atLeast((upper - lower) / Double(max(maxCount, 1)))
        var best: (ticks: AxisTicks, score: Double)?
        var fallback: AxisTicks?
        for _ in 0..<8 {
            let candidate = linearTicks(lower: lower, upper: upper, step: step,
                                        roundLower: fixedLower == nil, roundUpper: fixedUpper == nil)
            step = step.next
            if candidate.ticks.count < 2 { break }
            fallback = candidate
            guard fits(candidate) else { continue }
            let coverage = (upper - lower) / (candidate.upper - candidate.lower)
            let intervals = Double(candidate.ticks.count - 1)
            let score = 2 * coverage - 0.6 * abs(Foundation.log(intervals / max(target, 1)))
            if best == nil || score > best!.score + 1e-9 { best = (candidate, score) }
        }
        return best?.ticks ?? fallback ?? linearTicks(lower: lower, upper: upper, step: TickStep.atLeast(upper - lower),
                                                      roundLower: fixedLower == nil, roundUpper: fixedUpper == nil)
    }

    private static func linearTicks(lower: Double, upper: Double, step: TickStep, roundLower: Bool, roundUpper: Bool) -> AxisTicks {
        let size = step.value
        let first = Int((lower / size - 1e-9).rounded(.up))
        let last = Int((upper / size + 1e-9).rounded(.down))
        let lowIndex = roundLower ? Int((lower / size + 1e-9).rounded(.down)) : first
        let highIndex = roundUpper ? Int((upper / size - 1e-9).rounded(.up)) : last
        let extentLower = roundLower ? step.multiple(lowIndex) : lower
        let extentUpper = roundUpper ? step.multiple(highIndex) : upper
        let values = (lowIndex...max(lowIndex, highIndex)).map(step.multiple)
            .filter { $0 >= extentLower - size * 1e-9 && $0 <= extentUpper + size * 1e-9 }
        let labels = linearLabels(values, step: step)
        return AxisTicks(lower: extentLower, upper: extentUpper,
                         ticks: zip(values, labels).map { Tick(value: $0, label: $1) })
    }

    /// Plain decimals for everyday magnitudes; `m×10^e` with one shared exponent otherwise.
    static func linearLabels(_ values: [Double], step: TickStep) -> [String] {
        let largest = values.map(abs).max() ?? 0
        let largestExponent = largest > 0 ? decadeExponent(largest) : 0
        if largestExponent >= 6 || (step.exponent <= -5 && largest > 0) {
            let shared = largestExponent
            let decimals = max(0, shared - step.exponent)
            return values.map { value in
                if value == 0 || abs(value) < step.value * 1e-6 { return "0" }
                let mantissa = NumberFormatting.fixed(value / NumberFormatting.power10(shared), decimals: decimals)
                return mantissa + "×10^{" + exponentText(shared) + "}"
            }
        }
        return values.map { NumberFormatting.fixed(abs($0) < step.value * 1e-6 ? 0 : $0, decimals: step.decimals) }
    }

    /// Ticks for a log axis over positive `data`, with optional fixed positive ends: powers of
    /// ten (every k-th decade when crowded), and 2 and 5 in between when the axis spans few decades.
    static func log(data: ClosedRange<Double>?, lower fixedLower: Double?, upper fixedUpper: Double?,
                    maxCount: Int, fits: (AxisTicks) -> Bool = { _ in true }) -> AxisTicks {
        var lower = fixedLower ?? data?.lowerBound ?? 1
        var upper = fixedUpper ?? data?.upperBound ?? 10
        if lower > upper { swap(&lower, &upper) }
        if fixedLower == nil { lower = NumberFormatting.power10(decadeExponent(lower)) }
        if fixedUpper == nil {
            let exponent = decadeExponent(upper)
            upper = NumberFormatting.power10(NumberFormatting.power10(exponent) < upper ? exponent + 1 : exponent)
        }
        if upper <= lower {
            if fixedLower == nil { lower /= 10 }
            if fixedUpper == nil || upper <= lower { upper = lower * 100 }
        }
        let lowExponent = decadeExponent(lower)
        let highExponent = decadeExponent(upper) + 1
        let decades = Swift.max(1, Double(highExponent - lowExponent - 1))
        var best: AxisTicks?
        var candidates: [[Double]] = []
        if decades <= 2 { candidates.append([1, 2, 5]) }
        candidates.append([1])
        for multipliers in candidates {
            var values: [Double] = []
            for exponent in lowExponent...highExponent {
                for multiplier in multipliers {
                    let value = multiplier * NumberFormatting.power10(exponent)
                    if value >= lower * (1 - 1e-9) && value <= upper * (1 + 1e-9) { values.append(value) }
                }
            }
            let candidate = AxisTicks(lower: lower, upper: upper, ticks: logTicks(values))
            if candidate.ticks.count <= maxCount + 1 && fits(candidate) { return candidate }
            if candidate.ticks.count >= 2 || best == nil { best = candidate }
        }
        // Only decades: thin them to every k-th power until they fit.
        let powers = (lowExponent...highExponent).filter {
            let value = NumberFormatting.power10($0)
            return value >= lower * (1 - 1e-9) && value <= upper * (1 + 1e-9)
        }
        for stride in 2...Swift.max(2, powers.count) {
            // Every k-th decade, counted from a multiple of k; unfixed ends move out to one.
            var first = (powers.first ?? 0)
            first -= ((first % stride) + stride) % stride
            var last = powers.last ?? 0
            last += (stride - ((last % stride) + stride) % stride) % stride
            // An end moved out past 10^±300 would overflow (data stops there); it stays put.
            let low = fixedLower == nil && first >= -300 ? NumberFormatting.power10(first) : lower
            let high = fixedUpper == nil && last <= 300 ? NumberFormatting.power10(last) : upper
            let kept = Swift.stride(from: first, through: last, by: stride).filter {
                let value = NumberFormatting.power10($0)
                return value >= low * (1 - 1e-9) && value <= high * (1 + 1e-9)
            }
            let candidate = AxisTicks(lower: low, upper: high, ticks: logTicks(kept.map { NumberFormatting.power10($0) }))
            if candidate.ticks.count < 2 { break }
            best = candidate
            if candidate.ticks.count <= maxCount + 1 && fits(candidate) { return candidate }
        }
        return best ?? AxisTicks(lower: lower, upper: upper, ticks: [])
    }

    /// 0.01 … 1000 written out; beyond that every label is a power of ten, `10^{e}`.
    private static func logTicks(_ values: [Double]) -> [Tick] {
        let exponents = values.map(decadeExponent)
        let plain = exponents.allSatisfy { (-2...3).contains($0) }
        return zip(values, exponents).map { value, exponent in
            if plain { return Tick(value: value, label: NumberFormatting.fixed(value, decimals: max(0, -exponent))) }
            let mantissa = Int((value / NumberFormatting.power10(exponent)).rounded())
            let power = "10^{" + exponentText(exponent) + "}"
            return Tick(value: value, label: mantissa == 1 ? power : "\(mantissa)×" + power)
        }
    }

    private static func exponentText(_ exponent: Int) -> String {
        exponent < 0 ? NumberFormatting.minus + String(-exponent) : String(exponent)
    }
}
