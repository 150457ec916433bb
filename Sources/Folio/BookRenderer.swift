import FolioEvaluate
import FolioModel
import FolioParser
import FolioRender
import Foundation

/// What `folio render` is asked to do.
public struct RenderRequest: Sendable {
    /// The book's root: the folder holding `chapters/`.
    public var root: String
    /// Chapter files to render, as paths relative to the root; empty for all of them.
    public var chapters: [String]
    /// Where pages go, relative to the root unless absolute.
    public var outputDirectory: String
    /// How long a chapter's program may run, in seconds.
    public var timeout: Double
    /// Warn at expressions slower than this to type-check, in milliseconds; `nil` for never.
    public var slowTypeCheckMilliseconds: Int?
    /// Where results are cached; `FOLIO_CACHE_DIR`, else `.folio-cache` at the root.
    public var cacheDirectory: String?

    public init(root: String = ".", chapters: [String] = [], outputDirectory: String = "output", timeout: Double = 30,
                slowTypeCheckMilliseconds: Int? = 200, cacheDirectory: String? = nil) {
        self.root = root
        self.chapters = chapters
        self.outputDirectory = outputDirectory
        self.timeout = timeout
        self.slowTypeCheckMilliseconds = slowTypeCheckMilliseconds
        self.cacheDirectory = cacheDirectory
    }
}

extension RenderRequest {
    /// The output folder as the process can open it.
    var outputPath: String {
        outputDirectory.hasPrefix("/") || root == "." ? outputDirectory : root + "/" + outputDirectory
    }
}

/// What a render did: the diagnostics, in chapter order, and the files it wrote.
public struct RenderReport: Sendable {
    public var diagnostics: [Diagnostic]
    /// Output files, relative to the output folder, in the order written.
    public var written: [String]
    /// Chapters whose page was not written because of an error; their last good page stays.
    public var failedChapters: [String]
    /// How each evaluated chapter's code was run or reused, in chapter order.
    public var evaluations: [(chapter: String, report: EvaluationReport)]

    /// Whether the render found no error.
    public var succeeded: Bool { !diagnostics.containsError }
}

/// A book built in memory: every output file's bytes, the chapters as evaluated, and what was
/// found. `render` writes it; `check` compares it with what is on disk.
public struct BuiltBook: Sendable {
    /// Output files, relative to the output folder, in the order they are written.
    public var files: [(path: String, bytes: [UInt8])]
    /// The chapters asked for, parsed and evaluated (as far as they got).
    public var chapters: [Chapter]
    public var diagnostics: [Diagnostic]
    /// Chapters with an error, whose page is not among `files`.
    public var failedChapters: [String]
    /// How each chapter with code was evaluated, in chapter order.
    public var evaluations: [(chapter: String, report: EvaluationReport)]
}

/// Renders a book: finds its chapters, runs parse → evaluate → render for each, and writes
/// `output/`. The only stage that touches the disk.
public struct BookRenderer: Sendable {
    public static let chaptersDirectory = "chapters"

    public init() {}

    /// Builds the book and writes its files atomically; a chapter with an error keeps its last
    /// good page.
    public func render(_ request: RenderRequest) throws(BookError) -> RenderReport {
        let book = try build(request)
        let output = request.outputPath
        for file in book.files {
            try FileSystem.writeAtomically(file.bytes, to: output + "/" + file.path)
        }
        return RenderReport(diagnostics: book.diagnostics, written: book.files.map(\.path),
                            failedChapters: book.failedChapters, evaluations: book.evaluations)
    }

