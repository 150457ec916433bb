import Foundation
import Testing
import FolioMath

/// Hostile and broken input: each gives a located error, well-formed MathML, and time linear in
/// its length (four times the input must not take much more than four times as long).
@Suite("Bad input", .serialized)
struct BadInputTests {
    /// Conversion times of `small` and `large`, each the best of seven runs taken in turn (so a
    /// busy spell of the machine falls on both), in seconds.
    static func seconds(_ small: String, _ large: String) -> (small: Double, large: Double) {
        let clock = ContinuousClock()
        var best = (small: Double.infinity, large: Double.infinity)
        func measure(_ tex: String) -> Double {
            let elapsed = clock.measure { _ = MathConverter().convert(tex, display: true) }
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
        for _ in 0..<7 {
            best.small = min(best.small, measure(small))
            best.large = min(best.large, measure(large))
        }
        return best
    }

    /// Checks the error and the markup for `make(n)` and that `make(4n)` takes at most about
    /// four times as long: 8 times, plus 5 ms, leaves room for a machine busy with other work,
    /// while quadratic work would take 16 times as long.
    static func check(_ id: String, _ make: (Int) -> String, size: Int) {
        let tex = make(size)
        let rendering = MathConverter().convert(tex, display: true)
        #expect(rendering.errors.contains { $0.id == id }, "\(rendering.errors.map(\.id))")
        for error in rendering.errors { #expect(error.offset >= 0 && error.offset <= tex.unicodeScalars.count) }
        #expect(wellFormednessProblem(rendering.mathML) == nil)
        let times = seconds(make(size), make(4 * size))
        #expect(times.large <= 8 * times.small + 0.005, "n: \(times.small) s, 4n: \(times.large) s")
    }

    @Test("\\def\\a{\\a}: stopped at the use")
    func selfRecursion() {
        Self.check("math.macro-loop", { n in String(repeating: "x", count: n) + "\\def\\a{\\a}\\a" }, size: 20_000)
    }

    @Test("Mutual recursion: stopped at the use")
    func mutualRecursion() {
        Self.check("math.macro-loop", { n in String(repeating: "x", count: n) + "\\def\\a{\\b}\\def\\b{\\a}\\a" }, size: 20_000)
    }

    @Test("A macro with a missing argument")
    func missingMacroArgument() {
        Self.check("math.missing-argument", { n in "\\newcommand\\p[2]{#1#2}" + String(repeating: "x+", count: n) + "\\p{a}" }, size: 10_000)
    }

    @Test("10,000 nested groups")
    func nestedGroups() {
        Self.check("math.too-deep", { n in String(repeating: "{", count: n) + "x" + String(repeating: "}", count: n) }, size: 10_000)
    }

    @Test("100 KB of \\\\ rows")
    func manyRows() {
        Self.check("math.unclosed-environment", { n in "\\begin{align}" + String(repeating: "a &= b \\\\", count: n / 10) }, size: 100_000)
        let rows = String(repeating: "\\\\", count: 50_000)
        let rendering = MathConverter().convert(rows, display: true)
        #expect(wellFormednessProblem(rendering.mathML) == nil)
    }

    @Test("An environment never closed")
    func unclosedEnvironment() {
        Self.check("math.unclosed-environment", { n in "\\begin{pmatrix}" + String(repeating: "a & b \\\\ ", count: n) }, size: 5_000)
    }

    @Test("\\end without \\begin")
    func endWithoutBegin() {
        Self.check("math.environment-mismatch", { n in String(repeating: "x + ", count: n) + "\\end{align}" }, size: 10_000)
    }

    @Test("A \\tag inside a \\text")
    func tagInText() {
        Self.check("math.misplaced-tag", { n in String(repeating: "x + ", count: n) + "\\text{a \\tag{1}}" }, size: 10_000)
    }

    @Test("\\left with no \\right")
    func unbalancedLeft() {
        Self.check("math.unmatched-left", { n in "\\left(" + String(repeating: "x + ", count: n) }, size: 10_000)
    }

    @Test("Many unknown commands: each marked in place, did-you-mean stays cheap")
    func manyUnknownCommands() {
        Self.check("math.unknown-command", { n in String(repeating: "\\fracc{a}{b} ", count: n) }, size: 2_000)
    }
}
