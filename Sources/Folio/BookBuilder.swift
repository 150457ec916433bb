import FolioEvaluate
import FolioMath
import FolioModel
import FolioNumbering
import FolioParser
import FolioPublish
import FolioRender
import Foundation
import FolioStorage

/// Builds a book: reads its chapters, outlines and numbers them, and runs parse → evaluate →
/// render for each, handing the results over as `BuildStep`s. Its two consumers: `render`
/// (below), which writes them into `output/`, and `BookChecker`, which compares them with it.
/// The request and the values it hands over are in `BookBuild.swift`.
public struct BookBuilder: Sendable {
    public static let chaptersDirectory = "chapters"

    public init() {}

    /// Whether a page of a chapter that does not build may be written over the file at `path`:
    /// only when there is none, or it is such a page itself. A good page is never replaced.
    private static func mayReplace(_ path: String, in files: any FileSystem) -> Bool {
        files.contents(path).map(PageRenderer.isFailurePage) ?? true
    }

    /// Builds the book and writes its files atomically as each chapter is done; a chapter with
    /// an error keeps its last good page. Files an earlier render made and this one makes no
    /// more are removed (see `OutputManifest`). `progress` sees each step once its files are
    /// written.
    public func render(_ request: RenderRequest,
                       progress: (BuildStep) -> Void = { _ in }) throws(BookError) -> RenderReport {
        let output = request.outputPath
        let printer = request.editions.contains(.pdf) ? try BookEditions.printer(outputDirectory: request.outputDirectory) : nil
        var report = RenderReport(diagnostics: [], written: [], failedChapters: [], evaluations: [])
        if request.shard != nil {
            // A shard evaluates and stores results; the job that assembles writes the pages. Every
            // chapter of its share is built, none skipped for an up-to-date page.
            var request = request
            request.reusePages = false
            try build(request) { step throws(BookError) in
                report.diagnostics += step.diagnostics
                if let built = step.chapter {
                    if built.failed { report.failedChapters.append(built.path) }
                    if let evaluation = built.evaluation { report.evaluations.append((built.path, evaluation)) }
                }
                progress(step)
            }
            return report
        }
        // What an earlier run killed midway left: temporary files, build folders.
        TemporaryFiles.removeStale(in: output)
        for folder in ["", "/build", "/runtime"] { TemporaryFiles.removeStale(in: request.cachePath + folder) }
        let previous = OutputManifest.read(output, from: request.files)
        // A render of some chapters keeps the others' entries; a whole render starts afresh.
        var manifest = request.chapters.isEmpty ? OutputManifest() : previous
        let plan = try build(request) { step throws(BookError) in
            let files: [OutputFile]
            switch step {
            case .book(let bookFiles, let diagnostics):
                files = bookFiles
                manifest.files[OutputManifest.book] = bookFiles.map(\.path)
                report.diagnostics += diagnostics
            case .chapter(let built):
                if built.files.isEmpty, let page = built.notBuiltPage, Self.mayReplace(output + "/" + page.path, in: request.files) {
                    files = [page]
                } else {
                    files = built.files
                }
                // An up-to-date chapter keeps what it made; a failed one keeps its last good files.
                let kept = built.upToDate || built.failed ? previous.files[built.path] ?? [] : []
                manifest.files[built.path] = Array(Set(kept + files.map(\.path)))
                report.diagnostics += built.diagnostics
                if built.failed { report.failedChapters.append(built.path) }
                if let evaluation = built.evaluation { report.evaluations.append((built.path, evaluation)) }
            }
            for file in files {
                if try request.files.writeFile(file.bytes, to: output + "/" + file.path) {
                    report.written.append(file.path)
                }
            }
            progress(step)
        }
        // The whole book on one page, from every page now in the output folder: those written
        // now and those left alone. Made again only when one of them changed (or the files the
        // book makes, the paper, `folio` itself, or print.html was edited): in a big book it was
        // most of a no-change render.
        manifest.files[OutputManifest.book, default: []].append(PrintEdition.fileName)
        let stamp = BookEditions.printStamp(plan, manifest: manifest)
        if !report.written.isEmpty || !previous.leftOver(after: manifest).isEmpty || !BookEditions.printPageIsCurrent(stamp, request: request) {
            let printPage = try BookEditions.printPage(plan, outputDirectory: request.outputDirectory, page: BookEditions.pageOnDisk(request))
            if try request.files.writeFile(printPage.bytes, to: output + "/" + printPage.path) { report.written.append(printPage.path) }
            BookEditions.recordPrintStamp(stamp, page: printPage.bytes, request: request)
        }
        for file in previous.leftOver(after: manifest) {
            if request.files.remove(file, in: output) { report.removed.append(file) }
        }
        try request.files.writeFile(manifest.bytes, to: output + "/" + OutputManifest.fileName)
        report.written += try BookEditions.write(request.editions, plan: plan, request: request, manifest: manifest, printer: printer)
        return report
    }