    /// Builds the book in memory: parses every chapter (numbering and navigation see the whole
    /// book), evaluates and renders the chapters asked for.
    public func build(_ request: RenderRequest) throws(BookError) -> BuiltBook {
        let source = try BookSource(root: request.root)
        let selected = try source.select(request.chapters)
        var bookDiagnostics: [Diagnostic] = []
        let settings = BookSettings.read(bytes: source.settingsBytes, path: source.settingsPath, diagnostics: &bookDiagnostics)

        var chapters: [Chapter] = []
        var found: [String: [Diagnostic]] = [:]
        for path in source.chapterPaths {
            let parsed = ChapterParser().parse(try source.read(path), path: path)
            found[path] = parsed.diagnostics
            if let chapter = parsed.chapter { chapters.append(chapter) }
        }
        for diagnostic in EquationNumbering.resolveReferences(in: &chapters) {
            found[diagnostic.location.file, default: []].append(diagnostic)
        }

        let outline = BookOutline(title: settings.title, lang: settings.lang,
                                  chapters: chapters.map { BookOutline.Entry(slug: $0.slug, title: $0.title) })
        let renderer = PageRenderer(outline: outline)
        var files: [(path: String, bytes: [UInt8])] = [
            (PageRenderer.stylesheetPath, Array(Stylesheet.css.utf8)),
            ("index.html", Array(renderer.renderIndex().utf8)),
        ]
        var evaluations: [(chapter: String, report: EvaluationReport)] = []
        var built: [Chapter] = []
        var evaluator: ChapterEvaluator?
        let sharedFiles = try source.sharedFiles()
        for var chapter in chapters where selected.contains(chapter.path) {
            defer { built.append(chapter) }
            if found[chapter.path]?.containsError ?? false { continue }
            if Program.hasCode(chapter) {
                if evaluator == nil { evaluator = try makeEvaluator(request, source: source) }
                let evaluation: Evaluation
                do throws(EvaluationError) {
                    evaluation = try evaluator!.evaluate(chapter, sharedFiles: sharedFiles)
                } catch {
                    throw .evaluation(error)
                }
                found[chapter.path, default: []] += evaluation.diagnostics
                evaluations.append((chapter.path, evaluation.report))
                chapter = evaluation.chapter
                if evaluation.diagnostics.containsError { continue }
            }
            let page = renderer.render(chapter)
            found[chapter.path, default: []] += page.diagnostics
            if page.diagnostics.containsError { continue }
            var imageDiagnostics: [Diagnostic] = []
            for image in chapter.localImages {
                if let bytes = try imageBytes(image, of: chapter, source: source, diagnostics: &imageDiagnostics) {
                    files.append((image, bytes))
                }
            }
            found[chapter.path, default: []] += imageDiagnostics
            files.append(("\(chapter.slug).html", Array(page.html.utf8)))
        }

        // Diagnostics in chapter order, each chapter's by place.
        var diagnostics = bookDiagnostics
        for path in source.chapterPaths where selected.contains(path) {
            diagnostics += (found[path] ?? []).enumerated().sorted {
                ($0.element.location, $0.offset) < ($1.element.location, $1.offset)
            }.map(\.element)
        }
        let failed = source.chapterPaths.filter { selected.contains($0) && (found[$0]?.containsError ?? false) }
        return BuiltBook(files: files, chapters: built, diagnostics: diagnostics, failedChapters: failed, evaluations: evaluations)
    }

    private func makeEvaluator(_ request: RenderRequest, source: BookSource) throws(BookError) -> ChapterEvaluator {
        let cache = request.cacheDirectory ?? ProcessInfo.processInfo.environment["FOLIO_CACHE_DIR"]
            ?? source.resolve(".folio-cache")
        let settings = EvaluationSettings(root: request.root, cacheDirectory: ChapterEvaluator.absolute(cache),
                                          timeout: request.timeout, slowTypeCheckMilliseconds: request.slowTypeCheckMilliseconds)
        do throws(EvaluationError) {
            let toolchain = try Toolchain.find(cacheDirectory: settings.cacheDirectory)
            return ChapterEvaluator(settings: settings, toolchain: toolchain)
        } catch {
            throw .evaluation(error)
        }
    }

    /// The bytes of a local image, or `nil` with a warning when it is missing or outside the book.
    private func imageBytes(_ image: String, of chapter: Chapter, source: BookSource,
                            diagnostics: inout [Diagnostic]) throws(BookError) -> [UInt8]? {
        let place = SourceLocation(file: chapter.path, line: 1, column: 1)
        guard !image.split(separator: "/").contains("..") else {
            diagnostics.append(.warning("image.outside-book", "image '\(image)' is outside chapters/ and is not copied", at: place))
            return nil
        }
        let path = "\(Self.chaptersDirectory)/\(image)"
        guard FileSystem.exists(source.resolve(path)) else {
            diagnostics.append(.warning("image.missing", "image '\(image)' not found at \(path)", at: place))
            return nil
        }
        return try source.read(path)
    }
}

extension Chapter {
    /// Sources of the chapter's images that are files beside it, not addresses.
    var localImages: [String] {
        var images: [String] = []
        for block in blocks {
            _ = block.mapInlines { inline in
                if case .image(let source, _, _) = inline, !source.isEmpty, !source.contains(":"), !source.hasPrefix("/") {
                    let path = source.split(separator: "#").first.map(String.init) ?? source
                    if !images.contains(path) { images.append(path) }
                }
                return inline
            }
        }
        return images
    }
}
