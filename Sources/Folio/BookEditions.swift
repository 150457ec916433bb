import FolioEvaluate
import FolioPublish
import FolioRender
import FolioStorage
import Foundation

/// A form of the whole book that `folio render` makes on request, beside the pages: not listed
/// in the output manifest and not compared by `check` (the PDF's bytes are Chromium's), so a
/// render without the flag leaves an earlier one as it is.
public enum BookEdition: String, Sendable, CaseIterable {
    /// `book.pdf`: `print.html` printed by headless Chromium (`--pdf`).
    case pdf
    /// `book.epub`: an EPUB 3, one XHTML document per chapter (`--epub`).
    case epub

    /// The file it is written to, in the output folder.
    public var fileName: String {
        switch self {
        case .pdf: "book.pdf"
        case .epub: EPUBPackage.fileName
        }
    }
}

/// What a build knows of the whole book that its one-page and e-book editions need besides the
/// pages: the outline (title, language, the chapters in order, the bibliography page among them)
/// and the paper from `book.yml`.
public struct BookPlan: Sendable {
    public var outline: BookOutline
    public var paper: PaperSize
}

/// The book's editions made from its written pages: `print.html` with every render and check,
/// `book.epub` and `book.pdf` on request. One home for how a build's pages become them.
enum BookEditions {
    /// The book's pages as `FolioPublish` takes them: each chapter the outline lists whose page
    /// `page(slug)` has, in book order. A chapter with no page at all (never built, in a render
    /// of other chapters) is left out.
    static func publishedBook(_ plan: BookPlan, page: (String) -> [UInt8]?) -> PublishedBook {
        let outline = plan.outline
        let chapters = outline.chapters.compactMap { entry in
            page(entry.slug).map { ChapterPage(slug: entry.slug, title: entry.title, html: String(decoding: $0, as: UTF8.self)) }
        }
        return PublishedBook(title: outline.title, lang: outline.lang, contentsTitle: PageRenderer.contentsTitle(lang: outline.lang),
                             chapters: chapters)
    }

    /// `print.html` from the pages. `outputDirectory` names the folder in an error.
    static func printPage(_ plan: BookPlan, outputDirectory: String, page: (String) -> [UInt8]?) throws(BookError) -> OutputFile {
        let book = publishedBook(plan, page: page)
        do throws(PublishError) {
            let html = try PrintEdition(paper: plan.paper, stylesheetPath: PageRenderer.stylesheetPath).html(for: book)
            return OutputFile(path: PrintEdition.fileName, bytes: Array(html.utf8))
        } catch {
            throw .edition(path: "\(outputDirectory)/\(PrintEdition.fileName)", reason: error.description)
        }
    }

    /// What `print.html` is made from besides the pages' bytes: the files the book makes (the
    /// manifest), the paper, and the `folio` that makes it.
    static func printStamp(_ plan: BookPlan, manifest: OutputManifest) -> String {
        Digest.of(["folio-print-1", ExecutableIdentity.current, "\(plan.paper)"], bytes: manifest.bytes)
    }

    /// Whether `print.html` in the output folder is the one the last render made from what
    /// `stamp` says (its bytes unchanged since: one hash, a few milliseconds for a 100-chapter
    /// book): then, with no page written, it is up to date.
    static func printPageIsCurrent(_ stamp: String, request: RenderRequest) -> Bool {
        guard let page = request.files.contents(request.outputPath + "/" + PrintEdition.fileName) else { return false }
        return request.files.contents(printStampPath(request)) == Array((stamp + "\n" + Digest.of(bytes: page)).utf8)
    }

    static func recordPrintStamp(_ stamp: String, page: [UInt8], request: RenderRequest) {
        _ = try? request.files.writeFile(Array((stamp + "\n" + Digest.of(bytes: page)).utf8), to: printStampPath(request))
    }

    private static func printStampPath(_ request: RenderRequest) -> String {
        request.cachePath + "/print-edition.key"
    }

    /// The page of `slug` in the output folder.
    static func pageOnDisk(_ request: RenderRequest) -> (String) -> [UInt8]? {
        { slug in request.files.contents(request.outputPath + "/" + slug + ".html") }
    }