    /// Builds the whole book in memory, `print.html` last.
    public func build(_ request: RenderRequest) throws(BookError) -> BuiltBook {
        var book = BuiltBook(files: [], chapters: [], diagnostics: [], failedChapters: [], evaluations: [])
        let plan = try build(request) { step in
            book.files += step.files
            book.diagnostics += step.diagnostics
            guard let built = step.chapter else { return }
            if let chapter = built.chapter { book.chapters.append(chapter) }
            if built.failed { book.failedChapters.append(built.path) }
            if let evaluation = built.evaluation { book.evaluations.append((built.path, evaluation)) }
        }
        let pages = Dictionary(book.files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { _, last in last })
        book.files.append(try BookEditions.printPage(plan, outputDirectory: request.outputDirectory) { slug in pages[slug + ".html"] })
        return book
    }

    /// Builds the book step by step, in four phases: reads every chapter (`readChapters`),
    /// outlines them all (`outline`: numbering and navigation see the whole book; an unchanged
    /// chapter's outline is kept from the last render instead of parsing it again), numbers the
    /// book (`BookNumbering`), then evaluates and renders the chapters asked for whose pages are
    /// not up to date, up to `request.jobs` at once, handing each to `receive` in book order as
    /// soon as it and those before it are done. At most a few chapters per job are held at any
    /// time. Returns what the book's editions need besides the pages.
    @discardableResult
    public func build(_ request: RenderRequest, receive: (BuildStep) throws(BookError) -> Void) throws(BookError) -> BookPlan {
        let source = try BookSource(root: request.root, files: request.files)
        let selected = try source.select(request.chapters)
        let settings = source.settings
        let (bookMacros, macroDiagnostics) = Self.macros(settings.macros)
        let outlineCache = request.reusePages
            ? OutlineCache(directory: request.cachePath + "/outlines", output: request.outputPath, files: request.files) : nil

        var records = readChapters(source, keyed: outlineCache != nil, context: settings.macros.map { "\($0.name)=\($0.body)" })
        let outlines = outline(&records, cache: outlineCache, macros: bookMacros, jobs: request.jobs)
        let numbering = BookNumbering(outlines, numbersSections: settings.numberSections)
        let citations = BookCitations(settings: settings, outlines: outlines, source: source)
        let duplicateLabels = Dictionary(grouping: numbering.duplicateLabels, by: \.location.file)

        // The page is named for what it is; a chapter of that name keeps it, and the page is left out.
        let bibliography = settings.bibliographyPage && !outlines.contains { $0.slug == PageRenderer.bibliographySlug }
            ? citations.bookReferences : []
        let bibliographyEntry = bibliography.isEmpty ? [] : [BookOutline.Entry(slug: PageRenderer.bibliographySlug,
                                                                                title: PageRenderer.bibliographyTitle(lang: settings.lang))]
        // Before the book's step, which reports the dependencies' build failing (once).
        var work = records.indices.filter { selected.contains(records[$0].path) }
        let hasCode = { (index: Int) in records[index].outline.map { !$0.hasErrors && $0.hasCode } ?? false }
        let needsEvaluator = work.contains(where: hasCode)
        let (evaluator, dependencyDiagnostics) = needsEvaluator ? try makeEvaluator(request, source: source) : (nil, [])
        if let shard = request.shard {
            let withCode = work.filter(hasCode)
            let share = Set(shard.share(of: withCode.map { records[$0].path }) { evaluator?.lastSeconds(chapter: $0) })
            work = withCode.filter { share.contains(records[$0].path) }
        }

        let outline = BookOutline(title: settings.title, lang: settings.lang,
                                  chapters: outlines.map { BookOutline.Entry(slug: $0.slug, title: $0.title) } + bibliographyEntry,
                                  showsCheckBadges: settings.checkBadges || request.preview, macros: bookMacros)
        let renderer = PageRenderer(outline: outline)
        try receive(.book(files: [
            OutputFile(path: PageRenderer.stylesheetPath, bytes: Array(Stylesheet.css.utf8)),
            OutputFile(path: "index.html", bytes: Array(renderer.renderIndex().utf8)),
        ] + (bibliography.isEmpty ? [] : [
            OutputFile(path: PageRenderer.bibliographySlug + ".html", bytes: Array(renderer.renderBibliography(bibliography).utf8)),
        ]), diagnostics: source.settingsDiagnostics + macroDiagnostics + citations.diagnostics + dependencyDiagnostics))

        let sharedFiles = needsEvaluator ? try source.sharedFiles() : []
        let pages = request.reusePages
            ? PageCache(directory: request.cachePath + "/pages", output: request.outputPath, files: request.files) : nil
        let context = request.reusePages
            ? PageCache.Key.context(outline: outline, outlines: outlines, numbering: numbering, sharedFiles: sharedFiles,
                                    evaluator: (evaluator?.fingerprint ?? "") + citations.fingerprint.joined(separator: "\n"))
            : ""
        let builder = ChapterBuilder(renderer: renderer, evaluator: evaluator, sharedFiles: sharedFiles, source: source, pages: pages,
                                     highlights: HighlightCache(directory: request.cachePath + "/highlight", files: request.files),
                                     preview: request.preview)

        let chapters = work.map { records[$0] }
        records = []
        try Parallel.inOrder(count: chapters.count, jobs: request.jobs, window: 2 * request.jobs) { index throws(BookError) in
            let record = chapters[index]
            let key = pages.map { _ in PageCache.Key(chapter: record.key ?? "", context: context) }
            var built = try builder.build(path: record.path, key: key) {
                // Only now, for a chapter whose page is not up to date: parsed (unless it was to
                // get its outline), numbered as part of the book, its references resolved.
                let result = record.parsed ?? ChapterParser().parse(record.bytes, path: record.path)
                guard var chapter = result.chapter, let position = record.position else { return (result.chapter, result.diagnostics) }
                let found = result.diagnostics + Self.macros(chapter.frontMatter.macros).diagnostics + (duplicateLabels[record.path] ?? [])
                    + numbering.apply(to: &chapter, at: position) + citations.apply(to: &chapter, at: position)
                return (chapter, found)
            }
            built.position = (index + 1, chapters.count)
            return built
        } receive: { built throws(BookError) in
            try receive(.chapter(built))
        }
        return BookPlan(outline: outline, paper: settings.paper)
    }

