@testable import FolioPlot
import Testing

@Suite("Ticks and scales")
struct TickTests {
    private func linear(_ data: ClosedRange<Double>?, lower: Double? = nil, upper: Double? = nil, target: Double = 5) -> AxisTicks {
        TickGenerator.linear(data: data, lower: lower, upper: upper, target: target, maxCount: 12)
    }

    /// Every tick is a whole multiple of the step between the first two.
    private func isRound(_ ticks: AxisTicks) -> Bool {
        guard ticks.ticks.count >= 2 else { return false }
        let step = ticks.ticks[1].value - ticks.ticks[0].value
        let stepMantissa = step / NumberFormatting.power10(decadeExponent(step))
        let roundStep = [1.0, 2, 5, 10].contains { abs($0 - stepMantissa) < 1e-9 }
        return roundStep && ticks.ticks.allSatisfy { abs(($0.value / step).rounded() - $0.value / step) < 1e-6 }
    }

    @Test("A unit range gets steps of 0.2, labelled with one decimal")
    func unitRange() {
        let ticks = linear(0...1)
        #expect(ticks.lower == 0 && ticks.upper == 1)
        #expect(ticks.ticks.map(\.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    @Test("The range is rounded out to ticks around the data")
    func roundedOut() {
        let ticks = linear(0.3...9.7)
        #expect(ticks.lower == 0 && ticks.upper == 10)
        #expect(ticks.ticks.map(\.label) == ["0", "2", "4", "6", "8", "10"])
        #expect(isRound(ticks))
    }

    @Test("Negative values use the minus sign and never −0")
    func negative() {
        let ticks = linear(-7.5 ... -2.1)
        #expect(ticks.ticks.map(\.label) == ["−8", "−7", "−6", "−5", "−4", "−3", "−2"])
        let around = linear(-1.2...1.2)
        #expect(around.ticks.map(\.label).contains("0.0"))
        let labels = around.ticks.map(\.label)
        #expect(!labels.contains("−0.0") && !labels.contains("−0") && !labels.joined().contains("-"))
    }

    @Test("Tiny and huge ranges get a shared power of ten", arguments: [
        (1e-9...3e-9, "×10^{−9}"), (0...3e12, "×10^{12}"), (2e6...9e6, "×10^{6}"),
    ])
    func extremes(range: ClosedRange<Double>, suffix: String) {
        let ticks = linear(range)
        #expect(isRound(ticks))
        #expect(ticks.ticks.filter { $0.value != 0 }.allSatisfy { $0.label.hasSuffix(suffix) })
        #expect(ticks.lower <= range.lowerBound && ticks.upper >= range.upperBound)
    }

    @Test("Small decimals stay exact: 0.1 steps are not 0.30000000000000004")
    func exactDecimals() {
        let ticks = linear(0.1...0.7, target: 6)
        #expect(ticks.ticks.allSatisfy { $0.label.count <= 3 })
        #expect(ticks.ticks.contains { $0.value == 0.3 })
    }

    @Test("All-equal values get a band around the value", arguments: [0.0, 5, -3, 1e-12, 7e20])
    func equalValues(value: Double) {
        let ticks = linear(value...value)
        #expect(ticks.lower < value && ticks.upper > value)
        #expect(ticks.ticks.count >= 2)
        #expect(ticks.ticks.allSatisfy { $0.value.isFinite })
    }

    @Test("No data at all still gives an axis")
    func noData() {
        let ticks = linear(nil)
        #expect(ticks.lower == 0 && ticks.upper == 1)
        #expect(ticks.ticks.count >= 2)
    }

    @Test("Fixed ends are kept, ticks stay inside them")
    func fixedEnds() {
        let ticks = linear(-0.2...1.4, lower: 0, upper: 1)
        #expect(ticks.lower == 0 && ticks.upper == 1)
        #expect(ticks.ticks.first?.value == 0 && ticks.ticks.last?.value == 1)
        let odd = linear(nil, lower: 0.15, upper: 0.95)
        #expect(odd.lower == 0.15 && odd.upper == 0.95)
        #expect(odd.ticks.allSatisfy { $0.value >= 0.15 && $0.value <= 0.95 })
    }

    @Test("Labels that would collide widen the step")
    func collisionsWidenStep() {
        var calls = 0
        let ticks = TickGenerator.linear(data: 0...100, lower: nil, upper: nil, target: 10, maxCount: 20) { candidate in
            calls += 1
            return candidate.ticks.count <= 3
        }
        #expect(calls > 1)
        #expect(ticks.ticks.count <= 3)
        #expect(isRound(ticks))
    }

    @Test("Log ticks are powers of ten, written out between 0.01 and 1000")
    func logPlain() {
        let ticks = TickGenerator.log(data: 0.2...80, lower: nil, upper: nil, maxCount: 6)
        #expect(ticks.lower == 0.1 && ticks.upper == 100)
        #expect(ticks.ticks.map(\.label) == ["0.1", "1", "10", "100"])
    }

    @Test("Log ticks beyond 1000 are all written as powers")
    func logPowers() {
        let ticks = TickGenerator.log(data: 3...4500, lower: nil, upper: nil, maxCount: 6)
        #expect(ticks.ticks.map(\.label) == ["10^{0}", "10^{1}", "10^{2}", "10^{3}", "10^{4}"])
        let tiny = TickGenerator.log(data: 1e-6...1e-3, lower: nil, upper: nil, maxCount: 6)
        #expect(tiny.ticks.first?.label == "10^{−6}")
    }

    @Test("Crowded log axes keep every k-th decade, and end on a labelled one")
    func logThinned() {
        let ticks = TickGenerator.log(data: 1...1e20, lower: nil, upper: nil, maxCount: 5)
        #expect(ticks.ticks.count <= 6 && ticks.ticks.count >= 2)
        #expect(ticks.ticks.first?.value == ticks.lower && ticks.ticks.last?.value == ticks.upper)
    }

    @Test("A log axis over less than a decade or two adds 2 and 5")
    func logNarrow() {
        let ticks = TickGenerator.log(data: 2...8, lower: nil, upper: nil, maxCount: 6)
        #expect(ticks.ticks.map(\.label) == ["1", "2", "5", "10"])
    }

    @Test("A log axis over one repeated value spans the decades around it")
    func logEqual() {
        let ticks = TickGenerator.log(data: 10...10, lower: nil, upper: nil, maxCount: 6)
        #expect(ticks.lower < 10 && ticks.upper > 10)
        let scale = Scale(kind: .log, lower: ticks.lower, upper: ticks.upper, start: 0, end: 100)
        #expect(scale.position(10).isFinite)
    }

    @Test("Round steps")
    func steps() {
        #expect(TickStep.atLeast(0.7) == TickStep(mantissa: 1, exponent: 0))
        #expect(TickStep.atLeast(1) == TickStep(mantissa: 1, exponent: 0))
        #expect(TickStep.atLeast(1.3) == TickStep(mantissa: 2, exponent: 0))
        #expect(TickStep.atLeast(3) == TickStep(mantissa: 5, exponent: 0))
        #expect(TickStep.atLeast(6) == TickStep(mantissa: 1, exponent: 1))
        #expect(TickStep.atLeast(0.0003) == TickStep(mantissa: 5, exponent: -4))
        #expect(TickStep(mantissa: 1, exponent: -1).multiple(3) == 0.3)
        #expect(decadeExponent(1000) == 3 && decadeExponent(999.999) == 2 && decadeExponent(0.001) == -3)
    }

    @Test("Scales map the extent onto the range, y running downwards")
    func scales() {
        let y = Scale(kind: .linear, lower: 0, upper: 10, start: 300, end: 0)
        #expect(y.position(0) == 300 && y.position(10) == 0 && y.position(5) == 150)
        let log = Scale(kind: .log, lower: 1, upper: 1000, start: 0, end: 300)
        #expect(abs(log.position(10) - 100) < 1e-9)
        let flat = Scale(kind: .linear, lower: 3, upper: 3, start: 0, end: 100)
        #expect(flat.position(3) == 50)
    }
}

@Suite("Number formatting")
struct NumberFormattingTests {
    @Test("Fixed decimals, true minus, no −0")
    func fixed() {
        #expect(NumberFormatting.fixed(-1.5, decimals: 1) == "−1.5")
        #expect(NumberFormatting.fixed(-0.0001, decimals: 2) == "0.00")
        #expect(NumberFormatting.fixed(-0.0, decimals: 0) == "0")
        #expect(NumberFormatting.fixed(0.05, decimals: 2) == "0.05")
        #expect(NumberFormatting.fixed(1234567, decimals: 0) == "1234567")
        #expect(NumberFormatting.fixed(2.5, decimals: 0) == "3")
    }

    @Test("Values: three significant digits, trailing zeros dropped")
    func values() {
        #expect(NumberFormatting.value(0.1234) == "0.123")
        #expect(NumberFormatting.value(2.5) == "2.5")
        #expect(NumberFormatting.value(3) == "3")
        #expect(NumberFormatting.value(-12.345) == "−12.3")
        #expect(NumberFormatting.value(0.000123) == "0.000123")
        #expect(NumberFormatting.value(1.5e-7) == "1.5×10^{−7}")
        #expect(NumberFormatting.value(2.2e12) == "2.2×10^{12}")
    }

    @Test("Coordinates: at most two decimals, ASCII minus, no -0")
    func coordinates() {
        #expect(NumberFormatting.coordinate(12.3456) == "12.35")
        #expect(NumberFormatting.coordinate(-3.1) == "-3.1")
        #expect(NumberFormatting.coordinate(7) == "7")
        #expect(NumberFormatting.coordinate(0.05) == "0.05")
        #expect(NumberFormatting.coordinate(-0.001) == "0")
        #expect(NumberFormatting.coordinate(.nan) == "0")
    }
}