    /// Makes the editions asked for from what is now in the output folder, writes them, and
    /// returns the ones whose bytes changed. `printer` is Chromium, found before the build.
    static func write(_ editions: Set<BookEdition>, plan: BookPlan, request: RenderRequest, manifest: OutputManifest,
                      printer: PDFPrinter?) throws(BookError) -> [String] {
        guard !editions.isEmpty else { return [] }
        let output = request.outputPath
        let date = try sourceDate(root: request.root)
        var written: [String] = []
        if editions.contains(.epub) {
            let book = publishedBook(plan, page: pageOnDisk(request))
            // The files beside the pages the chapters may show: the EPUB takes those they do.
            let files = manifest.all.sorted().filter { !$0.hasSuffix(".html") && !$0.hasSuffix(".csv") && $0 != PageRenderer.stylesheetPath }
                .compactMap { path in request.files.contents(output + "/" + path).map { BookFile(path: path, bytes: $0) } }
            let bytes: [UInt8]
            do throws(PublishError) {
                bytes = try EPUBPackage().epub(for: book, stylesheet: Array(Stylesheet.css.utf8), files: files, modified: date)
            } catch {
                throw .edition(path: "\(request.outputDirectory)/\(BookEdition.epub.fileName)", reason: error.description)
            }
            if try request.files.writeFile(bytes, to: output + "/" + BookEdition.epub.fileName) { written.append(BookEdition.epub.fileName) }
        }
        if editions.contains(.pdf), let printer {
            let bytes: [UInt8]
            do throws(PDFError) {
                bytes = try printer.pdf(of: output + "/" + PrintEdition.fileName, date: date)
            } catch {
                throw .edition(path: "\(request.outputDirectory)/\(BookEdition.pdf.fileName)", reason: error.description)
            }
            if try request.files.writeFile(bytes, to: output + "/" + BookEdition.pdf.fileName) { written.append(BookEdition.pdf.fileName) }
        }
        return written
    }

    /// Chromium, for `--pdf`: found before the book is built, so a missing one is said at once.
    /// Registered with `RunningProcesses` while it runs, so that Ctrl-C ends it too.
    static func printer(outputDirectory: String) throws(BookError) -> PDFPrinter {
        do throws(PDFError) {
            var printer = try PDFPrinter.find()
            printer.started = { pid, scratch in RunningProcesses.track(pid, folder: scratch) }
            printer.ended = { pid, scratch in RunningProcesses.untrack(pid, folder: scratch) }
            return printer
        } catch {
            throw .edition(path: "\(outputDirectory)/\(BookEdition.pdf.fileName)", reason: error.description)
        }
    }

    /// The date the EPUB and the PDF carry (`dcterms:modified`, the archive's entries, the PDF's
    /// `/CreationDate`): `SOURCE_DATE_EPOCH` when set (reproducible-builds.org's convention),
    /// else the time the newest file in `chapters/` was last changed — so the same sources give
    /// the same bytes, and an edit gives a newer date. Never before 1980, where zip's dates begin.
    static func sourceDate(root: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(BookError) -> Date {
        let floor = Date(timeIntervalSince1970: 315_532_800)  // 1980-01-01T00:00:00Z
        if let epoch = environment["SOURCE_DATE_EPOCH"], !epoch.isEmpty {
            guard let seconds = Int64(epoch), seconds >= 0 else {
                throw .edition(path: "SOURCE_DATE_EPOCH", reason: "must be a whole number of seconds since 1970-01-01, not '\(epoch)'")
            }
            return max(floor, Date(timeIntervalSince1970: Double(seconds)))
        }
        let chapters = joinPath(root, BookBuilder.chaptersDirectory)
        var newest = floor
        let keys: [URLResourceKey] = [.contentModificationDateKey, .isRegularFileKey]
        guard let walk = FileManager.default.enumerator(at: URL(fileURLWithPath: chapters), includingPropertiesForKeys: keys,
                                                        options: [.skipsHiddenFiles]) else { return newest }
        for case let url as URL in walk {
            guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true,
                  let modified = values.contentModificationDate else { continue }
            newest = max(newest, modified)
        }
        return Date(timeIntervalSince1970: newest.timeIntervalSince1970.rounded(.down))
    }
}
