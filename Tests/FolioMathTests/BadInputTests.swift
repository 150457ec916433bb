import Foundation
import Testing
import FolioMath

/// Hostile and broken input: each gives a located error, well-formed MathML, and time linear in
/// its length (doubling the input must not much more than double the time).
@Suite("Bad input", .serialized)
struct BadInputTests {
    /// Conversion time of `tex`, the best of seven runs, in seconds.
    static func seconds(_ tex: String) -> Double {
        let clock = ContinuousClock()
        var best = Double.infinity
        for _ in 0..<7 {
            let elapsed = clock.measure { _ = MathConverter().convert(tex, display: true) }
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        return best
    }

    /// Checks the error and the markup for `make(n)` and that `make(2n)` takes at most about
    /// twice as long (generously: 3.5 times, plus 5 ms, for machines busy with other work;
    /// quadratic work would take four times as long).
    static func check(_ id: String, _ make: (Int) -> String, size: Int) {
        let tex = make(size)
        let rendering = MathConverter().convert(tex, display: true)
        #expect(rendering.errors.contains { $0.id == id }, "\(rendering.errors.map(\.id))")
        for error in rendering.errors { #expect(error.offset >= 0 && error.offset <= tex.unicodeScalars.count) }
        #expect(wellFormednessProblem(rendering.mathML) == nil)
        let single = seconds(make(size))
        let double = seconds(make(2 * size))
        #expect(double <= 3.5 * single + 0.005, "n: \(single) s, 2n: \(double) s")
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
