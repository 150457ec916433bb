import FolioModel
import Testing
@testable import FolioParser

@Suite struct CellParsingTests {
    @Test func swiftBlocksAreCellsWithOptions() throws {
        let parsed = parse("# T\n\n```swift\n//| echo: false\n//| label: fig-a\n//| fig-cap: \"甲 乙\"\n//| error: true\nlet a = 1\n```\n")
        #expect(parsed.diagnostics.isEmpty)
        guard case .cell(let cell)? = parsed.chapter?.blocks.last else { Issue.record("expected a cell"); return }
        #expect(cell.code == "let a = 1")
        #expect(cell.options.echo == false)
        #expect(cell.options.eval == true)
        #expect(cell.options.label == "fig-a")
        #expect(cell.options.figureCaption == "甲 乙")
        #expect(cell.options.error == true)
        #expect(cell.location == SourceLocation(file: "chapters/test.md", line: 3, column: 1))
        #expect(cell.codeLine == 8)
    }

    @Test func unknownAndMalformedOptionsAreWarningsAtTheirLine() {
        let parsed = parse("```swift\n//| colour: red\n//|   echo: maybe\n//| nonsense\nprint(1)\n```\n")
        #expect(parsed.diagnostics.map(\.place) == ["2:5 cell.unknown-option", "3:7 cell.invalid-option", "4:5 cell.malformed-option"])
        #expect(parsed.diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test func anOutputBlockAfterACellIsItsExpectedOutput() {
        let blocks = chapter("```swift\nprint(1)\n```\n\n```output\n1\n```\n\n```output\nstray\n```\n").blocks
        #expect(blocks.count == 2)
        guard case .cell(let cell) = blocks[0] else { Issue.record("expected a cell"); return }
        #expect(cell.expectedOutput?.code == "1\n")
        #expect(cell.expectedOutput?.location.line == 5)
        #expect(blocks[1] == .code(CodeBlock(language: "output", code: "stray\n", location: SourceLocation(file: "chapters/test.md", line: 9, column: 1), closingLine: 11)))
    }

    @Test func cellsInListsKnowTheirIndent() {
        guard case .list(let list)? = chapter("- item\n\n  ```swift\n  let a = 1\n  ```\n").blocks.first,
              case .cell(let cell)? = list.items.first?.last else { Issue.record("expected a cell in a list"); return }
        #expect(cell.indent == 2)
        #expect(cell.code == "let a = 1")
        #expect(cell.codeLine == 4)
    }

    @Test func inlineExpressionsKnowWhereTheyStand() {
        let inlines = paragraph("值为 `{swift} a[0] + 1`，而 `{swift}` 和 `code` 不是。")
        let expressions = inlines.compactMap { if case .expression(let e) = $0 { e } else { nil } }
        #expect(expressions.count == 1)
        #expect(expressions.first?.code == "a[0] + 1")
        #expect(expressions.first?.location == SourceLocation(file: "chapters/test.md", line: 1, column: 13))
        // "值为 `{swift} " is 2 CJK characters of 3 bytes, then 10 ASCII bytes.
        #expect(expressions.first?.byteColumn == 17)
        #expect(inlines.contains(.code("{swift}")))
        #expect(inlines.contains(.code("code")))
    }
}
