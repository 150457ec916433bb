import Testing
@testable import FolioModel

@Suite struct DiagnosticTests {
    private let place = SourceLocation(file: "chapters/softmax.md", line: 40, column: 5)

    @Test func summaryIsTheCompilerForm() {
        let diagnostic = Diagnostic.warning("math.empty-script", "empty subscript", at: place)
        #expect(diagnostic.summary == "chapters/softmax.md:40:5: warning: empty subscript")
        #expect(Diagnostic.error("x", "m", at: place).summary == "chapters/softmax.md:40:5: error: m")
    }

    @Test func caretSitsUnderTheColumnWithWideCharactersPadded() {
        let diagnostic = Diagnostic.warning("w", "m", at: place)
        #expect(diagnostic.formatted(sourceLine: "增加 $z") == "chapters/softmax.md:40:5: warning: m\n增加 $z\n\u{3000}\u{3000}  ^")
        #expect(diagnostic.formatted(sourceLine: "\tab de") == "chapters/softmax.md:40:5: warning: m\n\tab de\n\t   ^")
        #expect(diagnostic.formatted(sourceLine: nil) == diagnostic.summary)
    }

    @Test func containsErrorLooksAtSeverity() {
        #expect(![Diagnostic.warning("w", "m", at: place)].containsError)
        #expect([Diagnostic.warning("w", "m", at: place), .error("e", "m", at: place)].containsError)
    }

    @Test func locationsOrderByFileLineColumn() {
        let a = SourceLocation(file: "a.md", line: 2, column: 9)
        let b = SourceLocation(file: "a.md", line: 10, column: 1)
        let c = SourceLocation(file: "b.md", line: 1, column: 1)
        #expect([c, b, a].sorted() == [a, b, c])
    }
}

@Suite struct MathLocationTests {
    @Test func offsetsOnTheFirstLineAddToTheColumn() {
        let math = Math(tex: "z_^L", location: SourceLocation(file: "f.md", line: 3, column: 7))
        #expect(math.location(ofScalarOffset: 0) == SourceLocation(file: "f.md", line: 3, column: 7))
        #expect(math.location(ofScalarOffset: 2) == SourceLocation(file: "f.md", line: 3, column: 9))
    }

    @Test func offsetsOnLaterLinesStartAtTheirContinuationColumn() {
        let math = Math(tex: "a +\nb \\x", location: SourceLocation(file: "f.md", line: 1, column: 3), continuationColumns: [4])
        #expect(math.location(ofScalarOffset: 4) == SourceLocation(file: "f.md", line: 2, column: 4))
        #expect(math.location(ofScalarOffset: 6) == SourceLocation(file: "f.md", line: 2, column: 6))
    }

    @Test func plainTextOfInlines() {
        let inlines: [Inline] = [.text("见"), .math(Math(tex: "x", location: SourceLocation(file: "f", line: 1, column: 1))),
                                 .reference(Reference(label: "eq-a", location: SourceLocation(file: "f", line: 1, column: 1),
                                                      target: ReferenceTarget(number: "78", page: "p"))),
                                 .emphasis([.text("强调")]), .softBreak]
        #expect(inlines.plainText == "见x(78)强调 ")
    }
}
