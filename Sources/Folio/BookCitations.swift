import FolioBibliography
import FolioModel
import FolioNumbering
import FolioStorage

/// The book's citations, formatted together: the `.bib` files `book.yml` and the chapters name
/// (`bibliography:`, paths beside the chapters), read once, and every chapter's citations in
/// reading order, so that numbers (numeric style) and year suffixes (2015a, 2015b) are the same
/// on every page. Each chapter then gets its citations' text and its reference list.
struct BookCitations: Sendable {
    private let formatted: FormattedBook?
    /// Problems in the `.bib` files: located errors and warnings at their line.
    let diagnostics: [Diagnostic]
    /// The `.bib` files' bytes, for the page cache's key.
    let fingerprint: [String]

    /// Reads the bibliography and formats the citations of `outlines` (in book order). A book
    /// with no citations and no bibliography reads nothing.
    init(settings: BookSettings, outlines: [ChapterOutline], source: BookSource) {
        let files = Self.unique(settings.bibliography + outlines.flatMap(\.bibliographyFiles))
        let citations = outlines.map { $0.citations.flatMap { CitationScanner.citations(in: $0) } }
        guard !files.isEmpty || citations.contains(where: { !$0.isEmpty }) else {
            formatted = nil
            diagnostics = []
            fingerprint = []
            return
        }
        var diagnostics: [Diagnostic] = []
        var sources: [BibSource] = []
        for name in files {
            let path = "chapters/" + BookSource.normalize(name)
            do throws(BookError) {
                sources.append(BibSource(file: path, bytes: try source.read(path)))
            } catch {
                diagnostics.append(.error("bibliography.missing", "cannot read the bibliography \(path)",
                                          at: SourceLocation(file: "chapters/\(BookSettings.fileName)", line: 1, column: 1)))
            }
        }
        let (bibliography, problems) = Bibliography.load(sources)
        diagnostics += problems.map { problem in
            Diagnostic(problem.severity == .error ? .error : .warning, id: problem.id, problem.message,
                       at: SourceLocation(file: problem.file, line: problem.line, column: problem.column))
        }
        let style: CitationStyle = settings.citationStyle == "numeric" ? .numeric : .authorDate
        formatted = CitationFormatter(style: style, bibliography: bibliography).format(book: citations)
        self.diagnostics = diagnostics
        fingerprint = sources.map { "\($0.file) \(Digest.of(bytes: $0.bytes))" } + [settings.citationStyle]
            + outlines.map { $0.citations.joined(separator: "\u{1F}") }
    }

    /// Every work cited anywhere in the book, in the style's order: the bibliography page.
    var bookReferences: [BibliographyEntry] {
        formatted?.references.map { entry in
            BibliographyEntry(anchor: entry.anchor, label: entry.label,
                              content: Self.inlines(entry.runs, at: SourceLocation(file: "chapters/\(BookSettings.fileName)", line: 1, column: 1)))
        } ?? []
    }

    /// Sets the chapter at `position`'s citations' text and its reference list; returns a
    /// warning at each citation of a key no `.bib` file has.
    func apply(to chapter: inout Chapter, at position: Int) -> [Diagnostic] {
        guard let formatted, formatted.chapters.indices.contains(position) else { return [] }
        let result = formatted.chapters[position]
        guard !result.citations.isEmpty else { return [] }
        // One formatted citation per citation scanned, in order; a mark is one citation. Their
        // places are kept for the problems, found in the same walk.
        var places: [SourceLocation] = []
        chapter.blocks = chapter.blocks.map { block in
            block.mapInlines { inline in
                guard case .citation(var mark) = inline, places.count < result.citations.count else { return inline }
                mark.rendered = Self.inlines(result.citations[places.count].runs, at: mark.location)
                places.append(mark.location)
                return .citation(mark)
            }
        }
        chapter.bibliography = result.references.map { entry in
            BibliographyEntry(anchor: entry.anchor, label: entry.label, content: Self.inlines(entry.runs, at: chapter.location))
        }
        return result.problems.compactMap { problem in
            guard places.indices.contains(problem.citation) else { return nil }
            let place = places[problem.citation]
            return .warning(problem.id, problem.message, at: SourceLocation(file: place.file, line: place.line,
                                                                            column: place.column + problem.keyRange.lowerBound))
        }
    }

    /// Formatted text as the model's inlines: titles in italics, DOIs and URLs as links, a
    /// citation's name and year as a link to its entry.
    static func inlines(_ runs: [TextRun], at location: SourceLocation) -> [Inline] {
        runs.map { run in
            switch run {
            case .text(let text): .text(text)
            case .emphasis(let inner), .smallCaps(let inner): .emphasis(inlines(inner, at: location))
            case .strong(let inner): .strong(inlines(inner, at: location))
            case .code(let inner): .code(TextRun.plainText(inner))
            case .math(let tex): .math(Math(tex: tex, location: location))
            case .link(let url, let inner): .link(destination: url, title: "", content: inlines(inner, at: location))
            case .reference(let anchor, let inner): .link(destination: "#" + anchor, title: "", content: inlines(inner, at: location))
            }
        }
    }

    private static func unique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }
}

extension Chapter {
    /// Where the chapter's own text starts, for what has no place of its own in it.
    var location: SourceLocation { SourceLocation(file: path, line: 1, column: 1) }
}
