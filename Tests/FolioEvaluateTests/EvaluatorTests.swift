import Foundation
import FolioModel
import FolioParser
import Testing
@testable import FolioEvaluate

/// One cache for the whole test run, so the runtime is compiled once.
private let sharedCache = NSTemporaryDirectory() + "folio-evaluate-tests-\(getpid())"

/// Evaluates `text` as `chapters/test.md` of a book at a temporary root.
private func evaluate(_ text: String, shared: [SharedFile] = [], timeout: Double = 30, slowTypeCheck: Int? = nil,
                      cache: String = sharedCache) throws -> Evaluation {
    let root = NSTemporaryDirectory() + "folio-evaluate-book-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: root + "/chapters", withIntermediateDirectories: true)
    for file in shared { try Data(file.text.utf8).write(to: URL(fileURLWithPath: root + "/" + file.path)) }
    defer { try? FileManager.default.removeItem(atPath: root) }
    let parsed = ChapterParser().parse(Array(text.utf8), path: "chapters/test.md")
    let settings = EvaluationSettings(root: root, cacheDirectory: cache, timeout: timeout, slowTypeCheckMilliseconds: slowTypeCheck)
    return try ChapterEvaluator(settings: settings, toolchain: try Toolchain.find()).evaluate(try #require(parsed.chapter), sharedFiles: shared)
}

private func cells(_ chapter: Chapter) -> [Cell] {
    chapter.blocks.compactMap { if case .cell(let cell) = $0 { cell } else { nil } }
}

private func values(_ chapter: Chapter) -> [String?] {
    var result: [String?] = []
    for block in chapter.blocks {
        _ = block.mapInlines { inline in
            if case .expression(let expression) = inline { result.append(expression.value) }
            return inline
        }
    }
    return result
}

private func places(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map { "\($0.location.line):\($0.location.column) \($0.severity) \($0.id)" }
}

@Suite(.serialized) struct EvaluatorTests {
    @Test func cellsShareStateAndInlineExpressionsSeeIt() throws {
        let evaluation = try evaluate("""
            ---
            digits: 3
            ---
            ```swift
            let z: [Double] = [2.5, -1, 3.2, 0.5]
            print("hello", z.count)
            ```

            Sum `{swift} z.reduce(0, +)`, third `{swift} z[2] / 3`, list `{swift} z`.

            ```swift
            show(z.max()!)
            expect(z.count == 4)
            ```
            """)
        #expect(evaluation.diagnostics.isEmpty)
        let results = cells(evaluation.chapter).map(\.result)
        #expect(results[0]?.outputs == [.standardOutput("hello 4\n", truncated: false)])
        #expect(results[1]?.outputs == [.value("3.2")])
        #expect(results[1]?.passedExpectations == 1)
        #expect(values(evaluation.chapter) == ["5.2", "1.07", "(2.5, -1.0, 3.2, 0.5)"])
        #expect(evaluation.report.outcome == .evaluated(reason: "no cached results") || evaluation.report.outcome != .reused)
    }

    @Test func compileErrorsAreLocatedInTheMarkdown() throws {
        let evaluation = try evaluate("# T\n\n- item\n\n  ```swift\n  let 数 = 1\n  let y: Int = \"两\"\n  ```\n\nValue `{swift} nowhere + 1`.\n")
        #expect(places(evaluation.diagnostics) == ["7:16 error cell.compile-error", "10:16 error cell.compile-error"])
        #expect(evaluation.diagnostics[1].message == "cannot find 'nowhere' in scope")
    }

    @Test func aTrapIsReportedAtItsCellWithItsMessage() throws {
        let evaluation = try evaluate("```swift\nlet xs = [1, 2]\nprint(\"before\")\n```\n\n```swift\nlet k = xs[5]\n```\n\n```swift\nfatalError(\"never reached\")\n```\n")
        #expect(places(evaluation.diagnostics) == ["7:11 error cell.trap"])
        #expect(evaluation.diagnostics[0].message == "Fatal error: Index out of range")
        #expect(cells(evaluation.chapter)[0].result?.standardOutput == "before\n")
    }

    @Test func fatalErrorNamesItsOwnLine() throws {
        let evaluation = try evaluate("```swift\nlet a = 1\nfatalError(\"boom \\(a)\")\n```\n")
        #expect(places(evaluation.diagnostics) == ["3:1 error cell.trap"])
        #expect(evaluation.diagnostics[0].message == "Fatal error: boom 1")
    }

    /// Every kind of trap, each in a chapter of its own (a trap ends the program), is an error at
    /// the line and column that trapped, with the Swift runtime's own words.
    @Test(arguments: [
        ("precondition(a < 1, \"cross-entropy needs a < 1, got \\(a)\")", "4:3", "Precondition failed: cross-entropy needs a < 1, got 2.0"),
        ("assert(a < 1)", "4:3", "Assertion failed"),
        ("assert(a < 1, \"a is \\(a)\")", "4:3", "Assertion failed: a is 2.0"),
        ("fatalError(\"no way\")", "4:3", "Fatal error: no way"),
        ("let n: Int? = nil; print(n!)", "4:29", "Fatal error: Unexpectedly found nil while unwrapping an Optional value"),
        ("print(xs[xs.count])", "4:11", "Fatal error: Index out of range"),
        ("print(Int.max - 1 + xs.count)", "4:21", "Swift runtime failure: arithmetic overflow"),
        ("print(xs.count / (xs.count - 3))", "4:18", "Fatal error: Division by zero"),
        ("_ = try! JSONSerialization.jsonObject(with: Data())", "4:30", "Fatal error: 'try!' expression unexpectedly raised an error"),
    ])
    func everyTrapIsAtItsLineWithItsMessage(code: String, place: String, message: String) throws {
        let evaluation = try evaluate("```swift\nlet a = 2.0, xs = [1, 2, 3]\nif a > 0 {\n  \(code)\n}\n```\n")
        #expect(places(evaluation.diagnostics) == ["\(place) error cell.trap"])
        #expect(evaluation.diagnostics.first?.message.hasPrefix(message) == true, "\(evaluation.diagnostics.map(\.message))")
    }

    @Test func aTrapInASharedFileNamesItsLineAndTheCellThatCalled() throws {
        let shared = SharedFile(path: "chapters/loss.swift", text: """
            import Foundation

            func crossEntropy(_ a: Double) -> Double {
                precondition(a < 1, "cross-entropy needs a < 1, got \\(a)")
                return -log(1 - a)
            }
            """)
        let evaluation = try evaluate("# Loss\n\n```swift\nlet fine = crossEntropy(0.5)\nlet bad = crossEntropy(fine + 2)\n```\n", shared: [shared])
        let trap = try #require(evaluation.diagnostics.first)
        #expect(trap.location == SourceLocation(file: "chapters/loss.swift", line: 4, column: 5))
        #expect(trap.message == "Precondition failed: cross-entropy needs a < 1, got 2.6931471805599454")
        #expect(trap.notes == [Diagnostic.Note("called from here", at: SourceLocation(file: "chapters/test.md", line: 5, column: 11))])
    }

    @Test func anErrorCellShowsReadersTheTrapsMessage() throws {
        let evaluation = try evaluate("""
            ```swift
            var k = 3
            ```

            ```swift
            //| error: true
            precondition(k < 2, "k must be small, got \\(k)")
            ```

            ```swift
            //| error: true
            let y = Int.max - 1 + k
            ```
            """)
        #expect(evaluation.diagnostics.filter { $0.severity == .error }.isEmpty, "\(evaluation.diagnostics.map(\.summary))")
        let results = cells(evaluation.chapter).map(\.result)
        #expect(results[1]?.error == "Precondition failed: k must be small, got 3")
        #expect(results[2]?.error == "Swift runtime failure: arithmetic overflow")
    }

    @Test func aCellThatMustFailIsCheckedForItsFailure() throws {
        let evaluation = try evaluate("""
            ```swift
            //| error: true
            print("fine")
            ```

            ```swift
            //| expect-error: true
            print("also fine")
            ```

            ```swift
            //| expect-error: "out of range"
            print([1][3])
            ```

            ```swift
            //| expect-error: "arithmetic"
            print([1][3])
            ```
            """)
        #expect(places(evaluation.diagnostics) == ["3:1 warning cell.no-error", "8:1 error cell.no-error", "18:1 error cell.wrong-error"])
        #expect(evaluation.diagnostics[2].message == "this cell failed with 'Fatal error: Index out of range', which does not contain 'arithmetic'")
    }

    @Test func anErrorCellShowsItsErrorAndTheProgramGoesOn() throws {
        let evaluation = try evaluate("""
            ```swift
            var log = ["start"]
            ```

            ```swift
            //| error: true
            print("trying")
            _ = log[3]
            ```

            ```swift
            log.append("after")
            print(log)
            ```
            """)
        #expect(evaluation.diagnostics.isEmpty, "\(evaluation.diagnostics.map(\.summary))")
        let results = cells(evaluation.chapter).map(\.result)
        #expect(results[1]?.error == "Fatal error: Index out of range")
        #expect(results[1]?.standardOutput == "trying\n")
        #expect(results[2]?.standardOutput == "[\"start\", \"after\"]\n")
    }

    @Test func standardErrorIsKeptPerCellWithoutTheTrapsReport() throws {
        let evaluation = try evaluate("""
            ```swift
            FileHandle.standardError.write("careful\\n".data(using: .utf8)!)
            print("out")
            ```

            ```swift
            FileHandle.standardError.write("about to fail\\n".data(using: .utf8)!)
            let xs = [1]
            print(xs[3])
            ```
            """)
        let results = cells(evaluation.chapter).map(\.result)
        #expect(results[0]?.outputs == [.standardOutput("out\n", truncated: false), .standardError("careful\n", truncated: false)])
        #expect(results[1]?.outputs == [.standardError("about to fail\n", truncated: false)])
        #expect(evaluation.diagnostics.map(\.message) == ["Fatal error: Index out of range"])
    }

    @Test func anEndlessLoopIsStoppedAtTheTimeLimit() throws {
        let start = Date()
        let evaluation = try evaluate("```swift\nprint(\"ok\")\n```\n\n```swift\nvar n = 0\nwhile true { n &+= 1 }\n```\n", timeout: 2)
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(places(evaluation.diagnostics) == ["5:1 error cell.timeout"])
        #expect(evaluation.diagnostics[0].message.contains("within 2 s"))
    }

    @Test func hugeOutputIsTruncated() throws {
        let evaluation = try evaluate("```swift\nlet line = String(repeating: \"x\", count: 1023)\nfor _ in 0..<51_200 { print(line) }\n```\n\n```swift\nprint(\"next\")\n```\n")
        #expect(evaluation.diagnostics.isEmpty)
        let results = cells(evaluation.chapter).map(\.result)
        guard case .standardOutput(let text, let truncated)? = results[0]?.outputs.first else {
            Issue.record("no output"); return
        }
        #expect(truncated)
        #expect(text.utf8.count == RunResults.outputLimit)
        #expect(results[1]?.standardOutput == "next\n")
    }

    @Test func failedExpectationsAreErrorsAtTheirLine() throws {
        let evaluation = try evaluate("```swift\nlet a = 0.1 + 0.2\n  expectClose(a, 0.3, tolerance: 0)\nexpect(1, 2)\nexpectClose(a, 0.3, tolerance: 1e-12)\n```\n")
        #expect(places(evaluation.diagnostics) == ["3:3 error cell.expectation-failed", "4:1 error cell.expectation-failed"])
        #expect(evaluation.diagnostics[1].message == "expected 2, got 1")
        #expect(cells(evaluation.chapter)[0].result?.passedExpectations == 1)
    }

    @Test func sharedFilesAreCompiledInAndTheirErrorsLocated() throws {
        let good = SharedFile(path: "chapters/helpers.swift", text: "func twice(_ x: Double) -> Double { 2 * x }\n")
        let ok = try evaluate("Twice: `{swift} twice(21)`.\n", shared: [good])
        #expect(values(ok.chapter) == ["42"])
        let bad = SharedFile(path: "chapters/helpers.swift", text: "// 中文注释\nfunc twice(_ x: Double) -> Double { 2 * y }\n")
        let broken = try evaluate("Twice: `{swift} twice(21)`.\n", shared: [bad])
        #expect(broken.diagnostics.map(\.location) == [SourceLocation(file: "chapters/helpers.swift", line: 2, column: 41)])
    }

    @Test func lineEndingsAndByteOrderMarkKeepLines() throws {
        let evaluation = try evaluate("\u{FEFF}# T\r\n\r\n```swift\r\nlet a = 1\r\nlet b: String = a\r\n```\r\n")
        #expect(places(evaluation.diagnostics) == ["5:17 error cell.compile-error"])
    }

    @Test func slowTypeCheckingIsAWarningAtTheExpression() throws {
        let evaluation = try evaluate("""
            ```swift
            let a: [Double] = [0.2, 0.3, 0.5, 0.0]
            let jacobian = (0..<4).map { j in (0..<4).map { k in a[j] * ((j == k ? 1 : 0) - a[k]) } }
            ```
            """, slowTypeCheck: 50)
        let slow = evaluation.diagnostics.filter { $0.id == "cell.slow-type-check" }
        #expect(slow.count >= 1)
        #expect(slow.first?.location.line == 3)
        #expect(slow.first?.severity == .warning)
    }

    @Test func resultsAreReusedAfterAProseEditAndExplainedAfterACodeEdit() throws {
        let cache = sharedCache + "-reuse"
        let first = try evaluate("Intro.\n\n```swift\nlet x = 6 * 7\n```\n\nIt is `{swift} x`.\n", cache: cache)
        #expect(values(first.chapter) == ["42"])
        let prose = try evaluate("A longer intro,\nover two lines.\n\n```swift\nlet x = 6 * 7\n```\n\nNow it is `{swift} x`.\n", cache: cache)
        #expect(prose.report.outcome == .reused)
        #expect(prose.report.compileSeconds == 0)
        #expect(values(prose.chapter) == ["42"])
        let code = try evaluate("Intro.\n\n```swift\nlet x = 6 * 9\n```\n\nIt is `{swift} x`.\n", cache: cache)
        #expect(code.report.outcome == .evaluated(reason: "code unit 1 changed"))
        #expect(values(code.chapter) == ["54"])
    }

    @Test func outputIsKeptVerbatimForTheRendererToEscape() throws {
        let evaluation = try evaluate("```swift\nprint(\"<script>alert(1)</script></p>\")\nshow(\"<b>&\")\n```\n")
        #expect(cells(evaluation.chapter)[0].result?.outputs == [.standardOutput("<script>alert(1)</script></p>\n", truncated: false), .value("<b>&")])
    }

    @Test func theCompilersVersionIsRememberedWhileItsFileIsTheSame() throws {
        let cache = sharedCache + "-toolchain"
        let first = try Toolchain.find(cacheDirectory: cache)
        #expect(first.version.contains("Swift version"))
        let remembered = try String(contentsOfFile: cache + "/toolchain.txt", encoding: .utf8)
        let identity = try #require(remembered.split(separator: "\n").first)
        // A planted answer is believed: proof that swiftc is not asked again.
        try "\(identity)\nplanted\n".write(toFile: cache + "/toolchain.txt", atomically: true, encoding: .utf8)
        #expect(try Toolchain.find(cacheDirectory: cache).version == "planted")
        // For another compiler file, it is asked.
        try "/elsewhere 1 2 3\nplanted\n".write(toFile: cache + "/toolchain.txt", atomically: true, encoding: .utf8)
        #expect(try Toolchain.find(cacheDirectory: cache).version == first.version)
    }

    @Test func missingCompilerIsOneClearError() {
        #expect(throws: EvaluationError.compilerNotFound(searched: "/nonexistent/swiftc")) {
            try Toolchain.find(environment: ["SWIFTC": "/nonexistent/swiftc"])
        }
        #expect(throws: EvaluationError.compilerNotFound(searched: "swiftc on PATH")) {
            try Toolchain.find(environment: ["PATH": "/nonexistent"])
        }
    }
}

