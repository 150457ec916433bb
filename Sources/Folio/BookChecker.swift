import FolioDoctest
import FolioModel
import FolioRender
import FolioStorage

/// One thing `folio check` found wrong, where, and (for output blocks) the diff.
public struct CheckFailure: Sendable, Equatable {
    /// Where the failure is; `nil` for the book as a whole (a stale `output/`).
    public var location: SourceLocation?
    public var message: String
    /// A unified diff of expected against actual output, for doctests.
    public var diff: String?
    /// Places that explain the failure (the cell that called a shared function that trapped).
    public var notes: [Diagnostic.Note] = []
}

/// What `folio check` found: checks passed and failed (expectations, doctests, chapters, and
/// `output/` being fresh), the failures, the warnings, and what `--update` rewrote.
public struct CheckReport: Sendable {
    public var passed: Int
    /// What failed and was not repaired: each problem once.
    public var failures: [CheckFailure]
    /// Warnings from parsing, evaluating and rendering, as `render` prints them.
    public var warnings: [Diagnostic]
    /// Output files that differ from a fresh render, missing ones included.
    public var staleOutputs: [String]
    /// Output blocks `--update` rewrote, as `file:line` of each block; no longer failures.
    public var updated: [SourceLocation]

    public var failed: Int { failures.count }

    /// Whether the book passes: nothing failed and, when `strict`, nothing was warned about.
    public func succeeded(strict: Bool) -> Bool {
        failures.isEmpty && (!strict || warnings.isEmpty)
    }

    /// `12 passed, 0 failed`, then the warnings and the blocks updated when there are any.
    public var summary: String {
        var summary = "\(passed) passed, \(failed) failed"
        if !warnings.isEmpty { summary += warnings.count == 1 ? ", 1 warning" : ", \(warnings.count) warnings" }
        if !updated.isEmpty { summary += ", \(updated.count) updated" }
        return summary
    }
}

/// Checks that every number in the book still holds (SPEC 3.6, 4): evaluates the chapters as
/// `render` does, writes no page, and compares each cell's output with its `output` block and
/// `output/` with a fresh render. With `update`, rewrites the output blocks that differ.
public struct BookChecker: Sendable {
    public init() {}

    public func check(_ request: RenderRequest, update: Bool,
                      progress: (BuildStep) -> Void = { _ in }) throws(BookError) -> CheckReport {
        var passed = 0
        var failures: [CheckFailure] = []
        var rewrites: [String: [OutputBlockRewrite]] = [:]
        var warnings: [Diagnostic] = []
        var stale: [String] = []
        var manifest = OutputManifest()
        var anyChapterFailed = false
        let output = request.outputPath
        var links = LinkCheck(output: output, files: request.files)
        // The pages as built now, for print.html.
        var pages: [String: [UInt8]] = [:]

        // Each chapter is checked as it is built, then let go; every one is built afresh.
        var request = request
        request.reusePages = false
        let plan = try BookBuilder().build(request) { step in
            let files: [OutputFile]
            switch step {
            case .book(let bookFiles, let diagnostics):
                files = bookFiles
                manifest.files[OutputManifest.book] = bookFiles.map(\.path)
                links.add(bookFiles)
                warnings += diagnostics.filter { $0.severity == .warning }
                for error in diagnostics where error.severity == .error {
                    failures.append(CheckFailure(error))
                }
            case .chapter(let built):
                files = built.files
                // A stale output block is a failure here, not also a warning.
                warnings += built.diagnostics.filter { $0.severity == .warning && $0.id != Doctest.id }
                anyChapterFailed = anyChapterFailed || built.failed
                manifest.files[built.path] = built.files.map(\.path)
                links.add(built)
                passed += checkChapter(built, failures: &failures, rewrites: &rewrites)
            }
            // A shard checks its chapters' code; the job that assembles checks output/ and links.
            for file in files where request.shard == nil {
                if request.files.contents(output + "/" + file.path) != file.bytes {
                    stale.append("\(request.outputDirectory)/\(file.path)")
                }
                if file.path.hasSuffix(".html"), !file.path.contains("/") { pages[file.path] = file.bytes }
            }
            progress(step)
        }
        // print.html as a render would write it: from the pages built now, and, for a chapter not
        // built now (failed, or not asked for), from its page as it stands.
        let onDisk = BookEditions.pageOnDisk(request)
        let printPage = try BookEditions.printPage(plan, outputDirectory: request.outputDirectory) { slug in pages[slug + ".html"] ?? onDisk(slug) }
        pages = [:]
        manifest.files[OutputManifest.book, default: []].append(printPage.path)
        if request.files.contents(output + "/" + printPage.path) != printPage.bytes {
            stale.append("\(request.outputDirectory)/\(printPage.path)")
        }

        guard request.shard == nil else {
            return CheckReport(passed: passed, failures: failures, warnings: warnings, staleOutputs: [],
                               updated: try update ? apply(rewrites, request: request, failures: &failures) : [])
        }
        for broken in links.broken() {
            failures.append(CheckFailure(broken))
        }

        // Checking the whole book, a file Folio made once and no chapter makes any more is stale
        // too, and so is the record of what it made — unless a chapter failed: its files are not
        // made now, and that failure is already counted. Files Folio never made are the author's.
        if request.chapters.isEmpty, !anyChapterFailed {
            for path in OutputManifest.read(output, from: request.files).leftOver(after: manifest) {
                stale.append("\(request.outputDirectory)/\(path) (made by no chapter)")
            }
            if request.files.contents(output + "/" + OutputManifest.fileName) != manifest.bytes {
                stale.append("\(request.outputDirectory)/\(OutputManifest.fileName)")
            }
        }
        if stale.isEmpty {
            passed += 1
        } else {
            failures.append(CheckFailure(location: nil,
                                         message: "\(request.outputDirectory)/ differs from a fresh render; run 'folio render': "
                                             + stale.joined(separator: ", "), diff: nil))
        }

        let updated = try update ? apply(rewrites, request: request, failures: &failures) : []
        return CheckReport(passed: passed, failures: failures, warnings: warnings, staleOutputs: stale, updated: updated)
    }

