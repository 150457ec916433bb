import Testing
import FolioMath

/// Every error id, where it points, and input meant to break the parser.
@Suite("Errors")
struct ErrorTests {
    @Test("Each kind of mistake has a stable id and the offset of the culprit", arguments: [
        ("z_^L", "math.empty-script@1"),
        ("x^", "math.empty-script@1"),
        ("x_{}", nil),
        ("a + \\foo", "math.unknown-command@4"),
        ("{a", "math.unbalanced-brace@0"),
        ("a}", "math.unbalanced-brace@1"),
        ("\\frac{a}{b", "math.unbalanced-brace@8"),
        ("x_1_2", "math.double-subscript@3"),
        ("x^1^2", "math.double-superscript@3"),
        ("\\frac{a}", "math.missing-argument@0"),
        ("\\left( a", "math.unmatched-left@0"),
        ("a \\right)", "math.unmatched-right@2"),
        ("\\left x \\right)", "math.invalid-delimiter@6"),
        ("\\begin{foo} a \\end{foo}", "math.unknown-environment@0"),
        ("\\begin{matrix} a \\end{pmatrix}", "math.environment-mismatch@17"),
        ("\\begin{matrix} a", "math.unclosed-environment@0"),
        ("a & b", "math.misplaced-alignment@2"),
        ("x \\limits", "math.misplaced-limits@2"),
        ("{a \\over b \\over c}", "math.ambiguous-fraction@11"),
        ("\\tag{1} x \\tag{2}", "math.duplicate-tag@10"),
        ("\\begin{array}{cx} a \\end{array}", "math.invalid-argument@15"),
    ] as [(String, String?)])
    func errorIDs(tex: String, expected: String?) {
        #expect(errors(tex) == (expected.map { [$0] } ?? []))
    }

    @Test("Unknown commands are named in the message")
    func unknownCommandMessage() {
        let error = MathConverter().convert("\\foo", display: false).errors.first
        #expect(error?.message.contains("\\foo") == true)
    }

    @Test("Offsets count Unicode scalars, not UTF-16 units or bytes")
    func scalarOffsets() {
        #expect(errors("𝐱甜\\foo") == ["math.unknown-command@2"])
    }

    @Test("A formula with errors still converts to a complete <math> element")
    func errorsStillRender() {
        let mathML = MathConverter().convert("\\frac{a}{\\foo", display: true).mathML
        #expect(mathML.hasPrefix("<math display=\"block\">"))
        #expect(mathML.hasSuffix("</math>"))
        #expect(wellFormednessProblem(mathML) == nil)
    }

    @Test("Deep nesting stops with an error instead of exhausting the stack")
    func pathologicalNesting() {
        for tex in [
            String(repeating: "{", count: 10_000),
            String(repeating: "{", count: 10_000) + String(repeating: "}", count: 10_000),
            String(repeating: "\\frac", count: 10_000),
            String(repeating: "\\sqrt", count: 10_000) + "x",
            String(repeating: "x^{", count: 5_000),
            String(repeating: "\\left(", count: 10_000),
            String(repeating: "\\begin{matrix}", count: 5_000),
        ] {
            let rendering = MathConverter().convert(tex, display: true)
            #expect(rendering.errors.contains { $0.id == "math.too-deep" })
            #expect(wellFormednessProblem(rendering.mathML) == nil)
        }
    }

    @Test("Moderate nesting is fine")
    func moderateNesting() {
        let tex = String(repeating: "{", count: 50) + "x" + String(repeating: "}", count: 50)
        #expect(errors(tex).isEmpty)
    }

    @Test("Garbage never crashes or hangs and always gives well-formed markup")
    func garbage() {
        let pieces = ["\\", "{", "}", "^", "_", "&", "\\\\", "\\left", "\\right", "\\begin{", "\\end{", "aligned}",
                      "\\frac", "x", "'", "[", "]", "\\sqrt[", "\\text{", "%", "\u{0}", "<", "\\tag{", "~", "\\over",
                      "\\middle", "\\limits", "\\color{", "\\operatorname*", "\\not", "甜", "\u{200B}", "$", "#"]
        // A fixed linear congruential sequence keeps the test deterministic.
        var state: UInt64 = 0x2545F4914F6CDD1D
        for _ in 0..<3_000 {
            var tex = ""
            for _ in 0..<12 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                tex += pieces[Int((state >> 33) % UInt64(pieces.count))]
            }
            let rendering = MathConverter().convert(tex, display: state & 1 == 0)
            #expect(wellFormednessProblem(rendering.mathML) == nil, "\(tex.debugDescription)")
            for error in rendering.errors {
                #expect(error.offset >= 0 && error.offset <= tex.unicodeScalars.count)
            }
        }
    }
}