    /// TeX macros declared in YAML, as the converter takes them, and a warning at each that
    /// cannot be defined (a name that is no command, a `#` without its digit, unbalanced braces).
    static func macros(_ definitions: [MacroDefinition]) -> (macros: MathMacros, diagnostics: [Diagnostic]) {
        let (macros, problems) = MathMacros().adding(definitions.map { ($0.name, $0.body) })
        let diagnostics = problems.map { problem in
            Diagnostic.warning(problem.error.id, "macro '\(definitions[problem.index].name)': \(problem.error.message)",
                               at: definitions[problem.index].location)
        }
        return (macros, diagnostics)
    }

    /// One chapter on its way through the build: its file, what it is known by between renders,
    /// and, once outlined, its outline, its place among the outlined chapters and (if it had to
    /// be parsed to get the outline) the parse.
    private struct ChapterRecord: Sendable {
        let path: String
        let bytes: [UInt8]
        /// The outline cache's key: the chapter's path, bytes and the `folio` reading it.
        let key: String?
        /// The error for a chapter that could not be read; it is built as that error.
        let unreadable: Diagnostic?
        var parsed: ParsedChapter?
        var outline: ChapterOutline?
        /// Its index among the book's outlines (what numbering calls its position).
        var position: Int?
    }

    /// Phase one: every chapter's bytes. A chapter that cannot be read (a dangling symbolic
    /// link, no permission) is an error of its own; the rest of the book goes on.
    private func readChapters(_ source: BookSource, keyed: Bool, context: [String]) -> [ChapterRecord] {
        source.chapterPaths.map { path in
            do throws(BookError) {
                let bytes = try source.read(path)
                return ChapterRecord(path: path, bytes: bytes, key: keyed ? OutlineCache.key(path: path, bytes: bytes, context: context) : nil, unreadable: nil)
            } catch {
                let reason = if case .unreadable(_, let reason) = error { reason } else { error.description }
                let diagnostic = Diagnostic.error("file.unreadable", "cannot read this chapter: \(reason)",
                                                  at: SourceLocation(file: path, line: 1, column: 1))
                return ChapterRecord(path: path, bytes: [], key: keyed ? OutlineCache.key(path: path, bytes: [], context: context) : nil, unreadable: diagnostic)
            }
        }
    }

