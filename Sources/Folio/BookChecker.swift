import FolioModel

/// One thing `folio check` found wrong, where, and (for output blocks) the diff.
public struct CheckFailure: Sendable, Equatable {
    /// Where the failure is; `nil` for the book as a whole (a stale `output/`).
    public var location: SourceLocation?
    public var message: String
    /// A unified diff of expected against actual output, for doctests.
    public var diff: String?
}

/// What `folio check` found: checks passed and failed (expectations, doctests, chapters, and
/// `output/` being fresh), the failures, the warnings, and what `--update` rewrote.
public struct CheckReport: Sendable {
    public var passed: Int
    public var failures: [CheckFailure]
    /// Errors and warnings from parsing, evaluating and rendering, as `render` prints them.
    public var diagnostics: [Diagnostic]
    /// Output files that differ from a fresh render, missing ones included.
    public var staleOutputs: [String]
    /// Output blocks `--update` rewrote, as `file:line` of each block.
    public var updated: [SourceLocation]

    public var failed: Int { failures.count }
    public var succeeded: Bool { failures.isEmpty }
    /// `12 passed, 0 failed`.
    public var summary: String { "\(passed) passed, \(failed) failed" }
}

/// Checks that every number in the book still holds (SPEC 3.6, 4): evaluates the chapters as
/// `render` does, writes no page, and compares each cell's output with its `output` block and
/// `output/` with a fresh render. With `update`, rewrites the output blocks that differ.
public struct BookChecker: Sendable {
    public init() {}

    public func check(_ request: RenderRequest, update: Bool) throws(BookError) -> CheckReport {
        let book = try BookRenderer().build(request)
        var passed = 0
        var failures: [CheckFailure] = []
        var rewrites: [String: [OutputBlockRewrite]] = [:]

        for chapter in book.chapters {
            let errors = book.diagnostics.filter { $0.location.file == chapter.path && $0.severity == .error }
            // A chapter that does not build is one failure, not a cascade of doctest failures.
            let buildErrors = errors.filter { $0.id != "cell.expectation-failed" }
            if buildErrors.isEmpty { passed += 1 }
            for error in errors {
                failures.append(CheckFailure(location: error.location, message: error.message, diff: nil))
            }
            guard buildErrors.isEmpty else { continue }
            chapter.blocks.forEachLeaf { block in
                guard case .cell(let cell) = block, let result = cell.result else { return }
                passed += result.passedExpectations
                guard let expected = cell.expectedOutput else { return }
                let want = Self.normalized(expected.code)
                let got = Self.normalized(result.standardOutput)
                if want == got {
                    passed += 1
                    return
                }
                let diff = UnifiedDiff.make(expected: want, actual: got,
                                            expectedName: "expected (\(expected.location.file):\(expected.location.line))",
                                            actualName: "actual (the cell at line \(cell.location.line))")
                failures.append(CheckFailure(location: expected.location,
                                             message: "the output of the cell at line \(cell.location.line) differs from its expected output",
                                             diff: diff))
                rewrites[chapter.path, default: []].append(OutputBlockRewrite(block: expected, output: result.standardOutput))
            }
        }

        let stale = staleOutputs(book, request: request)
        if stale.isEmpty {
            passed += 1
        } else {
            failures.append(CheckFailure(location: nil,
                                         message: "\(request.outputDirectory)/ differs from a fresh render; run 'folio render': "
                                             + stale.joined(separator: ", "), diff: nil))
        }

        var updated: [SourceLocation] = []
        if update {
            for (path, blocks) in rewrites.sorted(by: { $0.key < $1.key }) {
                updated += try OutputBlockRewrite.apply(blocks, toFile: path, root: request.root)
            }
        }
        let warnings = book.diagnostics.filter { $0.severity == .warning }
        return CheckReport(passed: passed, failures: failures, diagnostics: warnings, staleOutputs: stale, updated: updated)
    }

    /// Output is compared line by line without trailing white space and trailing empty lines.
    static func normalized(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var line = Substring(line)
            while let last = line.last, last == " " || last == "\t" || last == "\r" { line.removeLast() }
            return String(line)
        }
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The output files whose bytes on disk are not those of a fresh render.
    private func staleOutputs(_ book: BuiltBook, request: RenderRequest) -> [String] {
        let output = request.outputPath
        var stale: [String] = []
        for file in book.files where FileSystem.contents(output + "/" + file.path) != file.bytes {
            stale.append("\(request.outputDirectory)/\(file.path)")
        }
        // Checking the whole book, a page no chapter makes any more is stale too.
        if request.chapters.isEmpty {
            let made = Set(book.files.map(\.path))
            for path in FileSystem.files(under: output) where !made.contains(path) {
                stale.append("\(request.outputDirectory)/\(path) (made by no chapter)")
            }
        }
        return stale
    }
}

/// Rewrites one `output` block's content, every other byte of the file untouched: its line
/// endings (CRLF stays CRLF), byte order mark, indentation and trailing spaces elsewhere.
struct OutputBlockRewrite {
    let block: CodeBlock
    let output: String

    /// Rewrites `blocks` in the chapter file at `path` in one atomic write; the locations of
    /// the blocks rewritten.
    static func apply(_ blocks: [OutputBlockRewrite], toFile path: String, root: String) throws(BookError) -> [SourceLocation] {
        let file = root == "." || path.hasPrefix("/") ? path : root + "/" + path
        var bytes = try FileSystem.read(file)
        // Later blocks first, so earlier byte offsets stay valid.
        for rewrite in blocks.sorted(by: { $0.block.location.line > $1.block.location.line }) {
            guard let closing = rewrite.block.closingLine else { continue }
            let starts = lineStarts(bytes)
            let fenceLine = rewrite.block.location.line
            guard fenceLine < closing, closing <= starts.count else { continue }
            let contentStart = starts[fenceLine]           // the line after the fence
            let contentEnd = starts[closing - 1]           // the start of the closing fence's line
            let fence = bytes[starts[fenceLine - 1]..<contentStart]
            let ending: [UInt8] = fence.count >= 2 && fence[fence.endIndex - 2] == UInt8(ascii: "\r") ? [13, 10] : [10]
            let indent = Array(fence.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: ">") })
            var replacement: [UInt8] = []
            for line in BookChecker.normalized(rewrite.output) {
                replacement += indent + Array(line.utf8) + ending
            }
            bytes.replaceSubrange(contentStart..<contentEnd, with: replacement)
        }
        try FileSystem.writeAtomically(bytes, to: file)
        return blocks.map(\.block.location).sorted()
    }

    /// The byte offset where each line starts.
    private static func lineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(index + 1) }
        return starts
    }
}
