import FolioDoctest
import FolioEvaluate
import FolioModel
import FolioRender
import Foundation
import FolioStorage

/// Takes one parsed chapter through evaluate → render: what each of a build's workers runs.
/// Holds nothing that changes, so chapters can be built side by side.
struct ChapterBuilder: Sendable {
    let renderer: PageRenderer
    let evaluator: ChapterEvaluator?
    let sharedFiles: [SharedFile]
    let source: BookSource
    /// Up-to-date pages to leave alone; `nil` to build every chapter.
    let pages: PageCache?
    let highlights: HighlightCache
    /// Whether pages are for the preview, where a chapter whose code fails still gets a page:
    /// its latest prose, the last good results of unchanged cells, each error in its cell.
    let preview: Bool

    /// Builds the chapter at `path`: leaves it alone when its page is up to date (`key` matches
    /// the last good build), else gets it from `parse` — the chapter (`nil` when it could not be
    /// parsed) and the diagnostics found in it so far — and takes it through evaluate → render,
    /// stopping at the first stage with an error.
    func build(path: String, key: PageCache.Key?, parse: () -> (chapter: Chapter?, found: [Diagnostic])) throws(BookError) -> BuiltChapter {
        let started = ContinuousClock.now
        var built = try assemble(path: path, key: key, parse: parse)
        built.diagnostics = built.diagnostics.enumerated().sorted {
            ($0.element.location, $0.offset) < ($1.element.location, $1.offset)
        }.map(\.element)
        if built.failed, built.files.isEmpty, let chapter = built.chapter {
            let page = renderer.renderFailure(chapter, errors: built.diagnostics.filter { $0.severity == .error })
            built.notBuiltPage = OutputFile(path: "\(chapter.slug).html", bytes: Array(page.utf8))
        }
        if let pages, let key, !built.upToDate, !built.files.isEmpty, !built.failed {
            pages.store(path, key: key, files: built.files, diagnostics: built.diagnostics, evaluated: built.evaluation != nil)
        }
        let elapsed = ContinuousClock.now - started
        built.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return built
    }

    /// `build` but for the order of the diagnostics, the page records and the time taken.
    private func assemble(path: String, key: PageCache.Key?, parse: () -> (chapter: Chapter?, found: [Diagnostic])) throws(BookError) -> BuiltChapter {
        var built = BuiltChapter(path: path, position: (0, 0), chapter: nil, files: [], diagnostics: [], evaluation: nil, seconds: 0)
        if let pages, let key, let last = pages.reusable(path, key: key) {
            // Nothing to write: the page on disk is the one this build would make (the key holds
            // the chapter's bytes, so it is the chapter that built without error then).
            built.diagnostics = last.diagnostics
            built.evaluation = last.evaluated ? EvaluationReport(outcome: .reused) : nil
            built.upToDate = true
            return built
        }
        let (parsed, found) = parse()
        built.chapter = parsed
        built.diagnostics = found
        guard var chapter = parsed, !found.containsError else { return built }
        if let evaluator, Program.hasCode(chapter) {
            let evaluation: Evaluation
            do throws(EvaluationError) {
                evaluation = try evaluator.evaluate(chapter, sharedFiles: sharedFiles)
            } catch {
                throw .evaluation(error)
            }
            built.diagnostics += evaluation.diagnostics
            built.evaluation = evaluation.report
            if evaluation.diagnostics.containsError {
                built.chapter = evaluation.chapter
                guard preview else { return built }
                chapter = evaluator.preview(chapter, failed: evaluation)
            } else {
                chapter = evaluation.chapter
                built.chapter = chapter
                built.diagnostics += Doctest.warnings(in: chapter)
            }
        }
        let page = renderer.render(chapter, highlightedCode: highlights.highlighted(chapter))
        built.diagnostics += page.diagnostics
        if page.diagnostics.containsError { return built }
        var files: [OutputFile] = []
        for image in chapter.localImages {
            if let file = try imageFile(image.path, at: image.location, diagnostics: &built.diagnostics) { files.append(file) }
        }
        files += page.attachments
        files.append(OutputFile(path: "\(chapter.slug).html", bytes: Array(page.html.utf8)))
        built.files = files
        return built
    }

    /// A local image as it is copied into the output, at the path the page links it by (`a/../b.png`
    /// resolved to `b.png`), or `nil` with a warning when it is missing or lies outside
    /// `chapters/` — by its path, or through a symbolic link: only the chapters' own files are
    /// published.
    private func imageFile(_ image: String, at place: SourceLocation, diagnostics: inout [Diagnostic]) throws(BookError) -> OutputFile? {
        let outside = Diagnostic.warning("image.outside-book", "image '\(image)' is outside chapters/ and is not copied", at: place)
        guard let relative = resolvedRelativePath(image) else {
            diagnostics.append(outside)
            return nil
        }
        let path = "\(BookBuilder.chaptersDirectory)/\(relative)"
        guard source.files.exists(source.resolve(path)) else {
            diagnostics.append(.warning("image.missing", "image '\(image)' not found at \(path)", at: place))
            return nil
        }
        guard let real = source.files.realPath(source.resolve(path)),
              let chapters = source.files.realPath(source.resolve(BookBuilder.chaptersDirectory)), real.hasPrefix(chapters + "/") else {
            diagnostics.append(outside)
            return nil
        }
        return OutputFile(path: relative, bytes: try source.read(path))
    }
}
