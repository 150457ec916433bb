import FolioModel
import FolioParser
import FolioRender

/// What `folio render` is asked to do.
public struct RenderRequest: Sendable {
    /// The book's root: the folder holding `chapters/`.
    public var root: String
    /// Chapter files to render, as paths relative to the root; empty for all of them.
    public var chapters: [String]
    /// Where pages go, relative to the root unless absolute.
    public var outputDirectory: String

    public init(root: String = ".", chapters: [String] = [], outputDirectory: String = "output") {
        self.root = root
        self.chapters = chapters
        self.outputDirectory = outputDirectory
    }
}

/// What a render did: the diagnostics, in chapter order, and the files it wrote.
public struct RenderReport: Sendable {
    public var diagnostics: [Diagnostic]
    /// Output files, relative to the output folder, in the order written.
    public var written: [String]
    /// Chapters whose page was not written because of an error; their last good page stays.
    public var failedChapters: [String]

    /// Whether the render found no error.
    public var succeeded: Bool { !diagnostics.containsError }
}

/// Renders a book: finds its chapters, runs parse → render for each, and writes `output/`.
/// The only stage that touches the disk.
public struct BookRenderer: Sendable {
    public static let chaptersDirectory = "chapters"

    public init() {}

    public func render(_ request: RenderRequest) throws(BookError) -> RenderReport {
        let source = try BookSource(root: request.root)
        let selected = try source.select(request.chapters)
        var diagnostics: [Diagnostic] = []
        let settings = BookSettings.read(bytes: source.settingsBytes, path: source.settingsPath, diagnostics: &diagnostics)

        // Every chapter is parsed, so numbering and navigation see the whole book even when
        // only some pages are written.
        var chapters: [Chapter] = []
        var broken: Set<String> = []
        for path in source.chapterPaths {
            let parsed = ChapterParser().parse(try source.read(path), path: path)
            if selected.contains(path) { diagnostics += parsed.diagnostics }
            if parsed.diagnostics.containsError { broken.insert(path) }
            if let chapter = parsed.chapter { chapters.append(chapter) }
        }
        let referenceDiagnostics = EquationNumbering.resolveReferences(in: &chapters)
        diagnostics += referenceDiagnostics.filter { selected.contains($0.location.file) }

        let outline = BookOutline(title: settings.title, lang: settings.lang,
                                  chapters: chapters.map { BookOutline.Entry(slug: $0.slug, title: $0.title) })
        let renderer = PageRenderer(outline: outline)
        let output = source.resolve(request.outputDirectory)
        var written: [String] = []
        func write(_ text: String, to name: String) throws(BookError) {
            try FileSystem.writeAtomically(Array(text.utf8), to: output + "/" + name)
            written.append(name)
        }

        try write(Stylesheet.css, to: PageRenderer.stylesheetPath)
        try write(renderer.renderIndex(), to: "index.html")
        for chapter in chapters where selected.contains(chapter.path) && !broken.contains(chapter.path) {
            let page = renderer.render(chapter)
            diagnostics += page.diagnostics
            if page.diagnostics.containsError {
                broken.insert(chapter.path)
                continue
            }
            for image in chapter.localImages {
                try copyImage(image, of: chapter, source: source, output: output, written: &written, diagnostics: &diagnostics)
            }
            try write(page.html, to: "\(chapter.slug).html")
        }
        return RenderReport(diagnostics: diagnostics, written: written,
                            failedChapters: source.chapterPaths.filter { selected.contains($0) && broken.contains($0) })
    }

    private func copyImage(_ image: String, of chapter: Chapter, source: BookSource, output: String,
                           written: inout [String], diagnostics: inout [Diagnostic]) throws(BookError) {
        let place = SourceLocation(file: chapter.path, line: 1, column: 1)
        guard !image.split(separator: "/").contains("..") else {
            diagnostics.append(.warning("image.outside-book", "image '\(image)' is outside chapters/ and is not copied", at: place))
            return
        }
        let path = "\(Self.chaptersDirectory)/\(image)"
        guard FileSystem.exists(source.resolve(path)) else {
            diagnostics.append(.warning("image.missing", "image '\(image)' not found at \(path)", at: place))
            return
        }
        try FileSystem.writeAtomically(try source.read(path), to: output + "/" + image)
        written.append(image)
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