    /// `--update`: rewrites the output blocks that differ; a block rewritten now holds, and is
    /// reported as updated, not as failed.
    private func apply(_ rewrites: [String: [OutputBlockRewrite]], request: RenderRequest,
                       failures: inout [CheckFailure]) throws(BookError) -> [SourceLocation] {
        var updated: [SourceLocation] = []
        for (path, blocks) in rewrites.sorted(by: { $0.key < $1.key }) {
            updated += try OutputBlockRewrite.apply(blocks, toFile: path, root: request.root, files: request.files)
        }
        let repaired = Set(updated)
        failures.removeAll { failure in failure.diff != nil && failure.location.map(repaired.contains) == true }
        return updated
    }

    /// Checks one built chapter: it builds, its expectations hold, and each cell's output matches
    /// its `output` block (a block that differs is kept for `--update`). Returns the checks passed.
    private func checkChapter(_ built: BuiltChapter, failures: inout [CheckFailure],
                              rewrites: inout [String: [OutputBlockRewrite]]) -> Int {
        var passed = 0
        let errors = built.diagnostics.filter { $0.severity == .error }
        // A chapter that does not build is one failure, not a cascade of doctest failures.
        let buildErrors = errors.filter { $0.id != "cell.expectation-failed" }
        if buildErrors.isEmpty { passed += 1 }
        for error in errors {
            failures.append(CheckFailure(error))
        }
        guard buildErrors.isEmpty, let chapter = built.chapter else { return passed }
        chapter.blocks.forEachLeaf { block in
            if case .cell(let cell) = block { passed += cell.result?.passedExpectations ?? 0 }
        }
        for doctest in Doctest.all(in: chapter) {
            if doctest.holds {
                passed += 1
                continue
            }
            failures.append(CheckFailure(location: doctest.block.location, message: doctest.message, diff: doctest.diff))
            rewrites[chapter.path, default: []].append(OutputBlockRewrite(block: doctest.block, output: doctest.cell.result?.standardOutput ?? ""))
        }
        return passed
    }
}

extension CheckFailure {
    /// A failure for an error diagnostic.
    init(_ error: Diagnostic) {
        self.init(location: error.location, message: error.message, diff: nil, notes: error.notes)
    }
}
