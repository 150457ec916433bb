import FolioEvaluate
import FolioModel
import FolioNumbering
import FolioParser
import FolioRemoteCache
import FolioRender
import Foundation
import FolioStorage

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
    /// How many chapters are evaluated and rendered at once.
    public var jobs: Int
    /// Whether a chapter whose page is up to date (nothing it depends on changed, its files in
    /// the output folder untouched) is left alone. `check` turns this off.
    public var reusePages = true
    /// Where the book is read from and written to: the disk, or memory in tests. The evaluator
    /// always uses the disk, which swiftc needs.
    public var files: any FileSystem = DiskFileSystem()
    /// Whether the pages are for `folio serve`'s preview, which shows what a published book may
    /// leave out (check badges).
    public var preview = false
    /// The cache shared with other machines (`--remote-cache`), if any.
    public var remote: RemoteCache?
    /// This job's share of a book split over several (`--shard I/N`): it evaluates only its
    /// chapters, stores their results, and writes no pages.
    public var shard: Shard?
    /// What `render` makes besides the pages and `print.html`: `--pdf`, `--epub`.
    public var editions: Set<BookEdition> = []

    public init(root: String = ".", chapters: [String] = [], outputDirectory: String = "output", timeout: Double = 30,
                slowTypeCheckMilliseconds: Int? = 200, cacheDirectory: String? = nil,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.root = root
        self.chapters = chapters
        self.outputDirectory = outputDirectory
        self.timeout = timeout
        self.slowTypeCheckMilliseconds = slowTypeCheckMilliseconds
        self.cacheDirectory = cacheDirectory
        self.jobs = max(1, jobs)
    }
}

extension RenderRequest {
    /// The output folder as the process can open it.
    var outputPath: String {
        joinPath(root, outputDirectory)
    }

    /// The cache folder, absolute: the request's, else `FOLIO_CACHE_DIR`, else `.folio-cache` in
    /// the book.
    public var cachePath: String {
        // An empty FOLIO_CACHE_DIR is as good as unset.
        let folder = cacheDirectory ?? ProcessInfo.processInfo.environment["FOLIO_CACHE_DIR"].flatMap { $0.isEmpty ? nil : $0 }
        return ChapterEvaluator.absolute(folder ?? joinPath(root, ".folio-cache"))
    }

    /// What `folio serve` renders: pages for the preview (a chapter whose code fails still shows
    /// its latest prose; check badges always shown), in a folder of the cache, so that `output/`
    /// is only ever what `folio render` writes.
    public var forPreview: RenderRequest {
        var request = self
        request.preview = true
        request.outputDirectory = cachePath + "/preview"
        return request
    }
}

/// What a render did: the diagnostics, in chapter order, and the files it wrote.
public struct RenderReport: Sendable {
    public var diagnostics: [Diagnostic]
    /// Output files whose bytes changed, relative to the output folder, in the order written.
    public var written: [String]
    /// Output files an earlier render made and this one made no more, removed.
    public var removed: [String] = []
    /// Chapters whose page was not written because of an error; their last good page stays.
    public var failedChapters: [String]
    /// How each evaluated chapter's code was run or reused, in chapter order.
    public var evaluations: [(chapter: String, report: EvaluationReport)]

    /// Whether the render found no error.
    public var succeeded: Bool { !diagnostics.containsError }
}

/// One chapter as built: the chapter as evaluated (as far as it got), its files, and what was
/// found in it. A chapter with an error has no files: its last good page stays.
public struct BuiltChapter: Sendable {
    public var path: String
    /// Its place in the chapters being built, from 1, and how many there are: for progress.
    public var position: (index: Int, count: Int)
    /// `nil` when the chapter could not be parsed at all, or was not parsed because its page
    /// was up to date.
    public var chapter: Chapter?
    /// The page and the local images it shows; empty when the chapter has an error.
    public var files: [OutputFile]
    /// The chapter's diagnostics, by place.
    public var diagnostics: [Diagnostic]
    /// How its code was evaluated; `nil` when it has none or did not get that far.
    public var evaluation: EvaluationReport?
    /// Wall-clock seconds spent evaluating and rendering it.
    public var seconds: Double
    /// Whether its page in the output folder was already up to date, and left alone.
    public var upToDate = false
    /// For a chapter that failed: a page saying it has not been built, with its errors, which
    /// `render` writes only where the chapter has no good page yet, so that no link is broken.
    public var notBuiltPage: OutputFile?