    /// Phase two: every chapter's outline, kept from an earlier render when the chapter is
    /// unchanged, else parsed now (and the parse kept for building it; `check`, without a
    /// cache, parses everything). Returns the outlines in book order.
    private func outline(_ records: inout [ChapterRecord], cache: OutlineCache?, macros: MathMacros, jobs: Int) -> [ChapterOutline] {
        let known = cache?.load() ?? [:]
        let unknown = records.indices.filter { index in records[index].key.map { known[$0] == nil } ?? true }
        let parsedNow = Parallel.map(unknown.map { records[$0] }, jobs: jobs) { record in
            record.unreadable.map { ParsedChapter(chapter: nil, diagnostics: [$0]) } ?? ChapterParser().parse(record.bytes, path: record.path)
        }
        for (index, parsed) in zip(unknown, parsedNow) { records[index].parsed = parsed }
        var outlines: [ChapterOutline] = []
        var kept: [String: ChapterOutline] = [:]
        for index in records.indices {
            let record = records[index]
            guard let outline = record.key.flatMap({ known[$0] }) ?? record.parsed?.chapter.map({ chapter in
                ChapterOutline(chapter, diagnostics: record.parsed?.diagnostics ?? [], hasCode: Program.hasCode(chapter), macros: macros)
            }) else { continue }
            records[index].outline = outline
            records[index].position = outlines.count
            outlines.append(outline)
            if let key = record.key { kept[key] = outline }
        }
        if let cache, kept != known { cache.store(kept) }
        return outlines
    }

    /// The evaluator, with the book's dependencies built (or the error saying why they were not).
    private func makeEvaluator(_ request: RenderRequest, source: BookSource) throws(BookError) -> (ChapterEvaluator, [Diagnostic]) {
        var settings = EvaluationSettings(root: request.root, cacheDirectory: request.cachePath, timeout: request.timeout,
                                          slowTypeCheckMilliseconds: request.slowTypeCheckMilliseconds, remote: request.remote)
        settings.publishesLocalResults = request.shard != nil
        do throws(EvaluationError) {
            // The runtime is built (or fetched) when the first chapter needs it: a render whose
            // results are all cached runs no compiler.
            let toolchain = try Toolchain.find(cacheDirectory: settings.cacheDirectory)
            var diagnostics: [Diagnostic] = []
            let dependencies = source.settings.dependencies
            if !dependencies.isEmpty {
                do throws(DependencyFailure) {
                    settings.dependencies = try DependencyBuilder.build(dependencies, root: request.root, cache: settings.cacheDirectory,
                                                                        toolchain: toolchain)
                } catch {
                    settings.dependencyFailure = error.diagnostic.location
                    diagnostics.append(error.diagnostic)
                }
            }
            return (ChapterEvaluator(settings: settings, toolchain: toolchain), diagnostics)
        } catch {
            throw .evaluation(error)
        }
    }
}

extension Chapter {
    /// The chapter's images that are files beside it, not addresses: each path once (without a
    /// `#fragment`), at its first use.
    var localImages: [(path: String, location: SourceLocation)] {
        var seen: Set<String> = []
        return links.compactMap { link in
            let source = link.target
            guard link.kind == .image, !source.isEmpty, !source.contains(":"), !source.hasPrefix("/") else { return nil }
            let path = source.split(separator: "#").first.map(String.init) ?? source
            return seen.insert(path).inserted ? (path, link.location) : nil
        }
    }
}