@Suite struct ProgramTests {
    @Test func cellsAndExpressionsAreLocatedInTheMarkdown() throws {
        let chapter = try #require(ChapterParser().parse(Array("# T\n\n```swift\n//| echo: false\nlet a = 1\n```\n\nSee `{swift} a + 1`.\n".utf8), path: "chapters/t.md").chapter)
        let source = Program(chapter: chapter, directory: "/book/chapters").source
        #expect(source.contains("_folioBeginCell(0)\n#sourceLocation(file: \"chapters/t.md\", line: 5)\nlet a = 1\n#sourceLocation()\n_folioEndCell(0)"))
        #expect(source.contains("#sourceLocation(file: \"chapters/t.md\", line: 7)\n_folioInline(0, (\n             a + 1\n))"))
    }

    @Test func cellsThatDoNotRunAreLeftOut() throws {
        let chapter = try #require(ChapterParser().parse(Array("```swift\n//| eval: false\nwhile true {}\n```\n".utf8), path: "chapters/t.md").chapter)
        #expect(Program.units(of: chapter).isEmpty)
        #expect(!Program.hasCode(chapter))
    }

    @Test func theEmbeddedRuntimeMatchesItsSources() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/FolioRuntime")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".swift") }.sorted()
        // Embedded at build time by the EmbedFiles plugin: every file, each whole.
        #expect(RuntimeSource.files.map(\.name) == names)
        for file in RuntimeSource.files {
            let text = try String(contentsOf: directory.appendingPathComponent(file.name), encoding: .utf8)
            #expect(file.text + "\n" == text, "\(file.name) differs")
        }
    }
}

@Suite struct TrapTests {
    @Test func theRuntimesMessageIsFoundWithoutItsFileAndLine() {
        #expect(Trap.runtimeMessage(in: "hello\nSwift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range\n\n*** Signal 4: Backtracing…\n")
                == "Fatal error: Index out of range")
        #expect(Trap.runtimeMessage(in: "program/x.md:104: Precondition failed: needs > 1, got 0\n") == "Precondition failed: needs > 1, got 0")
        #expect(Trap.runtimeMessage(in: "program/x.md:9: Assertion failed\n") == "Assertion failed")
        // What a cell printed on standard error is not the runtime's message.
        #expect(Trap.runtimeMessage(in: "my own Fatal error: text\n") == nil)
        #expect(Trap.runtimeMessage(in: "nothing here") == nil)
    }

    @Test func aSignalWithNoMessageIsNamed() {
        let trap = Trap(standardError: "", report: nil, status: 128 + 9)
        #expect(trap?.message == "Killed (signal 9)")
        #expect(trap?.onlySignal == true)
        #expect(Trap(standardError: "", report: nil, status: 3) == nil)
    }
}