    public var failed: Bool { diagnostics.containsError }
}

/// What a build hands over, in order: the book's own files first, then each chapter.
public enum BuildStep: Sendable {
    /// The stylesheet and the index page, and the problems found in `book.yml`.
    case book(files: [OutputFile], diagnostics: [Diagnostic])
    case chapter(BuiltChapter)

    /// The files this step made: the book's, or the chapter's (none when it failed).
    public var files: [OutputFile] {
        switch self {
        case .book(let files, _): files
        case .chapter(let built): built.files
        }
    }

    /// The problems found in this step.
    public var diagnostics: [Diagnostic] {
        switch self {
        case .book(_, let diagnostics): diagnostics
        case .chapter(let built): built.diagnostics
        }
    }

    /// The chapter, for a chapter's step.
    public var chapter: BuiltChapter? {
        if case .chapter(let built) = self { built } else { nil }
    }
}

/// A book built in memory: every output file's bytes, the chapters as evaluated, and what was
/// found. For callers that want the whole book at once; `render` and `check` take it step by
/// step instead, so only the chapters in flight are held.
public struct BuiltBook: Sendable {
    /// Output files, relative to the output folder, in the order they are written.
    public var files: [OutputFile]
    /// The chapters asked for, parsed and evaluated (as far as they got).
    public var chapters: [Chapter]
    public var diagnostics: [Diagnostic]
    /// Chapters with an error, whose page is not among `files`.
    public var failedChapters: [String]
    /// How each chapter with code was evaluated, in chapter order.
    public var evaluations: [(chapter: String, report: EvaluationReport)]
}

/// One of N jobs that evaluate a book together (`--shard I/N`, I from 1): each evaluates its
/// share of the chapters with code and stores the results in the remote cache, and a last job
/// renders the whole book from them.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// From 1 to `count`.
    public let index: Int
    public let count: Int

    public init?(index: Int, count: Int) {
        guard count >= 1, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// `I/N`, as `--shard` takes it.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// This shard's chapters among `chapters` (in book order). When every chapter's last
    /// evaluation time is known, the longest are placed first, each on the shard with the least
    /// work so far; a chapter not timed counts as the mean of those that are. With no times at
    /// all, the book is cut in N runs of consecutive chapters. Every job must see the same times
    /// to agree on the split (a chapter no shard took is evaluated by the job that assembles).
    public func share(of chapters: [String], seconds: (String) -> Double?) -> [String] {
        let times = chapters.map(seconds)
        let known = times.compactMap { $0 }
        guard !known.isEmpty else {
            return chapters.indices.filter { $0 * count / max(1, chapters.count) == index - 1 }.map { chapters[$0] }
        }
        let mean = known.reduce(0, +) / Double(known.count)
        let costs = times.map { $0 ?? mean }
        var loads = Array(repeating: 0.0, count: count)
        var mine: Set<Int> = []
        for chapter in chapters.indices.sorted(by: { costs[$0] != costs[$1] ? costs[$0] > costs[$1] : $0 < $1 }) {
            let lightest = loads.indices.min { loads[$0] != loads[$1] ? loads[$0] < loads[$1] : $0 < $1 }!
            loads[lightest] += costs[chapter]
            if lightest == index - 1 { mine.insert(chapter) }
        }
        return chapters.indices.filter(mine.contains).map { chapters[$0] }
    }
}
